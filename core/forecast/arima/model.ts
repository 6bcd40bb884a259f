import { HeadroomError } from '../../lib';
import type { FitRecord, FittedModel, Forecast, ForecastOptions } from '../types';
import type { ArimaFit } from './fit';
import { namedParams } from './fit';
import { pointForecast } from './forecast';
import { analyticIntervals, forecastSd, samplePaths } from './intervals';
import { arimaLabel } from './spec';

/** Wraps a fitted ARIMA into the shared lifecycle: its record and a forecast function. */
export function toFittedModel(fit: ArimaFit, warnings: readonly string[] = []): FittedModel {
  const record: FitRecord = {
    family: 'arima',
    spec: arimaLabel(fit.spec),
    params: namedParams(fit),
    n: fit.n,
    ...(Number.isFinite(fit.loglik) ? { loglik: fit.loglik, aic: fit.aic, aicc: fit.aicc, bic: fit.bic } : {}),
    residuals: fit.residuals,
    sigma2: fit.sigma2,
    warnings: [...warnings, ...(fit.converged ? [] : ['the likelihood optimizer stopped before converging'])],
  };
  return {
    record,
    forecast: (h: number, options: ForecastOptions): Forecast => forecastArima(fit, h, options),
  };
}

/** Point forecasts, ψ-weight intervals at each level, and sample paths when asked for. */
export function forecastArima(fit: ArimaFit, h: number, options: ForecastOptions): Forecast {
  if (!Number.isInteger(h) || h < 1) throw new HeadroomError('BAD_INPUT', `forecast horizon h = ${h} is out of range: use a whole number of steps ≥ 1.`);
  for (const level of options.levels) {
    if (!(level > 0 && level < 1)) throw new HeadroomError('BAD_INPUT', `interval level ${level} is out of range: use a coverage strictly between 0 and 1 (0.8 = 80 %).`);
  }
  const mean = pointForecast(fit, h);
  const sd = forecastSd(fit, h);
  const intervals = analyticIntervals(mean, sd, options.levels);
  const count = options.paths ?? 0;
  if (count > 0) {
    if (options.random === undefined) throw new HeadroomError('BAD_INPUT', 'sample paths need a random source: pass `random` in the forecast options.');
    return { mean, intervals, paths: samplePaths(fit, mean, count, options.random) };
  }
  return { mean, intervals };
}
