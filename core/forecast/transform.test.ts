import { describe, expect, it } from 'vitest';
import { forecastSeries } from './forecast-series';
import { qnorm } from './math/stats';
import { createRandom, normalSampler } from './random';
import { familyFitter } from './registry';
import { withLogTransform } from './transform';
import type { Fitter } from './types';

const WEEKLY = [1.03, 0.98, 0.97, 0.98, 0.99, 1.01, 1.04];
const GROWTH = Math.log(1.35) / 365.25;

/** Daily cost: +35 %/year compounding, weekly profile, AR(1) log noise (φ 0.5, σ 2 %). */
function dailyCost(n: number, seed: number): number[] {
  const z = normalSampler(createRandom(seed));
  let e = 0;
  return Array.from({ length: n }, (_, t) => {
    e = 0.5 * e + 0.02 * z();
    return 1000 * Math.exp(GROWTH * t) * (WEEKLY[t % 7] as number) * Math.exp(e);
  });
}
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('log transform with bias-adjusted back-transformation', () => {
  const ses = familyFitter('ets') as Fitter;

  it('reports the mean exp(ŵ)(1 + σ²_h/2), not the median exp(ŵ): it matches the mean of the back-transformed sample paths', () => {
    // A noisy random walk in logs (σ 10 % a step): exp(ŵ) is well below the mean 20 steps ahead.
    const z = normalSampler(createRandom(3));
    let w = Math.log(100);
    const y = Array.from({ length: 200 }, () => Math.exp((w += 0.1 * z())));
    const model = withLogTransform(ses)(y, { period: 1 });
    expect(model.record.spec).toMatch(/ on log$/);
    const h = 20;
    const f = model.forecast(h, { levels: [0.8, 0.95], paths: 20000, random: createRandom(5) });
    const paths = f.paths as readonly (readonly number[])[];
    const pathMean = sum(paths.map((p) => p[h - 1] as number)) / paths.length;
    // The median of the paths is exp(ŵ): the interval's centre on the log scale.
    const iv95 = f.intervals.find((iv) => iv.level === 0.95)!;
    const median = Math.sqrt((iv95.lo[h - 1] as number) * (iv95.hi[h - 1] as number));
    const sd = (Math.log(iv95.hi[h - 1] as number) - Math.log(iv95.lo[h - 1] as number)) / (2 * qnorm(0.975));
    expect(sd).toBeGreaterThan(0.3);
    expect(f.mean[h - 1]).toBeCloseTo(median * (1 + (sd * sd) / 2), 6);
    expect(Math.abs((f.mean[h - 1] as number) / pathMean - 1)).toBeLessThan(0.02);
    expect(pathMean / median - 1).toBeGreaterThan(0.04);
    // Intervals are the log model's, back-transformed by exp (quantiles are kept).
    const raw = ses(y.map(Math.log), { period: 1 }).forecast(h, { levels: [0.8] });
    expect(f.intervals[0]!.lo[h - 1]).toBeCloseTo(Math.exp(raw.intervals[0]!.lo[h - 1] as number), 6);
  });

  it('follows compounding growth that a trend on the original scale under-forecasts', () => {
    const y = dailyCost(730, 11);
    const h = 42;
    const truth = Array.from({ length: h }, (_, t) => 1000 * Math.exp(GROWTH * (730 + t)) * (WEEKLY[(730 + t) % 7] as number) * Math.exp(0.02 ** 2 / (2 * (1 - 0.25))));
    const err = (mean: readonly number[]): number => (sum(mean) / sum(truth) - 1) * 100;
    for (const model of ['theta', 'arima'] as const) {
      const onLog = forecastSeries(y, { period: 7, horizon: h, model, log: true });
      const plain = forecastSeries(y, { period: 7, horizon: h, model });
      expect(onLog.card.spec).toMatch(/ on log$/);
      expect(Math.abs(err(onLog.mean))).toBeLessThan(Math.abs(err(plain.mean)));
      expect(err(onLog.mean)).toBeGreaterThan(-1);
    }
  });

  it('leaves a series with a value ≤ 0 untransformed and says so', () => {
    const y = dailyCost(200, 2);
    y[50] = 0;
    const f = forecastSeries(y, { period: 7, horizon: 14, model: 'ets', log: true });
    expect(f.card.spec).not.toMatch(/on log/);
    expect(f.card.warnings.join(' ')).toMatch(/values ≤ 0: fitted without the log transform/);
  });
});
