/**
 * ARIMA family: seasonal ARIMA estimated by exact Gaussian likelihood (Kalman filter,
 * CSS-ML as R's `arima`), automatic order selection as Hyndman & Khandakar (2008) /
 * `forecast::auto.arima`, ψ-weight intervals and simulated sample paths. See README.md.
 */
import type { Fitter } from '../types';
import { autoArima } from './auto';
import { fitArima } from './fit';
import { toFittedModel } from './model';
import type { ArimaSpec, AutoArimaOptions } from './spec';

export { autoArima, fixedFit, type AutoArimaResult } from './auto';
export { fitArima, namedParams, type ArimaFit, type ArimaCoefficients, type ArimaMethod } from './fit';
export { pointForecast, integratedPsi } from './forecast';
export { forecastSd, analyticIntervals, samplePaths } from './intervals';
export { forecastArima, toFittedModel } from './model';
export { kpssStatistic, kpssPValue, ndiffs, nsdiffs } from './unitroot';
export { minimizeBfgs, type MinimizeOptions, type MinimizeResult } from './optim';
export { AUTO_ARIMA_DEFAULTS, arimaLabel, validateArimaSpec, validateAutoArimaOptions, type ArimaOrder, type ArimaSpec, type AutoArimaOptions } from './spec';

/** `auto.arima` as a Fitter: the family registry's `model: 'arima'`. */
export function autoArimaFitter(options: Partial<AutoArimaOptions> = {}): Fitter {
  return (y, { period }) => {
    const result = autoArima(y, period, options);
    return toFittedModel(result.fit, result.warnings);
  };
}

/** A fixed-order ARIMA as a Fitter (the period comes from the spec). */
export function arimaFitter(spec: ArimaSpec): Fitter {
  return (y) => toFittedModel(fitArima(y, spec));
}

export const arima: Fitter = autoArimaFitter();
