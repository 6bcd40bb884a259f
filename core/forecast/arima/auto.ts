import { HeadroomError, isHeadroomError } from '../../lib';
import { type ArimaFit, type DifferencedSeries, differenced, fitArima } from './fit';
import { difference } from './polynomial';
import { AUTO_ARIMA_DEFAULTS, type ArimaSpec, type AutoArimaOptions, validateAutoArimaOptions } from './spec';
import { isConstant, ndiffs, nsdiffs } from './unitroot';

/**
 * Automatic ARIMA order selection, Hyndman & Khandakar (2008) "Automatic time series
 * forecasting: the forecast package for R", J. Stat. Software 27(3), §3.2, with the defaults and
 * rules of `forecast::auto.arima` (8.x):
 *
 * - D by the seasonal-strength heuristic (> 0.64, `nsdiffs(test = "seas")`), then d by repeated
 *   KPSS tests at α = 0.05 on the seasonally differenced series (`ndiffs`);
 * - a constant is allowed when d + D ≤ 1 (a mean for d + D = 0, a drift for d + D = 1);
 * - max orders p, q ≤ 5, P, Q ≤ 2 (capped at n/3 and n/3m; p, q < m when seasonal terms are
 *   allowed);
 * - stepwise search: four starting models (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0),
 *   (0,d,1)(0,D,1) with the constant, plus the null model without it; then from the current best,
 *   the neighbours P±1, Q±1, (P,Q)±1, p±1, q±1, (p,q)±1 and the constant toggled, restarting
 *   from the new best after every improvement, at most 94 models;
 * - AICc; models with an AR or MA root within 1.01 of the unit circle are rejected;
 * - with the approximation (n > 150 or m > 12) candidates are ranked by their CSS fit and the
 *   ranked list is refitted by exact ML (CSS-ML) until one is admissible.
 */
export interface AutoArimaResult {
  readonly fit: ArimaFit;
  /** Models fitted during the search (before the ML refits). */
  readonly visited: number;
  readonly warnings: readonly string[];
}

interface Candidate {
  readonly p: number;
  readonly q: number;
  readonly P: number;
  readonly Q: number;
  readonly constant: boolean;
  readonly ic: number;
  readonly fit: ArimaFit | undefined;
}

export function autoArima(y: readonly number[], period: number, optionsIn: Partial<AutoArimaOptions> = {}): AutoArimaResult {
  const options = validateAutoArimaOptions({ ...AUTO_ARIMA_DEFAULTS, ...optionsIn });
  if (y.length === 0) throw new HeadroomError('BAD_INPUT', 'auto ARIMA needs at least one observation.');
  if (y.some((v) => !Number.isFinite(v))) throw new HeadroomError('BAD_INPUT', 'auto ARIMA needs finite values: remove or fill the missing/NaN points first.');
  const warnings: string[] = [];
  const n = y.length;
  let m = Math.round(period);
  if (!(m >= 1)) m = 1;

  if (isConstant(y)) {
    return { fit: fixedFit(y, { p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, period: 1, constant: true }, y[0]!), visited: 0, warnings: ['constant series: forecast is the constant'] };
  }
  const ic = n <= 3 ? 'aic' : options.ic;
  let maxP = Math.min(options.maxP, Math.floor(n / 3));
  let maxQ = Math.min(options.maxQ, Math.floor(n / 3));
  let maxSP = Math.min(options.maxSeasonalP, Math.floor(n / 3 / m));
  let maxSQ = Math.min(options.maxSeasonalQ, Math.floor(n / 3 / m));

  let D = 0;
  if (m === 1) {
    maxSP = 0;
    maxSQ = 0;
  } else {
    D = options.D ?? nsdiffs(y, m, options.maxSeasonalD);
  }
  let dx = D > 0 ? difference(y, 0, D, m) : y.slice();
  const d = options.d ?? ndiffs(dx, options.alpha, options.maxD);
  if (d > 0) dx = difference(dx, d, 0, 1);
  if (dx.length === 0) throw new HeadroomError('BAD_INPUT', `auto ARIMA: ${n} points are too few for ${d} difference(s) and ${D} seasonal difference(s) of period ${m}.`);

  if (isConstant(dx)) {
    if (D === 0 && d >= 2) throw new HeadroomError('BAD_INPUT', 'auto ARIMA: the data follow an exact polynomial and are not suitable for ARIMA modelling.');
    const spec: ArimaSpec = { p: 0, d, q: 0, P: 0, D, Q: 0, period: D > 0 ? m : 1, constant: d + D <= 1 };
    return { fit: fixedFit(y, spec, dx[0]!), visited: 0, warnings: ['the differenced series is constant: exact deterministic forecast'] };
  }
  if (m > 1) {
    if (maxSP > 0) maxP = Math.min(maxP, m - 1);
    if (maxSQ > 0) maxQ = Math.min(maxQ, m - 1);
  }
  const approximation = options.approximation ?? (n > 150 || m > 12);
  const allowDrift = options.allowDrift && d + D === 1;
  const allowMean = options.allowMean && d + D === 0;
  let constant = allowDrift || allowMean;
  const seasonalPeriod = m > 1 && (D > 0 || maxSP > 0 || maxSQ > 0) ? m : 1;

  // Every candidate shares d, D and the period: difference and scale the series once.
  const shared = new Map<number, DifferencedSeries>();
  const differencedFor = (period: number): DifferencedSeries => {
    let ds = shared.get(period);
    if (ds === undefined) {
      ds = differenced(y, d, D, period);
      shared.set(period, ds);
    }
    return ds;
  };
  const results: Candidate[] = [];
  const seen = (p: number, q: number, P: number, Q: number, c: boolean): boolean => results.some((r) => r.p === p && r.q === q && r.P === P && r.Q === Q && r.constant === c);
  const fitOne = (p: number, q: number, P: number, Q: number, c: boolean, approx: boolean): Candidate => {
    const spec: ArimaSpec = { p, d, q, P, D, Q, period: P + D + Q > 0 ? seasonalPeriod : 1, constant: c };
    try {
      const fit = fitArima(y, spec, { method: approx ? 'CSS' : 'CSS-ML', differenced: differencedFor(spec.period) });
      const value = ic === 'aic' ? fit.aic : ic === 'bic' ? fit.bic : fit.aicc;
      return { p, q, P, Q, constant: c, ic: fit.admissible && Number.isFinite(value) ? value : Infinity, fit };
    } catch (e) {
      if (!isHeadroomError(e)) throw e;
      return { p, q, P, Q, constant: c, ic: Infinity, fit: undefined };
    }
  };
  let best: Candidate | undefined;
  const consider = (p: number, q: number, P: number, Q: number, c: boolean): boolean => {
    const cand = fitOne(p, q, P, Q, c, approximation);
    results.push(cand);
    if (best === undefined || cand.ic < best.ic) {
      best = cand;
      return true;
    }
    return false;
  };

  let p = Math.min(2, maxP);
  let q = Math.min(2, maxQ);
  let P = Math.min(1, maxSP);
  let Q = Math.min(1, maxSQ);
  consider(p, q, P, Q, constant);
  if (consider(0, 0, 0, 0, constant)) p = q = P = Q = 0;
  if (maxP > 0 || maxSP > 0) {
    const np = maxP > 0 ? 1 : 0;
    const nP = m > 1 && maxSP > 0 ? 1 : 0;
    if (!seen(np, 0, nP, 0, constant) && consider(np, 0, nP, 0, constant)) {
      p = np;
      P = nP;
      q = Q = 0;
    }
  }
  if (maxQ > 0 || maxSQ > 0) {
    const nq = maxQ > 0 ? 1 : 0;
    const nQ = m > 1 && maxSQ > 0 ? 1 : 0;
    if (!seen(0, nq, 0, nQ, constant) && consider(0, nq, 0, nQ, constant)) {
      p = P = 0;
      q = nq;
      Q = nQ;
    }
  }
  if (constant && !seen(0, 0, 0, 0, false) && consider(0, 0, 0, 0, false)) {
    p = q = P = Q = 0;
    constant = false;
  }

  const moves: [number, number, number, number][] = [
    [0, 0, -1, 0],
    [0, 0, 0, -1],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
    [0, 0, -1, -1],
    [0, 0, -1, 1],
    [0, 0, 1, -1],
    [0, 0, 1, 1],
    [-1, 0, 0, 0],
    [0, -1, 0, 0],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [-1, -1, 0, 0],
    [-1, 1, 0, 0],
    [1, -1, 0, 0],
    [1, 1, 0, 0],
  ];
  let improved = true;
  while (improved && results.length < options.maxModels) {
    improved = false;
    for (const [dp, dq, dP, dQ] of moves) {
      if (results.length >= options.maxModels) break;
      const np = p + dp;
      const nq = q + dq;
      const nP = P + dP;
      const nQ = Q + dQ;
      if (np < 0 || nq < 0 || nP < 0 || nQ < 0 || np > maxP || nq > maxQ || nP > maxSP || nQ > maxSQ) continue;
      if (seen(np, nq, nP, nQ, constant)) continue;
      if (consider(np, nq, nP, nQ, constant)) {
        p = np;
        q = nq;
        P = nP;
        Q = nQ;
        improved = true;
        break;
      }
    }
    if (!improved && (allowDrift || allowMean) && results.length < options.maxModels && !seen(p, q, P, Q, !constant)) {
      if (consider(p, q, P, Q, !constant)) {
        constant = !constant;
        improved = true;
      }
    }
  }
  const visited = results.length;

  let chosen: ArimaFit | undefined;
  if (approximation) {
    const ranked = results.filter((r) => Number.isFinite(r.ic)).sort((a, b) => a.ic - b.ic);
    // Speed (not in R): when an exact refit puts a seasonal root on the unit circle (typically a
    // seasonal MA → −1 after an unneeded seasonal difference), the other candidates with the same
    // seasonal block nearly always do too; skip them instead of refitting each (R refits them all,
    // which is most of its 63 s per M4 Hourly series).
    const badSeasonal = new Set<string>();
    for (const r of ranked) {
      if (badSeasonal.has(`${r.P},${r.Q}`)) continue;
      const refit = fitOne(r.p, r.q, r.P, r.Q, r.constant, false);
      const failure = refit.fit?.rootFailure;
      if (failure === 'sar' || failure === 'sma') badSeasonal.add(`${r.P},${r.Q}`);
      if (Number.isFinite(refit.ic) && refit.fit !== undefined) {
        chosen = refit.fit;
        if (r !== ranked[0]) warnings.push(`the CSS-best model failed the exact ML refit; using the next best ${describe(r)}`);
        break;
      }
    }
  } else if (best !== undefined && Number.isFinite(best.ic)) {
    chosen = best.fit;
  }
  if (chosen === undefined) {
    throw new HeadroomError('BAD_INPUT', `auto ARIMA found no admissible model among ${visited} candidates (n = ${n}, d = ${d}, D = ${D}): the series may be too short or degenerate.`);
  }
  return { fit: chosen, visited, warnings };
}

function describe(c: Candidate): string {
  return `(${c.p},·,${c.q})(${c.P},·,${c.Q})${c.constant ? ' with constant' : ''}`;
}

/**
 * A model with no estimated ARMA part (the constant and exactly-deterministic cases of
 * auto.arima): forecasts continue the differenced series at its constant value μ; σ² is the
 * residual variance (0 for an exact fit).
 */
export function fixedFit(y: readonly number[], spec: ArimaSpec, mu: number): ArimaFit {
  const n = y.length;
  const w = difference(y, spec.d, spec.D, spec.period);
  const nstar = w.length;
  const lost = n - nstar;
  const residuals = new Array<number>(n).fill(NaN);
  let ss = 0;
  for (let t = 0; t < nstar; t++) {
    const e = w[t]! - mu;
    residuals[lost + t] = e;
    ss += e * e;
  }
  const sigma2 = nstar > 1 ? ss / (nstar - 1) : 0;
  return {
    spec,
    method: 'CSS-ML',
    coef: { ar: [], ma: [], sar: [], sma: [], mu },
    phi: [],
    theta: [],
    n,
    nstar,
    npar: 1,
    sigma2ML: sigma2,
    sigma2,
    loglik: NaN,
    aic: NaN,
    aicc: NaN,
    bic: NaN,
    admissible: true,
    residuals,
    finalState: new Float64Array(1),
    finalCov: new Float64Array([1]),
    y,
    converged: true,
    fixed: true,
  };
}
