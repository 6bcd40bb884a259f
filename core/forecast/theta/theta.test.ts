import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS, LH, US_ACC_DEATHS } from '../arima/datasets.fixture';
import { nelderMead } from '../optim/nelder-mead';
import { thetaRecursion } from './fit';
import { fitThetaProfile } from './profile';

describe('theta least squares by profiling', () => {
  it.each([
    ['lh', LH],
    ['USAccDeaths', US_ACC_DEATHS],
    ['AirPassengers', AIR_PASSENGERS],
  ] as const)('%s: the closed-form SSE is the recursion’s, and no simplex search over (ℓ₀, α, θ) beats it', (_name, values) => {
    const y = Float64Array.from(values);
    for (const dynamic of [true, false]) {
      const p = fitThetaProfile(y, dynamic);
      expect(p.alpha).toBeGreaterThanOrEqual(0.1);
      expect(p.alpha).toBeLessThanOrEqual(0.99);
      expect(p.theta).toBeGreaterThanOrEqual(1);
      const direct = thetaRecursion(y, p.l0, p.alpha, p.theta, dynamic, 0).sse;
      expect(p.sse / direct).toBeCloseTo(1, 9);
      // Independent check: Nelder–Mead on the recursion's SSE from several starts never does better.
      for (const start of [
        [y[0]! / 2, 0.5, 2],
        [y[0]!, 0.2, 1.5],
        [y[0]!, 0.9, 5],
      ]) {
        const obj = (x: Float64Array): number => (x[1]! < 0.1 || x[1]! > 0.99 || x[2]! < 1 || x[2]! > 1e4 ? Infinity : thetaRecursion(y, x[0]!, x[1]!, x[2]!, dynamic, 0).sse);
        const nm = nelderMead(obj, start, { step: [Math.abs(y[0]!) * 0.1, 0.2, 1], maxEval: 3000, reltol: 1e-12 });
        expect(direct).toBeLessThanOrEqual(nm.f * (1 + 1e-6));
      }
    }
  });
});
