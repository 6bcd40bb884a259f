import { createRandom } from '../random';
import type { Fitter, FittedModel, Forecast, ForecastOptions } from '../types';
import { type ComboFit, fitCombo } from './fit';
import { comboMean, memberForecasts } from './forecast';
import { comboIntervals, pooledPaths } from './intervals';
import { type ComboSpec, validateComboSpec } from './spec';

export { type ComboSpec, validateComboSpec } from './spec';
export { fitCombo, combine, type ComboFit } from './fit';

/** Paths drawn in total for the pooled intervals (split evenly across members). */
export const COMBO_SIMULATIONS = 1500;

export function comboModel(fit: ComboFit): FittedModel {
  return {
    record: fit.record,
    forecast(h: number, options: ForecastOptions): Forecast {
      const random = options.random ?? createRandom(1);
      const want = options.paths ?? 0;
      const k = fit.members.length;
      const each = Math.ceil(Math.max(COMBO_SIMULATIONS, want) / k);
      const fcs = memberForecasts(fit, h, options.levels, each, random);
      const mean = comboMean(fit, fcs);
      const pooled = pooledPaths(fcs);
      const intervals = comboIntervals(mean, pooled, options.levels);
      if (want === 0) return { mean, intervals };
      // Interleave members so any prefix of the returned paths is an equal mixture.
      const paths: (readonly number[])[] = [];
      for (let i = 0; paths.length < want && i < each; i++) for (let j = 0; j < k && paths.length < want; j++) paths.push((fcs[j]?.paths as readonly (readonly number[])[])[i] as readonly number[]);
      return { mean, intervals, paths };
    },
  };
}

/** A combination as a Fitter; `lookup` resolves member names (the registry). */
export function comboFitter(spec: ComboSpec, lookup: (name: string) => Fitter | undefined): Fitter {
  validateComboSpec(spec, (n) => lookup(n) !== undefined);
  return (y, { period }) => comboModel(fitCombo(y, period, spec, lookup));
}
