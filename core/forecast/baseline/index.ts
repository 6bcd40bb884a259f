import type { Fitter, FittedModel, Forecast, ForecastOptions } from '../types';
import { type BaselineFit, fitBaseline } from './fit';
import { baselineMean } from './forecast';
import { baselineIntervals, baselinePaths } from './intervals';
import type { BaselineKind } from './spec';

export type { BaselineKind, BaselineSpec } from './spec';
export { BASELINE_KINDS, validateBaselineSpec } from './spec';
export { fitBaseline, type BaselineFit } from './fit';
export { baselineSd } from './intervals';

function model(fit: BaselineFit): FittedModel {
  return {
    record: fit.record,
    refit: (y) => model(fitBaseline(y, fit.spec)),
    forecast(h: number, options: ForecastOptions): Forecast {
      const mean = baselineMean(fit, h);
      const intervals = baselineIntervals(fit, mean, options.levels);
      const want = options.paths ?? 0;
      if (want > 0) {
        if (!options.random) throw new Error('forecast: paths requested without a random source');
        const paths = baselinePaths(fit, mean, want, options.random);
        return { mean, intervals, paths };
      }
      return { mean, intervals };
    },
  };
}

/** Fitter for one baseline kind (the `Fitter` contract of core/forecast/types). */
export function baselineFitter(kind: BaselineKind): Fitter {
  return (y, { period }) => model(fitBaseline(y, { kind, period: kind === 'naive' || kind === 'drift' ? 1 : period }));
}
