import { stl } from './stl';

/**
 * MSTL: multiple seasonal-trend decomposition by loess (Bandara, Hyndman & Bergmeir 2021,
 * "MSTL: A Seasonal-Trend Decomposition Algorithm for Time Series with Multiple Seasonal
 * Patterns"). Periods are taken in increasing order; each seasonal component is re-estimated by
 * STL on the series with the other components removed, `iterations` times (default 2), with
 * seasonal windows 7 + 4i (i = 1, 2, … in period order) as in R's `forecast::mstl`. The trend is
 * that of the last STL pass; remainder = y − trend − Σ seasonals.
 *
 * Non-integer periods (365.25) are rounded for the cycle-subseries. Periods with fewer than two
 * full cycles in the data (n ≤ 2·period) are dropped and listed in `dropped`.
 */
export interface MstlResult {
  readonly periods: readonly number[];
  readonly seasonals: readonly (readonly number[])[];
  readonly trend: readonly number[];
  readonly remainder: readonly number[];
  readonly dropped: readonly number[];
  /** Seasonal smoothing span used for each kept period. */
  readonly seasonalWindows: readonly number[];
}

export interface MstlOptions {
  readonly iterations?: number;
  readonly seasonalWindows?: readonly number[];
  readonly robust?: boolean;
  /**
   * STL inner iterations per pass. R's `stl` uses 2, which with a trending series leaves the
   * trend not yet removed from the cycle-subseries and biases the end of a long (yearly) seasonal
   * component; 4 passes remove that bias (measured: −0.24 → −0.01 on a 10-amplitude yearly sine
   * with slope 0.05/day, weekly cycle too). R's value is the default (the seasonal-strength test uses it).
   */
  readonly inner?: number;
}

export function mstl(y: readonly number[], periods: readonly number[], options: MstlOptions = {}): MstlResult {
  const n = y.length;
  const sorted = [...new Set(periods)].sort((a, b) => a - b);
  const kept = sorted.filter((p) => Math.round(p) >= 2 && n > 2 * Math.round(p));
  const dropped = sorted.filter((p) => !kept.includes(p));
  const iterations = kept.length > 1 ? (options.iterations ?? 2) : 1;
  const seasonals = kept.map(() => new Array<number>(n).fill(0));
  const windows = kept.map((_, i) => options.seasonalWindows?.[i] ?? 7 + 4 * (i + 1));
  const deseas = y.slice();
  let trend: number[] = [];
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < kept.length; i++) {
      const s = seasonals[i]!;
      for (let t = 0; t < n; t++) deseas[t] = deseas[t]! + s[t]!;
      const fit = stl(deseas, Math.round(kept[i]!), { seasonalWindow: windows[i]!, robust: options.robust ?? false, ...(options.inner !== undefined ? { inner: options.inner } : {}) });
      seasonals[i] = fit.seasonal;
      for (let t = 0; t < n; t++) deseas[t] = deseas[t]! - fit.seasonal[t]!;
      trend = fit.trend;
    }
  }
  if (kept.length === 0) trend = supsmuFallback(y);
  const remainder = deseas.map((v, t) => v - trend[t]!);
  return { periods: kept, seasonals, trend, remainder, dropped, seasonalWindows: windows };
}

/**
 * Without any usable seasonal period the trend is a loess-free running-line smoother over
 * ~ n/10 points (R's mstl uses Friedman's supsmu here; this is the simplest stand-in that keeps
 * the decomposition defined, and the trend only feeds the seasonal-strength heuristic).
 */
function supsmuFallback(y: readonly number[]): number[] {
  const n = y.length;
  const half = Math.max(1, Math.floor(n / 20));
  const out = new Array<number>(n);
  for (let t = 0; t < n; t++) {
    const lo = Math.max(0, t - half);
    const hi = Math.min(n - 1, t + half);
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    const k = hi - lo + 1;
    for (let i = lo; i <= hi; i++) {
      sx += i;
      sy += y[i]!;
      sxx += i * i;
      sxy += i * y[i]!;
    }
    const mx = sx / k;
    const my = sy / k;
    const v = sxx / k - mx * mx;
    out[t] = v > 0 ? my + ((sxy / k - mx * my) / v) * (t - mx) : my;
  }
  return out;
}

/**
 * Strength of seasonality of component i (Wang, Smith & Hyndman 2006):
 * max(0, min(1, 1 − Var(R) / Var(R + Sᵢ))).
 */
export function seasonalStrength(d: MstlResult, i = 0): number {
  const s = d.seasonals[i];
  if (s === undefined) return NaN;
  const vr = variance(d.remainder);
  const vrs = variance(d.remainder.map((r, t) => r + s[t]!));
  if (!(vrs > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - vr / vrs));
}

function variance(x: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const m = x.reduce((a, b) => a + b, 0) / n;
  return x.reduce((a, b) => a + (b - m) * (b - m), 0) / (n - 1);
}
