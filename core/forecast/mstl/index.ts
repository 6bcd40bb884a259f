/**
 * MSTL family: multiple-seasonal decomposition (Bandara, Hyndman & Bergmeir 2021) with the
 * seasonally adjusted series forecast by non-seasonal ETS or auto ARIMA and the seasonal
 * components by seasonal naive of the last cycle. For daily cloud data: weekly (7) and yearly
 * (365.25) cycles.
 */
import type { FitRecord, Fitter, FittedModel, Forecast, ForecastOptions } from '../types';
import { type MstlFit, fitMstl } from './fit';
import { seasonalForecast, seasonalVarianceFactors } from './forecast';
import { shiftForecast, widen } from './intervals';
import { type AdjustedModel, type MstlSpec, defaultPeriods, mstlLabel } from './spec';

export { fitMstl, type MstlFit } from './fit';
export { seasonalForecast, seasonalVarianceFactors } from './forecast';
export { shiftForecast, widen } from './intervals';
export { defaultPeriods, mstlLabel, validateMstlSpec, type AdjustedModel, type MstlSpec } from './spec';

export function mstlModel(fit: MstlFit): FittedModel {
  const inner = fit.model.record;
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(inner.params)) params[`${inner.family}.${k}`] = v;
  fit.periods.forEach((p, i) => {
    const s = fit.seasonals[i]!;
    let ss = 0;
    for (const v of s) ss += v * v;
    params[`seasonal${p}.rms`] = Math.sqrt(ss / Math.max(1, s.length));
  });
  params['seasonal.df'] = fit.seasonalDf;
  const record: FitRecord = {
    family: 'mstl',
    spec: mstlLabel(fit.periods, inner.spec),
    params,
    n: fit.n,
    ...(inner.loglik !== undefined ? { loglik: inner.loglik } : {}),
    ...(inner.aic !== undefined ? { aic: inner.aic } : {}),
    ...(inner.aicc !== undefined ? { aicc: inner.aicc } : {}),
    ...(inner.bic !== undefined ? { bic: inner.bic } : {}),
    residuals: inner.residuals,
    sigma2: inner.sigma2,
    warnings: [...fit.warnings, ...inner.warnings],
  };
  return {
    record,
    refit: (y: readonly number[]): FittedModel => mstlModel(fitMstl(y, fit.spec, fit.model)),
    forecast: (h: number, options: ForecastOptions): Forecast =>
      shiftForecast(widen(fit.model.forecast(h, options), fit.inflation, fit.noiseVariance, seasonalVarianceFactors(fit, h)), seasonalForecast(fit, h)),
  };
}

/** A Fitter for explicit periods and adjusted-series model. */
export function mstlFitter(spec: Partial<MstlSpec> = {}): Fitter {
  return (y, { period }) => mstlModel(fitMstl(y, { periods: spec.periods ?? defaultPeriods(period), adjusted: spec.adjusted ?? 'ets' }));
}

/** The registry's `model: 'mstl'`: periods from `defaultPeriods(period)`, ETS on the adjusted series. */
export const mstlAuto: Fitter = mstlFitter();

export function mstlWith(adjusted: AdjustedModel): Fitter {
  return mstlFitter({ adjusted });
}
