import { describe, expect, it } from 'vitest';
import { estimateCalendarEffects, withCalendarEffects, type CalendarKeys } from './calendar';
import { forecastSeries } from './forecast-series';
import { createRandom, normalSampler } from './random';
import { familyFitter } from './registry';

/**
 * Three years of a daily series: weekly profile × 30 %/year growth × 3 % log-normal noise, with a
 * "sale" day every 364 days (same weekday each year) at SALE × its neighbours and a "quiet" key on
 * ordinary days (no effect). Days are 0-based; the sale falls on days 300, 664, 1028 (and 1392 in
 * the horizon).
 */
const N = 1095;
const SALE = 2.2;
const saleDays = [300, 664, 1028, 1392];
const quietDays = [150, 514, 878, 1242];
const WEEK = [1.05, 0.97, 0.96, 0.97, 0.99, 1.0, 1.06];

function series(seed: number, sale = SALE): number[] {
  const z = normalSampler(createRandom(seed));
  return Array.from({ length: N }, (_, i) => 1000 * Math.pow(1.3, i / 365) * (WEEK[i % 7] as number) * Math.exp(0.03 * z()) * (saleDays.includes(i) ? sale : 1));
}

function keys(horizon: number): CalendarKeys {
  return Array.from({ length: N + horizon }, (_, i) => (saleDays.includes(i) ? 'sale' : quietDays.includes(i) ? 'quiet' : null));
}

describe('estimateCalendarEffects', () => {
  it('finds the sale effect from its three occurrences and ignores a key without one', () => {
    const y = series(1);
    const k = keys(0);
    const e = estimateCalendarEffects(y, (i) => k[i], 7);
    const sale = e.applied.find((x) => x.key === 'sale');
    expect(sale?.occurrences).toBe(3);
    expect(sale!.factor).toBeGreaterThan(SALE * 0.95);
    expect(sale!.factor).toBeLessThan(SALE * 1.05);
    expect(e.applied.map((x) => x.key)).toEqual(['sale']);
    expect(e.ignored.map((x) => x.key)).toEqual(['quiet']);
    // The noise is the 3 % log-normal noise seen through ratios to a median of neighbours: a few per cent.
    expect(e.noise).toBeGreaterThan(0.02);
    expect(e.noise).toBeLessThan(0.06);
  });

  it('applies nothing when the effect is within the day-to-day noise', () => {
    const y = series(2, 1.01);
    const k = keys(0);
    expect(estimateCalendarEffects(y, (i) => k[i], 7).applied).toEqual([]);
  });
});

describe('forecastSeries with calendar keys', () => {
  const H = 400; // reaches the fourth sale, day 1392
  const saleStep = saleDays[3]! - N;

  it('forecasts the sale day at its effect over the same weekday a week before; without keys it is an ordinary day', () => {
    const y = series(3);
    const withCal = forecastSeries(y, { period: 7, horizon: H, model: 'ets', calendar: keys(H) });
    const plain = forecastSeries(y, { period: 7, horizon: H, model: 'ets' });
    const ratio = (f: { mean: readonly number[] }): number => (f.mean[saleStep] as number) / (f.mean[saleStep - 7] as number);
    expect(ratio(withCal)).toBeGreaterThan(SALE * 0.93);
    expect(ratio(withCal)).toBeLessThan(SALE * 1.07);
    expect(Math.abs(ratio(plain) - 1)).toBeLessThan(0.05);
    expect(withCal.card.calendar?.applied.map((e) => e.key)).toEqual(['sale']);
    // Training on the adjusted series also keeps the sales out of the model's level and season.
    expect(Math.abs((withCal.mean[saleStep - 7] as number) / (plain.mean[saleStep - 7] as number) - 1)).toBeLessThan(0.05);
  });

  it('auto (the default) uses them too, and its card lists them', () => {
    const y = series(4);
    const f = forecastSeries(y, { period: 7, horizon: H, calendar: keys(H) });
    expect((f.mean[saleStep] as number) / (f.mean[saleStep - 7] as number)).toBeGreaterThan(SALE * 0.9);
    expect(f.card.calendar?.applied[0]?.key).toBe('sale');
  });

  it('refuses keys that do not cover every value and step', () => {
    expect(() => forecastSeries(series(5), { period: 7, horizon: 10, calendar: keys(9) })).toThrow(/calendar has 1104 keys but the series has 1095 values and the horizon 10 steps/);
  });
});

describe('withCalendarEffects', () => {
  const snaive = familyFitter('snaive')!;

  it('scales the mean, both interval bounds and every sample path of a key day by its effect, and nothing else', () => {
    const y = series(6);
    const k = keys(H2);
    const wrapped = withCalendarEffects(snaive, k, 0)(y, { period: 7 });
    const effects = new Map(estimateCalendarEffects(y, (i) => k[i], 7).applied.map((e) => [e.key, e.factor]));
    const factor = effects.get('sale')!;
    const adjusted = y.map((v, i) => v / (effects.get(k[i] ?? '') ?? 1));
    const base = snaive(adjusted, { period: 7 });
    const opts = { levels: [0.8], paths: 5 };
    const a = wrapped.forecast(H2, { ...opts, random: createRandom(9) });
    const b = base.forecast(H2, { ...opts, random: createRandom(9) });
    const s = saleDays[3]! - N;
    for (let t = 0; t < H2; t++) {
      const f = effects.get(k[N + t] ?? '') ?? 1;
      if (t === s) expect(f).toBe(factor);
      expect(a.mean[t]).toBeCloseTo((b.mean[t] as number) * f, 9);
      expect(a.intervals[0]!.lo[t]).toBeCloseTo((b.intervals[0]!.lo[t] as number) * f, 9);
      expect(a.intervals[0]!.hi[t]).toBeCloseTo((b.intervals[0]!.hi[t] as number) * f, 9);
      a.paths!.forEach((p, j) => expect(p[t]).toBeCloseTo((b.paths![j]![t] as number) * f, 9));
    }
    // Residuals are on the original scale: y − f × (adjusted fit).
    const i = saleDays[2]!;
    expect(wrapped.record.residuals[i]).toBeCloseTo((base.record.residuals[i] as number) * factor, 9);
  });

  it('estimates from the values it is given only: a window that has not seen a sale yet forecasts none (honest backtests)', () => {
    const y = series(7);
    const k = keys(H2);
    const fit = withCalendarEffects(snaive, k, 0);
    const ratio = (mean: readonly number[], t: number): number => (mean[t] as number) / (mean[t - 7] as number);
    // Trained up to day 700 (sales at 300 and 664 seen) and up to day 250 (none seen): both forecast day 1028.
    expect(ratio(fit(y.slice(0, 700), { period: 7 }).forecast(330, { levels: [0.8] }).mean, 328)).toBeGreaterThan(1.8);
    expect(ratio(fit(y.slice(0, 250), { period: 7 }).forecast(780, { levels: [0.8] }).mean, 778)).toBeCloseTo(1, 6);
    // A window that starts at day 100 (offset 100): its values 200 and 564 are the sales, its step 228 is day 1028.
    expect(ratio(withCalendarEffects(snaive, k, 100)(y.slice(100, 800), { period: 7 }).forecast(230, { levels: [0.8] }).mean, 228)).toBeGreaterThan(1.8);
    expect(ratio(withCalendarEffects(snaive, k, 0)(y.slice(100, 800), { period: 7 }).forecast(230, { levels: [0.8] }).mean, 228)).toBeLessThan(1.2);
  });
});

const H2 = 400;
