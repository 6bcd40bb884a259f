import type { CalendarEffects } from './calendar';

/**
 * The model card every forecast carries (DESIGN.md "Forecasting"): what was fitted, how well it did
 * in backtests, on which data, and what went wrong on the way.
 */
export interface BacktestSummary {
  readonly windows: number;
  readonly horizon: number;
  readonly step: number;
  readonly mae: number;
  readonly rmse: number;
  readonly smape: number;
  readonly mase: number;
  /** Observed coverage of each interval level over all backtest points. */
  readonly coverage: readonly { readonly level: number; readonly rate: number }[];
}

export interface CandidateScore {
  readonly model: string;
  readonly spec: string;
  /** The selection score (mean backtest MASE), lower is better; NaN when the candidate failed. */
  readonly score: number;
}

export interface ModelCard {
  /** What the caller asked for (`auto`, `ets`…). */
  readonly requested: string;
  /** The family that produced the forecast (`ets`, `theta`, `combo`, `naive2`…). */
  readonly family: string;
  /** The chosen specification, e.g. `ETS(M,Ad,M)`, `Median(ETS,Theta,ARIMA)`. */
  readonly spec: string;
  readonly params: Readonly<Record<string, number>>;
  readonly loglik?: number;
  readonly aic?: number;
  readonly aicc?: number;
  readonly bic?: number;
  readonly sigma2: number;
  readonly period: number;
  readonly horizon: number;
  readonly levels: readonly number[];
  /** 0-based index range [start, end) of the values used for training, and how many. */
  readonly trainingWindow: { readonly start: number; readonly end: number; readonly n: number };
  /** 0-based indices excluded from training (flagged by the caller or missing), replaced by the model's interpolation. */
  readonly excluded: readonly number[];
  /** Members of a combination (their specs). */
  readonly members?: readonly { readonly family: string; readonly spec: string; readonly aicc?: number }[];
  /** Rolling-origin scores of the candidates a selection compared. */
  readonly candidates?: readonly CandidateScore[];
  readonly backtest?: BacktestSummary;
  /** Conformal scale factors applied to the interval half-widths, per level. */
  readonly calibration?: readonly { readonly level: number; readonly factor: number }[];
  /** Calendar effects of the final fit, when the series had calendar keys (core/forecast/calendar.ts). */
  readonly calendar?: CalendarEffects;
  readonly seed: number;
  readonly warnings: readonly string[];
}
