import { HeadroomError } from '../../lib';

/** The random-walk baselines: naive (Naive1), seasonal naive, naive with drift, and M4's Naive2. */
export type BaselineKind = 'naive' | 'snaive' | 'drift' | 'naive2';

export interface BaselineSpec {
  readonly kind: BaselineKind;
  /** Seasonal period (1 = none). For `naive2` the period of the M4 seasonality test. */
  readonly period: number;
}

export const BASELINE_KINDS: readonly BaselineKind[] = ['naive', 'snaive', 'drift', 'naive2'];

/** Validates a baseline spec against a series length; the message gives the allowed ranges. */
export function validateBaselineSpec(spec: BaselineSpec, n: number): BaselineSpec {
  if (!BASELINE_KINDS.includes(spec.kind)) {
    throw new HeadroomError('BAD_INPUT', `Unknown baseline "${String(spec.kind)}": use one of ${BASELINE_KINDS.join(', ')}.`);
  }
  if (!Number.isInteger(spec.period) || spec.period < 1) {
    throw new HeadroomError('BAD_INPUT', `Seasonal period must be an integer ≥ 1 (got ${spec.period}).`);
  }
  const need = spec.kind === 'snaive' ? spec.period + 1 : 2;
  if (n < need) {
    throw new HeadroomError('BAD_INPUT', `${spec.kind} needs at least ${need} observations (period ${spec.period}); the series has ${n}.`);
  }
  return spec;
}
