import { qnorm } from '../math/stats';
import type { Forecast, Interval } from '../types';

/**
 * The seasonal components are carried forward deterministically, so the forecast distribution is
 * that of the adjusted-series model shifted by the seasonal forecast: intervals and sample paths
 * of the adjusted model plus Ŝ (as R's `stlf`).
 */
export function shiftForecast(adjusted: Forecast, seasonal: readonly number[]): Forecast {
  const add = (x: readonly number[]): number[] => x.map((v, t) => v + seasonal[t]!);
  const intervals: Interval[] = adjusted.intervals.map((iv) => ({ level: iv.level, lo: add(iv.lo), hi: add(iv.hi) }));
  return {
    mean: add(adjusted.mean),
    intervals,
    ...(adjusted.paths !== undefined ? { paths: adjusted.paths.map(add) } : {}),
  };
}

/**
 * Widens the adjusted-series forecast for the noise the seasonal smoothers absorbed:
 *   σ²_total(h) = c·σ²_adj(h) + σ²_noise·v(h),
 * with c = n/(n − df_seasonal), σ²_adj(h) read off the narrowest interval
 * ((hi − lo)/(2 z))², and v(h) the projected seasonal's variance factor. Each interval and each
 * path deviation from the mean is scaled by √(σ²_total/σ²_adj), which keeps the levels nested.
 */
export function widen(fc: Forecast, inflation: number, noiseVariance: number, seasonalFactors: readonly number[]): Forecast {
  const h = fc.mean.length;
  const base = [...fc.intervals].sort((a, b) => a.level - b.level)[0];
  if (base === undefined && fc.paths === undefined) return fc;
  const ratio = new Array<number>(h).fill(1);
  for (let t = 0; t < h; t++) {
    let v: number;
    if (base !== undefined) {
      const z = qnorm(0.5 + base.level / 2);
      v = ((base.hi[t]! - base.lo[t]!) / (2 * z)) ** 2;
    } else {
      const col = fc.paths!.map((p) => p[t]!);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      v = col.reduce((a, b) => a + (b - m) * (b - m), 0) / Math.max(1, col.length - 1);
    }
    if (v > 0) ratio[t] = Math.sqrt((inflation * v + noiseVariance * seasonalFactors[t]!) / v);
  }
  const scale = (x: readonly number[]): number[] => x.map((v, t) => fc.mean[t]! + ratio[t]! * (v - fc.mean[t]!));
  return {
    mean: fc.mean,
    intervals: fc.intervals.map((iv) => ({ level: iv.level, lo: scale(iv.lo), hi: scale(iv.hi) })),
    ...(fc.paths !== undefined ? { paths: fc.paths.map(scale) } : {}),
  };
}
