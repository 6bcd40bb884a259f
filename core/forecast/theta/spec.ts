import { HeadroomError } from '../../lib';

/**
 * Theta variants:
 * - `standard`: the Theta method of Assimakopoulos & Nikolopoulos (2000) with θ = 2, computed
 *   through Hyndman & Billah's (2003) equivalence with simple exponential smoothing plus half the
 *   linear-trend slope as drift (as R `forecast::thetaf`);
 * - `optimized`: the optimised theta model (OTM) of Fiorucci, Pellegrini, Louzada, Petropoulos &
 *   Koehler (2016), θ ≥ 1, α and ℓ0 estimated by least squares, fixed regression line;
 * - `dynamic`: their dynamic optimised theta model (DOTM): the regression coefficients A_t, B_t are
 *   updated with each observation.
 * Seasonal series (M4's 90 % autocorrelation test) are adjusted by the classical multiplicative
 * decomposition first, as in M4's Theta benchmark, and the forecasts reseasonalised.
 */
export type ThetaVariant = 'standard' | 'optimized' | 'dynamic';

export interface ThetaSpec {
  readonly variant: ThetaVariant;
  readonly period: number;
}

export const THETA_VARIANTS: readonly ThetaVariant[] = ['standard', 'optimized', 'dynamic'];

export function validateThetaSpec(spec: ThetaSpec, n: number): ThetaSpec {
  if (!THETA_VARIANTS.includes(spec.variant)) throw new HeadroomError('BAD_INPUT', `Unknown theta variant "${String(spec.variant)}": use ${THETA_VARIANTS.join(', ')}.`);
  if (!Number.isInteger(spec.period) || spec.period < 1) throw new HeadroomError('BAD_INPUT', `Seasonal period must be an integer ≥ 1 (got ${spec.period}).`);
  if (n < 4) throw new HeadroomError('BAD_INPUT', `Theta needs at least 4 observations; the series has ${n}.`);
  return spec;
}
