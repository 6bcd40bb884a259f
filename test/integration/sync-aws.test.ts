/**
 * `headroom source add aws` + `headroom sync aws` end to end: the CLI, the sync engine, the real
 * AWS SDK (named profile from a shared credentials file, endpoint from the source) and the
 * loopback Cost Explorer. Totals in the store are compared with the generated data to the cent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/lib';
import { runSync } from '../../core/service';
import { openStore } from '../../core/store';
import { startAwsCe, type AwsCeServer } from '../servers/aws-ce/server';
import { generateDaily, totalCents, type GenRow } from '../servers/common/generate';
import { runCli } from '../helpers/cli';

const accounts = [
  { id: '000123456789', name: 'payer' },
  { id: '111122223333', name: 'prod' },
];
const rows = generateDaily({
  seed: 11,
  from: parseDay('2026-06-01'),
  to: parseDay('2026-09-01'),
  accounts,
  services: ['Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service', 'AWS Lambda', 'Amazon CloudFront'],
  regions: ['us-east-1', 'eu-west-1', 'global'],
  currency: 'USD',
});
const PAGE = 50;

let server: AwsCeServer;
let dataDir: string;
let credsDir: string;

beforeAll(async () => {
  server = await startAwsCe({ rows, accounts, pageSize: PAGE });
  credsDir = mkdtempSync(join(tmpdir(), 'headroom-aws-creds-'));
  writeFileSync(join(credsDir, 'credentials'), '[hr]\naws_access_key_id = AKIDLOOPBACK\naws_secret_access_key = loopback-secret\n');
  writeFileSync(join(credsDir, 'config'), '[profile hr]\nregion = us-east-1\n');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(credsDir, 'credentials');
  process.env['AWS_CONFIG_FILE'] = join(credsDir, 'config');
});
afterAll(async () => {
  await server.close();
  rmSync(credsDir, { recursive: true, force: true });
});
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'headroom-sync-aws-'));
  server.faults.clear();
  server.settle(undefined);
  const add = await runCli(['source', 'add', 'aws', '--name', 'main', '--profile', 'hr', '--endpoint', server.url, '--billing-account', '000123456789', '--data-dir', dataDir]);
  expect(add.err).toBe('');
  expect(add.code).toBe(0);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Store totals rounded to cents, computed by DuckDB on the DECIMAL columns. */
async function storeTotals(): Promise<{ billed: string; effective: string; rows: number }> {
  const store = await openStore(dataDir);
  try {
    const r = await store.read((sql) => sql.all(`SELECT CAST(ROUND(SUM(BilledCost), 2) AS VARCHAR) AS b, CAST(ROUND(SUM(EffectiveCost), 2) AS VARCHAR) AS e, COUNT(*) AS n FROM charges`));
    return { billed: String(r[0]?.['b'] ?? '0'), effective: String(r[0]?.['e'] ?? '0'), rows: Number(r[0]?.['n']) };
  } finally {
    await store.close();
  }
}

const expectedCents = (rs: readonly GenRow[]): { billed: string; effective: string; rows: number } => ({
  billed: totalCents(rs, (r) => r.unblended),
  effective: totalCents(rs, (r) => r.netAmortized),
  rows: rs.length,
});
const billableTotal = (): number => server.billable.GetCostAndUsage + server.billable.GetDimensionValues + server.billable.GetCostForecast;
const sync = async (...args: string[]): Promise<{ code: number; json: Record<string, unknown>; err: string }> => {
  const r = await runCli(['sync', 'aws', ...args, '--json', '--data-dir', dataDir]);
  return { code: r.code, json: r.code === 0 ? (JSON.parse(r.out) as Record<string, unknown>) : {}, err: r.err };
};
/** Pages CE needs for these rows: per month and account, ceil(groups / page size). */
function pagesFor(rs: readonly GenRow[]): number {
  const n = new Map<string, number>();
  for (const r of rs) n.set(`${r.day.slice(0, 7)}|${r.account}`, (n.get(`${r.day.slice(0, 7)}|${r.account}`) ?? 0) + 1);
  return [...n.values()].reduce((s, c) => s + Math.ceil(c / PAGE), 0);
}

describe('headroom sync aws', () => {
  it('syncs three months exactly, counts every billable request, and a dry run predicts the next run', async () => {
    const before = billableTotal();
    const june = rows.filter((r) => r.day < '2026-07-01');
    const first = await sync('--from', '2026-06-01', '--to', '2026-07-01');
    expect(first.code).toBe(0);
    expect(Object.keys(first.json)).toEqual(['source', 'provider', 'from', 'to', 'requests', 'pages', 'estimated_cost', 'rows_written', 'totals']);
    expect(first.json['requests']).toBe(1 + pagesFor(june));
    expect(billableTotal() - before).toBe(first.json['requests']);
    expect(first.json['estimated_cost']).toEqual({ usd: Math.round((1 + pagesFor(june))) / 100 });
    expect(first.json['rows_written']).toBe(june.length);

    const rest = rows.filter((r) => r.day >= '2026-07-01');
    const plan = await sync('--from', '2026-06-01', '--to', '2026-09-01', '--dry-run');
    expect(plan.json['rows_written']).toBe(0);
    expect(plan.json['totals']).toEqual([]);
    // The human plan names the fees' currency (Cost Explorer bills in US dollars), in cents.
    const planned = await runCli(['sync', 'aws', '--from', '2026-06-01', '--to', '2026-09-01', '--dry-run', '--data-dir', dataDir]);
    const fees = (plan.json['estimated_cost'] as { usd: number }).usd;
    expect(fees).toBeGreaterThan(0);
    expect(planned.out).toContain(`, ${(Math.round(fees * 100) / 100).toFixed(2)} USD in API fees\n`);
    const mid = billableTotal();
    const run = await sync('--from', '2026-06-01', '--to', '2026-09-01');
    expect(run.json['requests']).toBe(plan.json['requests']);
    expect(run.json['pages']).toBe(plan.json['pages']);
    expect(run.json['estimated_cost']).toEqual(plan.json['estimated_cost']);
    expect(run.json['requests']).toBe(1 + pagesFor(rest));
    expect(billableTotal() - mid).toBe(run.json['requests']);
    expect(await storeTotals()).toEqual(expectedCents(rows));

    // Everything is final now: a rerun makes no request and changes nothing.
    const again = billableTotal();
    const idle = await sync('--from', '2026-06-01', '--to', '2026-09-01');
    expect(idle.json['requests']).toBe(0);
    expect(billableTotal()).toBe(again);
    expect(await storeTotals()).toEqual(expectedCents(rows));
    // --refresh re-fetches and replaces exactly the same rows (idempotent).
    const refreshed = await sync('--from', '2026-07-01', '--to', '2026-08-01', '--refresh');
    expect(refreshed.json['rows_written']).toBe(rows.filter((r) => r.day.startsWith('2026-07')).length);
    expect(await storeTotals()).toEqual(expectedCents(rows));
  });

  it('re-fetches only the Estimated days until they are final', async () => {
    server.settle(parseDay('2026-08-25'));
    await sync('--from', '2026-08-01', '--to', '2026-09-01');
    const aug = rows.filter((r) => r.day >= '2026-08-01');
    expect((await storeTotals()).billed).not.toBe(expectedCents(aug).billed);
    server.settle(undefined);
    const before = server.received.filter((r) => r.op === 'GetCostAndUsage').length;
    const second = await sync('--from', '2026-08-01', '--to', '2026-09-01');
    const calls = server.received.filter((r) => r.op === 'GetCostAndUsage').slice(before);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c.body['TimePeriod']).toEqual({ Start: '2026-08-25', End: '2026-09-01' });
    expect(second.json['rows_written']).toBe(aug.filter((r) => r.day >= '2026-08-25').length);
    expect(await storeTotals()).toEqual(expectedCents(aug));
  });

  it('stops on an expired token leaving later months unwritten; the rerun completes exactly', async () => {
    const june = rows.filter((r) => r.day < '2026-07-01');
    const junePages = pagesFor(june);
    // Fail the first July request: June is committed, July and August are not.
    server.faults.add({ kind: 'expired-token', op: 'GetCostAndUsage', skip: junePages });
    const failed = await runCli(['sync', 'aws', '--from', '2026-06-01', '--to', '2026-09-01', '--data-dir', dataDir]);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/AWS rejected the credentials \(ExpiredTokenException.*aws sso login --profile hr/);
    expect(await storeTotals()).toEqual(expectedCents(june));
    const rerun = await sync('--from', '2026-06-01', '--to', '2026-09-01');
    expect(rerun.code).toBe(0);
    expect(rerun.json['rows_written']).toBe(rows.length - june.length);
    expect(await storeTotals()).toEqual(expectedCents(rows));
  });

  it('an account Cost Explorer cannot forecast yet (DataUnavailableException) still syncs: its costs are committed and no provider forecast is stored', async () => {
    server.faults.add({ kind: 'data-unavailable', op: 'GetCostForecast', times: 5 });
    const store = await openStore(dataDir);
    try {
      // "Today" is 2026-09-10: the sync reaches today, so it asks for the provider's forecast too.
      const res = await runSync({ store, clock: () => new Date('2026-09-10T08:00:00Z'), sleep: async () => {} }, { provider: 'aws', from: parseDay('2026-08-01') });
      const aug = rows.filter((r) => r.day >= '2026-08-01');
      expect(res.rows_written).toBe(aug.length);
      expect(server.faults.fired).toEqual([{ kind: 'data-unavailable', op: 'GetCostForecast' }]);
      expect(await store.providerForecasts((await store.getSource('main'))!.id)).toEqual([]);
    } finally {
      await store.close();
    }
    expect(await storeTotals()).toEqual(expectedCents(rows.filter((r) => r.day >= '2026-08-01')));
  });

  it('source list shows the profile name and no secret', async () => {
    const r = await runCli(['source', 'list', '--json', '--data-dir', dataDir]);
    const parsed = JSON.parse(r.out) as { sources: { name: string; settings: Record<string, unknown> }[] };
    expect(parsed.sources[0]?.settings).toEqual({ profile: 'hr', endpoint: server.url, billingAccountId: '000123456789' });
    expect(r.out).not.toMatch(/loopback-secret|AKIDLOOPBACK/);
    const bad = await runCli(['source', 'add', 'aws', '--name', 'x', '--scope', '/subscriptions/1', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--scope do\(es\) not apply to aws/);
    const badScope = await runCli(['source', 'add', 'azure', '--name', 'z', '--scope', '/subscriptions/bad', '--data-dir', dataDir]);
    expect(badScope.code).toBe(1);
    expect(badScope.err).toMatch(/"\/subscriptions\/bad" is not a Cost Management scope/);
  });
});
