import { loessAt } from './loess';

/**
 * STL: Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae & Terpenning 1990,
 * J. Official Statistics 6(1)), written from the paper's inner/outer loop:
 *
 * inner loop (n_i passes):
 *   1. detrend yₜ − Tₜ;
 *   2. smooth each cycle-subseries with loess (span n_s, degree `seasonalDegree`), extended one
 *      period before and after → C (length n + 2·period);
 *   3. low-pass filter C: moving averages of length period, period, 3, then loess (span n_l) → L;
 *   4. Sₜ = Cₜ − Lₜ;
 *   5. deseasonalize yₜ − Sₜ;
 *   6. trend: loess (span n_t, degree `trendDegree`) of the deseasonalized series → T.
 * outer loop (n_o passes): robustness weights ρₜ = B(|Rₜ| / (6·median|R|)) with the bisquare B,
 *   applied in steps 2 and 6.
 *
 * Defaults mirror R's `stl()`: s.degree 0, t.degree 1, l.degree = t.degree,
 * t.window = nextodd(⌈1.5·period / (1 − 1.5/s.window)⌉), l.window = nextodd(period),
 * inner 2 / outer 0 (non-robust) or inner 1 / outer 15 (robust). Loess is evaluated at every
 * point (no "jump" interpolation).
 */
export interface StlOptions {
  /** Seasonal smoothing span n_s (odd, ≥ 3). */
  readonly seasonalWindow: number;
  readonly trendWindow?: number;
  readonly lowpassWindow?: number;
  readonly seasonalDegree?: 0 | 1;
  readonly trendDegree?: 0 | 1;
  readonly robust?: boolean;
  readonly inner?: number;
  readonly outer?: number;
}

export interface StlResult {
  readonly seasonal: number[];
  readonly trend: number[];
  readonly remainder: number[];
  readonly weights: number[];
}

const nextOdd = (x: number): number => {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
};

export function stlDefaults(period: number, seasonalWindow: number): { trendWindow: number; lowpassWindow: number } {
  return { trendWindow: nextOdd(Math.ceil((1.5 * period) / (1 - 1.5 / seasonalWindow))), lowpassWindow: nextOdd(period) };
}

/** Decomposes y (no missing values) with an integer period ≥ 2; requires n > 2·period. */
export function stl(y: readonly number[], period: number, options: StlOptions): StlResult {
  const n = y.length;
  const np = Math.round(period);
  if (np < 2 || n <= 2 * np) throw new Error(`stl: need period ≥ 2 and more than two periods of data (n = ${n}, period = ${period})`);
  const ns = Math.max(3, nextOdd(options.seasonalWindow));
  const defaults = stlDefaults(np, ns);
  const nt = Math.max(3, nextOdd(options.trendWindow ?? defaults.trendWindow));
  const nl = Math.max(3, nextOdd(options.lowpassWindow ?? defaults.lowpassWindow));
  const sdeg = options.seasonalDegree ?? 0;
  const tdeg = options.trendDegree ?? 1;
  const robust = options.robust ?? false;
  const inner = options.inner ?? (robust ? 1 : 2);
  const outer = options.outer ?? (robust ? 15 : 0);

  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  const weights = new Float64Array(n).fill(1);
  const detr = new Float64Array(n);
  const C = new Float64Array(n + 2 * np);
  const deseas = new Float64Array(n);
  let useWeights = false;

  for (let o = 0; o <= outer; o++) {
    for (let it = 0; it < inner; it++) {
      for (let t = 0; t < n; t++) detr[t] = y[t]! - trend[t]!;
      // Cycle-subseries smoothing.
      for (let j = 0; j < np; j++) {
        const len = Math.floor((n - 1 - j) / np) + 1;
        const sub = new Float64Array(len);
        const w = new Float64Array(len);
        for (let k = 0; k < len; k++) {
          sub[k] = detr[j + k * np]!;
          w[k] = weights[j + k * np]!;
        }
        for (let k = -1; k <= len; k++) {
          let v = loessAt(sub, len, ns, sdeg, k, useWeights ? w : undefined);
          if (!Number.isFinite(v)) v = loessAt(sub, len, ns, sdeg, k);
          // C index: position j + k·np shifted by one period.
          C[j + (k + 1) * np] = v;
        }
      }
      // Low-pass: MA(np), MA(np), MA(3), loess(nl).
      const ma1 = movingAverage(C, np);
      const ma2 = movingAverage(ma1, np);
      const ma3 = movingAverage(ma2, 3);
      // ma3 has length n.
      for (let t = 0; t < n; t++) {
        const L = loessAt(ma3, n, nl, tdeg, t);
        seasonal[t] = C[t + np]! - L;
      }
      for (let t = 0; t < n; t++) deseas[t] = y[t]! - seasonal[t]!;
      for (let t = 0; t < n; t++) {
        let v = loessAt(deseas, n, nt, tdeg, t, useWeights ? weights : undefined);
        if (!Number.isFinite(v)) v = loessAt(deseas, n, nt, tdeg, t);
        trend[t] = v;
      }
    }
    if (o < outer) {
      // Robustness weights (bisquare of |R| / 6 median|R|).
      const abs = new Float64Array(n);
      for (let t = 0; t < n; t++) abs[t] = Math.abs(y[t]! - seasonal[t]! - trend[t]!);
      const h = 6 * median(abs);
      for (let t = 0; t < n; t++) {
        const u = h > 0 ? abs[t]! / h : 0;
        weights[t] = u < 1 ? (1 - u * u) * (1 - u * u) : 0;
      }
      useWeights = true;
    }
  }
  const remainder = new Array<number>(n);
  for (let t = 0; t < n; t++) remainder[t] = y[t]! - seasonal[t]! - trend[t]!;
  return { seasonal: Array.from(seasonal), trend: Array.from(trend), remainder, weights: Array.from(weights) };
}

function movingAverage(x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.length - k + 1);
  let s = 0;
  for (let i = 0; i < k; i++) s += x[i]!;
  out[0] = s / k;
  for (let i = 1; i < out.length; i++) {
    s += x[i + k - 1]! - x[i - 1]!;
    out[i] = s / k;
  }
  return out;
}

function median(x: Float64Array): number {
  const s = Array.from(x).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
