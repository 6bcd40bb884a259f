import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SEED, generateDemo, seededRandom } from '../../core/ingest/demo';
import type { Day } from '../../core/lib';
import type { CurrencyCode } from '../../core/model';
import { openService } from '../../core/service';
import { sharedData } from '../../test/shared-data';
import { runCli } from '../../test/cli-harness';

let dir: string;
const run = (...argv: string[]): Promise<{ code: number; out: string; err: string }> => runCli([...argv, '--data-dir', dir]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-cli-capacity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('headroom metrics / pool / capacity', () => {
  it('imports a NAB series, defines a pool and prints exactly the documented JSON', async () => {
    const file = sharedData('usage', 'nab', 'ec2_cpu_utilization_825cc2.csv');
    expect((await run('metrics', 'import', file, '--name', 'cpu', '--unit', '%')).code).toBe(0);
    const add = await run('pool', 'add', '--name', 'web', '--metric', 'cpu', '--capacity', '100', '--target', '0.8', '--lead-time', '7d', '--unit', '%', '--scaling', 'hpa', '--resource', 'web', '--unit-capacity', '20');
    expect(add).toMatchObject({ code: 0, out: 'Added pool "web".\n' });
    const r = await run('capacity', '--horizon', '30d', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { pools: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['pools']);
    expect(Object.keys(json.pools[0]!)).toEqual(['name', 'capacity', 'target', 'exhaustion', 'order_by', 'needed_capacity', 'recommendations']);
    expect(json.pools[0]).toMatchObject({ name: 'web', capacity: 100, target: 0.8 });
    expect(Object.keys(json.pools[0]!['exhaustion'] as object)).toEqual(['p10', 'p50', 'p90']);
    const hpa = await run('capacity', '--horizon', '30d', '--export', 'hpa', '--pool', 'web');
    expect(hpa.out).toMatch(/^spec:\n {2}minReplicas: \d+\n {2}maxReplicas: \d+\n/m);
    expect((await run('pool', 'show', 'web')).out).toMatch(/usage {6}cpu \(%\); 14 days 2014-04-10 … 2014-04-23/);
  });

  it('pool add --currency JPY: the cost is in yen, shown without decimals in the tables and the plan', async () => {
    const file = sharedData('usage', 'nab', 'ec2_cpu_utilization_825cc2.csv');
    expect((await run('metrics', 'import', file, '--name', 'cpu', '--unit', '%')).code).toBe(0);
    // A 10 % pool at an 80 % target on a series in the tens: the plan adds capacity.
    const add = await run('pool', 'add', '--name', 'gpu', '--metric', 'cpu', '--capacity', '10', '--target', '0.8', '--lead-time', '7d', '--unit', '%', '--cost-per-unit', '1234.56', '--currency', 'jpy');
    expect(add).toMatchObject({ code: 0, err: '', out: 'Added pool "gpu" (cost 1,235 JPY per unit-month).\n' });
    const list = await run('pool', 'list');
    expect(list.out.split('\n')[0]).toMatch(/ {2}cost per unit-month$/);
    expect(list.out.split('\n')[2]).toMatch(/^gpu .* {2}1,235 JPY$/);
    expect((await run('pool', 'show', 'gpu')).out).toContain('cost 1,235 JPY per unit-month\n');
    expect(JSON.parse((await run('pool', 'list', '--json')).out).pools[0]).toMatchObject({ cost_per_unit: 1234.56, currency: 'JPY' });
    const json = JSON.parse((await run('capacity', '--horizon', '30d', '--json')).out) as { pools: { recommendations: { kind: string; add?: number; monthly_cost?: number; currency?: string }[] }[] };
    const rec = json.pools[0]!.recommendations.find((r) => r.kind === 'add_capacity')!;
    expect(Object.keys(rec)).toEqual(['kind', 'add', 'order_by', 'monthly_cost', 'currency', 'reason']);
    expect(rec.currency).toBe('JPY');
    expect(rec.monthly_cost).toBeCloseTo(rec.add! * 1234.56, 6);
    const yen = Math.round(rec.monthly_cost!).toLocaleString('en-US');
    const human = await run('capacity', '--horizon', '30d');
    expect(human.out).toContain(` (${yen} JPY/month): `);
    expect(human.out).not.toMatch(/\d\.\d+ JPY/);
    // A cost with no --currency is in USD (as budget add and scenario add), with cents.
    await run('pool', 'add', '--name', 'usd', '--metric', 'cpu', '--capacity', '10', '--cost-per-unit', '2.5');
    expect((await run('pool', 'show', 'usd')).out).toContain('cost 2.50 USD per unit-month\n');
  });

  it('gives clear messages and exit 1 for bad input', async () => {
    const unknown = await run('pool', 'add', '--name', 'p', '--metric', 'nope', '--capacity', '10');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown metric "nope"/);
    const zero = await run('pool', 'add', '--name', 'p', '--metric', 'nope', '--capacity', '0');
    expect(zero.err).toMatch(/capacity must be a number greater than 0/);
    expect((await run('capacity', '--pool', 'missing')).err).toMatch(/No pool named "missing"/);
    const soon = await run('capacity', '--horizon', 'soon');
    expect(soon.code).toBe(1);
    expect(soon.err).toContain('headroom: --horizon "soon" must be a number of days (such as 90 or 90d) or weeks (13w), 1 day or more.\n\nUsage: headroom capacity');
    expect((await run('commitments', '--term', '5y')).err).toContain('headroom: --term "5y" must be 1y or 3y.\n\nUsage: headroom commitments');
    const discount = await run('commitments', '--discount', '30');
    expect([discount.code, discount.out]).toEqual([1, '']);
    expect(discount.err).toContain('headroom: --discount "30" must be a number above 0 and below 1 (0.3 = 30 %).\n\nUsage: headroom commitments');
    const sl = await run('capacity', '--service-level', '95');
    expect(sl.code).toBe(1);
    expect(sl.err).toContain('headroom: --service-level "95" must be a number above 0 and below 1 (0.95 = 95 %).\n\nUsage: headroom capacity');
    const target = await run('pool', 'add', '--name', 'p', '--metric', 'cpu', '--capacity', '10', '--target', '80');
    expect(target.code).toBe(1);
    expect(target.err).toContain('headroom: --target "80" must be a number above 0 and at most 1 (0.8 = 80 %).\n\nUsage: headroom pool add');
    const labels = await run('pool', 'add', '--name', 'p', '--metric', 'cpu', '--labels', 'env=prod,web', '--capacity', '10');
    expect([labels.code, labels.out]).toEqual([1, '']);
    expect(labels.err).toContain('headroom: --labels "env=prod,web" must be KEY=VALUE pairs separated by commas, e.g. env=prod,team=web.\n\nUsage: headroom pool add');
    expect((await run('commitments')).err).toMatch(/No compute usage in the store/);
    const alone = await run('pool', 'add', '--name', 'p', '--metric', 'cpu', '--capacity', '10', '--currency', 'EUR');
    expect([alone.code, alone.out]).toEqual([1, '']);
    expect(alone.err).toContain('headroom: --currency is the currency of --cost-per-unit: give the cost too, or leave --currency out.\n\nUsage: headroom pool add');
    const euros = await run('pool', 'add', '--name', 'p', '--metric', 'cpu', '--capacity', '10', '--cost-per-unit', '5', '--currency', 'euros');
    expect(euros.err).toContain('headroom: --currency "euros" is not a three-letter ISO 4217 code such as USD, EUR or GBP.\n\nUsage: headroom pool add');
    const file = sharedData('usage', 'nab', 'ec2_cpu_utilization_825cc2.csv');
    await run('metrics', 'import', file, '--name', 'cpu', '--unit', '%');
    const abc = await run('pool', 'add', '--name', 'p', '--metric', 'cpu', '--capacity', '10', '--cost-per-unit', '5', '--currency', 'ABC');
    expect([abc.code, abc.err]).toEqual([1, 'headroom: Pool "p": currency "ABC" is not an ISO 4217 currency code. Use the code the cost per unit is in, such as USD, EUR or GBP.\n']);
  });
});

/**
 * `x` written with exactly `min` decimals, or up to `max` when the extra digits are not zeros,
 * rounded half away from zero, en-US grouping — built by hand, not through Intl.
 */
function written(x: number, min: number, max = min): string {
  const scaled = Math.round(Math.abs(x) * 10 ** max);
  const int = Math.floor(scaled / 10 ** max).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  let frac = (scaled % 10 ** max).toString().padStart(max, '0');
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${x < 0 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

describe('headroom commitments', () => {
  it("writes each scope's figures in its billing currency: yen savings whole, euro savings in cents, hourly rates one digit finer; --json unchanged", async () => {
    // The demo company's billing (tested generator) with AWS billed in yen and Google Cloud in euros.
    const demo = generateDemo({ asOf: '2026-06-01' as Day, random: seededRandom(DEMO_SEED) });
    const billing: Record<string, CurrencyCode> = { AWS: 'JPY' as CurrencyCode, 'Google Cloud': 'EUR' as CurrencyCode };
    const svc = await openService({ dataDir: dir, clock: () => new Date('2026-06-01T12:00:00Z') });
    const src = await svc.store.ensureSource({ name: 'demo', kind: 'demo' });
    const rows = demo.charges.map((r) => ({ ...r, BillingCurrency: billing[r.ProviderName] ?? r.BillingCurrency }));
    await svc.store.replaceChargeRows({ sourceId: src.id, from: '1970-01-01' as Day, to: '9999-12-31' as Day, rows, format: 'demo' });
    await svc.close();

    const json = await run('commitments', '--json');
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.out) as {
      recommendations: { scope: string; hourly_commitment: number; expected_savings: { p10: number; p50: number; p90: number }; trailing_30d_commitment: number }[];
      expiring: Record<string, unknown>[];
    };
    expect(Object.keys(plan.recommendations[0]!)).toEqual(['scope', 'hourly_commitment', 'expected_savings', 'break_even_utilization', 'trailing_30d_commitment']);
    expect(plan.expiring.length).toBeGreaterThan(0);
    for (const e of plan.expiring) expect(Object.keys(e)).toEqual(['scope', 'commitment_id', 'type', 'expires', 'covered_per_hour', 'added_cost_per_hour']);

    const human = await run('commitments');
    expect(human.code).toBe(0);
    const lines = human.out.split('\n');
    const cells = (line: string): string[] => line.trim().split(/ {2,}/);
    expect(cells(lines[0]!).slice(0, 4)).toEqual(['scope', 'currency', 'discount', 'commit/hour']);
    // minor-unit digits: yen 0, euro 2; hourly rates one more when they have it.
    for (const [currency, digits] of [['JPY', 0], ['EUR', 2]] as const) {
      const rec = plan.recommendations.find((r) => r.scope.endsWith(`(${currency})`))!;
      expect(rec).toBeDefined();
      const row = cells(lines.find((l) => l.startsWith(`${rec.scope}  `))!);
      expect(row[1]).toBe(currency);
      expect(row[3]).toBe(written(rec.hourly_commitment, digits, digits + 1));
      expect(row.slice(4, 7)).toEqual([written(rec.expected_savings.p10, digits), written(rec.expected_savings.p50, digits), written(rec.expected_savings.p90, digits)]);
      expect(row[8]).toBe(written(rec.trailing_30d_commitment, digits, digits + 1));
    }
    // Existing commitments' utilization over the last 30 days, from the rows: used ÷ (used + unused) EffectiveCost.
    const lastDay = rows.reduce((m, r) => (r.ChargePeriodStart > m ? r.ChargePeriodStart : m), '');
    const from = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    for (const [provider, currency] of [['AWS', 'JPY'], ['Google Cloud', 'EUR']] as const) {
      const recent = rows.filter((r) => r.ProviderName === provider && r.ChargePeriodStart >= from && r.CommitmentDiscountId !== null);
      const sum = (status: string): number => recent.filter((r) => r.CommitmentDiscountStatus === status).reduce((a, r) => a + Number(r.EffectiveCost), 0);
      const row = cells(lines.find((l) => l.startsWith(provider) && l.includes(`(${currency})`))!);
      expect(cells(lines[0]!).at(-1)).toBe('utilization now');
      expect(row.at(-1)).toBe(`${Math.round((100 * sum('Used')) / (sum('Used') + sum('Unused')))} %`);
    }
    // A yen scope's rates round to a tenth of a yen at most, its savings to the yen.
    const yen = cells(lines.find((l) => l.startsWith('AWS '))!);
    expect(yen[3]).toMatch(/^[\d,]+(\.\d)?$/);
    expect(yen[5]).toMatch(/^[\d,]+$/);

    // Expiring commitments: the scope's currency beside its hourly amounts.
    const start = lines.indexOf('Expiring commitments:');
    expect(cells(lines[start + 1]!)).toEqual(['scope', 'commitment', 'type', 'expires', 'currency', 'covers/hour', 'added cost/hour']);
    const awsExpiring = plan.expiring.filter((e) => String(e['scope']).endsWith('(JPY)'));
    expect(awsExpiring.length).toBeGreaterThan(0);
    for (const e of awsExpiring) {
      const row = cells(lines.slice(start).find((l) => l.includes(`  ${String(e['commitment_id'])}  `))!);
      expect(row.slice(4)).toEqual(['JPY', written(e['covered_per_hour'] as number, 0, 1), written(e['added_cost_per_hour'] as number, 0, 1)]);
    }
  }, 60_000);
});

