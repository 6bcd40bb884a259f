import type { Fitter, FittedModel, Forecast, ForecastOptions } from '../types';
import { type ThetaFit, fitTheta } from './fit';
import { thetaMean } from './forecast';
import { thetaIntervals, thetaPaths } from './intervals';
import type { ThetaVariant } from './spec';

export { type ThetaSpec, type ThetaVariant, THETA_VARIANTS, validateThetaSpec } from './spec';
export { fitTheta, thetaRecursion, m4SeasonalAdjust, type ThetaFit } from './fit';
export { thetaMean } from './forecast';

export function thetaModel(fit: ThetaFit): FittedModel {
  return {
    record: fit.record,
    refit: (y) => thetaModel(fitTheta(y, fit.spec, fit)),
    forecast(h: number, options: ForecastOptions): Forecast {
      const mean = thetaMean(fit, h);
      const intervals = thetaIntervals(fit, mean, options.levels);
      const want = options.paths ?? 0;
      if (want > 0) {
        if (!options.random) throw new Error('theta: paths requested without a random source');
        return { mean, intervals, paths: thetaPaths(fit, mean, want, options.random) };
      }
      return { mean, intervals };
    },
  };
}

export function thetaFitter(variant: ThetaVariant): Fitter {
  return (y, { period }) => thetaModel(fitTheta(y, { variant, period }));
}
