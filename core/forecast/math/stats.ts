/**
 * Small statistics used across the model families. Each follows a published definition.
 */

/**
 * Standard normal quantile, Wichura's algorithm AS 241 (Applied Statistics 37, 1988), PPND16:
 * about 1e-16 relative accuracy.
 */
/* eslint-disable no-loss-of-precision -- the AS 241 coefficients are kept digit for digit as published */
export function qnorm(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return Number.NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}
/* eslint-enable no-loss-of-precision */

export function mean(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] as number;
  return s / (to - from);
}

/**
 * Sample autocorrelations r_1..r_maxLag as R's `acf()` defines them:
 * r_k = Σ_{t=1}^{n-k} (x_t − x̄)(x_{t+k} − x̄) / Σ_t (x_t − x̄)².
 */
export function acf(x: ArrayLike<number>, maxLag: number): number[] {
  const n = x.length;
  const m = mean(x);
  let d = 0;
  for (let i = 0; i < n; i++) d += ((x[i] as number) - m) ** 2;
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += ((x[t] as number) - m) * ((x[t + k] as number) - m);
    out.push(d === 0 ? 0 : s / d);
  }
  return out;
}

/**
 * The seasonality test of the M4 benchmarks (`SeasonalityTest` in the organisers'
 * `Benchmarks and Evaluation.R`): seasonal when m > 1, n ≥ 3m and |r_m| exceeds the 90 % one-sided
 * limit 1.645·sqrt((1 + 2·Σ_{k<m} r_k²)/n). As in R's `acf()`, only lags up to ⌊10·log10(n)⌋ are
 * computed, so a period beyond that counts as not seasonal.
 */
export function seasonalityTest(x: ArrayLike<number>, m: number): boolean {
  const n = x.length;
  if (m <= 1 || n < 3 * m) return false;
  const maxLag = Math.min(n - 1, Math.floor(10 * Math.log10(n)));
  if (m > maxLag) return false;
  const r = acf(x, m);
  let s = 1;
  for (let k = 0; k < m - 1; k++) s += 2 * (r[k] as number) ** 2;
  const limit = (1.645 / Math.sqrt(n)) * Math.sqrt(s);
  const rm = r[m - 1] as number;
  return Number.isFinite(rm) && Math.abs(rm) > limit;
}

/**
 * Centred moving average of order m (2×m for even m), as R's `decompose()` trend: NaN at the ends.
 */
export function centredMovingAverage(x: ArrayLike<number>, m: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (m % 2 === 0) {
    const half = m / 2;
    for (let t = half; t < n - half; t++) {
      let s = 0.5 * ((x[t - half] as number) + (x[t + half] as number));
      for (let j = -half + 1; j < half; j++) s += x[t + j] as number;
      out[t] = s / m;
    }
  } else {
    const half = (m - 1) / 2;
    for (let t = half; t < n - half; t++) {
      let s = 0;
      for (let j = -half; j <= half; j++) s += x[t + j] as number;
      out[t] = s / m;
    }
  }
  return out;
}

/**
 * Classical decomposition as R's `decompose()` (Kendall & Stuart; Makridakis, Wheelwright & Hyndman
 * 1998 §3/4): trend = centred moving average; seasonal figure = mean of the detrended values at each
 * position of the cycle, normalised to mean 1 (multiplicative) or 0 (additive). Position p of the
 * figure belongs to the observations t with t mod m = p (0-based, the series starting a cycle).
 * Returns the figure (length m).
 */
export function classicalSeasonalFigure(x: ArrayLike<number>, m: number, type: 'multiplicative' | 'additive'): Float64Array {
  const trend = centredMovingAverage(x, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < x.length; t++) {
    const tr = trend[t] as number;
    if (Number.isNaN(tr)) continue;
    const v = type === 'multiplicative' ? (x[t] as number) / tr : (x[t] as number) - tr;
    if (!Number.isFinite(v)) continue;
    sums[t % m] = (sums[t % m] as number) + v;
    counts[t % m] = (counts[t % m] as number) + 1;
  }
  const fig = new Float64Array(m);
  let tot = 0;
  for (let p = 0; p < m; p++) {
    fig[p] = (counts[p] as number) > 0 ? (sums[p] as number) / (counts[p] as number) : type === 'multiplicative' ? 1 : 0;
    tot += fig[p] as number;
  }
  const avg = tot / m;
  for (let p = 0; p < m; p++) fig[p] = type === 'multiplicative' ? (fig[p] as number) / avg : (fig[p] as number) - avg;
  return fig;
}

/** Ordinary least squares of x on t = 0..n−1: intercept and slope. */
export function linearTrend(x: ArrayLike<number>, n = x.length): { intercept: number; slope: number } {
  if (n < 2) return { intercept: (x[0] as number) ?? 0, slope: 0 };
  const tm = (n - 1) / 2;
  const xm = mean(x, 0, n);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tm) * ((x[t] as number) - xm);
    sxx += (t - tm) ** 2;
  }
  const slope = sxy / sxx;
  return { intercept: xm - slope * tm, slope };
}

/** Quantile of sorted data, R's default type 7 (linear interpolation between order statistics). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

/**
 * R type-7 quantiles of `values` at each probability in `ps`, equal to `quantileSorted` of the
 * sorted values, without sorting them: the order statistics type 7 interpolates between are found
 * by selection (Hoare's FIND, Comm. ACM 4, 1961), the ranks processed median-first so that each
 * selection splits the range left to the others. `values` is reordered. Falls back to sorting
 * when a value is NaN (sorted last, as `Float64Array.prototype.sort` does).
 */
export function selectQuantiles(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => Number.NaN);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i] as number)) {
      values.sort();
      return ps.map((p) => quantileSorted(values, p));
    }
  }
  const wanted: number[] = [];
  for (const p of ps) {
    const lo = Math.floor((n - 1) * p);
    wanted.push(lo, Math.min(n - 1, lo + 1));
  }
  const ranks = Int32Array.from(new Set(wanted)).sort();
  selectRanks(values, 0, n - 1, ranks, 0, ranks.length - 1);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    const a = values[lo] as number;
    return a + (h - lo) * ((values[hi] as number) - a);
  });
}

/** Places the order statistics ranks[rlo..rhi] (ascending, within [lo, hi]) at their indices. */
function selectRanks(x: Float64Array, lo: number, hi: number, ranks: Int32Array, rlo: number, rhi: number): void {
  if (rlo > rhi || lo >= hi) return;
  const mid = (rlo + rhi) >> 1;
  const k = ranks[mid] as number;
  selectRank(x, lo, hi, k);
  selectRanks(x, lo, k - 1, ranks, rlo, mid - 1);
  selectRanks(x, k + 1, hi, ranks, mid + 1, rhi);
}

/** Moves the k-th smallest of x[lo..hi] to x[k], smaller-or-equal values before it and larger-or-equal after. */
function selectRank(x: Float64Array, loIn: number, hiIn: number, k: number): void {
  let lo = loIn;
  let hi = hiIn;
  while (hi > lo) {
    // median of three as the pivot
    const pivot = medianOf3(x[lo] as number, x[(lo + hi) >> 1] as number, x[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((x[i] as number) < pivot) i++;
      while ((x[j] as number) > pivot) j--;
      if (i <= j) {
        const t = x[i] as number;
        x[i] = x[j] as number;
        x[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function medianOf3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

export function median(x: readonly number[]): number {
  const s = Float64Array.from(x).sort();
  return quantileSorted(s, 0.5);
}

/** 1/j for j < size (index 0 unused), kept between calls: recursions that run thousands of times per fit use it
 * instead of dividing. Callers must not write to it. */
let reciprocalTable = new Float64Array(0);
export function reciprocals(size: number): Float64Array {
  if (reciprocalTable.length < size) {
    reciprocalTable = new Float64Array(Math.max(size, 2 * reciprocalTable.length));
    for (let j = 1; j < reciprocalTable.length; j++) reciprocalTable[j] = 1 / j;
  }
  return reciprocalTable;
}
