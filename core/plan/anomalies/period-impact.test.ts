import { describe, expect, it } from 'vitest';
import { periodImpact } from './period-impact';

/** A stand-in forecaster whose P50 is derivable by hand: the mean of the last 7 days times the horizon. */
const lastWeekMean = (y: readonly number[], h: number): number => (h * y.slice(-7).reduce((a, b) => a + b, 0)) / 7;

describe('periodImpact', () => {
  // 40 days at 100 a day; the period is days 30..59 (30 days), the data ends on day 39 (10 observed days).
  const values = Array.from({ length: 40 }, () => 100);
  const expected = values.slice();

  it('open period: incurred excess plus the change in the forecast of the remaining days', () => {
    const y = values.slice();
    y[36] = 400; // +300
    y[37] = 250; // +150
    const r = periodImpact({ values: y, expected, start: 36, end: 37, periodStart: 30, periodEnd: 60, forecastTotal: lastWeekMean });
    // Observed: 10 days, 1000 + 450. Remaining 20 days: with = 20 · (700 + 450)/7, without = 20 · 100.
    expect(r.incurred).toBe(450);
    expect(r.forecastDays).toBe(20);
    expect(r.with).toBeCloseTo(1450 + (20 * 1150) / 7, 9);
    expect(r.without).toBeCloseTo(1000 + 2000, 9);
    expect(r.delta).toBeCloseTo(450 + (20 * 450) / 7, 9);
  });

  it('closed period: actual with the anomaly, minus its excess without it', () => {
    const y = values.slice();
    y[12] = 40; // a −60 drop on day 12, in the period 0..29 that is over
    const r = periodImpact({ values: y, expected, start: 12, end: 12, periodStart: 0, periodEnd: 30, forecastTotal: () => { throw new Error('no forecast for a closed period'); } });
    expect(r).toEqual({ with: 2940, without: 3000, delta: -60, incurred: -60, forecastDays: 0 });
  });

  it('only the days inside the period count as incurred', () => {
    const y = values.slice();
    y[28] = 300;
    y[29] = 300;
    y[30] = 300; // the run 28..30 straddles the period start 30
    const r = periodImpact({ values: y, expected, start: 28, end: 30, periodStart: 30, periodEnd: 40, forecastTotal: lastWeekMean });
    expect(r.incurred).toBe(200);
    expect(r.delta).toBe(200);
  });
});
