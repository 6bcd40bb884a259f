import { describe, expect, it } from 'vitest';
import { createRandom, normalSampler } from '../forecast/random';
import type { Day } from '../lib';
import { forecastCostBasis, type CostBasisSeries } from './forecast-basis';

const START = '2024-01-01' as Day;
const WEEKLY = [1.03, 0.98, 0.97, 0.98, 0.99, 1.01, 1.04];
const GROWTH = Math.log(1.35) / 365.25;
/** Expected daily usage cost: +35 %/year compounding with a weekly profile (times the noise's mean). */
const expected = (i: number): number => 500 * Math.exp(GROWTH * i) * (WEEKLY[i % 7] as number) * Math.exp(0.02 ** 2 / (2 * (1 - 0.25)));

describe('daily cost forecasts are fitted on log values', () => {
  // Two years of usage growing 35 %/year, AR(1) log noise (φ 0.5, σ 2 %), no yearly cycle.
  const z = normalSampler(createRandom(21));
  let e = 0;
  const n = 730;
  const values = Array.from({ length: n }, (_, i) => {
    e = 0.5 * e + 0.02 * z();
    return 500 * Math.exp(GROWTH * i) * (WEEKLY[i % 7] as number) * Math.exp(e);
  });
  const zeros = values.map(() => 0);
  const basis: CostBasisSeries = { currency: 'USD', group: {}, start: START, total: values, usage: values, nullFrequency: zeros, oneTime: zeros, recurring: [], labels: [] };
  const h = 42;
  const truth = Array.from({ length: h }, (_, t) => expected(n + t)).reduce((a, b) => a + b, 0);
  const totalError = (mean: readonly number[]): number => (mean.reduce((a, b) => a + b, 0) / truth - 1) * 100;

  it('by default: the forecast keeps the growth rate, and a note says the model ran on log values', () => {
    for (const model of ['theta', 'arima'] as const) {
      const f = forecastCostBasis(basis, { historyEnd: n, horizon: h, model });
      expect(f.card.spec).toMatch(/ on log/);
      expect(f.composition.notes.join(' ')).toMatch(/fitted on log values/);
      expect(Math.abs(totalError(f.mean))).toBeLessThan(1);
      const plain = forecastCostBasis(basis, { historyEnd: n, horizon: h, model, log: false });
      expect(plain.card.spec).not.toMatch(/on log/);
      expect(plain.composition.notes.join(' ')).not.toMatch(/log values/);
      expect(totalError(plain.mean)).toBeLessThan(totalError(f.mean));
    }
  });
});
