import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecast-series';
import { createRandom, normalSampler } from './random';
import { estimateYearlyProfile, yearlyLogProfile } from './yearly';

const WEEKLY = [1.03, 0.98, 0.97, 0.98, 0.99, 1.01, 1.04];
/** First and last day (within each 365.25-day cycle) of a plateau at ×`lift`: a December season. */
const PLATEAU = { from: 300, to: 320 };
const inPlateau = (t: number): boolean => {
  const d = Math.floor(t % 365.25);
  return d >= PLATEAU.from && d <= PLATEAU.to;
};

/** Daily cost: +35 %/year, weekly profile, a 3-week plateau at ×lift every year, AR(1) log noise (φ 0.5, σ 2 %). */
function dailyCost(n: number, lift: number, seed: number): number[] {
  const z = normalSampler(createRandom(seed));
  let e = 0;
  return Array.from({ length: n }, (_, t) => {
    e = 0.5 * e + 0.02 * z();
    return 1000 * Math.exp((Math.log(1.35) * t) / 365.25) * (WEEKLY[t % 7] as number) * (inPlateau(t) ? lift : 1) * Math.exp(e);
  });
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean absolute percentage error of `f` against `a`. */
const mape = (a: readonly number[], f: readonly number[]): number => (100 * mean(a.map((v, t) => Math.abs(v - (f[t] as number)) / v)));

describe('yearly profile', () => {
  it('recovers a yearly plateau from two years of daily values', () => {
    const y = dailyCost(2 * 365 + 40, 1.25, 1);
    const p = estimateYearlyProfile(y, 7);
    expect(p.harmonics).toBeGreaterThan(0);
    expect(p.aicc).toBeLessThan(p.aicc0);
    // Middle of the second year's plateau against the four weeks before it (the profile is smooth at the edges).
    const at = (t: number): number => Math.exp(yearlyLogProfile(p, t));
    const start = 365 + PLATEAU.from;
    const inside = mean(Array.from({ length: 11 }, (_, k) => at(start + 5 + k)));
    const before = mean(Array.from({ length: 21 }, (_, k) => at(start - 35 + k)));
    expect(inside / before).toBeGreaterThan(1.19);
    expect(inside / before).toBeLessThan(1.31);
  });

  it('finds no yearly cycle where there is none', () => {
    const p = estimateYearlyProfile(dailyCost(2 * 365 + 40, 1, 2), 7);
    expect(p.swing).toBeLessThan(0.02);
  });

  it('stands aside on less than a year and a half of values: the forecast is the plain one', () => {
    const y = dailyCost(500, 1.25, 3);
    expect(estimateYearlyProfile(y, 7).harmonics).toBe(0);
    const plain = forecastSeries(y, { period: 7, horizon: 28, model: 'ets' });
    const withYearly = forecastSeries(y, { period: 7, horizon: 28, model: 'ets', yearly: true });
    expect(withYearly.mean).toEqual(plain.mean);
    expect(withYearly.card.spec).toBe(plain.card.spec);
  });

  it('forecasts the season from the origin before it, where the plain model carries the level of the weeks before', () => {
    const y = dailyCost(3 * 365, 1.25, 4);
    const origin = 2 * 365 + PLATEAU.from - 10; // ten days before the third plateau
    const h = 28;
    const train = y.slice(0, origin);
    const actual = y.slice(origin, origin + h);
    const plain = forecastSeries(train, { period: 7, horizon: h, model: 'ets' });
    const withYearly = forecastSeries(train, { period: 7, horizon: h, model: 'ets', yearly: true });
    expect(withYearly.card.spec).toMatch(/ × yearly\(\d+\)$/);
    const days = actual.map((_, t) => t).filter((t) => inPlateau(origin + t));
    const pick = (xs: readonly number[]): number[] => days.map((t) => xs[t] as number);
    expect(days.length).toBeGreaterThan(15);
    expect(mape(pick(actual), pick(plain.mean))).toBeGreaterThan(12);
    expect(mape(pick(actual), pick(withYearly.mean))).toBeLessThan(6);
  });

  it('auto: backtest windows too short for a profile may widen the final intervals but not narrow them', () => {
    // 600 values, horizon 60: the windows train on 420, 480 and 540 values, under the 548 a profile needs.
    const y = dailyCost(600, 1.25, 5);
    const fc = forecastSeries(y, { period: 7, horizon: 60, levels: [0.8, 0.95], yearly: true });
    expect(fc.card.spec).toMatch(/yearly\(\d+\)/);
    expect(fc.card.warnings.join(' ')).toMatch(/backtest windows had too little history/);
    for (const c of fc.card.calibration ?? []) expect(c.factor).toBeGreaterThanOrEqual(1);
    expect(fc.card.calibration?.length).toBe(2);
  });
});
