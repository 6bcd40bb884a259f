import { describe, expect, it } from 'vitest';
import { createRandom, normalSampler } from '../random';
import { loessAt, mstl, seasonalStrength, stl, stlDefaults } from './index';

const rmse = (a: readonly number[], b: readonly number[], from = 0, to = a.length): number => {
  let s = 0;
  for (let t = from; t < to; t++) s += (a[t]! - b[t]!) ** 2;
  return Math.sqrt(s / (to - from));
};
const corr = (a: readonly number[], b: readonly number[]): number => {
  const n = a.length;
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let t = 0; t < n; t++) {
    sab += (a[t]! - ma) * (b[t]! - mb);
    saa += (a[t]! - ma) ** 2;
    sbb += (b[t]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
};

describe('loess', () => {
  it('reproduces a straight line exactly with degree 1 and a constant with degree 0', () => {
    const line = Array.from({ length: 20 }, (_, i) => 3 + 2 * i);
    expect(loessAt(line, 20, 7, 1, 5)).toBeCloseTo(13, 10);
    expect(loessAt(line, 20, 7, 1, -1)).toBeCloseTo(1, 10); // extrapolation one step before the data
    expect(loessAt([4, 4, 4, 4], 4, 11, 0, 2)).toBe(4);
  });
});

describe('STL (Cleveland et al. 1990)', () => {
  it('uses R stl() default windows', () => {
    // R: t.window = nextodd(ceiling(1.5 * 12 / (1 - 1.5 / 13))) = 21, l.window = nextodd(12) = 13
    expect(stlDefaults(12, 13)).toEqual({ trendWindow: 21, lowpassWindow: 13 });
  });
  it('separates an exact periodic pattern from a linear trend', () => {
    const pattern = [1, -2, 0.5, 0.5];
    const y = Array.from({ length: 120 }, (_, t) => 5 + 0.3 * t + pattern[t % 4]!);
    const d = stl(y, 4, { seasonalWindow: 7 });
    for (let t = 40; t < 80; t++) expect(Math.abs(d.seasonal[t]! - pattern[t % 4]!)).toBeLessThan(0.02);
    expect(Math.max(...d.remainder.map(Math.abs))).toBeLessThan(0.02);
    // the three components add back up to the data
    for (let t = 0; t < y.length; t++) expect(d.seasonal[t]! + d.trend[t]! + d.remainder[t]!).toBeCloseTo(y[t]!, 10);
  });
  it('robust fitting down-weights an outlier', () => {
    const z = normalSampler(createRandom(5));
    const truth = (t: number): number => 2 * Math.sin((2 * Math.PI * t) / 12);
    const y = Array.from({ length: 240 }, (_, t) => 10 + truth(t) + 0.3 * z());
    y[122] = 40;
    const plain = stl(y, 12, { seasonalWindow: 7 });
    const robust = stl(y, 12, { seasonalWindow: 7, robust: true });
    expect(robust.weights[122]).toBe(0);
    // The outlier leaks into the non-robust seasonal of its cycle-subseries, not into the robust one.
    expect(Math.abs(plain.seasonal[134]! - truth(134))).toBeGreaterThan(1);
    expect(Math.abs(robust.seasonal[134]! - truth(134))).toBeLessThan(0.5);
  });
});

describe('MSTL (Bandara, Hyndman & Bergmeir 2021)', () => {
  const z = normalSampler(createRandom(11));
  const weekly = [3, 4, 2, 1, 0, -5, -5];
  const wm = weekly.reduce((a, b) => a + b, 0) / 7;
  const n = 3 * 365;
  const trueWeekly = Array.from({ length: n }, (_, t) => weekly[t % 7]! - wm);
  const trueYearly = Array.from({ length: n }, (_, t) => 10 * Math.sin((2 * Math.PI * t) / 365.25));
  const y = Array.from({ length: n }, (_, t) => 100 + 0.05 * t + trueWeekly[t]! + trueYearly[t]! + 0.5 * z());

  it('recovers a known weekly + yearly pattern on daily data', () => {
    const d = mstl(y, [365.25, 7]);
    expect(d.periods).toEqual([7, 365.25]);
    expect(rmse(d.seasonals[0]!, trueWeekly)).toBeLessThan(0.4); // weekly amplitude 9, noise sd 0.5
    expect(corr(d.seasonals[0]!, trueWeekly)).toBeGreaterThan(0.99);
    expect(rmse(d.seasonals[1]!, trueYearly)).toBeLessThan(2); // yearly amplitude 10
    expect(corr(d.seasonals[1]!, trueYearly)).toBeGreaterThan(0.98);
    expect(rmse(d.trend, Array.from({ length: n }, (_, t) => 100 + 0.05 * t))).toBeLessThan(1);
    expect(seasonalStrength(d, 0)).toBeGreaterThan(0.8);
  });
  it('drops a period without two full cycles', () => {
    const d = mstl(y.slice(0, 400), [7, 365.25]);
    expect(d.periods).toEqual([7]);
    expect(d.dropped).toEqual([365.25]);
  });
  it('seasonal strength is low on white noise and high on a seasonal series', () => {
    const noise = Array.from({ length: 240 }, () => z());
    expect(seasonalStrength(mstl(noise, [12]))).toBeLessThan(0.4);
    const seasonal = noise.map((v, t) => v + 5 * Math.cos((2 * Math.PI * t) / 12));
    expect(seasonalStrength(mstl(seasonal, [12]))).toBeGreaterThan(0.9);
  });
});
