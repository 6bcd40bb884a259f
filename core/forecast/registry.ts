import { arima } from './arima';
import { baselineFitter } from './baseline';
import { fitEts } from './ets';
import { thetaFitter } from './theta';
import type { Fitter } from './types';

/**
 * Model families by name. `forecastSeries` looks models up here, so a new family (ARIMA, MSTL…)
 * plugs in by adding one entry.
 */
export const families: Readonly<Record<string, Fitter>> = {
  naive: baselineFitter('naive'),
  snaive: baselineFitter('snaive'),
  drift: baselineFitter('drift'),
  naive2: baselineFitter('naive2'),
  ets: fitEts,
  arima,
  theta: thetaFitter('standard'),
  'theta-standard': thetaFitter('standard'),
  'theta-optimized': thetaFitter('optimized'),
  'theta-dynamic': thetaFitter('dynamic'),
};

export function familyFitter(name: string): Fitter | undefined {
  return Object.prototype.hasOwnProperty.call(families, name) ? families[name] : undefined;
}
