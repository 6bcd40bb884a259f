import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDay, type Day } from '../../core/lib';
import { AwsConnector } from '../../core/ingest/aws';
import type { CallContext, RangeFetch } from '../../core/ingest/remote';
import { startAwsCe, type AwsCeServer } from '../servers/aws-ce/server';
import { fixed, generateDaily, parseFixed, totalCents } from '../servers/common/generate';

const accounts = [
  { id: '000123456789', name: 'payer' },
  { id: '111122223333', name: 'prod' },
  { id: '444455556666', name: 'dev' },
];
const rows = generateDaily({
  seed: 42,
  from: parseDay('2026-06-01'),
  to: parseDay('2026-09-01'),
  accounts,
  services: ['Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service', 'AWS Lambda', 'Amazon Relational Database Service', 'Tax'],
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
  currency: 'USD',
});
const months = [
  { from: parseDay('2026-06-01'), to: parseDay('2026-07-01') },
  { from: parseDay('2026-07-01'), to: parseDay('2026-08-01') },
  { from: parseDay('2026-08-01'), to: parseDay('2026-09-01') },
];

let server: AwsCeServer;
const waits: number[] = [];
const ctx: CallContext = { sleep: async (ms) => void waits.push(ms) };
const sum = (fs: readonly RangeFetch[], pick: 'BilledCost' | 'EffectiveCost'): string => fixed(fs.flatMap((f) => f.rows).reduce((s, r) => s + parseFixed(r[pick]), 0n), 2);

beforeAll(async () => {
  server = await startAwsCe({ rows, accounts, pageSize: 40 });
  // The real credential chain: a shared credentials file with a named profile.
  const dir = mkdtempSync(join(tmpdir(), 'headroom-aws-'));
  writeFileSync(join(dir, 'credentials'), '[headroom-test]\naws_access_key_id = AKIDLOOPBACK\naws_secret_access_key = loopback-secret\n');
  writeFileSync(join(dir, 'config'), '[profile headroom-test]\nregion = us-east-1\n');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'credentials');
  process.env['AWS_CONFIG_FILE'] = join(dir, 'config');
});
afterAll(async () => server.close());
afterEach(() => {
  server.faults.clear();
  waits.length = 0;
});

const connector = (): AwsConnector => new AwsConnector({ settings: { profile: 'headroom-test', endpoint: server.url, billingAccountId: '000123456789' }, rand: () => 1 });

describe('AWS connector against the loopback Cost Explorer', () => {
  it('fetches three months with paging; totals equal the data to the cent; every request counted', async () => {
    const before = { ...server.billable };
    const c = connector();
    const plan = await c.plan(months, ctx);
    expect(plan.planning.requests).toBe(1);
    const fetched: RangeFetch[] = [];
    for (const m of months) fetched.push(await c.fetchRange(m, ctx));
    expect(sum(fetched, 'BilledCost')).toBe(totalCents(rows, (r) => r.unblended));
    expect(sum(fetched, 'EffectiveCost')).toBe(totalCents(rows, (r) => r.netAmortized));
    expect(fetched.flatMap((f) => f.rows).length).toBe(rows.length);
    // Expected pages, derived from the data: per month and account, ceil(groups / 40).
    let expectedPages = 0;
    for (const m of months)
      for (const a of accounts) {
        const n = rows.filter((r) => r.account === a.id && r.day >= m.from && r.day < m.to).length;
        expectedPages += Math.ceil(n / 40);
      }
    const requests = fetched.reduce((n, f) => n + f.requests, 0);
    expect(requests).toBe(expectedPages);
    expect(expectedPages).toBeGreaterThan(9);
    expect(server.billable.GetCostAndUsage - before.GetCostAndUsage).toBe(expectedPages);
    expect(server.billable.GetDimensionValues - before.GetDimensionValues).toBe(1);
    expect(fetched.reduce((s, f) => s + (f.cost.usd ?? 0), 0)).toBeCloseTo(expectedPages * 0.01, 6);
    const names = new Set(fetched.flatMap((f) => f.rows.map((r) => `${r.SubAccountId}=${r.SubAccountName}`)));
    expect(names).toEqual(new Set(accounts.map((a) => `${a.id}=${a.name}`)));
    // What was learned predicts the next plan's pages exactly.
    const again = new AwsConnector({ settings: { profile: 'headroom-test', endpoint: server.url }, learned: c.learned() });
    const p2 = await again.plan(months, ctx);
    expect(p2.ranges.reduce((n, r) => n + r.requests, 0)).toBe(expectedPages);
  });

  it('marks Estimated days open, and a re-fetch after they settle returns the final amounts', async () => {
    server.settle(parseDay('2026-08-20'));
    const c = connector();
    const f = await c.fetchRange(months[2]!, ctx);
    expect(f.openDays[0]).toBe('2026-08-20');
    expect(f.openDays.length).toBe(12);
    const aug = rows.filter((r) => r.day >= '2026-08-01');
    expect(sum([f], 'BilledCost')).not.toBe(totalCents(aug, (r) => r.unblended));
    server.settle(undefined);
    const g = await c.fetchRange(months[2]!, ctx);
    expect(g.openDays).toEqual([]);
    expect(sum([g], 'BilledCost')).toBe(totalCents(aug, (r) => r.unblended));
  });

  it('retries a throttling burst, 5xx, a slow answer, a truncated page and malformed JSON, and still gets exact totals', async () => {
    server.faults
      .add({ kind: 'throttle', op: 'GetCostAndUsage', skip: 1, times: 3 })
      .add({ kind: 'server-error', op: 'GetCostAndUsage', skip: 3 })
      .add({ kind: 'slow', op: 'GetCostAndUsage', skip: 4, delayMs: 200 })
      .add({ kind: 'truncate', op: 'GetCostAndUsage', skip: 5 })
      .add({ kind: 'malformed', op: 'GetCostAndUsage', skip: 6 });
    const before = server.billable.GetCostAndUsage + server.billable.GetDimensionValues;
    const c = connector();
    const f = await c.fetchRange(months[1]!, ctx);
    const jul = rows.filter((r) => r.day >= '2026-07-01' && r.day < '2026-08-01');
    expect(sum([f], 'BilledCost')).toBe(totalCents(jul, (r) => r.unblended));
    expect(server.faults.fired.map((x) => x.kind)).toEqual(['throttle', 'throttle', 'throttle', 'server-error', 'slow', 'truncate', 'malformed']);
    // Three throttles back off exponentially (the SDK standard-mode shape: 100, 200, 400 ms at full jitter).
    expect(waits.slice(0, 3)).toEqual([100, 200, 400]);
    expect(waits.length).toBe(6);
    // Failed attempts are not billed; the connector's count equals the server's billable count.
    expect(server.billable.GetCostAndUsage + server.billable.GetDimensionValues - before).toBe(f.requests);
  });

  it('a page token Cost Explorer refuses (InvalidNextTokenException) restarts that account\'s pages from the first: exact totals, no row twice', async () => {
    const c = connector();
    await c.plan(months, ctx);
    // The fault lands on the second GetCostAndUsage request: the first account's second page.
    server.faults.add({ kind: 'stale-token', op: 'GetCostAndUsage', skip: 1 });
    const from = server.received.length;
    const before = server.billable.GetCostAndUsage;
    const f = await c.fetchRange(months[0]!, ctx);
    const june = rows.filter((r) => r.day < '2026-07-01');
    expect(server.faults.fired).toEqual([{ kind: 'stale-token', op: 'GetCostAndUsage' }]);
    expect(f.rows.length).toBe(june.length);
    expect(sum([f], 'BilledCost')).toBe(totalCents(june, (r) => r.unblended));
    expect(sum([f], 'EffectiveCost')).toBe(totalCents(june, (r) => r.netAmortized));
    // Request 3 (after the refusal) asked again without a token, for the same account.
    const sent = server.received.slice(from).map((r) => r.body);
    expect(sent[1]?.['NextPageToken']).toBeDefined();
    expect(sent[2]?.['NextPageToken']).toBeUndefined();
    expect(sent[2]?.['Filter']).toEqual(sent[0]?.['Filter']);
    expect(server.billable.GetCostAndUsage - before).toBe(f.requests);
  });

  it('a token refused again and again stops the range with a clear error, nothing returned', async () => {
    server.faults.add({ kind: 'stale-token', op: 'GetCostAndUsage', skip: 1, times: 1 }).add({ kind: 'stale-token', op: 'GetCostAndUsage', skip: 2, times: 1 }).add({ kind: 'stale-token', op: 'GetCostAndUsage', skip: 3, times: 1 });
    await expect(connector().fetchRange(months[0]!, ctx)).rejects.toMatchObject({ code: 'REMOTE', message: expect.stringMatching(/^Cost Explorer refused its own page token 3 times for account 000123456789 over 2026-06-01 … 2026-07-01 \(InvalidNextTokenException: .*\)\. Nothing of this range was written; run the sync again\.$/) });
  });

  it('honours a Retry-After header when the service sends one', async () => {
    server.faults.add({ kind: 'throttle', op: 'GetDimensionValues', retryAfterSeconds: 7 });
    await connector().plan(months, ctx);
    expect(waits).toEqual([7000]);
  });

  it('stops with a clear AUTH error when the token expires mid-range', async () => {
    server.faults.add({ kind: 'expired-token', op: 'GetCostAndUsage', skip: 2 });
    await expect(connector().fetchRange(months[0]!, ctx)).rejects.toMatchObject({ code: 'AUTH', message: expect.stringMatching(/ExpiredTokenException.*aws sso login --profile headroom-test/) });
  });

  it('gives up after the attempts are used and says what to do', async () => {
    server.faults.add({ kind: 'server-error', op: 'GetCostAndUsage', times: 10 });
    await expect(new AwsConnector({ settings: { profile: 'headroom-test', endpoint: server.url }, maxAttempts: 3, rand: () => 1 }).fetchRange(months[0]!, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('a profile that is not defined stops before any request, saying that no credentials were found and where profiles live', async () => {
    const before = server.received.length;
    await expect(new AwsConnector({ settings: { profile: 'no-such-profile', endpoint: server.url } }).plan(months, ctx)).rejects.toMatchObject({
      code: 'AUTH',
      message: expect.stringMatching(/^No AWS credentials were found for the profile "no-such-profile" \(CredentialsProviderError: .*\); nothing was sent to AWS\. Check that the profile "no-such-profile" is defined in ~\/\.aws\/config/),
    });
    expect(server.received.length).toBe(before);
  });

  it('an endpoint nothing listens on is retried, then reported as a connection failure naming the address and what to check', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const c = new AwsConnector({ settings: { profile: 'headroom-test', endpoint: `http://127.0.0.1:${port}` }, maxAttempts: 3, rand: () => 1 });
    await expect(c.plan(months, ctx)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`Gave up after 3 attempts (could not connect to Cost Explorer (connect ECONNREFUSED 127.0.0.1:${port}); check the source's endpoint ("headroom source list"), AWS_ENDPOINT_URL and the network)`),
    });
    expect(waits).toEqual([100, 200]);
  });

  it('reads the provider forecast', async () => {
    const f = await connector().forecast({ from: parseDay('2026-09-01'), to: parseDay('2026-11-01') }, ctx);
    expect(f?.points.map((p) => [p.from, p.to])).toEqual([
      ['2026-09-01', '2026-10-01'],
      ['2026-10-01', '2026-11-01'],
    ]);
    const last28 = [...new Set(rows.map((r) => r.day))].sort().slice(-28) as Day[];
    const perDay = rows.filter((r) => last28.includes(r.day)).reduce((s, r) => s + r.netAmortized, 0n) / 28n;
    expect(f?.points[0]?.mean).toBeCloseTo(Number(fixed(perDay * 30n)), 4);
    expect(f?.points[0]?.lo).toBeLessThan(f?.points[0]?.mean ?? 0);
  });
});
