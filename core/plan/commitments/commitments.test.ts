import { describe, expect, it } from 'vitest';
import type { Day } from '../../lib';
import { gaussian, mulberry32 } from '../test-random';
import { commitmentRecommendation, commitmentUsage, expiryCliffs } from './recommend';

const asOf = '2026-06-30' as Day;

function paths(n: number, h: number, seed: number): number[][] {
  const z = gaussian(mulberry32(seed));
  return Array.from({ length: n }, () => {
    let level = 100;
    return Array.from({ length: h }, (_, t) => Math.max(0, (level += 0.05 + 1.5 * z()) + 10 * Math.sin((2 * Math.PI * t) / 7)));
  });
}

describe('commitment sizing', () => {
  const ps = paths(200, 365, 3);
  const d = 0.3;
  const rec = commitmentRecommendation({ paths: ps, stepHours: 24, asOf, discount: d, termDays: 365, existing: [], history: [] });

  it('minimises the simulated expected cost: no commitment on a fine grid does better (brute force)', () => {
    const cost = (c: number): number => {
      let s = 0;
      for (const p of ps) for (const u of p) s += 24 * ((1 - d) * c + Math.max(u - c, 0));
      return s / ps.length;
    };
    const best = cost(rec.covered_per_hour);
    for (let c = 0; c <= 250; c += 1) expect(best).toBeLessThanOrEqual(cost(c) + 1e-6);
    for (const eps of [-0.01, -0.001, 0.001, 0.01]) expect(best).toBeLessThanOrEqual(cost(rec.covered_per_hour + eps) + 1e-6);
    // Critical fractile: P(U > C) ≈ 1 − d.
    const all = ps.flat();
    const above = all.filter((u) => u > rec.covered_per_hour).length / all.length;
    expect(Math.abs(above - (1 - d))).toBeLessThan(1 / all.length + 1e-12);
    expect(rec.hourly_commitment).toBeCloseTo(rec.covered_per_hour * (1 - d), 12);
    expect(rec.break_even_utilization).toBeCloseTo(0.7, 12);
  });

  it('reports the savings band as quantiles of per-path term savings, computed independently', () => {
    const c = rec.covered_per_hour;
    const s = ps.map((p) => p.reduce((acc, u) => acc + 24 * (Math.min(u, c) - 0.7 * c), 0)).sort((a, b) => a - b);
    // 200 paths: definition-1 quantiles are the 20th, 100th and 180th smallest.
    expect(rec.expected_savings.p10).toBeCloseTo(s[19]!, 6);
    expect(rec.expected_savings.p50).toBeCloseTo(s[99]!, 6);
    expect(rec.expected_savings.p90).toBeCloseTo(s[179]!, 6);
    expect(rec.expected_savings.p10).toBeGreaterThan(0);
  });

  it('accounts for an expiring commitment and sizes the trailing-30-day method on history', () => {
    // Flat usage 10/h; an existing plan covers 6/h until day 100 of 200.
    const flat = [Array.from({ length: 200 }, () => 10)];
    const existing = [{ id: 'sp-1', type: 'Savings Plan', coveredPerHour: 6, expires: '2026-10-09' as Day }];
    const history = Array.from({ length: 30 }, (_, i) => ({ day: `2026-06-${String(i + 1).padStart(2, '0')}` as Day, rate: 10 }));
    // Uncovered: 4/h for days 1..100 (2026-07-01 … 2026-10-08; expires 2026-10-09) and 10/h after. The 0.3-quantile is 4; the 0.6-quantile is 10.
    const low = commitmentRecommendation({ paths: flat, stepHours: 24, asOf, discount: 0.3, termDays: 200, existing, history });
    expect(low.covered_per_hour).toBe(4);
    expect(low.trailing_30d_commitment).toBeCloseTo(4 * 0.7, 12);
    const high = commitmentRecommendation({ paths: flat, stepHours: 24, asOf, discount: 0.6, termDays: 200, existing, history });
    expect(high.covered_per_hour).toBe(10);
    // Savings at C=10, d=0.6: 100 days × 24 × (4 − 4) + 100 days × 24 × (10 − 4) = 14,400.
    expect(high.expected_savings.p50).toBeCloseTo(14_400, 9);
    // The trailing method sees only 4/h uncovered: savings 200 × 24 × (4 − 1.6) = 11,520.
    expect(high.trailing_30d_savings.p50).toBeCloseTo(11_520, 9);
  });

  it('lists expiry cliffs and FinOps coverage/utilization', () => {
    const existing = [
      { id: 'b', type: 'Reserved Instance', coveredPerHour: 2, expires: '2026-09-01' as Day },
      { id: 'a', type: 'Savings Plan', coveredPerHour: 5, expires: '2026-08-01' as Day },
      { id: 'old', type: 'Savings Plan', coveredPerHour: 5, expires: '2026-01-01' as Day },
    ];
    const cliffs = expiryCliffs(existing, asOf, 365, () => 0.25);
    expect(cliffs.map((c) => c.commitment_id)).toEqual(['a', 'b']);
    expect(cliffs[0]!.added_cost_per_hour).toBeCloseTo(1.25, 12);
    expect(commitmentUsage({ usedCost: 75, unusedCost: 25, coveredListCost: 100, eligibleListCost: 400 })).toEqual({ utilization: 0.75, coverage: 0.25 });
  });

  it('rejects a discount outside (0,1) and a forecast shorter than the term', () => {
    expect(() => commitmentRecommendation({ paths: ps, stepHours: 24, asOf, discount: 1.2, termDays: 365, existing: [], history: [] })).toThrow(/discount 1.2/);
    expect(() => commitmentRecommendation({ paths: ps, stepHours: 24, asOf, discount: 0.3, termDays: 1095, existing: [], history: [] })).toThrow(/term is 1095 days/);
  });
});
