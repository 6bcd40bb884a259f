/**
 * Conditional sum of squares for an ARMA model of a (differenced, centred) series: the
 * innovations are computed recursively with the first `p + mP` of them conditioned away and
 * pre-sample innovations set to zero (Box, Jenkins & Reinsel 2008 §7.1.2). R's `arima` uses this
 * for method "CSS" and for the starting values of "CSS-ML".
 */
export interface CssResult {
  /** Σ e² over the used terms. */
  readonly ssq: number;
  /** Number of terms in the sum. */
  readonly used: number;
}

/** Lags and coefficients of the non-zero entries of a coefficient array (lag = index + 1). */
export interface Sparse {
  readonly lags: Int32Array;
  readonly coefs: Float64Array;
}

export function sparse(coefs: readonly number[]): Sparse {
  const lags: number[] = [];
  const vals: number[] = [];
  coefs.forEach((c, i) => {
    if (c !== 0) {
      lags.push(i + 1);
      vals.push(c);
    }
  });
  return { lags: Int32Array.from(lags), coefs: Float64Array.from(vals) };
}

/**
 * `w` is the differenced series, `mu` its mean under the model; `ncond` = length of the expanded
 * AR polynomial. `work` (length ≥ n) may be passed to avoid an allocation per call.
 * Returns NaN ssq when the recursion explodes (a non-invertible MA).
 */
export function conditionalSumOfSquares(w: Float64Array, phi: Sparse, theta: Sparse, ncond: number, mu = 0, work?: Float64Array): CssResult {
  const n = w.length;
  const e = work !== undefined && work.length >= n ? work : new Float64Array(n);
  let ssq = 0;
  const pl = phi.lags;
  const pc = phi.coefs;
  const ql = theta.lags;
  const qc = theta.coefs;
  let csum = 0;
  for (let k = 0; k < pc.length; k++) csum += pc[k]!;
  // (w_t − μ) − Σ φ (w_{t−l} − μ) = w_t − Σ φ w_{t−l} − μ(1 − Σφ)
  const shift = mu * (1 - csum);
  for (let t = ncond; t < n; t++) {
    let v = w[t]! - shift;
    for (let k = 0; k < pl.length; k++) v -= pc[k]! * w[t - pl[k]!]!;
    for (let k = 0; k < ql.length; k++) {
      const j = t - ql[k]!;
      if (j >= ncond) v -= qc[k]! * e[j]!;
    }
    e[t] = v;
    ssq += v * v;
  }
  if (!Number.isFinite(ssq)) return { ssq: NaN, used: n - ncond };
  return { ssq, used: n - ncond };
}
