import { gaussianIntervals, psiPaths } from '../math/intervals';
import { normalSampler } from '../random';
import type { Interval, Random } from '../types';
import type { BaselineFit } from './fit';

/**
 * Forecast standard deviations (Hyndman & Athanasopoulos, FPP3 Table 5.2):
 * naive σ√h; seasonal naive σ√(⌊(h−1)/m⌋+1); drift σ√(h(1+h/(n−1))) (parameter uncertainty of the
 * drift included); naive2 as naive on the adjusted series, scaled by the seasonal index.
 */
export function baselineSd(fit: BaselineFit, h: number): number[] {
  const { sigma, spec } = fit;
  const n = fit.base.length;
  const out: number[] = [];
  for (let t = 1; t <= h; t++) {
    switch (spec.kind) {
      case 'naive':
        out.push(sigma * Math.sqrt(t));
        break;
      case 'snaive':
        out.push(sigma * Math.sqrt(Math.floor((t - 1) / spec.period) + 1));
        break;
      case 'drift':
        out.push(sigma * Math.sqrt(t * (1 + t / (n - 1))));
        break;
      case 'naive2':
        out.push(sigma * Math.sqrt(t) * (fit.lastSeason[(t - 1) % fit.lastSeason.length] as number));
        break;
    }
  }
  return out;
}

export function baselineIntervals(fit: BaselineFit, mean: readonly number[], levels: readonly number[]): Interval[] {
  return gaussianIntervals(mean, baselineSd(fit, mean.length), levels);
}

/**
 * Sample paths with the same distribution as the analytic intervals: Gaussian random walk steps
 * (every m-th step for the seasonal naive); for drift, each path also draws its drift from
 * N(c, σ²/(n−1)), which gives exactly the variance σ²h(1+h/(n−1)).
 */
export function baselinePaths(fit: BaselineFit, mean: readonly number[], count: number, random: Random): number[][] {
  const h = mean.length;
  const { spec, sigma } = fit;
  if (spec.kind === 'drift') {
    const z = normalSampler(random);
    const sdDrift = sigma / Math.sqrt(fit.base.length - 1);
    const out: number[][] = [];
    for (let k = 0; k < count; k++) {
      const dd = sdDrift * z();
      let walk = 0;
      const p = new Array<number>(h);
      for (let t = 0; t < h; t++) {
        walk += sigma * z();
        p[t] = (mean[t] as number) + dd * (t + 1) + walk;
      }
      out.push(p);
    }
    return out;
  }
  const psi = Array.from({ length: h }, (_, j) => (spec.kind === 'snaive' ? (j % spec.period === 0 ? 1 : 0) : 1));
  const scale = spec.kind === 'naive2' ? Array.from({ length: h }, (_, t) => fit.lastSeason[t % fit.lastSeason.length] as number) : undefined;
  return psiPaths(mean, psi, sigma, count, random, scale);
}
