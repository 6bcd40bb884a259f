import { normalSampler } from '../random';
import type { Interval, Random, SamplePaths } from '../types';
import { qnorm, selectQuantiles } from './stats';

/** Symmetric Gaussian intervals mean ± z·sd at each level (level in (0,1)). */
export function gaussianIntervals(mean: readonly number[], sd: readonly number[], levels: readonly number[]): Interval[] {
  return levels.map((level) => {
    const z = qnorm(0.5 + level / 2);
    return { level, lo: mean.map((m, i) => m - z * (sd[i] as number)), hi: mean.map((m, i) => m + z * (sd[i] as number)) };
  });
}

/**
 * Equal-tailed intervals from sample paths (the (1−level)/2 and (1+level)/2 quantiles at each step,
 * R type 7). The point forecast is kept inside each interval, so levels nest around the mean.
 */
export function pathIntervals(mean: readonly number[], paths: SamplePaths, levels: readonly number[]): Interval[] {
  const h = mean.length;
  // Per step only the 2·levels tail quantiles are needed: selected, not sorted (selectQuantiles).
  const ps = levels.flatMap((level) => [(1 - level) / 2, (1 + level) / 2]);
  const N = paths.length;
  const cols = new Float64Array(h * N);
  for (let k = 0; k < N; k++) {
    const path = paths[k] as readonly number[];
    for (let t = 0; t < h; t++) cols[t * N + k] = path[t] as number;
  }
  const q: number[][] = [];
  for (let t = 0; t < h; t++) q.push(selectQuantiles(cols.subarray(t * N, (t + 1) * N), ps));
  return nestIntervals(
    levels.map((level, i) => ({
      level,
      lo: q.map((qt, t) => Math.min(qt[2 * i] as number, mean[t] as number)),
      hi: q.map((qt, t) => Math.max(qt[2 * i + 1] as number, mean[t] as number)),
    })),
  );
}

/** Makes wider levels contain narrower ones (guards against Monte Carlo noise). */
export function nestIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.level - b.level);
  const out: Interval[] = [];
  let prev: Interval | undefined;
  for (const iv of sorted) {
    const lo = prev ? iv.lo.map((v, i) => Math.min(v, (prev as Interval).lo[i] as number)) : [...iv.lo];
    const hi = prev ? iv.hi.map((v, i) => Math.max(v, (prev as Interval).hi[i] as number)) : [...iv.hi];
    const cur = { level: iv.level, lo, hi };
    out.push(cur);
    prev = cur;
  }
  // restore the caller's order
  return intervals.map((iv) => out.find((o) => o.level === iv.level) as Interval);
}

/**
 * Sample paths of a linear model with Gaussian innovations written in ψ-weight (MA(∞)) form:
 * y_{n+h} = mean_h + Σ_{j=1}^{h} ψ_{h−j} ε_{n+j}, ψ_0 = 1, ε ~ N(0, σ²)  (Box & Jenkins; Hyndman et al.
 * 2008 §6.1 for the class-1 ETS models). `scale[h]` multiplies the deviation (a seasonal index when
 * the model works on a seasonally adjusted series).
 */
export function psiPaths(mean: readonly number[], psi: readonly number[], sigma: number, count: number, random: Random, scale?: readonly number[]): number[][] {
  const h = mean.length;
  const z = normalSampler(random);
  const eps = new Float64Array(h);
  const out: number[][] = [];
  for (let k = 0; k < count; k++) {
    for (let j = 0; j < h; j++) eps[j] = sigma * z();
    const path = new Array<number>(h);
    for (let t = 0; t < h; t++) {
      let dev = 0;
      for (let j = 0; j <= t; j++) dev += (psi[t - j] as number) * (eps[j] as number);
      path[t] = (mean[t] as number) + dev * (scale ? (scale[t] as number) : 1);
    }
    out.push(path);
  }
  return out;
}

/** Standard deviation at each step of a ψ-weight model: σ·sqrt(Σ_{j<h} ψ_j²). */
export function psiSd(psi: readonly number[], sigma: number, h: number): number[] {
  const out: number[] = [];
  let s = 0;
  for (let t = 0; t < h; t++) {
    s += (psi[t] as number) ** 2;
    out.push(sigma * Math.sqrt(s));
  }
  return out;
}
