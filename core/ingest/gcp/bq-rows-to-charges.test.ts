import { describe, expect, it } from 'vitest';
import { addDecimals, bqRowToCharge, RESULT_COLUMNS } from './bq-rows-to-charges';

describe('bqRowToCharge', () => {
  it('nets credits into cost exactly', () => {
    expect(addDecimals('12.345000000', '-2.000000001')).toBe('10.344999999');
    expect(addDecimals('0.1', '-0.3')).toBe('-0.2');
    expect(addDecimals('5', '0')).toBe('5');
    const values: Record<string, string | null> = { usage_date: '2026-06-01', billing_account_id: '012345-6789AB-CDEF01', project_id: 'proj-a', project_name: 'A', service_id: '6F81-5844-456A', service: 'Compute Engine', sku_id: 'ABCD-1234-EF56', sku: 'N2 core', region: 'us-central1', currency: 'usd', cost: '100.000000000', credits: '-12.500000000', usage_amount: '3600', usage_unit: 'seconds' };
    const row = bqRowToCharge({ f: RESULT_COLUMNS.map((c) => ({ v: values[c] })) }, 'Main account', 1);
    expect(row.BilledCost).toBe('87.500000000');
    expect(row.EffectiveCost).toBe('87.500000000');
    expect(row.BillingCurrency).toBe('USD');
    expect(row.SkuId).toBe('ABCD-1234-EF56');
    expect(row.BillingAccountName).toBe('Main account');
  });
  it('says which row is broken', () => {
    expect(() => bqRowToCharge({ f: [{ v: '2026-13-01' }] }, null, 7)).toThrow(/row 7 has usage_date "2026-13-01"/);
  });
});
