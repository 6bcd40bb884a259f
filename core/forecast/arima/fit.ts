import { HeadroomError } from '../../lib';
import { minimizeBfgs } from './optim';
import { levenbergMarquardt } from '../optim/levenberg-marquardt';
import { cssProblem, sparse } from './css';
import { armaKalman, armaLikelihoodFast } from './kalman';
import { arRootsOutside, arToPacf, difference, expandAr, expandMa, invertMa, maRootsOutside, pacfToAr } from './polynomial';
import { type ArimaSpec, arimaLabel, validateArimaSpec } from './spec';

/**
 * Estimation of one seasonal ARIMA model, as R's `arima(method = "CSS-ML")` (Ripley 2002):
 * conditional-sum-of-squares estimates as starting values, then exact Gaussian maximum likelihood
 * by the Kalman filter (see `kalman.ts`), with the AR blocks kept stationary through the
 * partial-autocorrelation transform of Jones (1980) (φ = DurbinLevinson(tanh(raw))).
 *
 * The differenced series wₜ = (1−B)^d(1−B^m)^D yₜ is modelled as a stationary ARMA around μ;
 * this is the diffuse-prior likelihood of the integrated model (Durbin & Koopman 2012 §5.7), which
 * R's `arima` approximates with a large-κ prior on the first d + mD observations. μ is the mean
 * (d + D = 0) or m^D × drift (d + D = 1). Parameters and σ² are estimated on wₜ/sd(w) for
 * scale-free optimization and mapped back.
 */
export interface ArimaCoefficients {
  readonly ar: readonly number[];
  readonly ma: readonly number[];
  readonly sar: readonly number[];
  readonly sma: readonly number[];
  /** μ of the differenced series (0 without a constant). */
  readonly mu: number;
}

export type ArimaMethod = 'CSS-ML' | 'CSS';

export interface ArimaFit {
  readonly spec: ArimaSpec;
  readonly method: ArimaMethod;
  readonly coef: ArimaCoefficients;
  /** Expanded φ(B)Φ(B^m) and θ(B)Θ(B^m) coefficients. */
  readonly phi: readonly number[];
  readonly theta: readonly number[];
  /** Length of the series and of the differenced series (n* in R). */
  readonly n: number;
  readonly nstar: number;
  /** Number of estimated parameters including σ². */
  readonly npar: number;
  /** ML (or CSS) innovation variance, and R forecast's bias-adjusted Σe²/(n* − npar + 1). */
  readonly sigma2ML: number;
  readonly sigma2: number;
  /** Exact log-likelihood (NaN for CSS fits). */
  readonly loglik: number;
  readonly aic: number;
  readonly aicc: number;
  readonly bic: number;
  /** False when an AR or MA root lies within 1.01 of the unit circle (auto.arima rejects the model). */
  readonly admissible: boolean;
  /** Which block put a root within the margin: non-seasonal or seasonal AR/MA. */
  readonly rootFailure?: 'ar' | 'ma' | 'sar' | 'sma';
  /** One-step residuals on the original scale, standardized vₜ/√Fₜ as R reports them (NaN for the first d + mD points). */
  readonly residuals: readonly number[];
  /** Predicted ARMA state a_{n+1|n} of w − μ and its covariance / σ² (CSS-ML fits only). */
  readonly finalState?: Float64Array;
  readonly finalCov?: Float64Array;
  readonly y: readonly number[];
  readonly converged: boolean;
  /** True for the deterministic fits of constant / exactly polynomial series (no estimation). */
  readonly fixed?: boolean;
}

interface Layout {
  readonly p: number;
  readonly q: number;
  readonly P: number;
  readonly Q: number;
  readonly constant: boolean;
}

function unpack(x: readonly number[], L: Layout): ArimaCoefficients {
  let i = 0;
  const take = (k: number): number[] => {
    const out = x.slice(i, i + k) as number[];
    i += k;
    return out;
  };
  const ar = take(L.p);
  const ma = take(L.q);
  const sar = take(L.P);
  const sma = take(L.Q);
  const mu = L.constant ? x[i]! : 0;
  return { ar, ma, sar, sma, mu };
}

function pack(c: ArimaCoefficients, L: Layout): number[] {
  return [...c.ar, ...c.ma, ...c.sar, ...c.sma, ...(L.constant ? [c.mu] : [])];
}

/** raw (unconstrained) → stationary AR block. */
const arFromRaw = (raw: readonly number[]): number[] => pacfToAr(raw.map(Math.tanh));
/** stationary AR block → raw; null when the block is not stationary. */
function arToRaw(ar: readonly number[]): number[] | null {
  const pacf = arToPacf(ar);
  if (pacf === null) return null;
  return pacf.map((v) => Math.atanh(Math.max(-0.99, Math.min(0.99, v))));
}

export interface FitArimaOptions {
  readonly method?: ArimaMethod;
  /**
   * Starting coefficients for the ML fit instead of the CSS estimates (e.g. the same model's fit on
   * an overlapping window, for backtest refits). Ignored for method "CSS".
   */
  readonly start?: ArimaCoefficients;
  /**
   * The series already differenced and scaled for this spec's d, D and period (`differenced`):
   * auto ARIMA fits every candidate on the same one.
   */
  readonly differenced?: DifferencedSeries;
}

/** wₜ = (1−B)^d(1−B^m)^D yₜ, its mean and standard deviation, and w/sd (the scale the optimizers work on). */
export interface DifferencedSeries {
  readonly y: readonly number[];
  readonly d: number;
  readonly D: number;
  readonly period: number;
  readonly w: number[];
  readonly meanW: number;
  readonly sd: number;
  readonly ws: Float64Array;
}

export function differenced(y: readonly number[], d: number, D: number, period: number): DifferencedSeries {
  const w = difference(y, d, D, period);
  const nstar = w.length;
  const meanW = w.reduce((s, v) => s + v, 0) / nstar;
  let sd = Math.sqrt(w.reduce((s, v) => s + (v - meanW) * (v - meanW), 0) / nstar);
  if (!(sd > 0)) sd = Math.max(Math.abs(meanW), 1);
  return { y, d, D, period, w, meanW, sd, ws: Float64Array.from(w, (v) => v / sd) };
}

/** Fits one ARIMA spec. Throws HeadroomError BAD_INPUT when the series is too short or not finite. */
export function fitArima(y: readonly number[], specIn: ArimaSpec, options: FitArimaOptions = {}): ArimaFit {
  const spec = validateArimaSpec(specIn);
  const method = options.method ?? 'CSS-ML';
  const { p, d, q, P, D, Q, period: m, constant } = spec;
  const given = options.differenced;
  const reuse = given !== undefined && given.y === y && given.d === d && given.D === D && given.period === m;
  if (!reuse && y.some((v) => !Number.isFinite(v))) throw new HeadroomError('BAD_INPUT', 'ARIMA needs finite values: remove or fill the missing/NaN points first.');
  const n = y.length;
  const { w, meanW, sd, ws } = reuse ? given : differenced(y, d, D, m);
  const nstar = w.length;
  const npar = p + q + P + Q + (constant ? 1 : 0) + 1;
  const ncond = p + m * P;
  if (nstar - ncond < Math.max(npar, 2)) {
    throw new HeadroomError('BAD_INPUT', `${arimaLabel(spec)} needs more data: ${n} points leave ${nstar - ncond} usable after differencing and lags, fewer than its ${npar} parameters.`);
  }
  const L: Layout = { p, q, P, Q, constant };

  // --- CSS (starting values, or the whole fit for method "CSS") ---
  let coefS: ArimaCoefficients;
  let converged = true;
  const start = options.start;
  if (start !== undefined && method === 'CSS-ML') {
    coefS = { ...start, mu: start.mu / sd };
  } else {
    const x0 = pack({ ar: new Array<number>(p).fill(0), ma: new Array<number>(q).fill(0), sar: new Array<number>(P).fill(0), sma: new Array<number>(Q).fill(0), mu: meanW / sd }, L);
    // R's arima minimises ½·log(Σe²/N) by BFGS (optim, reltol 1e-8, at most 100 iterations) from
    // zero coefficients. The same search, with the exact gradient (adjoint recursion) in place of
    // numerical differences: its early stops in flat valleys decide which candidate auto.arima
    // prefers, so a tighter optimizer would choose different (not better) models than R.
    const { problem } = cssProblem(ws, { p, q, P, Q, constant, m });
    const xv = new Float64Array(x0.length);
    const gv = new Float64Array(x0.length);
    const value = (x: readonly number[]): number => {
      xv.set(x);
      const S = problem.value(xv);
      return S > 0 && Number.isFinite(S) ? 0.5 * Math.log(S / problem.size) : Infinity;
    };
    const gradient = (x: readonly number[]): number[] => {
      xv.set(x);
      problem.gradient(xv, gv);
      return Array.from(gv);
    };
    const css = minimizeBfgs(value, x0, { gradient });
    coefS = unpack(css.x, L);
    converged = css.converged;
  }

  if (method === 'CSS') {
    const phi = expandAr(coefS.ar, coefS.sar, m);
    const theta = expandMa(coefS.ma, coefS.sma, m);
    const { problem } = cssProblem(ws, { p, q, P, Q, constant, m });
    const innovations = new Float64Array(problem.size);
    const ssq = problem.residuals(Float64Array.from(pack(coefS, L)), innovations);
    const sigma2Css = (ssq / problem.size) * sd * sd;
    // R: aic = offset + n* log σ² + 2 npar; the offset is the same for every model with these
    // d and D, so it is left out (only differences between candidates matter).
    const aic = nstar * Math.log(sigma2Css) + 2 * npar;
    const coef = { ...coefS, mu: coefS.mu * sd };
    for (let t = 0; t < innovations.length; t++) innovations[t] = (innovations[t] as number) * sd;
    return finish(spec, method, coef, phi, theta, n, nstar, npar, sigma2Css, NaN, aic, y, w, undefined, converged, innovations);
  }

  // --- ML with the AR blocks transformed ---
  let arRaw = arToRaw(coefS.ar);
  let sarRaw = arToRaw(coefS.sar);
  if (arRaw === null) arRaw = new Array<number>(p).fill(0);
  if (sarRaw === null) sarRaw = new Array<number>(P).fill(0);
  if (!maRootsOutside(coefS.ma)) coefS = { ...coefS, ma: invertMa(coefS.ma).theta };
  if (!maRootsOutside(coefS.sma)) coefS = { ...coefS, sma: invertMa(coefS.sma).theta };
  const mlStart = pack({ ...coefS, ar: arRaw, sar: sarRaw }, L);
  const fromMl = (x: readonly number[]): ArimaCoefficients => {
    const c = unpack(x, L);
    return { ...c, ar: arFromRaw(c.ar), sar: arFromRaw(c.sar) };
  };
  // The concentrated likelihood ½[log(Σv²/F) + Σlog F / n] is minimised as the sum of squares of
  // vₜ/√Fₜ·(ΠF)^{1/2n} (the same minimiser), by Levenberg–Marquardt with a forward-difference Jacobian.
  const innov = new Float64Array(nstar);
  const mlProblem = {
    size: nstar,
    residuals(x: Float64Array, r: Float64Array): number {
      const c = fromMl(Array.from(x));
      const phi = expandAr(c.ar, c.sar, m);
      const theta = expandMa(c.ma, c.sma, m);
      const k = armaLikelihoodFast(ws, phi, theta, sparse(phi), c.mu, innov);
      if (k === null || !(k.ssq > 0)) return Infinity;
      const scale = Math.exp(k.sumLogF / (2 * nstar));
      for (let t = 0; t < nstar; t++) r[t] = (innov[t] as number) * scale;
      return k.ssq * scale * scale;
    },
  };
  const ml = levenbergMarquardt(mlProblem, mlStart, { relTol: 1e-9 });
  converged = ml.converged;
  let coef = fromMl(Array.from(ml.x));
  // Report an invertible MA (R's arima applies the same reflection).
  coef = { ...coef, ma: invertMa(coef.ma).theta, sma: invertMa(coef.sma).theta, mu: coef.mu * sd };
  const phi = expandAr(coef.ar, coef.sar, m);
  const theta = expandMa(coef.ma, coef.sma, m);
  const wc = Float64Array.from(w, (v) => v - coef.mu);
  const k = armaKalman(wc, phi, theta, sparse(phi), { keep: true, tol: 1e-12 });
  if (k === null) {
    throw new HeadroomError('BAD_INPUT', `${arimaLabel(spec)} could not be fitted: the estimated AR part is not stationary. Try another order or let auto ARIMA choose.`);
  }
  const sigma2ML = k.ssq / k.n;
  const loglik = -0.5 * (k.n * Math.log(2 * Math.PI * sigma2ML) + k.n + k.sumLogF);
  const aic = -2 * loglik + 2 * npar;
  return finish(spec, method, coef, phi, theta, n, nstar, npar, sigma2ML, loglik, aic, y, w, k, converged);
}

function finish(
  spec: ArimaSpec,
  method: ArimaMethod,
  coef: ArimaCoefficients,
  phi: readonly number[],
  theta: readonly number[],
  n: number,
  nstar: number,
  npar: number,
  sigma2ML: number,
  loglik: number,
  aic: number,
  y: readonly number[],
  w: readonly number[],
  k: ReturnType<typeof armaKalman> | undefined,
  converged: boolean,
  /** CSS innovations of the conditioned range (t ≥ p + mP of the differenced series). */
  cssInnovations?: Float64Array,
): ArimaFit {
  const m = spec.period;
  const lost = n - nstar;
  const residuals = new Array<number>(n).fill(NaN);
  if (k?.innovations !== undefined) {
    // Standardized innovations vₜ/√Fₜ, as R's `arima` reports them.
    for (let t = 0; t < nstar; t++) residuals[lost + t] = k.innovations[t]! / Math.sqrt(k.gains![t]!);
  } else if (cssInnovations !== undefined) {
    const ncond = nstar - cssInnovations.length;
    for (let t = 0; t < cssInnovations.length; t++) residuals[lost + ncond + t] = cssInnovations[t]!;
  }
  let ss = 0;
  for (const e of residuals) if (Number.isFinite(e)) ss += e * e;
  const denom = nstar - npar + 1;
  const sigma2 = denom > 0 ? ss / denom : sigma2ML;
  const aicc = nstar - npar - 1 > 0 ? aic + (2 * npar * (npar + 1)) / (nstar - npar - 1) : Infinity;
  const bic = aic + npar * (Math.log(nstar) - 2);
  // Roots of a product are the union of the factors' roots; a seasonal factor in z^m has its
  // roots within 1.01 of the circle in z exactly when its roots in u = z^m are within 1.01^m.
  const seasonalRadius = Math.pow(1.01, m);
  const rootFailure = !arRootsOutside(coef.sar, seasonalRadius)
    ? 'sar'
    : !maRootsOutside(coef.sma, seasonalRadius)
      ? 'sma'
      : !arRootsOutside(coef.ar, 1.01)
        ? 'ar'
        : !maRootsOutside(coef.ma, 1.01)
          ? 'ma'
          : undefined;
  const admissible = Number.isFinite(aic) && rootFailure === undefined && arRootsOutside(phi, 1.01) && maRootsOutside(theta, 1.01);
  return {
    spec,
    method,
    coef,
    phi,
    theta,
    n,
    nstar,
    npar,
    sigma2ML,
    sigma2,
    loglik,
    aic,
    aicc,
    bic,
    admissible,
    ...(rootFailure !== undefined ? { rootFailure } : {}),
    residuals,
    ...(k?.finalState !== undefined ? { finalState: k.finalState } : {}),
    ...(k?.finalCov !== undefined ? { finalCov: k.finalCov } : {}),
    y,
    converged,
  };
}

/** Named parameters for the model card: ar1…, ma1…, sar1…, sma1…, intercept or drift, sigma2. */
export function namedParams(fit: ArimaFit): Record<string, number> {
  const out: Record<string, number> = {};
  fit.coef.ar.forEach((v, i) => (out[`ar${i + 1}`] = v));
  fit.coef.ma.forEach((v, i) => (out[`ma${i + 1}`] = v));
  fit.coef.sar.forEach((v, i) => (out[`sar${i + 1}`] = v));
  fit.coef.sma.forEach((v, i) => (out[`sma${i + 1}`] = v));
  const s = fit.spec;
  if (s.constant) {
    if (s.d + s.D === 0) out['intercept'] = fit.coef.mu;
    else out['drift'] = fit.coef.mu / Math.pow(s.period, s.D);
  }
  out['sigma2'] = fit.sigma2;
  return out;
}
