import { describe, expect, it } from 'vitest';
import type { Day } from '../../core/lib';
import { periodForecasts, periodOf } from './period-forecast';

describe('forecast to period end', () => {
  it('finds the calendar month, quarter and year of a day', () => {
    expect(periodOf('month', '2026-11-25' as Day)).toEqual({ start: '2026-11-01', end: '2026-12-01' });
    expect(periodOf('quarter', '2026-11-25' as Day)).toEqual({ start: '2026-10-01', end: '2027-01-01' });
    expect(periodOf('quarter', '2026-03-31' as Day)).toEqual({ start: '2026-01-01', end: '2026-04-01' });
    expect(periodOf('year', '2026-11-25' as Day)).toEqual({ start: '2026-01-01', end: '2027-01-01' });
  });

  it('adds the actual so far to each path’s remaining days and reads quantiles off the totals', () => {
    // 10 per day from 2026-01-01 through 2026-11-25 (329 days); the forecast starts 2026-11-26.
    const actual = { start: '2026-01-01' as Day, values: Array.from({ length: 329 }, () => 10) };
    // Path k costs k per day: 36 days to the year end.
    const paths = Array.from({ length: 10 }, (_, k) => Array.from({ length: 36 }, () => k + 1));
    const [month, quarter, year] = periodForecasts(actual, '2026-11-26' as Day, paths);
    // November: 25 days × 10 actual, 5 days ahead. Totals 250 + 5k, k = 1…10: P10 = k=1, P50 = k=5, P90 = k=9.
    expect(month).toMatchObject({ actual: 250, remaining: 5, p10: 255, p50: 275, p90: 295 });
    // Q4: Oct 31 + Nov 25 = 56 days × 10; 36 days ahead.
    expect(quarter).toMatchObject({ actual: 560, remaining: 36, p10: 560 + 36, p50: 560 + 36 * 5, p90: 560 + 36 * 9 });
    expect(year).toMatchObject({ actual: 3290, remaining: 36, p50: 3290 + 180 });
  });

  it('moves to the next month when the data ends on a month’s last day', () => {
    const actual = { start: '2026-11-01' as Day, values: Array.from({ length: 30 }, () => 2) };
    const [month] = periodForecasts(actual, '2026-12-01' as Day, [Array.from({ length: 31 }, () => 1)], ['month']);
    expect(month).toMatchObject({ start: '2026-12-01', end: '2027-01-01', actual: 0, remaining: 31, p50: 31 });
  });
});
