import { describe, expect, it } from 'vitest';
import { parseDay } from '../../lib';
import { budgetPeriodOf } from './status';
import { periodForecast } from './period-forecast';

describe('periodForecast', () => {
  const november = budgetPeriodOf('month', parseDay('2026-11-26')); // 30 days

  it('adds the actual so far to each path’s remaining days and reads definition-1 quantiles off the totals', () => {
    const actual = Array.from({ length: 25 }, () => 10); // 250 spent, 5 days ahead
    // Path k costs k per day (k = 1…10), one step longer than needed: totals 250 + 5k.
    const paths = Array.from({ length: 10 }, (_, k) => Array.from({ length: 6 }, () => k + 1));
    // Definition 1: the smallest total whose empirical CDF reaches p → P10 = k 1, P50 = k 5, P90 = k 9.
    expect(periodForecast({ period: november, actual, paths })).toEqual({ actual: 250, p10: 255, p50: 275, p90: 295, actualDays: 25, remaining: 5 });
  });

  it('keeps the autocorrelation of the paths: the spread of a sum is not the sum of daily spreads', () => {
    // Two paths, one high and one low on alternate days: over 4 days every daily P90 is 3 (summed: 12), but each total is 8.
    const paths = [
      [1, 3, 1, 3, 1, 3, 1, 3, 1, 3],
      [3, 1, 3, 1, 3, 1, 3, 1, 3, 1],
    ];
    const p = periodForecast({ period: { start: parseDay('2026-01-01'), end: parseDay('2026-01-05') }, actual: [], paths });
    expect(p).toMatchObject({ p10: 8, p50: 8, p90: 8, remaining: 4 });
  });

  it('is the actual when the period is over, and refuses paths too short for the days that remain', () => {
    expect(periodForecast({ period: november, actual: Array.from({ length: 30 }, () => 2), paths: [] })).toMatchObject({ actual: 60, p10: 60, p90: 60, remaining: 0 });
    expect(() => periodForecast({ period: november, actual: [1], paths: [[1, 2]] })).toThrow(/2 steps but 29 days/);
  });
});
