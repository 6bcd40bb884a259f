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
