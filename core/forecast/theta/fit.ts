import { HeadroomError } from '../../lib';
import { type EtsFit, fitEtsSpec } from '../ets/fit';
import { classicalSeasonalFigure, linearTrend, reciprocals, seasonalityTest } from '../math/stats';
import { fitThetaProfile } from './profile';
import type { FitRecord } from '../types';
import { type ThetaSpec, validateThetaSpec } from './spec';

export interface ThetaFit {
  readonly spec: ThetaSpec;
  readonly record: FitRecord;
  /** Seasonal indices for t = 0..n−1+h are `figure[t mod m]` (all 1 when not seasonal). */
  readonly figure: Float64Array;
  readonly n: number;
  readonly alpha: number;
  readonly theta: number;
  readonly sigma: number;
  /** The optimised variants' initial level (the standard variant's SES initial level). */
  readonly l0: number;
  /** The standard variant's SES fit. */
  readonly ses?: EtsFit;
  /** Forecasts of the seasonally adjusted series for steps 1..h. */
  adjustedForecast(h: number): number[];
}

/** Seasonal adjustment of M4's benchmarks: multiplicative classical decomposition when the 90 % test says seasonal. */
export function m4SeasonalAdjust(y: readonly number[], m: number): { adjusted: Float64Array; figure: Float64Array; seasonal: boolean } {
  const seasonal = m > 1 && seasonalityTest(y, m) && y.every((v) => v > 0);
  const figure = seasonal ? classicalSeasonalFigure(y, m, 'multiplicative') : new Float64Array(Math.max(1, m)).fill(1);
  const adjusted = seasonal ? Float64Array.from(y, (v, t) => v / (figure[t % figure.length] as number)) : Float64Array.from(y);
  return { adjusted, figure, seasonal };
}

/**
 * The theta-model recursions of Fiorucci et al. (2016, §3): with ℓ_t = αY_t + (1−α)ℓ_{t−1},
 *   μ_{t+1} = ℓ_t + (1 − 1/θ)·[(1−α)^t·A_t + ((1 − (1−α)^{t+1})/α)·B_t],
 * A_t, B_t the intercept and slope of the least-squares line through Y_1..Y_t (dynamic) or through the
 * whole sample (static). Forecasts continue the recursion with Y replaced by μ.
 * Returns the sum of squared one-step errors and, when h > 0, the h forecasts.
 */
export function thetaRecursion(y: Float64Array, l0: number, alpha: number, theta: number, dynamic: boolean, h: number, fitted?: Float64Array): { sse: number; forecast: number[] } {
  const n = y.length;
  const k = 1 - 1 / theta;
  let An = 0;
  let Bn = 0;
  if (!dynamic) {
    const lt = linearTrend(y);
    Bn = lt.slope;
    An = lt.intercept - lt.slope; // regression on t = 1..n: intercept at t = 0
  }
  const y0 = y[0] as number;
  let ell = alpha * y0 + (1 - alpha) * l0;
  let meanY = y0;
  let A = dynamic ? y0 : An;
  let B = dynamic ? 0 : Bn;
  let mu = dynamic ? y0 : l0 + k * (An + Bn);
  let sse = 0;
  if (fitted) fitted[0] = mu;
  if (!dynamic) sse += (y0 - mu) ** 2;
  const forecast: number[] = [];
  let pw = 1 - alpha; // (1−α)^i
  const total = n + h;
  const inv = reciprocals(total + 2);
  const invAlpha = 1 / alpha;
  if (dynamic && h === 0 && fitted === undefined) {
    // The optimizer's case: the same recursion without forecasts or fitted values.
    const beta = 1 - alpha;
    for (let i = 1; i < n; i++) {
      mu = ell + k * (A * pw + B * (1 - pw * beta) * invAlpha);
      pw *= beta;
      const yi = y[i] as number;
      const d = yi - mu;
      sse += d * d;
      ell = alpha * yi + beta * ell;
      const inv1 = inv[i + 1] as number;
      const newMean = (i * meanY + yi) * inv1;
      B = ((i - 1) * B + 6 * (yi - meanY) * inv1) * (inv[i + 2] as number);
      A = newMean - B * (i + 2) * 0.5;
      meanY = newMean;
    }
    return { sse, forecast };
  }
  for (let i = 1; i < total; i++) {
    mu = ell + k * (A * pw + B * (1 - pw * (1 - alpha)) * invAlpha);
    pw *= 1 - alpha;
    const yi = i < n ? (y[i] as number) : mu;
    if (i < n) {
      sse += (yi - mu) ** 2;
      if (fitted) fitted[i] = mu;
    } else forecast.push(mu);
    ell = alpha * yi + (1 - alpha) * ell;
    const inv1 = inv[i + 1] as number;
    const newMean = (i * meanY + yi) * inv1;
    if (dynamic) {
      B = ((i - 1) * B + 6 * (yi - meanY) * inv1) * (inv[i + 2] as number);
      A = newMean - (B * (i + 2)) / 2;
    }
    meanY = newMean;
  }
  return { sse, forecast };
}


/**
 * Fits a theta variant (see spec.ts for the methods and references). `start`, a fit of the
 * standard variant on an overlapping series (a backtest window), seeds its SES fit.
 */
export function fitTheta(yIn: readonly number[], spec: ThetaSpec, start?: ThetaFit): ThetaFit {
  validateThetaSpec(spec, yIn.length);
  const n = yIn.length;
  const { adjusted, figure, seasonal } = m4SeasonalAdjust(yIn, spec.period);
  const warnings: string[] = [];
  const season = (t: number): number => figure[t % figure.length] as number;
  if (spec.variant === 'standard') {
    // SES by maximum likelihood (ETS(A,N,N), as R ses()), then the drift b/2 of Hyndman & Billah (2003).
    const ses = fitEtsSpec(adjusted, { error: 'A', trend: 'N', damped: false, season: 'N' }, 1, start?.ses ? { start: start.ses } : {});
    const alpha = Math.max(1e-10, ses.params.alpha);
    const b = linearTrend(adjusted).slope;
    const level = ses.final.level;
    const adjustedForecast = (h: number): number[] => Array.from({ length: h }, (_, j) => level + (b / 2) * (j + (1 - (1 - alpha) ** n) / alpha));
    const residuals = Array.from(yIn, (v, t) => v - (ses.fitted[t] as number) * season(t));
    const record: FitRecord = {
      family: 'theta',
      spec: seasonal ? `Theta(standard)[${spec.period}]` : 'Theta(standard)',
      params: { alpha, l0: ses.init.level, drift: b / 2, theta: 2 },
      n,
      residuals,
      sigma2: ses.sigma2,
      warnings,
    };
    return { spec, record, figure, n, alpha, theta: 2, sigma: Math.sqrt(ses.sigma2), l0: ses.init.level, ses, adjustedForecast };
  }
  const dynamic = spec.variant === 'dynamic';
  // Fiorucci et al. (2016): α ∈ [0.1, 0.99], θ ≥ 1; least squares on the one-step errors, solved
  // by profiling out ℓ₀ and θ (closed form for each α, see profile.ts).
  const res = fitThetaProfile(adjusted, dynamic);
  if (!Number.isFinite(res.sse) || !Number.isFinite(res.l0)) throw new HeadroomError('BAD_INPUT', 'Optimised theta found no fit for this series.');
  const { l0, alpha, theta } = res;
  const fitted = new Float64Array(n);
  thetaRecursion(adjusted, l0, alpha, theta, dynamic, 0, fitted);
  const sigma2 = res.sse / Math.max(1, n - 3);
  const residuals = Array.from(yIn, (v, t) => v - (fitted[t] as number) * season(t));
  const adjustedForecast = (h: number): number[] => thetaRecursion(adjusted, l0, alpha, theta, dynamic, h).forecast;
  const record: FitRecord = {
    family: 'theta',
    spec: `Theta(${spec.variant})${seasonal ? `[${spec.period}]` : ''}`,
    params: { alpha, theta, l0 },
    n,
    residuals,
    sigma2,
    warnings,
  };
  return { spec, record, figure, n, alpha, theta, sigma: Math.sqrt(sigma2), l0, adjustedForecast };
}
