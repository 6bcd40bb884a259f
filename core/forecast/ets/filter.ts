import type { EtsSpec } from './spec';

/**
 * The ETS recursions in error-correction form (Hyndman et al. 2008, Table 2.3), written once for
 * all 15 models. With q = ℓ + φb (φb = 0 without trend) and s the seasonal state of this time:
 *   ŷ = q (no season) | q + s (additive) | q·s (multiplicative);  ε = y − ŷ (absolute error)
 *   ℓ ← q + α·ε/r,  b ← φb + β·ε/r,  s ← s + γ·ε/r_s
 * with r = s, r_s = q for a multiplicative season and r = r_s = 1 otherwise. The updates are the
 * same for additive and multiplicative errors (ε_abs = ŷ·ε_rel); only the likelihood differs:
 *   additive error:        −2 log L ∝ n·log Σ ε²
 *   multiplicative error:  −2 log L ∝ n·log Σ (ε/ŷ)² + 2 Σ log|ŷ|
 * The seasonal states live in a ring buffer indexed by t mod m, so one step costs O(1).
 */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface EtsState {
  level: number;
  trend: number;
  /** season[j] is the index for times t with t mod m = j. */
  readonly season: Float64Array;
}

/** Work buffers reused across likelihood evaluations. */
export interface FilterResult {
  /** n·log(Σe²) (+ 2Σlog|ŷ| for multiplicative error); Infinity if the recursion broke down. */
  lik: number;
  /** Σ e² on the error scale (relative errors for multiplicative error). */
  sse: number;
}

export function etsFilter(
  y: Float64Array,
  spec: EtsSpec,
  m: number,
  p: EtsParams,
  state: EtsState,
  out?: { fitted: Float64Array; errors: Float64Array },
): FilterResult {
  const n = y.length;
  const multErr = spec.error === 'M';
  const trend = spec.trend !== 'N';
  const seasonType = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const { alpha, beta, gamma } = p;
  const phi = trend ? p.phi : 0;
  if (seasonType === 0 && out === undefined) return nonSeasonalLik(y, multErr, alpha, trend ? beta : 0, phi, state);
  const s = state.season;
  let l = state.level;
  let b = trend ? state.trend : 0;
  let sse = 0;
  let sumLog = 0;
  let prod = 1;
  let j = 0;
  for (let t = 0; t < n; t++) {
    const phib = phi * b;
    const q = l + phib;
    let yhat: number;
    let sv = 0;
    if (seasonType === 0) yhat = q;
    else {
      sv = s[j] as number;
      yhat = seasonType === 1 ? q + sv : q * sv;
    }
    const yt = y[t] as number;
    const err = yt - yhat;
    if (multErr) {
      if (!(yhat > 1e-10)) return { lik: Infinity, sse: Infinity };
      const e = err / yhat;
      sse += e * e;
      prod *= yhat;
      if (prod > 1e200 || prod < 1e-200) {
        sumLog += Math.log(prod);
        prod = 1;
      }
    } else sse += err * err;
    if (out) {
      out.fitted[t] = yhat;
      out.errors[t] = multErr ? err / yhat : err;
    }
    if (seasonType === 2) {
      if (!(sv > 1e-10) || !(q > 1e-10)) return { lik: Infinity, sse: Infinity };
      const es = err / sv;
      l = q + alpha * es;
      b = phib + beta * es;
      s[j] = sv + (gamma * err) / q;
    } else {
      l = q + alpha * err;
      b = phib + beta * err;
      if (seasonType === 1) s[j] = sv + gamma * err;
    }
    if (seasonType !== 0 && ++j === m) j = 0;
  }
  sumLog += Math.log(prod);
  state.level = l;
  state.trend = b;
  if (!Number.isFinite(sse) || !Number.isFinite(sumLog)) return { lik: Infinity, sse: Infinity };
  const lik = n * Math.log(Math.max(sse, 1e-300)) + (multErr ? 2 * sumLog : 0);
  return { lik, sse };
}

/**
 * The likelihood of a non-seasonal model (the same recursions as `etsFilter`, without a season),
 * specialised because it runs thousands of times per fit. Σ log ŷ is accumulated as the log of
 * running products, taken only when a product nears the floating-point range.
 */
function nonSeasonalLik(y: Float64Array, multErr: boolean, alpha: number, beta: number, phi: number, state: EtsState): FilterResult {
  const n = y.length;
  let l = state.level;
  let b = state.trend;
  let sse = 0;
  if (!multErr) {
    for (let t = 0; t < n; t++) {
      const phib = phi * b;
      const q = l + phib;
      const err = (y[t] as number) - q;
      sse += err * err;
      l = q + alpha * err;
      b = phib + beta * err;
    }
    state.level = l;
    state.trend = b;
    if (!Number.isFinite(sse)) return { lik: Infinity, sse: Infinity };
    return { lik: n * Math.log(Math.max(sse, 1e-300)), sse };
  }
  let sumLog = 0;
  let prod = 1;
  for (let t = 0; t < n; t++) {
    const phib = phi * b;
    const q = l + phib;
    if (!(q > 1e-10)) return { lik: Infinity, sse: Infinity };
    const err = (y[t] as number) - q;
    const e = err / q;
    sse += e * e;
    prod *= q;
    if (prod > 1e200 || prod < 1e-200) {
      sumLog += Math.log(prod);
      prod = 1;
    }
    l = q + alpha * err;
    b = phib + beta * err;
  }
  sumLog += Math.log(prod);
  state.level = l;
  state.trend = b;
  if (!Number.isFinite(sse) || !Number.isFinite(sumLog)) return { lik: Infinity, sse: Infinity };
  return { lik: n * Math.log(Math.max(sse, 1e-300)) + 2 * sumLog, sse };
}
