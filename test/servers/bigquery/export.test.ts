import { describe, expect, it } from 'vitest';
import { parseDay } from '../../../core/lib';
import { generateDaily } from '../common/generate';
import { toExportRows } from './export';

describe('toExportRows', () => {
  const rows = generateDaily({ seed: 3, from: parseDay('2026-01-01'), to: parseDay('2026-01-11'), accounts: [{ id: 'proj-a', name: 'a' }], services: ['Compute Engine', 'Cloud Storage'], regions: ['us-central1', 'europe-west1'], currency: 'USD' });
  const exp = toExportRows(rows, '012345-6789AB-CDEF01');
  it('keeps cost and net cost (cost + credits) per day exactly, to six decimals', () => {
    const SIX = 10_000n;
    for (const r of rows) {
      const mine = exp.filter((e) => e.usageDay === r.day && e.projectId === r.account && e.service === r.service && e.region === r.region);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      const cost = mine.reduce((s, e) => s + e.cost, 0n);
      const credits = mine.reduce((s, e) => s + e.credits.reduce((t, c) => t + c.amount, 0n), 0n);
      expect(cost).toBe((r.unblended / SIX) * SIX);
      expect(cost + credits).toBe((r.netAmortized / SIX) * SIX);
      for (const e of mine) expect(e.cost % SIX).toBe(0n);
    }
  });
  it('exports into the usage day partition or up to three days later', () => {
    for (const e of exp) expect(e.partition >= e.usageDay && e.partition <= '2026-01-13').toBe(true);
    expect(new Set(exp.map((e) => e.partition === e.usageDay)).size).toBe(2);
  });
});
