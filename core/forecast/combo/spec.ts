import { HeadroomError } from '../../lib';

/**
 * A forecast combination: the per-step median or mean of the member forecasts (Makridakis &
 * Hibon 2000; Petropoulos & Svetunkov 2020 for the median of ETS/Theta/ARIMA-type pools).
 */
export interface ComboSpec {
  readonly members: readonly string[];
  readonly how: 'median' | 'mean';
}

export function validateComboSpec(spec: ComboSpec, known: (name: string) => boolean): ComboSpec {
  if (spec.how !== 'median' && spec.how !== 'mean') throw new HeadroomError('BAD_INPUT', `Combination must be "median" or "mean" (got "${String(spec.how)}").`);
  if (spec.members.length < 1) throw new HeadroomError('BAD_INPUT', 'A combination needs at least one member model.');
  for (const m of spec.members) if (!known(m) || m === 'combo') throw new HeadroomError('BAD_INPUT', `Unknown combination member "${m}".`);
  return spec;
}
