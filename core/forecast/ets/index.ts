import { createRandom } from '../random';
import type { FitRecord, Fitter, FittedModel, Forecast, ForecastOptions } from '../types';
import { type EtsFit, fitEtsAuto, fitEtsSpec } from './fit';
import { etsMean, etsSimulate } from './forecast';
import { etsIntervals, isClass1 } from './intervals';
import { type EtsSpec, etsLabel } from './spec';

export { type EtsSpec, etsLabel, parseEtsSpec, etsCandidates, validateEtsSpec } from './spec';
export { type EtsFit, fitEtsSpec, fitEtsAuto, admissible, schurStable, initialStates } from './fit';
export { etsMean, etsSimulate } from './forecast';
export { etsIntervals, etsPsi, isClass1 } from './intervals';

/** Paths simulated for the intervals of a non-linear model when the caller asked for none. */
export const DEFAULT_SIMULATIONS = 2000;

export function etsRecord(fit: EtsFit, warnings: readonly string[] = []): FitRecord {
  const params: Record<string, number> = { alpha: fit.params.alpha };
  if (fit.spec.trend !== 'N') params['beta'] = fit.params.beta;
  if (fit.spec.season !== 'N') params['gamma'] = fit.params.gamma;
  if (fit.spec.damped) params['phi'] = fit.params.phi;
  params['l0'] = fit.init.level;
  if (fit.spec.trend !== 'N') params['b0'] = fit.init.trend;
  if (fit.spec.season !== 'N') fit.init.season.forEach((v, j) => (params[`s${j}`] = v));
  return {
    family: 'ets',
    spec: etsLabel(fit.spec),
    params,
    n: fit.n,
    loglik: fit.loglik,
    aic: fit.aic,
    aicc: fit.aicc,
    bic: fit.bic,
    residuals: Array.from(fit.residuals),
    sigma2: fit.sigma2,
    warnings,
  };
}

/** Wraps a fit in the `FittedModel` lifecycle. */
export function etsModel(fit: EtsFit, warnings: readonly string[] = []): FittedModel {
  return {
    record: etsRecord(fit, warnings),
    refit: (y) => etsModel(fitEtsSpec(y, fit.spec, fit.m, { start: fit })),
    forecast(h: number, options: ForecastOptions): Forecast {
      const mean = etsMean(fit, h);
      const want = options.paths ?? 0;
      // Simulated intervals only when intervals are asked for (backtest windows ask for paths only).
      const needSim = !isClass1(fit) && options.levels.length > 0;
      if (want === 0 && !needSim) return { mean, intervals: options.levels.length > 0 ? etsIntervals(fit, mean, options.levels) : [] };
      // Simulated intervals need a random source; without one a fixed seed keeps them reproducible.
      const random = options.random ?? createRandom(1);
      const paths = etsSimulate(fit, h, Math.max(want, needSim ? DEFAULT_SIMULATIONS : 0), random);
      const intervals = etsIntervals(fit, mean, options.levels, undefined, paths);
      return want > 0 ? { mean, intervals, paths: paths.slice(0, want) } : { mean, intervals };
    },
  };
}

/** Automatic ETS (AICc over the allowed set), the `Fitter` contract. */
export const fitEts: Fitter = (y, { period }) => {
  const r = fitEtsAuto(y, period);
  return etsModel(r.best, r.warnings);
};

/** A fitter for one fixed spec. */
export function etsSpecFitter(spec: EtsSpec): Fitter {
  return (y, { period }) => etsModel(fitEtsSpec(y, spec, period));
}
