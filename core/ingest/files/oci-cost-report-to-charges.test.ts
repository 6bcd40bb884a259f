import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { EXPECTED_COLUMNS, independentTotals, memoryConnection, queryPlan, selectColumns, selectTotals } from '../../../test/charges-harness';
import { num } from '../../../test/rfc4180';
import { planFileImport } from './plan';

describe('OCI cost reports', () => {
  it('imports the OCI report with totals equal to the sum of cost/myCost', async () => {
    const conn = await memoryConnection();
    const path = sharedData('oci', 'focus-converters_oci_reports_cost-csv_0000000030000269.csv');
    const plan = await planFileImport(conn, path);
    expect(plan.format).toBe('oci-cost-report');
    expect(plan.rowsRead).toBe(506);
    expect(plan.period).toEqual({ start: '2023-11-13', end: '2023-11-14' });
    expect(await selectColumns(conn, plan)).toEqual(EXPECTED_COLUMNS);
    const expected = independentTotals(path, (r) => ({ currency: r['cost/currencycode'] ?? '', billed: num(r['cost/mycost']), effective: num(r['cost/mycost']) }));
    const got = await selectTotals(conn, plan);
    expect(got.map((t) => t.currency)).toEqual(['USD']);
    expect(got[0]?.billed).toBeCloseTo(expected[0]?.billed ?? NaN, 9);
    expect(got[0]?.effective).toBeCloseTo(expected[0]?.effective ?? NaN, 9);
  });

  it('turns one-column-per-key tags into a map, keeping odd key names', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('oci', 'focus-converters_oci_reports_cost-csv_0000000030000269.csv'));
    const rows = await queryPlan(conn, plan, (from) => `SELECT count(*) AS n FROM ${from} WHERE Tags['Oracle-Tags.CreatedBy'] = 'default/phil.newman@oracle.com'`);
    expect(Number(rows[0]?.['n'])).toBeGreaterThan(0);
  });
});
