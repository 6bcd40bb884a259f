import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/lib';
import { AzureConnector } from '../../core/ingest/azure';
import type { CallContext, RangeFetch } from '../../core/ingest/remote';
import { startAzureCost, type AzureCostServer } from '../servers/azure-cost/server';
import { fixed, generateDaily, parseFixed, totalCents } from '../servers/common/generate';
import { trustingAgent } from '../servers/common/tls';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const rows = generateDaily({
  seed: 5,
  from: parseDay('2026-05-01'),
  to: parseDay('2026-08-01'),
  accounts: [{ id: SUB, name: 'prod-subscription' }],
  services: ['Virtual Machines', 'Storage', 'Azure App Service', 'Azure Cosmos DB', 'Bandwidth'],
  regions: ['eastus', 'westeurope', 'uksouth'],
  currency: 'USD',
});
const months = [
  { from: parseDay('2026-05-01'), to: parseDay('2026-06-01') },
  { from: parseDay('2026-06-01'), to: parseDay('2026-07-01') },
  { from: parseDay('2026-07-01'), to: parseDay('2026-08-01') },
];

let server: AzureCostServer;
const waits: number[] = [];
const ctx: CallContext = { sleep: async (ms) => void waits.push(ms) };
const sum = (fs: readonly RangeFetch[], pick: 'BilledCost' | 'EffectiveCost'): string => fixed(fs.flatMap((f) => f.rows).reduce((s, r) => s + parseFixed(r[pick]), 0n), 2);

beforeAll(async () => {
  server = await startAzureCost({ rows, pageSize: 100 });
});
afterAll(async () => server.close());
afterEach(() => {
  server.faults.clear();
  waits.length = 0;
});

const connector = (): AzureConnector => {
  const agent = trustingAgent();
  // The real identity path: ClientSecretCredential → MSAL → the loopback authority (https).
  const credential = new ClientSecretCredential('tenant-1', 'client-1', 'loopback-secret', { authorityHost: server.url, disableInstanceDiscovery: true, agent });
  return new AzureConnector({ settings: { scope: `/subscriptions/${SUB}`, endpoint: server.url }, credential, agent, clock: () => new Date('2026-11-26T00:00:00Z'), rand: () => 1 });
};

describe('Azure connector against the loopback Cost Management', () => {
  it('queries three months with nextLink paging; totals equal the data to the cent', async () => {
    const c = connector();
    const fetched: RangeFetch[] = [];
    for (const m of months) fetched.push(await c.fetchRange(m, ctx));
    expect(sum(fetched, 'BilledCost')).toBe(totalCents(rows, (r) => r.unblended));
    expect(sum(fetched, 'EffectiveCost')).toBe(totalCents(rows, (r) => r.amortized));
    expect(fetched.flatMap((f) => f.rows).length).toBe(rows.length);
    const perMonth = months.map((m) => rows.filter((r) => r.day >= m.from && r.day < m.to).length);
    const expectedPages = perMonth.reduce((s, n) => s + 2 * Math.ceil(n / 100), 0);
    expect(fetched.reduce((s, f) => s + f.pages, 0)).toBe(expectedPages);
    expect(fetched.reduce((s, f) => s + (f.cost.qpu ?? 0), 0)).toBe(server.served.qpu);
    // nextLinks were followed verbatim: with the older api-version they carry.
    const next = server.received.filter((r) => r.url.includes('$skiptoken'));
    expect(next.length).toBe(expectedPages - 6);
    for (const r of next) expect(r.url).toMatch(/api-version=2021-10-01/);
    expect(fetched.every((f) => f.openDays.length === 0)).toBe(true);
    const plan = await new AzureConnector({ settings: { scope: `/subscriptions/${SUB}`, endpoint: server.url }, credential: undefined as never, learned: c.learned(), clock: () => new Date() }).plan(months);
    expect(plan.ranges.reduce((s, r) => s + r.pages, 0)).toBe(expectedPages);
  });

  it('waits for the largest of the costmanagement retry-after headers on 429', async () => {
    server.throttle = { qpu: 3, entity: 7, tenant: 2 };
    server.faults.add({ kind: 'throttle', op: 'query', skip: 1, times: 2 });
    const f = await connector().fetchRange(months[0]!, ctx);
    expect(waits).toEqual([7000, 7000]);
    expect(sum([f], 'BilledCost')).toBe(totalCents(rows.filter((r) => r.day < '2026-06-01'), (r) => r.unblended));
  });

  it('survives 5xx, a slow answer, a truncated page and malformed JSON with exact totals', async () => {
    server.faults.add({ kind: 'server-error', op: 'query', skip: 0 }).add({ kind: 'slow', op: 'query', skip: 1, delayMs: 150 }).add({ kind: 'truncate', op: 'query', skip: 2 }).add({ kind: 'malformed', op: 'query', skip: 3 });
    const f = await connector().fetchRange(months[1]!, ctx);
    expect(server.faults.fired.map((x) => x.kind)).toEqual(['server-error', 'slow', 'truncate', 'malformed']);
    expect(sum([f], 'EffectiveCost')).toBe(totalCents(rows.filter((r) => r.day >= '2026-06-01' && r.day < '2026-07-01'), (r) => r.amortized));
  });

  it('stops with AUTH when the token expires mid-sync', async () => {
    server.faults.add({ kind: 'expired-token', op: 'query', skip: 2 });
    await expect(connector().fetchRange(months[2]!, ctx)).rejects.toMatchObject({ code: 'AUTH', message: expect.stringMatching(/ExpiredAuthenticationToken.*Cost Management Reader/) });
  });

  it('an endpoint nothing listens on is retried, then reported as a connection failure naming the address and what to check', async () => {
    const port = await closedPort();
    const credential = new ClientSecretCredential('tenant-1', 'client-1', 'loopback-secret', { authorityHost: server.url, disableInstanceDiscovery: true, agent: trustingAgent() });
    const c = new AzureConnector({ settings: { scope: `/subscriptions/${SUB}`, endpoint: `https://127.0.0.1:${port}` }, credential, agent: trustingAgent(), clock: () => new Date('2026-11-26T00:00:00Z'), maxAttempts: 2, rand: () => 1 });
    await expect(c.fetchRange(months[0]!, ctx)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`Gave up after 2 attempts (could not connect to Cost Management (connect ECONNREFUSED 127.0.0.1:${port}); check the source's --endpoint/--cloud ("headroom source list") and the network)`),
    });
  });

  it('refuses to exceed the QPU budget', async () => {
    const c = new AzureConnector({ settings: { scope: `/subscriptions/${SUB}`, endpoint: server.url, qpuBudget: 3 }, credential: new ClientSecretCredential('t', 'c', 's', { authorityHost: server.url, disableInstanceDiscovery: true, agent: trustingAgent() }), agent: trustingAgent(), clock: () => new Date() });
    await expect(c.fetchRange(months[0]!, ctx)).rejects.toMatchObject({ code: 'THROTTLED', message: expect.stringMatching(/QPU budget \(3/) });
  });

  it('reads the provider forecast', async () => {
    const f = await connector().forecast({ from: parseDay('2026-11-26'), to: parseDay('2026-12-01') }, ctx);
    expect(f?.points.map((p) => p.from)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(f?.metric).toBe('AmortizedCost');
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
