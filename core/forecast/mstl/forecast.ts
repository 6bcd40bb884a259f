import { loessWeights } from '../stl';
import type { MstlFit } from './fit';

/**
 * Seasonal part of the forecast: each component continues as the seasonal naive of its last
 * cycle, Ŝ_{n+h} = S_{n+h−k·p} with k = ⌈h/p⌉ and p the rounded period.
 */
export function seasonalForecast(fit: MstlFit, h: number): number[] {
  const out = new Array<number>(h).fill(0);
  const n = fit.n;
  fit.periods.forEach((period, i) => {
    const p = Math.round(period);
    const s = fit.seasonals[i]!;
    for (let k = 0; k < h; k++) {
      const back = Math.ceil((k + 1) / p) * p;
      out[k] = out[k]! + s[n + k - back]!;
    }
  });
  return out;
}

/**
 * Variance factor of each projected seasonal value, summed over components: Σᵢ Σ w², with w the
 * normalized degree-0 loess weights that produced the seasonal value being carried forward
 * (its noise variance is σ²·Σw² when the noise is white).
 */
export function seasonalVarianceFactors(fit: MstlFit, h: number): number[] {
  const out = new Array<number>(h).fill(0);
  const n = fit.n;
  fit.periods.forEach((period, i) => {
    const P = Math.round(period);
    for (let k = 0; k < h; k++) {
      const t = n + k - Math.ceil((k + 1) / P) * P;
      const j = t % P;
      const len = Math.floor((n - 1 - j) / P) + 1;
      const w = loessWeights(len, fit.spans[i]!, Math.floor(t / P));
      let s = 0;
      for (const v of w) s += v * v;
      out[k] = out[k]! + s;
    }
  });
  return out;
}
