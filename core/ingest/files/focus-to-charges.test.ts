import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { EXPECTED_COLUMNS, independentTotals, queryPlan, memoryConnection, selectColumns, selectTotals } from '../../../test/charges-harness';
import { num, parseCsv } from '../../../test/rfc4180';
import { focusRule } from '../../../test/billing-rules';
import { planFileImport } from './plan';

describe('FOCUS files', () => {
  it('imports the FOCUS 1.0 sample with totals equal to an independent sum of its columns', async () => {
    const conn = await memoryConnection();
    const path = sharedData('focus', 'focus-1.0_sample_1000rows.csv');
    const plan = await planFileImport(conn, path);
    expect(plan.format).toBe('focus-1.0');
    expect(plan.rowsRead).toBe(1000);
    expect(plan.period).toEqual({ start: '2024-09-01', end: '2024-10-01' });
    expect(await selectColumns(conn, plan)).toEqual(EXPECTED_COLUMNS);
    const expected = independentTotals(path, (r) => ({ currency: r['billingcurrency'] ?? '', billed: num(r['billedcost']), effective: num(r['effectivecost']) }));
    const got = await selectTotals(conn, plan);
    expect(got.map((t) => t.currency)).toEqual(expected.map((t) => t.currency));
    got.forEach((t, i) => {
      expect(t.billed).toBeCloseTo(expected[i]?.billed ?? NaN, 9);
      expect(t.effective).toBeCloseTo(expected[i]?.effective ?? NaN, 9);
    });
    expect(plan.totals).toEqual([{ currency: 'USD', billedCost: expect.stringMatching(/^20\.52/), effectiveCost: expect.stringMatching(/^14\.97/) }]);
    // The two deviations QUIRKS.md documents are warnings, not failures.
    expect(plan.warnings.some((w) => w.includes('Usage-based'))).toBe(true);
    expect(plan.warnings.some((w) => w.startsWith('12 Usage row(s) have a negative cost'))).toBe(true);
  });

  it('aggregates hourly rows to days and keeps tags as a map', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('focus', 'focus-1.0_sample_1000rows.csv'));
    const keys = 'ProviderName, BillingAccountId, SubAccountId, ChargePeriodStart, ServiceName, RegionId, ResourceId, SkuId, ChargeCategory, ChargeClass, ChargeFrequency, PricingCategory, CommitmentDiscountId, CommitmentDiscountStatus, BillingCurrency, ConsumedUnit, Tags';
    const rows = await queryPlan(conn, plan, (from) => `SELECT count(*) AS n, (SELECT count(*) FROM (SELECT DISTINCT ${keys} FROM ${from})) AS groups, count(DISTINCT ChargePeriodStart) AS days, max(cardinality(Tags)) AS maxTags, CAST(sum(CASE WHEN Tags['environment'] = 'dev' THEN 1 ELSE 0 END) AS INTEGER) AS dev FROM ${from}`);
    const row = rows[0] ?? {};
    // One row per day and dimension set: no two rows share all key columns.
    expect(Number(row['n'])).toBe(Number(row['groups']));
    expect(Number(row['n'])).toBeLessThanOrEqual(1000);
    expect(Number(row['days'])).toBeGreaterThan(20);
    expect(Number(row['maxTags'])).toBeGreaterThanOrEqual(3);
    expect(Number(row['dev'])).toBeGreaterThan(0);
  });

  const examples = (...p: string[]) => sharedData('focus', 'spec-examples', ...p);

  it('refuses spec examples with "$10,000.00 " cells, naming the file, line and cell', async () => {
    const conn = await memoryConnection();
    const path = examples('saas_examples', 'simple_agreements', 'simple_saas_agreements_a1.csv');
    await expect(planFileImport(conn, path)).rejects.toThrow(`${path}, line 2, column "BilledCost": "$10,000.00 " is not a number`);
  });

  it('refuses spec examples without a currency column unless --currency is given, and then imports them', async () => {
    const conn = await memoryConnection();
    const path = examples('commitment_discount_scenarios', 'commitment_discount_usage_scenario_3.csv');
    await expect(planFileImport(conn, path)).rejects.toThrow(`${path}, line 1: the header has no "BillingCurrency" column`);
    const plan = await planFileImport(conn, path, { currency: 'USD' });
    expect(await selectTotals(conn, plan)).toEqual([{ currency: 'USD', billed: 0, effective: 1 }]);
  });

  it('refuses the hour-30 timestamp, naming the cell', async () => {
    const conn = await memoryConnection();
    const path = examples('commitment_discount_scenarios', 'commitment_discount_purchase_scenario_3.csv');
    await expect(planFileImport(conn, path, { currency: 'USD' })).rejects.toThrow(`${path}, line 5, column "ChargePeriodEnd": "2023-02-01T30:00:00Z" is not a date-time`);
  });

  it('refuses M/D/YY dates in FOCUS files (the spec requires ISO 8601)', async () => {
    const conn = await memoryConnection();
    const path = examples('saas_examples', 'spend_agreements', 'saas_spend_agreements_a1.csv');
    await expect(planFileImport(conn, path)).rejects.toThrow(`${path}, line 2, column "ChargePeriodStart": "4/1/25" is not a date-time`);
  });
});

describe("Microsoft's FOCUS export", () => {
  it('is detected by its x_ columns and imported as FOCUS', async () => {
    const src = sharedData('focus', 'focus-1.0_sample_1000rows.csv');
    const [header, ...rows] = readFileSync(src, 'utf8').split('\n').filter((l) => l !== '');
    const names = parseCsv(header ?? '')[0] ?? [];
    const provider = names.indexOf('ProviderName');
    const microsoft = rows.filter((l) => (parseCsv(l)[0] ?? [])[provider] === 'Microsoft');
    expect(microsoft.length).toBe(51);
    const f = join(mkdtempSync(join(tmpdir(), 'headroom-azfocus-')), 'focuscost.csv');
    writeFileSync(f, `${[`${header},"x_BillingProfileId","x_SkuMeterCategory"`, ...microsoft.map((l) => `${l},"P1","Storage"`)].join('\n')}\n`);
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, f);
    expect(plan.format).toBe('azure-focus-1.0');
    expect(plan.rowsRead).toBe(51);
    const want = independentTotals(f, focusRule);
    const got = await selectTotals(conn, plan);
    expect(got[0]?.billed).toBeCloseTo(want[0]?.billed ?? NaN, 9);
    expect(got[0]?.effective).toBeCloseTo(want[0]?.effective ?? NaN, 9);
    expect(plan.warnings.some((w) => w.startsWith('12 Usage row(s) have a negative cost'))).toBe(true);
  });
});
