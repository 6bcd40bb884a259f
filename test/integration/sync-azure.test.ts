/**
 * The sync engine with the real Azure SDK (ClientSecretCredential through MSAL, CostManagementClient)
 * against the loopback Cost Management over https: several months with nextLink paging, exact
 * totals, dry-run = run, throttling, a crash and a cancel between months, and a resumed rerun.
 */
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDay, type Progress } from '../../core/lib';
import { AzureConnector, type AzureLearned, type AzureSettings } from '../../core/ingest/azure';
import { addCloudSource, runSync, type ConnectorFactory, type SyncDeps } from '../../core/service';
import { openStore, type Store } from '../../core/store';
import { tempDir } from '../../core/store/testing/fixtures';
import { startAzureCost, type AzureCostServer } from '../servers/azure-cost/server';
import { generateDaily, totalCents, type GenRow } from '../servers/common/generate';
import { trustingAgent } from '../servers/common/tls';

const SUB = '11111111-2222-3333-4444-555555555555';
const rows = generateDaily({
  seed: 23,
  from: parseDay('2026-04-01'),
  to: parseDay('2026-08-01'),
  accounts: [{ id: SUB, name: 'sub' }],
  services: ['Virtual Machines', 'Storage', 'SQL Database', 'Bandwidth'],
  regions: ['eastus', 'northeurope', 'japaneast'],
  currency: 'EUR',
});
const PAGE = 64;

let server: AzureCostServer;
let store: Store;
let cleanup: () => void;
const waits: number[] = [];

const factory: ConnectorFactory = ({ source, learned, clock }) => {
  const agent = trustingAgent();
  return new AzureConnector({
    settings: source.settings as unknown as AzureSettings,
    clock,
    credential: new ClientSecretCredential('tenant-9', 'client-9', 'loopback-secret', { authorityHost: server.url, disableInstanceDiscovery: true, agent }),
    agent,
    rand: () => 1,
    ...(learned ? { learned: learned as AzureLearned } : {}),
  });
};
const deps = (extra: Partial<SyncDeps> = {}): SyncDeps => ({ store, clock: () => new Date('2026-11-26T10:00:00Z'), sleep: async (ms) => void waits.push(ms), connectors: factory, ...extra });

beforeAll(async () => {
  server = await startAzureCost({ rows, pageSize: PAGE });
});
afterAll(async () => server.close());
beforeEach(async () => {
  const t = tempDir('headroom-sync-azure-');
  cleanup = t.cleanup;
  store = await openStore(t.dir);
  await addCloudSource(store, { kind: 'azure', name: 'azure-prod', settings: { scope: `/subscriptions/${SUB}`, endpoint: server.url } });
  server.faults.clear();
  waits.length = 0;
});
afterEach(async () => {
  await store.close();
  cleanup();
});

async function totals(): Promise<{ billed: string; effective: string; rows: number }> {
  const r = await store.read((sql) => sql.all(`SELECT CAST(ROUND(SUM(BilledCost), 2) AS VARCHAR) AS b, CAST(ROUND(SUM(EffectiveCost), 2) AS VARCHAR) AS e, COUNT(*) AS n FROM charges`));
  return { billed: String(r[0]?.['b'] ?? 'null'), effective: String(r[0]?.['e'] ?? 'null'), rows: Number(r[0]?.['n']) };
}
const expected = (rs: readonly GenRow[]): { billed: string; effective: string; rows: number } => ({ billed: totalCents(rs, (r) => r.unblended), effective: totalCents(rs, (r) => r.amortized), rows: rs.length });
const pagesFor = (rs: readonly GenRow[]): number => {
  const n = new Map<string, number>();
  for (const r of rs) n.set(r.day.slice(0, 7), (n.get(r.day.slice(0, 7)) ?? 0) + 1);
  return [...n.values()].reduce((s, c) => s + 2 * Math.ceil(c / PAGE), 0);
};

describe('sync azure', () => {
  it('syncs four months exactly; the dry run after a first month predicts requests, pages and QPU', async () => {
    const april = rows.filter((r) => r.day < '2026-05-01');
    const first = await runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-05-01') });
    expect(first.pages).toBe(pagesFor(april));
    expect(first.rows_written).toBe(april.length);
    const plan = await runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01'), dryRun: true });
    const qpuBefore = server.served.qpu;
    const progress: Progress[] = [];
    const run = await runSync(deps({ progress: (p) => progress.push(p) }), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') });
    expect({ requests: run.requests, pages: run.pages, cost: run.estimated_cost }).toEqual({ requests: plan.requests, pages: plan.pages, cost: plan.estimated_cost });
    expect(run.pages).toBe(pagesFor(rows.filter((r) => r.day >= '2026-05-01')));
    expect(run.estimated_cost.qpu).toBe(server.served.qpu - qpuBefore);
    expect(await totals()).toEqual(expected(rows));
    expect(run.totals.map((t) => t.currency)).toEqual(['EUR']);
    expect(progress.filter((p) => p.phase === 'commit').map((p) => p.done)).toEqual([1, 2, 3]);
  });

  it('a crash after the first committed month keeps it; the rerun fetches only the rest', async () => {
    await expect(
      runSync(
        deps({
          onCommitted: () => {
            throw new Error('simulated crash');
          },
        }),
        { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') },
      ),
    ).rejects.toThrow('simulated crash');
    expect(await totals()).toEqual(expected(rows.filter((r) => r.day < '2026-05-01')));
    const rerun = await runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') });
    expect(rerun.rows_written).toBe(rows.filter((r) => r.day >= '2026-05-01').length);
    expect(await totals()).toEqual(expected(rows));
  });

  it('cancelling stops between pages with CANCELLED and writes nothing of the range in progress', async () => {
    const ac = new AbortController();
    let pages = 0;
    const p = runSync(
      deps({
        signal: ac.signal,
        progress: (e) => {
          if (e.phase === 'fetch' && e.message?.includes('rows') && ++pages === 3) ac.abort(new Error('user cancelled'));
        },
      }),
      { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') },
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await totals()).rows).toBe(0);
    await runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') });
    expect(await totals()).toEqual(expected(rows));
  });

  it('a throttling burst mid-sync is waited out with the announced retry-after and totals stay exact', async () => {
    server.throttle = { qpu: 4, entity: 1, tenant: 9 };
    server.faults.add({ kind: 'throttle', op: 'query', skip: 5, times: 3 });
    await runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') });
    expect(waits).toEqual([9000, 9000, 9000]);
    expect(await totals()).toEqual(expected(rows));
  });

  it('an expired token stops the sync with the months before it intact; the rerun completes', async () => {
    server.faults.add({ kind: 'expired-token', op: 'query', skip: pagesFor(rows.filter((r) => r.day < '2026-06-01')) + 1 });
    await expect(runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') })).rejects.toMatchObject({ code: 'AUTH' });
    expect(await totals()).toEqual(expected(rows.filter((r) => r.day < '2026-06-01')));
    await runSync(deps(), { provider: 'azure', from: parseDay('2026-04-01'), to: parseDay('2026-08-01') });
    expect(await totals()).toEqual(expected(rows));
  });

  it('a sync that reaches today also stores the provider forecast, and the dry run counts that call', async () => {
    const today = (): Date => new Date('2026-07-20T08:00:00Z');
    await runSync(deps({ clock: today }), { provider: 'azure', from: parseDay('2026-06-01'), to: parseDay('2026-07-01') });
    const plan = await runSync(deps({ clock: today }), { provider: 'azure', from: parseDay('2026-07-01'), to: parseDay('2026-07-20'), dryRun: true });
    const forecastsBefore = server.served.forecasts;
    const run = await runSync(deps({ clock: today }), { provider: 'azure', from: parseDay('2026-07-01'), to: parseDay('2026-07-20') });
    expect(server.served.forecasts - forecastsBefore).toBe(1);
    expect(run.requests).toBe(plan.requests);
    const source = await store.getSource('azure-prod');
    const f = await store.providerForecasts(source?.id ?? -1);
    expect(f.map((x) => [x.provider, x.metric, x.currency])).toEqual([['Microsoft', 'AmortizedCost', 'EUR']]);
    // From today to the end of the third month ahead, one point a day.
    expect(f[0]?.points[0]?.from).toBe('2026-07-20');
    expect(f[0]?.points.at(-1)?.to).toBe('2026-10-01');
    // July is the open month as of July 20th: every synced day stays open for the next sync.
    const days = await store.syncDays(source?.id ?? -1, parseDay('2026-06-01'), parseDay('2026-07-20'));
    expect(days.length).toBe(30 + 19);
    expect(days.filter((d) => d.final).length).toBe(30);
    expect(days.filter((d) => !d.final)[0]?.day).toBe('2026-07-01');
  });
});
