import { mstl, seasonalStrength } from '../stl';
import { difference } from './polynomial';

/**
 * KPSS statistic for level stationarity (Kwiatkowski, Phillips, Schmidt & Shin 1992, eq. 11–14):
 *   η = Σ Sₜ² / (n² s²(l)),  Sₜ = Σ_{i≤t} eᵢ,  eₜ = yₜ − ȳ,
 *   s²(l) = (1/n) Σ eₜ² + (2/n) Σ_{s=1..l} (1 − s/(l+1)) Σ_{t>s} eₜ e_{t−s}   (Bartlett window).
 */
export function kpssStatistic(y: readonly number[], lags: number): number {
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const e = y.map((v) => v - mean);
  let s = 0;
  let num = 0;
  for (const v of e) {
    s += v;
    num += s * s;
  }
  let s2 = e.reduce((a, v) => a + v * v, 0) / n;
  for (let lag = 1; lag <= lags; lag++) {
    let c = 0;
    for (let t = lag; t < n; t++) c += e[t]! * e[t - lag]!;
    s2 += (2 / n) * (1 - lag / (lags + 1)) * c;
  }
  return num / (n * n * s2);
}

/** KPSS (1992) Table 1 critical values for the level case, and their upper-tail levels. */
const KPSS_CRIT = [0.347, 0.463, 0.574, 0.739];
const KPSS_LEVELS = [0.1, 0.05, 0.025, 0.01];

/** p-value by linear interpolation in the KPSS table, clamped to [0.01, 0.1] (as R's urca/forecast). */
export function kpssPValue(stat: number): number {
  if (stat <= KPSS_CRIT[0]!) return KPSS_LEVELS[0]!;
  for (let i = 1; i < KPSS_CRIT.length; i++) {
    if (stat <= KPSS_CRIT[i]!) {
      const x0 = KPSS_CRIT[i - 1]!;
      const x1 = KPSS_CRIT[i]!;
      return KPSS_LEVELS[i - 1]! + ((stat - x0) / (x1 - x0)) * (KPSS_LEVELS[i]! - KPSS_LEVELS[i - 1]!);
    }
  }
  return KPSS_LEVELS[KPSS_LEVELS.length - 1]!;
}

export function isConstant(y: readonly number[]): boolean {
  return y.every((v) => v === y[0]);
}

/**
 * Number of first differences by repeated KPSS tests at level α, lag truncation ⌊3√n/13⌋
 * (Hobijn, Franses & Ooms 2004), as `forecast::ndiffs(test = "kpss")`.
 */
export function ndiffs(y: readonly number[], alpha = 0.05, maxD = 2): number {
  let x = y.slice();
  let d = 0;
  if (isConstant(x) || x.length < 3) return 0;
  const test = (v: readonly number[]): boolean => kpssPValue(kpssStatistic(v, Math.trunc((3 * Math.sqrt(v.length)) / 13))) < alpha;
  let dodiff = test(x);
  while (dodiff && d < maxD) {
    d++;
    x = difference(x, 1, 0, 1);
    if (x.length < 3 || isConstant(x)) return d;
    dodiff = test(x);
  }
  return d;
}

/**
 * Number of seasonal differences by the seasonal-strength heuristic (`forecast::nsdiffs`,
 * test = "seas", its default): difference when the strength of seasonality from an MSTL
 * decomposition exceeds 0.64 (the threshold R's forecast chose on M3/M4 auto.arima accuracy).
 */
export function nsdiffs(y: readonly number[], m: number, maxD = 1): number {
  let x = y.slice();
  let D = 0;
  if (m < 2 || isConstant(x) || m >= x.length) return 0;
  const test = (v: readonly number[]): boolean => {
    if (v.length <= 2 * m) return false;
    return seasonalStrength(mstl(v, [m])) > 0.64;
  };
  let dodiff = test(x);
  while (dodiff && D < maxD) {
    D++;
    x = difference(x, 0, 1, m);
    if (isConstant(x)) return D;
    dodiff = x.length >= 2 * m && D < maxD ? test(x) : false;
  }
  return D;
}
