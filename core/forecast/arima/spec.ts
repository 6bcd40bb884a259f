import { HeadroomError } from '../../lib';

/** Orders of a seasonal ARIMA(p,d,q)(P,D,Q)[m]. */
export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  readonly P: number;
  readonly D: number;
  readonly Q: number;
}

/**
 * One ARIMA model: orders, the seasonal period m (1 = none) and whether a constant is included
 * (a mean when d + D = 0, a drift when d + D = 1; never when d + D ≥ 2, as in R's `Arima`).
 */
export interface ArimaSpec extends ArimaOrder {
  readonly period: number;
  readonly constant: boolean;
}

/** Options of the automatic order selection; defaults are R `auto.arima`'s. */
export interface AutoArimaOptions {
  readonly maxP: number;
  readonly maxQ: number;
  readonly maxSeasonalP: number;
  readonly maxSeasonalQ: number;
  readonly maxD: number;
  readonly maxSeasonalD: number;
  /** Fixed d / D instead of the unit-root tests. */
  readonly d?: number;
  readonly D?: number;
  readonly ic: 'aicc' | 'aic' | 'bic';
  /**
   * Rank candidates by CSS during the search and refit the best by exact ML. `undefined` = R's
   * rule: when n > 150 or m > 12.
   */
  readonly approximation?: boolean;
  /** Upper bound on models visited (R: 94). */
  readonly maxModels: number;
  readonly allowDrift: boolean;
  readonly allowMean: boolean;
  /** KPSS level for d. */
  readonly alpha: number;
}

export const AUTO_ARIMA_DEFAULTS: AutoArimaOptions = {
  maxP: 5,
  maxQ: 5,
  maxSeasonalP: 2,
  maxSeasonalQ: 2,
  maxD: 2,
  maxSeasonalD: 1,
  ic: 'aicc',
  maxModels: 94,
  allowDrift: true,
  allowMean: true,
  alpha: 0.05,
};

const RANGES: Record<keyof ArimaOrder, [number, number]> = { p: [0, 20], d: [0, 2], q: [0, 20], P: [0, 5], D: [0, 1], Q: [0, 5] };

/** Validates a spec; throws HeadroomError BAD_INPUT naming the field and its allowed range. */
export function validateArimaSpec(spec: ArimaSpec): ArimaSpec {
  for (const key of Object.keys(RANGES) as (keyof ArimaOrder)[]) {
    const [lo, hi] = RANGES[key];
    const v = spec[key];
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new HeadroomError('BAD_INPUT', `ARIMA order ${key} = ${String(v)} is out of range: use an integer from ${lo} to ${hi}.`);
    }
  }
  if (!Number.isInteger(spec.period) || spec.period < 1 || spec.period > 10_000) {
    throw new HeadroomError('BAD_INPUT', `ARIMA period = ${String(spec.period)} is out of range: use an integer from 1 (non-seasonal) to 10000.`);
  }
  if (spec.period === 1 && (spec.P > 0 || spec.D > 0 || spec.Q > 0)) {
    throw new HeadroomError('BAD_INPUT', 'ARIMA seasonal orders (P, D, Q) need a period of at least 2: set period or use P = D = Q = 0.');
  }
  if (spec.constant && spec.d + spec.D > 1) {
    throw new HeadroomError('BAD_INPUT', `ARIMA with d + D = ${spec.d + spec.D} cannot include a constant (it would be a polynomial trend of degree ≥ 2): set constant to false.`);
  }
  return spec;
}

export function validateAutoArimaOptions(o: AutoArimaOptions): AutoArimaOptions {
  const ints: [keyof AutoArimaOptions, number, number][] = [
    ['maxP', 0, 20],
    ['maxQ', 0, 20],
    ['maxSeasonalP', 0, 5],
    ['maxSeasonalQ', 0, 5],
    ['maxD', 0, 2],
    ['maxSeasonalD', 0, 1],
    ['maxModels', 1, 10_000],
  ];
  for (const [key, lo, hi] of ints) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      throw new HeadroomError('BAD_INPUT', `auto ARIMA option ${key} = ${String(v)} is out of range: use an integer from ${lo} to ${hi}.`);
    }
  }
  if (!(o.alpha >= 0.01 && o.alpha <= 0.1)) {
    throw new HeadroomError('BAD_INPUT', `auto ARIMA option alpha = ${o.alpha} is out of range: use a level from 0.01 to 0.1 (the KPSS table's range).`);
  }
  if (o.d !== undefined && (!Number.isInteger(o.d) || o.d < 0 || o.d > 2)) throw new HeadroomError('BAD_INPUT', `auto ARIMA option d = ${o.d} is out of range: use 0, 1 or 2.`);
  if (o.D !== undefined && (!Number.isInteger(o.D) || o.D < 0 || o.D > 1)) throw new HeadroomError('BAD_INPUT', `auto ARIMA option D = ${o.D} is out of range: use 0 or 1.`);
  return o;
}

/** `ARIMA(p,d,q)(P,D,Q)[m] with drift` — the label R's forecast package prints. */
export function arimaLabel(spec: ArimaSpec): string {
  let s = `ARIMA(${spec.p},${spec.d},${spec.q})`;
  if (spec.period > 1 && spec.P + spec.D + spec.Q > 0) s += `(${spec.P},${spec.D},${spec.Q})[${spec.period}]`;
  if (spec.constant) s += spec.d + spec.D === 0 ? ' with non-zero mean' : ' with drift';
  return s;
}
