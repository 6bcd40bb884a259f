import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { EXPECTED_COLUMNS, independentTotals, memoryConnection, queryPlan, selectColumns, selectTotals } from '../../../test/charges-harness';
import { azureRule } from '../../../test/billing-rules';
import { planFileImport } from './plan';

const FILES: [file: string, format: string, currency?: string][] = [
  ['finops-toolkit_EA_ActualCost_Small.csv', 'azure-ea-legacy'],
  ['finops-toolkit_EA_AmortizedCost_Small.csv', 'azure-ea-legacy'],
  ['finops-toolkit_EA_NoRows_header-only.csv', 'azure-ea-legacy'],
  ['focus-converters_sample-anonymous-ea-export-dataset.csv', 'azure-ea'],
  ['koku_mca_camelCase_2023-08.csv', 'azure-mca'],
  ['koku_legacy_usage-details_2019-07.csv', 'azure-payg-legacy'],
];

describe('Azure cost exports', () => {
  for (const [name, format] of FILES) {
    it(`imports ${name} with totals equal to the actual/amortized rule applied independently`, async () => {
      const conn = await memoryConnection();
      const path = sharedData('azure', 'exports', name);
      const plan = await planFileImport(conn, path);
      expect(plan.format).toBe(format);
      expect(await selectColumns(conn, plan)).toEqual(EXPECTED_COLUMNS);
      const expected = independentTotals(path, azureRule);
      const got = await selectTotals(conn, plan);
      expect(got.map((t) => t.currency)).toEqual(expected.map((t) => t.currency));
      got.forEach((t, i) => {
        expect(t.billed).toBeCloseTo(expected[i]?.billed ?? NaN, 9);
        expect(t.effective).toBeCloseTo(expected[i]?.effective ?? NaN, 9);
      });
    });
  }

  it('keeps the reservation purchase in the cash view only (actual export: 3.25 billed, 0 effective)', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('azure', 'exports', 'finops-toolkit_EA_ActualCost_Small.csv'));
    const rows = await queryPlan(conn, plan, (from) => `SELECT CAST(BilledCost AS DOUBLE) AS b, CAST(EffectiveCost AS DOUBLE) AS e, ChargeFrequency AS f FROM ${from} WHERE ChargeCategory = 'Purchase'`);
    expect(rows).toEqual([{ b: 3.25, e: 0, f: 'Recurring' }]);
    expect(plan.period).toEqual({ start: '2023-09-04', end: '2023-09-22' });
  });

  it('puts amortised reservation usage in the effective view only (amortized export)', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('azure', 'exports', 'finops-toolkit_EA_AmortizedCost_Small.csv'));
    const rows = await queryPlan(conn, plan, (from) => `SELECT CommitmentDiscountType AS t, CAST(sum(BilledCost) AS DOUBLE) AS b, CAST(sum(EffectiveCost) AS DOUBLE) AS e FROM ${from} WHERE PricingCategory = 'Committed' GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([
      { t: 'Reservation', b: 0, e: 0.493152 },
      { t: 'Savings Plan', b: 0, e: 0.006000000468 },
    ]);
  });

  it('reads EA tags written without outer braces', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('azure', 'exports', 'focus-converters_sample-anonymous-ea-export-dataset.csv'));
    const rows = await queryPlan(conn, plan, (from) => `SELECT DISTINCT Tags['tagA'] AS a, Tags['tagC'] AS c FROM ${from}`);
    expect(rows).toEqual([{ a: 'valueA', c: 'valueC' }]);
  });

  it('warns on a header-only export and yields no rows', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('azure', 'exports', 'finops-toolkit_EA_NoRows_header-only.csv'));
    expect(plan.rowsRead).toBe(0);
    expect(plan.period).toBeNull();
    expect(plan.warnings).toEqual(['The file has a header but no rows: nothing to import.']);
  });

  it('refuses the koku EA fixture whose currency is the fake code "MC", and imports it when --currency is given', async () => {
    const conn = await memoryConnection();
    const path = sharedData('azure', 'exports', 'koku_ea_PascalCase_2020-09.csv');
    await expect(planFileImport(conn, path)).rejects.toThrow(`${path}, line 2, column "BillingCurrencyCode": "MC" is not an ISO 4217 currency code`);
    const plan = await planFileImport(conn, path, { currency: 'USD' });
    expect(plan.format).toBe('azure-ea');
    expect(plan.warnings).toEqual([expect.stringContaining('5 row(s) have a "BillingCurrencyCode" cell that is not an ISO 4217 currency code')]);
    const expected = independentTotals(path, (r) => ({ ...azureRule(r), currency: 'USD' }));
    const got = await selectTotals(conn, plan);
    expect(got[0]?.billed).toBeCloseTo(expected[0]?.billed ?? NaN, 9);
    expect(got[0]?.effective).toBeCloseTo(expected[0]?.effective ?? NaN, 9);
  });
});
