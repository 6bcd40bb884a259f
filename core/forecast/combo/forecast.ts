import type { ComboFit } from './fit';
import { combine } from './fit';
import type { Forecast, Random } from '../types';
import { childRandom } from '../random';

/** Member forecasts with `pathsEach` paths each (independent child streams). */
export function memberForecasts(fit: ComboFit, h: number, levels: readonly number[], pathsEach: number, random: Random): Forecast[] {
  return fit.members.map((m) => m.model.forecast(h, { levels, paths: pathsEach, random: childRandom(random) }));
}

/** The combined point forecast at each step. */
export function comboMean(fit: ComboFit, fcs: readonly Forecast[]): number[] {
  const h = fcs[0]?.mean.length ?? 0;
  return Array.from({ length: h }, (_, t) => combine(fcs.map((f) => f.mean[t] as number), fit.spec.how));
}
