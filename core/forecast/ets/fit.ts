import { HeadroomError } from '../../lib';
import { classicalSeasonalFigure, linearTrend, mean } from '../math/stats';
import { nelderMead } from '../optim/nelder-mead';
import { type EtsParams, type EtsState, etsFilter } from './filter';
import { type EtsSpec, etsCandidates, etsLabel, validateEtsSpec } from './spec';

/** A fitted ETS model: spec, parameters, initial and final states, fit statistics. */
export interface EtsFit {
  readonly spec: EtsSpec;
  readonly m: number;
  readonly params: EtsParams;
  readonly init: { readonly level: number; readonly trend: number; readonly season: Float64Array };
  readonly final: EtsState;
  readonly n: number;
  /** Free parameters + 1 (the variance), as R `ets` counts them for the information criteria. */
  readonly np: number;
  /** −2·log-likelihood up to the constant R `ets` also drops: n·log Σe² (+ 2Σlog|ŷ|). */
  readonly lik: number;
  readonly loglik: number;
  readonly aic: number;
  readonly aicc: number;
  readonly bic: number;
  /** Σe²/(n − np + 1) on the error scale: R `ets` divides by n − length(par), the variance not counted. */
  readonly sigma2: number;
  readonly fitted: Float64Array;
  /** y − ŷ on the original scale. */
  readonly residuals: Float64Array;
  readonly evals: number;
}

/** Parameter region: R `ets` defaults, bounds = "both" (usual ∩ admissible). */
const LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 };
const UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 };

/**
 * Initial states by the heuristic of Hyndman et al. (2008, §2.6.1), as R `ets` applies it: seasonal
 * indices from a classical decomposition of the first three seasons (with fewer data, the
 * de-trended averages by season), floored at 0.01 for a multiplicative season; the level (and
 * slope) from the mean (a linear regression) of the first max(10, 2m) seasonally adjusted values.
 */
export function initialStates(y: Float64Array, spec: EtsSpec, m: number): { level: number; trend: number; season: Float64Array } {
  const n = y.length;
  let season: Float64Array = new Float64Array(Math.max(m, 1)).fill(spec.season === 'M' ? 1 : 0);
  let ysa: Float64Array = y;
  if (spec.season !== 'N') {
    const type = spec.season === 'M' ? 'multiplicative' : 'additive';
    if (n >= 3 * m) season = classicalSeasonalFigure(y.slice(0, 3 * m), m, type);
    else {
      const tr = linearTrend(y);
      const sums = new Float64Array(m);
      const cnt = new Float64Array(m);
      for (let t = 0; t < n; t++) {
        const fit = tr.intercept + tr.slope * t;
        sums[t % m] = (sums[t % m] as number) + (type === 'multiplicative' ? (y[t] as number) / fit : (y[t] as number) - fit);
        cnt[t % m] = (cnt[t % m] as number) + 1;
      }
      let tot = 0;
      for (let j = 0; j < m; j++) {
        season[j] = (cnt[j] as number) > 0 ? (sums[j] as number) / (cnt[j] as number) : type === 'multiplicative' ? 1 : 0;
        tot += season[j] as number;
      }
      for (let j = 0; j < m; j++) season[j] = type === 'multiplicative' ? ((season[j] as number) * m) / tot : (season[j] as number) - tot / m;
    }
    if (spec.season === 'M') {
      let tot = 0;
      for (let j = 0; j < m; j++) {
        season[j] = Math.max(season[j] as number, 1e-2);
        tot += season[j] as number;
      }
      for (let j = 0; j < m; j++) season[j] = ((season[j] as number) * m) / tot;
    }
    ysa = Float64Array.from(y, (v, t) => (spec.season === 'M' ? v / (season[t % m] as number) : v - (season[t % m] as number)));
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  if (spec.trend === 'N') return { level: mean(ysa, 0, maxn), trend: 0, season };
  const lt = linearTrend(ysa, maxn);
  // The regression is on t = 1..maxn, so the state before the first observation sits at t = 0.
  let level = lt.intercept - lt.slope;
  let trend = lt.slope;
  if (Math.abs(level + trend) < 1e-8) {
    level *= 1 + 1e-3;
    trend *= 1 - 1e-3;
  }
  return { level, trend, season };
}

/**
 * Admissible (forecastable) region of the smoothing parameters: Hyndman et al. (2008), Chapter 10
 * (Table 10.1 and the characteristic polynomial of §10.2). Non-seasonal: 1 − 1/φ < α < 1 + 1/φ and
 * α(φ − 1) < β < (1 + φ)(2 − α). Seasonal: the quick bounds on γ, α, β, then every root of
 * φ(1−α−γ) + (α+β−αφ+γ−1)z + Σ_{k=2}^{m−1}(α+β−αφ)z^k + (α+β−φ)z^m + z^{m+1} inside the unit circle,
 * checked without root finding by the Schur–Cohn recursion.
 */
export function admissible(spec: EtsSpec, m: number, p: EtsParams): boolean {
  const phi = spec.damped ? p.phi : 1;
  const alpha = p.alpha;
  const beta = spec.trend === 'N' ? 0 : p.beta;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (spec.season === 'N' || m <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (spec.trend !== 'N' && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const gamma = p.gamma;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const c = new Float64Array(m + 2);
  c[0] = phi * (1 - alpha - gamma);
  c[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) c[k] = alpha + beta - alpha * phi;
  c[m] = alpha + beta - phi;
  c[m + 1] = 1;
  return schurStable(c);
}

/**
 * Schur–Cohn test: true when every root of Σ c_k z^k (c in increasing powers) lies inside the unit
 * circle (tolerance 1e-10 on the reflection coefficients, matching a root-modulus check at 1 + 1e-10).
 */
export function schurStable(coef: Float64Array): boolean {
  let c = Float64Array.from(coef);
  let deg = c.length - 1;
  while (deg > 0) {
    const lead = c[deg] as number;
    if (lead === 0) return false;
    const k = (c[0] as number) / lead;
    if (Math.abs(k) >= 1 + 1e-10) return false;
    const next = new Float64Array(deg);
    for (let i = 0; i < deg; i++) next[i] = (c[i + 1] as number) - k * (c[deg - 1 - i] as number);
    c = next;
    deg--;
  }
  return true;
}

interface Layout {
  readonly hasBeta: boolean;
  readonly hasGamma: boolean;
  readonly hasPhi: boolean;
  readonly hasB0: boolean;
  /** number of free seasonal states (m − 1) */
  readonly ns: number;
  readonly size: number;
}

function layoutOf(spec: EtsSpec, m: number): Layout {
  const hasBeta = spec.trend !== 'N';
  const hasGamma = spec.season !== 'N';
  const hasPhi = spec.damped;
  const ns = hasGamma ? m - 1 : 0;
  const size = 1 + (hasBeta ? 1 : 0) + (hasGamma ? 1 : 0) + (hasPhi ? 1 : 0) + 1 + (hasBeta ? 1 : 0) + ns;
  return { hasBeta, hasGamma, hasPhi, hasB0: hasBeta, ns, size };
}

function unpack(x: Float64Array, L: Layout, spec: EtsSpec, m: number, params: EtsParams, state: EtsState): void {
  let i = 0;
  params.alpha = x[i++] as number;
  params.beta = L.hasBeta ? (x[i++] as number) : 0;
  params.gamma = L.hasGamma ? (x[i++] as number) : 0;
  params.phi = L.hasPhi ? (x[i++] as number) : 1;
  state.level = x[i++] as number;
  state.trend = L.hasB0 ? (x[i++] as number) : 0;
  if (L.hasGamma) {
    let sum = 0;
    for (let j = 0; j < m - 1; j++) {
      const v = x[i++] as number;
      state.season[j] = v;
      sum += v;
    }
    state.season[m - 1] = spec.season === 'M' ? m - sum : -sum;
  }
}

/** The optimizer's vector (the inverse of `unpack`) for a fit's parameters and initial states. */
function pack(fit: EtsFit, L: Layout): Float64Array {
  const x = new Float64Array(L.size);
  let i = 0;
  x[i++] = fit.params.alpha;
  if (L.hasBeta) x[i++] = fit.params.beta;
  if (L.hasGamma) x[i++] = fit.params.gamma;
  if (L.hasPhi) x[i++] = fit.params.phi;
  x[i++] = fit.init.level;
  if (L.hasB0) x[i++] = fit.init.trend;
  for (let j = 0; j < L.ns; j++) x[i++] = fit.init.season[j] as number;
  return x;
}

function inUsualRegion(L: Layout, p: EtsParams): boolean {
  if (p.alpha < LOWER.alpha || p.alpha > UPPER.alpha) return false;
  if (L.hasBeta && (p.beta < LOWER.beta || p.beta > p.alpha || p.beta > UPPER.beta)) return false;
  if (L.hasPhi && (p.phi < LOWER.phi || p.phi > UPPER.phi)) return false;
  if (L.hasGamma && (p.gamma < LOWER.gamma || p.gamma > 1 - p.alpha || p.gamma > UPPER.gamma)) return false;
  return true;
}

/** Options for fitting one spec. */
export interface EtsFitOptions {
  /** Maximum likelihood evaluations of the simplex search (R `ets` uses 2000). */
  readonly maxEval?: number;
  /**
   * Start from this fit of the same spec (parameters and initial states) with a simplex a fifth of
   * the usual size: a backtest refit on a truncated copy of the series starts next to its optimum.
   */
  readonly start?: EtsFit;
}

/**
 * Maximum-likelihood fit of one ETS spec: the smoothing parameters and the initial states (all but
 * one seasonal state, which is fixed by the seasonal indices summing to 0 or m) are estimated
 * jointly by Nelder–Mead on the concentrated likelihood, within the usual ∩ admissible region.
 * Starting values follow R `ets`: α = 0.1·(upper − lower)/m-ish small, β = 0.1α, γ = 0.05(1 − α),
 * φ = 0.978, states from `initialStates`.
 */
export function fitEtsSpec(yIn: readonly number[] | Float64Array, spec: EtsSpec, period: number, options: EtsFitOptions = {}): EtsFit {
  const y = yIn instanceof Float64Array ? yIn : Float64Array.from(yIn);
  const n = y.length;
  const m = spec.season === 'N' ? 1 : period;
  validateEtsSpec(spec, period, positiveSeries(y));
  const L = layoutOf(spec, m);
  if (n <= L.size + 1 + 4) {
    throw new HeadroomError('BAD_INPUT', `${etsLabel(spec)} has ${L.size + 1} parameters; it needs more than ${L.size + 5} observations (the series has ${n}).`);
  }
  const init = initialStates(y, spec, m);
  const alpha0 = LOWER.alpha + (0.2 * (UPPER.alpha - LOWER.alpha)) / m;
  const x0 = new Float64Array(L.size);
  const step = new Float64Array(L.size);
  const scale = Math.max(1e-8, meanAbsDiff(y), Math.abs(mean(y)) * 1e-3);
  let i = 0;
  x0[i] = alpha0;
  step[i++] = 0.1;
  if (L.hasBeta) {
    x0[i] = LOWER.beta + 0.1 * (alpha0 - LOWER.beta);
    step[i++] = 0.02;
  }
  if (L.hasGamma) {
    x0[i] = LOWER.gamma + 0.05 * (1 - alpha0 - LOWER.gamma);
    step[i++] = 0.02;
  }
  if (L.hasPhi) {
    x0[i] = LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi);
    step[i++] = -0.05;
  }
  x0[i] = init.level;
  step[i++] = scale;
  if (L.hasB0) {
    x0[i] = init.trend;
    step[i++] = scale * 0.1;
  }
  for (let j = 0; j < L.ns; j++) {
    x0[i] = init.season[j] as number;
    step[i++] = spec.season === 'M' ? 0.05 : scale * 0.5;
  }
  const params: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const state: EtsState = { level: 0, trend: 0, season: new Float64Array(m) };
  const objective = (x: Float64Array): number => {
    unpack(x, L, spec, m, params, state);
    if (!inUsualRegion(L, params) || !admissible(spec, m, params)) return Infinity;
    return etsFilter(y, spec, m, params, state).lik;
  };
  const from = options.start;
  if (from !== undefined && from.m === m && etsLabel(from.spec) === etsLabel(spec)) {
    const xs = pack(from, L);
    if (Number.isFinite(objective(xs))) {
      const small = Float64Array.from(step, (v) => v / 5);
      const res = nelderMead(objective, xs, { step: small, maxEval: options.maxEval ?? 2000, reltol: 1e-8 });
      if (Number.isFinite(res.f)) return finish(y, spec, m, L, res.x, res.evals);
    }
  }
  const res = nelderMead(objective, x0, { step, maxEval: options.maxEval ?? 2000, reltol: 1e-8 });
  if (!Number.isFinite(res.f)) throw new HeadroomError('BAD_INPUT', `${etsLabel(spec)} found no admissible fit for this series.`);
  return finish(y, spec, m, L, res.x, res.evals);
}

function finish(y: Float64Array, spec: EtsSpec, m: number, L: Layout, x: Float64Array, evals: number): EtsFit {
  const n = y.length;
  const params: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const state: EtsState = { level: 0, trend: 0, season: new Float64Array(m) };
  unpack(x, L, spec, m, params, state);
  const init = { level: state.level, trend: state.trend, season: Float64Array.from(state.season) };
  const fitted = new Float64Array(n);
  const errors = new Float64Array(n);
  const r = etsFilter(y, spec, m, params, state, { fitted, errors });
  const np = L.size + 1;
  const lik = r.lik;
  const aic = lik + 2 * np;
  const aicc = n - np - 1 > 0 ? aic + (2 * np * (np + 1)) / (n - np - 1) : Infinity;
  const bic = lik + Math.log(n) * np;
  const residuals = Float64Array.from(y, (v, t) => v - (fitted[t] as number));
  return {
    spec,
    m,
    params: { ...params },
    init,
    final: state,
    n,
    np,
    lik,
    loglik: -0.5 * lik,
    aic,
    aicc,
    bic,
    // R ets: Σe²/(n − length(par)), the free parameters without the variance.
    sigma2: r.sse / Math.max(1, n - L.size),
    fitted,
    residuals,
    evals,
  };
}

export function positiveSeries(y: ArrayLike<number>): boolean {
  for (let i = 0; i < y.length; i++) if (!((y[i] as number) > 0)) return false;
  return true;
}

function meanAbsDiff(y: Float64Array): number {
  let s = 0;
  for (let t = 1; t < y.length; t++) s += Math.abs((y[t] as number) - (y[t - 1] as number));
  return y.length > 1 ? s / (y.length - 1) : 0;
}

export interface EtsAutoResult {
  readonly best: EtsFit;
  /** AICc of every candidate tried (Infinity when it failed), for the model card. */
  readonly table: readonly { readonly spec: string; readonly aicc: number }[];
  readonly warnings: readonly string[];
}

/**
 * Automatic ETS: fits every allowed candidate (`etsCandidates`, optionally restricted) and keeps
 * the lowest AICc, as R `ets(model = "ZZZ")` does. Candidates with too few observations are skipped.
 */
export function fitEtsAuto(yIn: readonly number[] | Float64Array, period: number, options: EtsFitOptions & { readonly candidates?: readonly EtsSpec[] } = {}): EtsAutoResult {
  const y = yIn instanceof Float64Array ? yIn : Float64Array.from(yIn);
  const warnings: string[] = [];
  let m = period;
  if (m > 24) {
    warnings.push(`ETS: period ${m} has too many seasonal states (above 24, as R ets); fitted without seasonality.`);
    m = 1;
  }
  const positive = positiveSeries(y);
  let cands = options.candidates ?? etsCandidates(m, positive);
  if (m > 1 && y.length <= 2 * m) {
    warnings.push(`ETS: ${y.length} observations is less than two full seasons of ${m}; seasonal models skipped.`);
    cands = cands.filter((c) => c.season === 'N');
  }
  const table: { spec: string; aicc: number }[] = [];
  let best: EtsFit | undefined;
  for (const c of cands) {
    try {
      const f = fitEtsSpec(y, c, m, options);
      table.push({ spec: etsLabel(c), aicc: f.aicc });
      if (!best || f.aicc < best.aicc) best = f;
    } catch (_e) {
      table.push({ spec: etsLabel(c), aicc: Infinity });
    }
  }
  if (!best) throw new HeadroomError('BAD_INPUT', `ETS: no candidate model could be fitted to ${y.length} observations.`);
  return { best, table, warnings };
}
