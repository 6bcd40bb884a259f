import { describe, expect, it } from 'vitest';
import { parseDay } from '../../lib';
import { gaussian, mulberry32 } from '../test-random';
import { budgetBurn } from './burn';
import { budgetPeriodOf, budgetStatus } from './status';

describe('budgetBurn', () => {
  const period = budgetPeriodOf('month', parseDay('2026-11-10')); // Nov 2026, 30 days
  const actual = [100, 50, 25, 25, 0, 10, 90, 100, 100, 0];
  const normal = gaussian(mulberry32(11));
  const paths = Array.from({ length: 999 }, () => Array.from({ length: 20 }, () => 100 + 40 * normal()));

  it('accumulates the actuals day by day and starts the band the day after', () => {
    const b = budgetBurn({ period, actual, paths });
    expect(b.actual).toEqual([100, 150, 175, 200, 200, 210, 300, 400, 500, 500]);
    expect(b.start).toBe('2026-11-01');
    expect(b.forecastStart).toBe('2026-11-11');
    expect(b.p50).toHaveLength(20);
  });

  it('reads each day off the paths’ running totals, ending at the period-total quantiles of budgetStatus', () => {
    const b = budgetBurn({ period, actual, paths });
    // Independently: day 5 of the forecast, sorted running totals, definition-1 quantile (rank ceil(p·n)).
    const day5 = paths.map((p) => 500 + p.slice(0, 6).reduce((a, v) => a + v, 0)).sort((x, y) => x - y);
    expect(b.p10[5]).toBe(day5[Math.ceil(0.1 * 999) - 1]);
    expect(b.p50[5]).toBe(day5[Math.ceil(0.5 * 999) - 1]);
    expect(b.p90[5]).toBe(day5[Math.ceil(0.9 * 999) - 1]);
    const s = budgetStatus({ amount: 2500, period, actual, paths });
    expect(b.p10[19]).toBeCloseTo(s.forecast.p10, 9);
    expect(b.p50[19]).toBeCloseTo(s.forecast.p50, 9);
    expect(b.p90[19]).toBeCloseTo(s.forecast.p90, 9);
    for (let t = 0; t < 20; t++) expect(b.p10[t]! <= b.p50[t]! && b.p50[t]! <= b.p90[t]!).toBe(true);
  });

  it('has no band once the period is complete', () => {
    const b = budgetBurn({ period, actual: Array.from({ length: 30 }, () => 1), paths: [] });
    expect(b.actual[29]).toBe(30);
    expect(b.p50).toEqual([]);
    expect(b.forecastStart).toBe('2026-12-01');
  });
});
