import { describe, expect, it } from 'vitest';
import { createRandom, normalSampler } from '../forecast/random';
import { addDays, daysBetween, type Day } from '../lib';
import { forecastCostBasis, type CostBasisSeries } from './forecast-basis';

const START = '2023-06-01' as Day;
const WEEKLY = [1.03, 0.98, 0.97, 0.98, 0.99, 1.01, 1.04];
/** A December season: 1–20 December at ×1.25. */
const season = (d: Day): number => (d.slice(5, 7) === '12' && Number(d.slice(8, 10)) <= 20 ? 1.25 : 1);

/** Daily usage cost from START: +35 %/year, weekly profile, the December season, AR(1) log noise (σ 2 %). */
function usage(days: number): number[] {
  const z = normalSampler(createRandom(7));
  let e = 0;
  return Array.from({ length: days }, (_, i) => {
    e = 0.5 * e + 0.02 * z();
    const d = addDays(START, i);
    return 500 * Math.exp((Math.log(1.35) * i) / 365.25) * (WEEKLY[i % 7] as number) * season(d) * Math.exp(e);
  });
}

describe('daily cost forecasts carry a yearly profile', () => {
  const days = daysBetween(START, '2026-01-01' as Day);
  const values = usage(days);
  const zeros = values.map(() => 0);
  const basis: CostBasisSeries = { currency: 'USD', group: {}, start: START, total: values, usage: values, nullFrequency: zeros, oneTime: zeros, recurring: [], labels: [] };
  const origin = daysBetween(START, '2025-11-20' as Day);
  const h = 28; // 20 Nov – 17 Dec: 17 season days
  const seasonDays = Array.from({ length: h }, (_, t) => t).filter((t) => season(addDays('2025-11-20' as Day, t)) > 1);
  const seasonError = (mean: readonly number[]): number =>
    (100 * seasonDays.reduce((s, t) => s + Math.abs((mean[t] as number) / (values[origin + t] as number) - 1), 0)) / seasonDays.length;

  it('by default: the forecast from 20 November rises into December, and a note says why', () => {
    const f = forecastCostBasis(basis, { historyEnd: origin, horizon: h, model: 'ets' });
    expect(f.card.spec).toMatch(/ × yearly\(\d+\)$/);
    expect(f.composition.notes.join(' ')).toMatch(/A yearly profile learnt from the past years \(\d+ Fourier pair\(s\), a swing of \d+ %/);
    expect(seasonError(f.mean)).toBeLessThan(6);
  });

  it('yearly: false forecasts December at the level of November', () => {
    const f = forecastCostBasis(basis, { historyEnd: origin, horizon: h, model: 'ets', yearly: false });
    expect(f.card.spec).not.toMatch(/yearly/);
    expect(f.composition.notes.join(' ')).not.toMatch(/yearly profile/);
    expect(seasonError(f.mean)).toBeGreaterThan(12);
  });
});
