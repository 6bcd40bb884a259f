/**
 * Accuracy measures. sMAPE, MASE, MSIS and OWA follow the M4 competition's definitions
 * (Makridakis, Spiliotis & Assimakopoulos 2020, IJF 36(1); the organisers' `Benchmarks and
 * Evaluation.R`); the pinball loss is the quantile score of Gneiting & Raftery (2007).
 */
import type { Interval } from '../types';

export function mae(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs((actual[i] as number) - (forecast[i] as number));
  return s / actual.length;
}

export function rmse(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += ((actual[i] as number) - (forecast[i] as number)) ** 2;
  return Math.sqrt(s / actual.length);
}

/** M4 sMAPE in percent: mean of 200·|y − f| / (|y| + |f|) (0 when both are 0). */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const f = forecast[i] as number;
    const d = Math.abs(a) + Math.abs(f);
    s += d === 0 ? 0 : (200 * Math.abs(a - f)) / d;
  }
  return s / actual.length;
}

/** MASE scale: in-sample mean absolute error of the seasonal naive with period m (mean |x_t − x_{t−m}|, t > m). */
export function maseScale(insample: readonly number[], m: number): number {
  const lag = insample.length > m ? m : 1;
  let s = 0;
  let c = 0;
  for (let t = lag; t < insample.length; t++) {
    s += Math.abs((insample[t] as number) - (insample[t - lag] as number));
    c++;
  }
  return c > 0 ? s / c : Number.NaN;
}

/** MASE: MAE of the forecasts divided by `maseScale(insample, m)` (Hyndman & Koehler 2006). */
export function mase(actual: readonly number[], forecast: readonly number[], insample: readonly number[], m: number, scale = maseScale(insample, m)): number {
  return mae(actual, forecast) / scale;
}

/** Share of actuals inside [lo, hi]. */
export function coverage(actual: readonly number[], interval: Pick<Interval, 'lo' | 'hi'>): number {
  let c = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    if (a >= (interval.lo[i] as number) && a <= (interval.hi[i] as number)) c++;
  }
  return c / actual.length;
}

/**
 * M4 mean scaled interval score for a (1 − a) interval (a = 0.05 for 95 %):
 * mean over h of (u − l) + (2/a)(l − y)·1{y < l} + (2/a)(y − u)·1{y > u}, divided by the MASE scale.
 */
export function msis(actual: readonly number[], interval: Pick<Interval, 'lo' | 'hi' | 'level'>, insample: readonly number[], m: number, scale = maseScale(insample, m)): number {
  const a = 1 - interval.level;
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    const l = interval.lo[i] as number;
    const u = interval.hi[i] as number;
    s += u - l;
    if (y < l) s += (2 / a) * (l - y);
    if (y > u) s += (2 / a) * (y - u);
  }
  return s / actual.length / scale;
}

/** Pinball (quantile) loss of quantile forecasts q at probability tau, averaged over points. */
export function pinball(actual: readonly number[], q: readonly number[], tau: number): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = (actual[i] as number) - (q[i] as number);
    s += d >= 0 ? tau * d : (tau - 1) * d;
  }
  return s / actual.length;
}

/**
 * Mean pinball loss over the two quantiles each interval defines ((1 − level)/2 and (1 + level)/2).
 */
export function intervalPinball(actual: readonly number[], intervals: readonly Interval[]): number {
  if (intervals.length === 0) return Number.NaN;
  let s = 0;
  for (const iv of intervals) s += pinball(actual, iv.lo, (1 - iv.level) / 2) + pinball(actual, iv.hi, (1 + iv.level) / 2);
  return s / (2 * intervals.length);
}

/** M4 OWA: ½(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2), each a frequency-level average over the same series. */
export function owa(smapeMethod: number, maseMethod: number, smapeNaive2: number, maseNaive2: number): number {
  return 0.5 * (smapeMethod / smapeNaive2 + maseMethod / maseNaive2);
}
