import { describe, expect, it } from 'vitest';
import { AIR_PASSENGERS, LH } from '../arima/datasets.fixture';
import { etsModel } from './index';
import { fitEtsSpec } from './fit';
import type { EtsSpec } from './spec';

const spec = (error: 'A' | 'M', trend: 'N' | 'A', damped: boolean, season: 'N' | 'A' | 'M'): EtsSpec => ({ error, trend, damped, season });

describe('ETS refits started from an earlier fit', () => {
  it.each([
    ['ETS(M,Ad,M) AirPassengers', AIR_PASSENGERS, spec('M', 'A', true, 'M'), 12],
    ['ETS(A,Ad,N) lh', LH, spec('A', 'A', true, 'N'), 1],
    ['ETS(M,A,N) AirPassengers', AIR_PASSENGERS, spec('M', 'A', false, 'N'), 1],
  ] as const)('%s: never ends below its starting likelihood, and refits keep the spec', (_name, y, s, m) => {
    const full = fitEtsSpec(y, s, m);
    // The start is a vertex of the simplex, so the search cannot end at a worse point.
    const again = fitEtsSpec(y, s, m, { start: full });
    expect(again.loglik).toBeGreaterThanOrEqual(full.loglik - 1e-9);
    const short = y.slice(0, y.length - 12);
    const refit = etsModel(full).refit!(short);
    expect(refit.record.spec).toBe(etsModel(full).record.spec);
    expect(refit.record.n).toBe(short.length);
    // both searches end at local optima of the same likelihood surface (Nelder–Mead, reltol 1e-8)
    const cold = fitEtsSpec(short, s, m);
    expect(Math.abs(refit.record.loglik! - cold.loglik)).toBeLessThan(2);
  });
});
