import { describe, expect, it } from 'vitest';
import { parseDay } from '../../lib';
import { gaussian, mulberry32 } from '../test-random';
import { budgetPeriodOf, budgetStatus } from './status';

describe('budgetPeriodOf', () => {
  it('gives the calendar month, quarter and year containing a day', () => {
    expect(budgetPeriodOf('month', parseDay('2026-02-14'))).toEqual({ start: '2026-02-01', end: '2026-03-01' });
    expect(budgetPeriodOf('month', parseDay('2026-12-31'))).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(budgetPeriodOf('quarter', parseDay('2026-11-26'))).toEqual({ start: '2026-10-01', end: '2027-01-01' });
    expect(budgetPeriodOf('quarter', parseDay('2026-05-01'))).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(budgetPeriodOf('year', parseDay('2026-11-26'))).toEqual({ start: '2026-01-01', end: '2027-01-01' });
  });
});

/** Paths of daily cost: level + N(0, sd) noise per day, from a seeded generator. */
function paths(k: number, h: number, level: number, sd: number, seed: number): number[][] {
  const normal = gaussian(mulberry32(seed));
  return Array.from({ length: k }, () => Array.from({ length: h }, () => level + sd * normal()));
}

describe('budgetStatus', () => {
  const period = budgetPeriodOf('month', parseDay('2026-11-10')); // 30 days
  const actual = Array.from({ length: 10 }, () => 100); // 1,000 spent in 10 days
  const ps = paths(2000, 20, 100, 30, 7);

  it('matches an independent Monte Carlo over the same paths', () => {
    for (const amount of [2_900, 3_000, 3_050, 3_200]) {
      const s = budgetStatus({ amount, period, actual, paths: ps });
      // Independent count: total of each path, compared with the amount.
      let over = 0;
      const totals: number[] = [];
      for (const p of ps) {
        let total = 1000;
        for (const v of p) total += v;
        totals.push(total);
        if (total > amount) over++;
      }
      expect(s.probabilityOver).toBe(over / ps.length);
      totals.sort((a, b) => a - b);
      expect(s.forecast.p50).toBeCloseTo(totals[Math.ceil(0.5 * totals.length) - 1] as number, 6);
      expect(s.forecast.p10).toBeCloseTo(totals[Math.ceil(0.1 * totals.length) - 1] as number, 6);
      expect(s.forecast.p90).toBeCloseTo(totals[Math.ceil(0.9 * totals.length) - 1] as number, 6);
      expect(s.actual).toBe(1000);
    }
  });

  it('is near 1 for an obviously overspent budget and near 0 for a generous one', () => {
    const over = budgetStatus({ amount: 2_000, period, actual, paths: ps });
    expect(over.probabilityOver).toBeGreaterThan(0.999);
    // Expected spend reaches 2,000 after 20 days: the breach becomes likely around 2026-11-20.
    expect(over.likelyBreachDate).not.toBeNull();
    const d = Number(over.likelyBreachDate?.slice(8, 10));
    expect(d).toBeGreaterThanOrEqual(20);
    expect(d).toBeLessThanOrEqual(21);
    const under = budgetStatus({ amount: 5_000, period, actual, paths: ps });
    expect(under.probabilityOver).toBeLessThan(0.001);
    expect(under.likelyBreachDate).toBeNull();
  });

  it('dates a breach that already happened from the actuals and counts it certain', () => {
    const s = budgetStatus({ amount: 450, period, actual, paths: ps });
    expect(s.likelyBreachDate).toBe('2026-11-05');
    expect(s.probabilityOver).toBe(1);
  });

  it('handles a fully observed period and refuses short paths or a non-positive amount', () => {
    const full = Array.from({ length: 30 }, () => 10);
    expect(budgetStatus({ amount: 299, period, actual: full, paths: [] })).toMatchObject({ actual: 300, probabilityOver: 1, forecastDays: 0 });
    expect(() => budgetStatus({ amount: 100, period, actual, paths: paths(10, 5, 1, 1, 1) })).toThrow(/20 days of the period remain/);
    expect(() => budgetStatus({ amount: 0, period, actual, paths: ps })).toThrow(/positive/);
  });
});
