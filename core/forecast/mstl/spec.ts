import { HeadroomError } from '../../lib';

/** Model for the seasonally adjusted series (trend + remainder). */
export type AdjustedModel = 'ets' | 'arima' | 'theta';

/**
 * MSTL model: seasonal periods (e.g. [7, 365.25] for daily data) and the model for the
 * seasonally adjusted series (non-seasonal ETS, as R's `stlf`/`forecast.mstl` default, auto ARIMA,
 * or the optimized Theta method).
 */
export interface MstlSpec {
  readonly periods: readonly number[];
  readonly adjusted: AdjustedModel;
}

export function validateMstlSpec(spec: MstlSpec): MstlSpec {
  if (spec.periods.length > 4) {
    throw new HeadroomError('BAD_INPUT', `MSTL takes at most 4 seasonal periods, got ${spec.periods.length}: keep the ones that matter (e.g. 7 and 365.25 for daily data).`);
  }
  for (const p of spec.periods) {
    if (!(Number.isFinite(p) && p >= 2 && p <= 10_000)) {
      throw new HeadroomError('BAD_INPUT', `MSTL period ${String(p)} is out of range: use a period from 2 to 10000 observations (7 = weekly on daily data, 365.25 = yearly).`);
    }
  }
  if (spec.adjusted !== 'ets' && spec.adjusted !== 'arima' && spec.adjusted !== 'theta') {
    throw new HeadroomError('BAD_INPUT', `MSTL adjusted-series model "${String(spec.adjusted)}" is unknown: use "ets", "arima" or "theta".`);
  }
  return spec;
}

/**
 * Periods used when the registry only knows the primary period: daily data (7) also gets the
 * yearly cycle 365.25, hourly data (24) the weekly cycle 168; anything else keeps its one period.
 */
export function defaultPeriods(period: number): number[] {
  if (period === 7) return [7, 365.25];
  if (period === 24) return [24, 168];
  return period >= 2 ? [period] : [];
}

export function mstlLabel(periods: readonly number[], adjustedSpec: string): string {
  return periods.length === 0 ? adjustedSpec : `MSTL(${periods.join(',')}) + ${adjustedSpec}`;
}
