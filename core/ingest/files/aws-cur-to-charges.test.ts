import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { EXPECTED_COLUMNS, independentTotals, queryPlan, memoryConnection, selectColumns, selectTotals } from '../../../test/charges-harness';
import { curRule } from '../../../test/billing-rules';
import { curSnakeName } from './aws-cur-to-charges';
import { planFileImport } from './plan';

const FILES: [file: string, format: string, snake: boolean][] = [
  ['focus-converters_sample-anonymous-aws-export-dataset.csv', 'aws-cur-legacy', false],
  ['koku_test_cur_2018-06.csv', 'aws-cur-legacy', false],
  ['koku_cur_2023-06_costcategory_savingsplan_NOK.csv', 'aws-cur-legacy', false],
  ['koku_cur_2022-07_athena-snake-case.csv', 'aws-cur-athena', true],
];

describe('AWS Cost and Usage Reports', () => {
  it('names Athena columns the way AWS does', () => {
    expect(curSnakeName('lineItem/UnblendedCost')).toBe('line_item_unblended_cost');
    expect(curSnakeName('savingsPlan/SavingsPlanARN')).toBe('savings_plan_savings_plan_a_r_n');
    expect(curSnakeName('product/ProductName')).toBe('product_product_name');
    expect(curSnakeName('product/regionCode')).toBe('product_region_code');
  });

  for (const [name, format, snake] of FILES) {
    it(`imports ${name} with totals equal to the documented amortisation rule applied independently`, async () => {
      const conn = await memoryConnection();
      const path = sharedData('aws', 'cur-legacy', name);
      const plan = await planFileImport(conn, path);
      expect(plan.format).toBe(format);
      expect(await selectColumns(conn, plan)).toEqual(EXPECTED_COLUMNS);
      const expected = independentTotals(path, curRule(snake));
      const got = await selectTotals(conn, plan);
      expect(got.map((t) => t.currency)).toEqual(expected.map((t) => t.currency));
      got.forEach((t, i) => {
        expect(t.billed).toBeCloseTo(expected[i]?.billed ?? NaN, 9);
        expect(t.effective).toBeCloseTo(expected[i]?.effective ?? NaN, 9);
      });
    });
  }

  it('uses SavingsPlanEffectiveCost for covered usage (koku NOK fixture: unblended 30, effective 0.3)', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('aws', 'cur-legacy', 'koku_cur_2023-06_costcategory_savingsplan_NOK.csv'));
    expect(plan.totals).toEqual([{ currency: 'NOK', billedCost: '30.000000000000', effectiveCost: '0.300000000000' }]);
    const rows = await queryPlan(conn, plan, (from) => `SELECT DISTINCT PricingCategory, CommitmentDiscountType, CommitmentDiscountStatus FROM ${from}`);
    expect(rows).toEqual([{ PricingCategory: 'Committed', CommitmentDiscountType: 'Savings Plan', CommitmentDiscountStatus: 'Used' }]);
  });

  it('warns (does not fail) on rows one cell short of the header (koku 131/130)', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('aws', 'cur-legacy', 'koku_test_cur_2018-06.csv'));
    expect(plan.rowsRead).toBe(19);
    expect(plan.warnings).toEqual([expect.stringContaining('19 row(s) (first at line 2) have one cell fewer than the header')]);
  });

  it('reads Athena resource_tags_* columns as tags', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('aws', 'cur-legacy', 'koku_cur_2022-07_athena-snake-case.csv'));
    const rows = await queryPlan(conn, plan, (from) => `SELECT CAST(Tags AS VARCHAR) AS t FROM ${from}`);
    expect(rows.map((x) => x['t'])).toContain("{'aws:created_by'='IAMUser:fake:and'}");
  });
});
