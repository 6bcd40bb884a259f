/**
 * core/forecast — pure forecasting numerics. Entry point: `forecastSeries`.
 * Families: baseline (naive, snaive, drift, naive2), ets; more plug into `registry.ts`.
 */
export * from './types';
export type { ModelCard, BacktestSummary, CandidateScore } from './card';
export { autoTrainingWindow, forecastSeries, MODEL_NAMES, type ModelName, type ForecastSeriesOptions, type SeriesForecast } from './forecast-series';
export { estimateCalendarEffects, withCalendarEffects, type CalendarEffect, type CalendarEffects, type CalendarKeys } from './calendar';
export { createRandom, normalSampler } from './random';
export { minimumTraining } from './select';
export { families, familyFitter } from './registry';
export { splitRules, trainingWindowFromRule, type TrainingWindowContext } from './training-window';
export { parseSeriesCsv, type CsvSeries, type ParsedSeriesCsv } from './series-csv';
export { mstl, stl, type MstlOptions, type MstlResult } from './stl';
