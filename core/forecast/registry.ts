import { arima } from './arima';
import { baselineFitter } from './baseline';
import { comboFitter } from './combo';
import { fitEts } from './ets';
import { mstlAuto } from './mstl';
import { thetaFitter } from './theta';
import type { Fitter } from './types';

/**
 * Model families by name. `forecastSeries` looks models up here, so a new family (ARIMA, MSTL…)
 * plugs in by adding one entry.
 */
const single: Readonly<Record<string, Fitter>> = {
  naive: baselineFitter('naive'),
  snaive: baselineFitter('snaive'),
  drift: baselineFitter('drift'),
  naive2: baselineFitter('naive2'),
  ets: fitEts,
  arima,
  mstl: mstlAuto,
  theta: thetaFitter('standard'),
  'theta-standard': thetaFitter('standard'),
  'theta-optimized': thetaFitter('optimized'),
  'theta-dynamic': thetaFitter('dynamic'),
};

/** The default combination: the median of ETS, Theta and ARIMA, pooled-path intervals. */
export const COMBO_MEMBERS: readonly string[] = ['ets', 'theta', 'arima'];

export const families: Readonly<Record<string, Fitter>> = {
  ...single,
  combo: comboFitter({ members: COMBO_MEMBERS.filter((m) => m in single), how: 'median' }, (name) => single[name]),
};

export function familyFitter(name: string): Fitter | undefined {
  return Object.prototype.hasOwnProperty.call(families, name) ? families[name] : undefined;
}
