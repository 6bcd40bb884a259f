import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Day } from '../lib';
import { eligibleUsageDaily } from './capacity-queries';
import { openStore, type Store } from './store';
import { tempDir, usageRow } from './testing/fixtures';

let cleanup: () => void;
let store: Store;

beforeEach(async () => {
  const t = tempDir('headroom-capacity-queries-');
  cleanup = t.cleanup;
  store = await openStore(t.dir);
});
afterEach(async () => {
  await store.close();
  cleanup();
});

describe('eligibleUsageDaily', () => {
  it('counts on-demand and committed compute usage at list cost, not spot (PricingCategory Dynamic), unused commitment or other services', async () => {
    const day = '2026-03-02' as Day;
    const rows = [
      usageRow(day, 10, { PricingCategory: 'Standard', ListCost: '12.00' as never }),
      usageRow(day, 3, { PricingCategory: 'Committed', ListCost: '5.00' as never, CommitmentDiscountId: 'sp-1', CommitmentDiscountStatus: 'Used' }),
      usageRow(day, 2, { PricingCategory: 'Committed', CommitmentDiscountId: 'sp-1', CommitmentDiscountStatus: 'Unused' }),
      // Spot capacity: interruptible, priced by the market, never covered by a Savings Plan, reservation or CUD.
      usageRow(day, 300, { PricingCategory: 'Dynamic', ListCost: '1000.00' as never }),
      usageRow(day, 7, { PricingCategory: null }),
      usageRow(day, 50, { ServiceCategory: 'Storage', PricingCategory: 'Standard' }),
    ];
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    await store.replaceChargeRows({ sourceId: src.id, from: day, to: '2026-03-03' as Day, rows, format: 'test' });
    const got = await store.read((sql) => eligibleUsageDaily(sql));
    // 12 (list) + 5 (list of covered usage) + 7 (no list: effective); not 1,000 of spot, 2 unused, 50 storage.
    expect(got).toEqual([{ provider: 'AWS', account: '1', currency: 'USD', day, list: 24 }]);
  });
});
