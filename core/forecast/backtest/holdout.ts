/**
 * Hold-out splits for scoring forecasts the way the M4 competition does (one origin, the last
 * `horizon` values; Makridakis, Spiliotis & Assimakopoulos 2020), in two roles:
 * - `test`: the training series is the in-sample data and the separate test values are the
 *   targets (the published M4 evaluation);
 * - `validation`: the test values are never touched; the training series' last `horizon` values
 *   are the targets and the rest is the in-sample data. Settings (a training-window rule, say) are
 *   chosen on this split and only then scored once on the test split, as in the train/validation/
 *   test protocol of Hastie, Tibshirani & Friedman (2009, §7.2) and Hyndman & Athanasopoulos
 *   (FPP3 §5.8, "a test set … should not be used to select a model").
 * The MASE/MSIS scale and the Naive2 reference are computed on `insample` in both roles.
 */
import { HeadroomError } from '../../lib';

export type Holdout = 'test' | 'validation';

export const HOLDOUTS: readonly Holdout[] = ['test', 'validation'];

export interface HoldoutSplit {
  /** What the forecaster is given (and what the MASE/MSIS scale is computed on). */
  readonly insample: readonly number[];
  /** What its `horizon` forecasts are scored against. */
  readonly actual: readonly number[];
}

/** The fewest in-sample values a split leaves (a forecast needs 2). */
const MIN_INSAMPLE = 2;

/**
 * Validation split of one training series: `insample` = train[0 .. n − horizon),
 * `actual` = train[n − horizon .. n). No test value is an argument, so none can leak in.
 */
export function validationSplit(train: readonly number[], horizon: number, id = 'the series'): HoldoutSplit {
  checkHorizon(horizon);
  const n = train.length;
  if (n < horizon + MIN_INSAMPLE) {
    throw new HeadroomError('BAD_INPUT', `${id} has ${n} training values: a validation split with horizon ${horizon} needs at least ${horizon + MIN_INSAMPLE} (drop the series or shorten the horizon).`);
  }
  return { insample: train.slice(0, n - horizon), actual: train.slice(n - horizon) };
}

/** Test split: the training series as given, scored on its `horizon` test values (exactly that many). */
export function testSplit(train: readonly number[], test: readonly number[], horizon: number, id = 'the series'): HoldoutSplit {
  checkHorizon(horizon);
  if (test.length !== horizon) throw new HeadroomError('BAD_INPUT', `${id} has ${test.length} test values but the horizon is ${horizon}: the test file must hold exactly one horizon per series.`);
  if (train.length < MIN_INSAMPLE) throw new HeadroomError('BAD_INPUT', `${id} has ${train.length} training value(s); a forecast needs at least ${MIN_INSAMPLE}.`);
  return { insample: [...train], actual: [...test] };
}

function checkHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new HeadroomError('BAD_INPUT', `horizon must be a whole number ≥ 1 (got ${horizon}).`);
}
