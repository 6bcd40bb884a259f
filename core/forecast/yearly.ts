import { scaleForecast } from './scale';
import { choleskySolve } from './optim/cholesky';
import type { Fitter, FittedModel, ForecastOptions } from './types';

/**
 * Yearly cycle of daily data as a multiplicative profile, for series too short for a yearly
 * seasonal model: with two or three years of daily values every day of the year has been seen
 * once or twice, far too few for a seasonal period of 365 in ETS/ARIMA, and MSTL keeps the yearly
 * period only beyond two full cycles (and then smooths each day of the year over two or three points).
 *
 * The profile is a sum of K Fourier pairs of period 365.25 — the trigonometric seasonality of
 * TBATS (De Livera, Hyndman & Snyder 2011, "Forecasting time series with complex seasonal patterns
 * using exponential smoothing", JASA 106(496), §2.2) and the Fourier terms of dynamic harmonic
 * regression (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §7.4
 * "Fourier series" and §12.1 "Complex seasonality": K chosen by AICc) — estimated by ordinary least
 * squares, with a linear trend, on the mean log value of blocks of one primary period (weeks of daily
 * data, the last block ending with the last value; block centres c):
 *
 *   mean log y over block b = a + β·c_b + Σ_{k=1..K} (α_k cos(2πk c_b/365.25) + β_k sin(2πk c_b/365.25)) + e_b.
 *
 * Blocks rather than days: a block averages the weekly cycle out, and daily cost noise is
 * autocorrelated (an AR(1) day-to-day), which makes AICc on days keep every harmonic offered
 * (measured on the demo at four origins: K = 26 of 26, a profile that follows last year's noise; on weeks K = 8–20).
 * The trend and the yearly cycle are told apart by the days of the year seen twice (a linear trend
 * over a single cycle is itself a sum of sines), so a profile is estimated only from at least
 * `MIN_YEARS` × 365.25 values (the last `MAX_YEARS` years at most: the log trend is taken as straight
 * over them). K ranges over `HARMONICS` (26 pairs resolve about a week; shorter features are the
 * calendar effects' job, calendar.ts) and K = 0, no yearly cycle: the profile is applied only when
 * some K > 0 has a lower AICc than K = 0, so a series without a yearly cycle is left alone.
 *
 * `withYearlyProfile` wraps a family's fitter as `withCalendarEffects` does: every fit (the final
 * one and each backtest window's) estimates the profile from its own training values, divides them
 * by exp(profile), fits the family on the adjusted series and multiplies the forecast (mean,
 * intervals and sample paths) by exp(profile) of the horizon days. The profile is estimated, not
 * known: its estimation error is not in the family's intervals, and a window with too little history
 * fits without one, so `auto` does not let such windows narrow the final intervals (select/index.ts).
 */
/** Length of the yearly cycle in days. */
export const YEAR = 365.25;
/** Fewest years of values a profile is estimated from. */
export const MIN_YEARS = 1.5;
/** The most recent years the regression uses (its log trend is a straight line over them). */
export const MAX_YEARS = 3;
/** Numbers of Fourier pairs compared by AICc (besides 0). */
export const HARMONICS: readonly number[] = [1, 2, 3, 4, 6, 8, 10, 13, 16, 20, 26];

export interface YearlyProfile {
  /** Fourier pairs kept (0: no yearly cycle stood out; the profile is then 1 everywhere). */
  readonly harmonics: number;
  /** Blocks (of one primary period) the regression used. */
  readonly n: number;
  /** AICc of the regression without a yearly cycle (K = 0) and with the chosen K. */
  readonly aicc0: number;
  readonly aicc: number;
  /** Coefficients (α_1, β_1, …, α_K, β_K) of the log profile. */
  readonly coefficients: readonly number[];
  /** Largest minus smallest value of the multiplicative profile over a year (0.25 = 25 % swing). */
  readonly swing: number;
}

/** log profile at time t (t = 0 is the first value of the series the profile was fitted on). */
export function yearlyLogProfile(p: YearlyProfile, t: number): number {
  let s = 0;
  for (let k = 1; k <= p.harmonics; k++) {
    const w = (2 * Math.PI * k * t) / YEAR;
    s += (p.coefficients[2 * k - 2] as number) * Math.cos(w) + (p.coefficients[2 * k - 1] as number) * Math.sin(w);
  }
  return s;
}

const NONE = (n: number): YearlyProfile => ({ harmonics: 0, n, aicc0: Number.NaN, aicc: Number.NaN, coefficients: [], swing: 0 });

/**
 * Estimates the yearly profile of `y` (daily values, primary period `period`, e.g. 7), as
 * documented above. Blocks holding a non-positive or non-finite value are left out of the
 * regression; fewer than MIN_YEARS × 365.25 values in usable blocks give no profile (harmonics 0).
 */
export function estimateYearlyProfile(y: readonly number[], period: number): YearlyProfile {
  const n = y.length;
  const from = Math.max(0, n - Math.round(MAX_YEARS * YEAR));
  const P = Math.max(1, Math.round(period));
  // Observations: (block centre, mean log value) of blocks of P days, the last one ending with the
  // last value; a block with a non-positive or non-finite value is left out.
  const obs: { t: number; z: number }[] = [];
  for (let end = n; end - P >= from; end -= P) {
    let s = 0;
    let ok = true;
    for (let t = end - P; t < end; t++) {
      const v = y[t] as number;
      if (v > 0 && Number.isFinite(v)) s += Math.log(v);
      else ok = false;
    }
    if (ok) obs.push({ t: end - P + (P - 1) / 2, z: s / P });
  }
  const m = obs.length;
  if (m * P < MIN_YEARS * YEAR) return NONE(m);
  const Kmax = HARMONICS[HARMONICS.length - 1] as number;
  // Columns: intercept, trend (scaled to [-1, 1]), then the cos/sin pairs.
  const base = 2;
  const p = base + 2 * Kmax;
  const mid = (from + n - 1) / 2;
  const half = Math.max(1, (n - 1 - from) / 2);
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  let yty = 0;
  const x = new Float64Array(p);
  for (const { t, z } of obs) {
    x[0] = 1;
    x[1] = (t - mid) / half;
    for (let k = 1; k <= Kmax; k++) {
      const w = (2 * Math.PI * k * t) / YEAR;
      x[base + 2 * k - 2] = Math.cos(w);
      x[base + 2 * k - 1] = Math.sin(w);
    }
    yty += z * z;
    for (let i = 0; i < p; i++) {
      const xi = x[i] as number;
      xty[i] = (xty[i] as number) + xi * z;
      for (let j = 0; j < p; j++) xtx[i * p + j] = (xtx[i * p + j] as number) + xi * (x[j] as number);
    }
  }
  const fit = (K: number): { aicc: number; beta: Float64Array } | undefined => {
    const q = base + 2 * K;
    if (m - q - 1 <= 0) return undefined;
    const a = new Float64Array(q * q);
    const b = new Float64Array(q);
    for (let i = 0; i < q; i++) {
      b[i] = xty[i] as number;
      for (let j = 0; j < q; j++) a[i * q + j] = xtx[i * p + j] as number;
    }
    const beta = Float64Array.from(b);
    if (!choleskySolve(a, beta, q, 1e-9)) return undefined;
    // RSS = y'y − β'X'y for the least-squares β.
    let rss = yty;
    for (let i = 0; i < q; i++) rss -= (beta[i] as number) * (b[i] as number);
    rss = Math.max(rss, 1e-300);
    const k = q + 1; // + the noise variance
    return { aicc: m * Math.log(rss / m) + 2 * k + (2 * k * (k + 1)) / (m - k - 1), beta };
  };
  const f0 = fit(0);
  if (!f0) return NONE(m);
  let best = { K: 0, aicc: f0.aicc, beta: f0.beta };
  for (const K of HARMONICS) {
    const f = fit(K);
    if (f && f.aicc < best.aicc) best = { K, aicc: f.aicc, beta: f.beta };
  }
  const coefficients = Array.from(best.beta.subarray(base, base + 2 * best.K));
  const profile: YearlyProfile = { harmonics: best.K, n: m, aicc0: f0.aicc, aicc: best.aicc, coefficients, swing: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (let d = 0; d < 366; d++) {
    const s = yearlyLogProfile(profile, d);
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  return { ...profile, swing: best.K > 0 ? Math.exp(hi) / Math.exp(lo) - 1 : 0 };
}


/**
 * `fitter` with a yearly profile: each fit estimates it from the values it is given, fits the
 * family on y / exp(profile) and multiplies the horizon back. The record keeps the family's spec
 * with " × yearly(K)" appended when a profile was applied, its params gain `yearly.harmonics` and
 * `yearly.swing`, and residuals are on the original scale.
 */
export function withYearlyProfile(fitter: Fitter): Fitter {
  const wrap = (y: readonly number[], period: number, fit: (adjusted: readonly number[]) => FittedModel): FittedModel => {
    const profile = estimateYearlyProfile(y, period);
    const n = y.length;
    if (profile.harmonics === 0) {
      const base = fit(y);
      const refit = base.refit?.bind(base);
      return { ...base, record: { ...base.record, yearly: profile }, ...(refit ? { refit: (y2: readonly number[]) => wrap(y2, period, refit) } : {}) };
    }
    const f = (t: number): number => Math.exp(yearlyLogProfile(profile, t));
    const base = fit(y.map((v, t) => v / f(t)));
    const refit = base.refit?.bind(base);
    return {
      record: {
        ...base.record,
        spec: `${base.record.spec} × yearly(${profile.harmonics})`,
        params: { ...base.record.params, 'yearly.harmonics': profile.harmonics, 'yearly.swing': profile.swing },
        residuals: base.record.residuals.map((r, t) => r * f(t)),
        yearly: profile,
      },
      forecast: (h: number, options: ForecastOptions) => scaleForecast(base.forecast(h, options), (t) => f(n + t)),
      ...(refit ? { refit: (y2: readonly number[]) => wrap(y2, period, refit) } : {}),
    };
  };
  return (y, options) => wrap(y, options.period, (a) => fitter(a, options));
}
