import { HeadroomError } from '../../lib';
import type { FitRecord, FittedModel, Forecast, ForecastOptions } from '../types';
import { autoArima, fixedFit } from './auto';
import type { ArimaFit } from './fit';
import { fitArima, namedParams } from './fit';
import { difference } from './polynomial';
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
    refit: (y: readonly number[]): FittedModel => refitArima(fit, y),
  };
}

/**
 * Re-estimates the same orders on other data (backtest windows skip the stepwise search), by
 * exact ML started from this fit's coefficients.
 * A deterministic fit (constant or exactly polynomial series) is rebuilt the same way; when the
 * orders cannot be fitted on the new data (too short, non-stationary AR), the full auto ARIMA
 * runs instead and says so in the record.
 */
function refitArima(fit: ArimaFit, y: readonly number[]): FittedModel {
  if (fit.fixed === true) {
    const w = difference(y, fit.spec.d, fit.spec.D, fit.spec.period);
    const mu = w.length > 0 ? w.reduce((a, b) => a + b, 0) / w.length : (y[y.length - 1] ?? 0);
    return toFittedModel(fixedFit(y, fit.spec, mu));
  }
  try {
    // Warm start at this fit's coefficients: the windows overlap, so the ML optimum is close and
    // the CSS stage can be skipped.
    return toFittedModel(fitArima(y, fit.spec, { start: fit.coef }));
  } catch (e) {
    if (!(e instanceof HeadroomError)) throw e;
    const r = autoArima(y, fit.spec.period);
    return toFittedModel(r.fit, [...r.warnings, `refit of ${arimaLabel(fit.spec)} failed (${e.message}); orders re-selected`]);
  }
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
