import type { CalendarEffects } from './calendar';
import type { YearlyProfile } from './yearly';

/**
 * The one lifecycle every model family shares (STYLE.md §15):
 *   spec → fit(series) → Fit { spec, params, aicc, residuals, sigma } → forecast(h, levels) → Forecast
 * Plans (capacity, budgets, scenarios) consume `Forecast.paths`: simulated future sample paths.
 */

/** A prediction interval at one coverage level (0.8 = 80 %). Typed data, never `"lo-80"` keys. */
export interface Interval {
  readonly level: number;
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

/**
 * Future sample paths: `paths[k][t]` is draw k at horizon step t+1. Stored row-major so a plan can
 * sum a path over a window without copying. Deterministic for a given seed.
 */
export type SamplePaths = readonly (readonly number[])[];

/** What a model produced for one series. */
export interface Forecast {
  readonly mean: readonly number[];
  readonly intervals: readonly Interval[];
  /** Present when requested (`paths > 0` in the options) or when the intervals were simulated. */
  readonly paths?: SamplePaths;
}

/** Pseudo-random source passed in (core/forecast has no hidden randomness). Returns U(0,1). */
export type Random = () => number;

/** Options every fitter takes. `period` is the seasonal period (1 = none). */
export interface FitOptions {
  readonly period: number;
}

/**
 * The record a fit leaves behind (STYLE.md §15): enough to explain and reproduce the model.
 * `params` are named scalars (alpha, beta, phi, ar1, ma1, theta, drift, …).
 */
export interface FitRecord {
  /** Family id: `naive`, `snaive`, `drift`, `naive2`, `ets`, `theta`, `arima`, `mstl`, `combo`. */
  readonly family: string;
  /** Human-readable chosen spec: `ETS(M,Ad,M)`, `ARIMA(1,1,1)(0,1,1)[24]`, `Theta(optimized)`. */
  readonly spec: string;
  readonly params: Readonly<Record<string, number>>;
  readonly n: number;
  readonly loglik?: number;
  readonly aic?: number;
  readonly aicc?: number;
  readonly bic?: number;
  /** One-step in-sample residuals (y − fitted) on the original scale; NaN where undefined. */
  readonly residuals: readonly number[];
  /** Innovation variance estimate. */
  readonly sigma2: number;
  readonly warnings: readonly string[];
  /** Calendar effects the fit estimated and applied, when it was given calendar keys (calendar.ts `withCalendarEffects`). */
  readonly calendar?: CalendarEffects;
  /** The yearly profile the fit estimated (harmonics 0: none applied), when it was asked for one (yearly.ts `withYearlyProfile`). */
  readonly yearly?: YearlyProfile;
}

export interface ForecastOptions {
  /** Interval levels in (0,1), e.g. [0.8, 0.95]. */
  readonly levels: readonly number[];
  /** How many sample paths to return (0 = none unless the intervals need them). */
  readonly paths?: number;
  /** Required when paths are simulated. */
  readonly random?: Random;
}

/** A fitted model: its record, and a forecast function. */
export interface FittedModel {
  readonly record: FitRecord;
  forecast(h: number, options: ForecastOptions): Forecast;
  /**
   * Optional: re-estimate the same specification (same orders/components, parameters re-fitted)
   * on other data. Backtests use it to skip the model search in each window; without it they
   * run the family's full fitter.
   */
  refit?(y: readonly number[]): FittedModel;
}

/** A model family's entry point. Throws a HeadroomError (code BAD_INPUT) when the series cannot be fitted. */
export type Fitter = (y: readonly number[], options: FitOptions) => FittedModel;
