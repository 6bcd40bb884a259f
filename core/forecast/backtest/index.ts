/**
 * Rolling-origin evaluation ("time series cross-validation", Tashman 2000; Hyndman &
 * Athanasopoulos FPP3 §5.10): the model is refitted on y[0..n−h−k·step) for k = windows−1…0 and
 * scored on the next h values. The last window ends at the end of the series.
 */
import type { BacktestSummary } from '../card';
import { coverage, mae, maseScale, rmse, smape } from '../metrics';
import type { Interval } from '../types';

export interface BacktestOptions {
  readonly horizon: number;
  readonly windows: number;
  /** Distance between successive origins (default: the horizon, i.e. non-overlapping tests). */
  readonly step?: number;
  /** Period for the MASE scale (default 1). */
  readonly maseperiod?: number;
}

export interface BacktestWindow {
  /** Training length (the origin). */
  readonly origin: number;
  readonly actual: readonly number[];
  readonly mean: readonly number[];
  readonly intervals: readonly Interval[];
  /** MASE scale of this window's training data. */
  readonly scale: number;
}

export type WindowForecaster = (train: readonly number[], h: number) => { mean: readonly number[]; intervals: readonly Interval[] };

/** The origins a backtest uses, oldest first; windows that would leave < `minTrain` training points are dropped. */
export function backtestOrigins(n: number, options: BacktestOptions, minTrain = 2): number[] {
  const step = options.step ?? options.horizon;
  const out: number[] = [];
  for (let k = options.windows - 1; k >= 0; k--) {
    const origin = n - options.horizon - k * step;
    if (origin >= minTrain) out.push(origin);
  }
  return out;
}

export function rollingOrigin(y: readonly number[], options: BacktestOptions, forecaster: WindowForecaster, minTrain = 2): BacktestWindow[] {
  const out: BacktestWindow[] = [];
  for (const origin of backtestOrigins(y.length, options, minTrain)) {
    const train = y.slice(0, origin);
    const actual = y.slice(origin, origin + options.horizon);
    const f = forecaster(train, options.horizon);
    out.push({ origin, actual, mean: f.mean, intervals: f.intervals, scale: maseScale(train, options.maseperiod ?? 1) });
  }
  return out;
}

/** Averages the window scores: MAE, RMSE, sMAPE, MASE and the coverage of each interval level. */
export function summarizeBacktest(windows: readonly BacktestWindow[], options: BacktestOptions): BacktestSummary {
  const avg = (f: (w: BacktestWindow) => number): number => windows.reduce((s, w) => s + f(w), 0) / windows.length;
  const levels = windows[0]?.intervals.map((i) => i.level) ?? [];
  return {
    windows: windows.length,
    horizon: options.horizon,
    step: options.step ?? options.horizon,
    mae: avg((w) => mae(w.actual, w.mean)),
    rmse: avg((w) => rmse(w.actual, w.mean)),
    smape: avg((w) => smape(w.actual, w.mean)),
    mase: avg((w) => mae(w.actual, w.mean) / (w.scale > 0 ? w.scale : 1)),
    coverage: levels.map((level) => ({ level, rate: avg((w) => coverage(w.actual, w.intervals.find((i) => i.level === level) as Interval)) })),
  };
}

export { HOLDOUTS, testSplit, validationSplit, type Holdout, type HoldoutSplit } from './holdout';
