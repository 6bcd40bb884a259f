import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, parseDay, type Day } from '../../lib';
import { gaussian, mulberry32 } from '../test-random';
import { budgetOverHorizon, budgetPeriodsWithin } from './horizon';

describe('budgetPeriodsWithin', () => {
  it('lists the periods that end inside the horizon, including the one already under way', () => {
    const s = parseDay('2026-11-26');
    expect(budgetPeriodsWithin('month', s, parseDay('2027-02-10'))).toEqual([
      { start: '2026-11-01', end: '2026-12-01' },
      { start: '2026-12-01', end: '2027-01-01' },
      { start: '2027-01-01', end: '2027-02-01' },
    ]);
    expect(budgetPeriodsWithin('quarter', s, parseDay('2027-04-01'))).toEqual([
      { start: '2026-10-01', end: '2027-01-01' },
      { start: '2027-01-01', end: '2027-04-01' },
    ]);
    expect(budgetPeriodsWithin('year', s, parseDay('2027-06-01'))).toEqual([{ start: '2026-01-01', end: '2027-01-01' }]);
    expect(budgetPeriodsWithin('year', parseDay('2027-01-01'), parseDay('2027-06-01'))).toEqual([]);
  });
});

describe('budgetOverHorizon', () => {
  // History 2026-10-01 … 2026-11-25 at 100/day; paths from 2026-11-26 for 67 days (through 2027-01-31).
  const history = { start: parseDay('2026-10-01'), values: Array.from({ length: 56 }, () => 100) };
  const pathsStart = parseDay('2026-11-26');
  const normal = gaussian(mulberry32(11));
  const paths = Array.from({ length: 1500 }, () => Array.from({ length: 67 }, () => 100 + 40 * normal()));

  /** Independent Monte Carlo: per path, the period total from the raw day-indexed arrays. */
  function monteCarlo(periodStart: Day, periodEnd: Day, amount: number): { p: number; breach: Day | null } {
    // Day i of the period, by plain index arithmetic on the two arrays.
    const n = daysBetween(periodStart, periodEnd);
    const seen = daysBetween(periodStart, pathsStart); // days of the period before the paths
    const h0 = daysBetween(history.start, periodStart);
    let over = 0;
    const overOn = new Array<number>(n).fill(0);
    for (const p of paths) {
      let total = 0;
      for (let i = 0; i < n; i++) {
        total += i < seen ? (history.values[h0 + i] ?? 0) : (p[i - seen] as number);
        if (total > amount) overOn[i] = (overOn[i] as number) + 1;
      }
      if (total > amount) over++;
    }
    const first = overOn.findIndex((c) => c / paths.length >= 0.5);
    const breach = first < 0 ? null : addDays(periodStart, first);
    return { p: over / paths.length, breach };
  }

  it('gives each month the probability an independent Monte Carlo over the same paths gives', () => {
    for (const amount of [2_950, 3_050, 3_100, 3_200]) {
      const res = budgetOverHorizon({ amount, kind: 'month', history, pathsStart, paths });
      expect(res.map((r) => r.period.start)).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
      for (const r of res) {
        const mc = monteCarlo(r.period.start, r.period.end, amount);
        expect(r.status.probabilityOver).toBe(mc.p);
        expect(r.status.likelyBreachDate).toBe(mc.breach);
      }
      // November: 25 days seen (2,500) plus 5 forecast days.
      expect(res[0]?.status.actual).toBe(2_500);
      expect(res[1]?.status.actual).toBe(0);
    }
    // Sanity: the thresholds straddle the mean of a 31-day month (3,100), so the odds are not all 0 or 1.
    const mid = budgetOverHorizon({ amount: 3_100, kind: 'month', history, pathsStart, paths })[1]?.status.probabilityOver as number;
    expect(mid).toBeGreaterThan(0.3);
    expect(mid).toBeLessThan(0.7);
  });

  it('a quarter that began before the history is judged from the history start', () => {
    const [q] = budgetOverHorizon({ amount: 9_000, kind: 'quarter', history, pathsStart, paths });
    expect(q?.period).toEqual({ start: '2026-10-01', end: '2027-01-01' });
    expect(q?.status.actual).toBe(5_600);
    expect(q?.status.forecastDays).toBe(36);
    const mc = monteCarlo(parseDay('2026-10-01'), parseDay('2027-01-01'), 9_000);
    expect(q?.status.probabilityOver).toBe(mc.p);
    expect(q?.status.likelyBreachDate).toBe(mc.breach);
  });

  it('refuses paths that do not start the day after the history', () => {
    expect(() => budgetOverHorizon({ amount: 1, kind: 'month', history, pathsStart: parseDay('2026-11-27'), paths })).toThrow(/history ends on 2026-11-25 but the paths start on 2026-11-27/);
  });
});
