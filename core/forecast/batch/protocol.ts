import type { ForecastSeriesOptions, SeriesForecast } from '../forecast-series';

/** One series to forecast in a batch. */
export interface BatchJob {
  readonly id: string;
  readonly values: readonly number[];
  readonly options: ForecastSeriesOptions;
}

/**
 * The outcome for one series: a forecast, or the reason it failed (the batch itself never fails).
 * `thread` is the worker_threads `threadId` of the thread that ran it (0: the process' main thread).
 */
export type BatchResult =
  | { readonly id: string; readonly ok: true; readonly forecast: SeriesForecast; readonly ms: number; readonly thread: number }
  | { readonly id: string; readonly ok: false; readonly error: string; readonly ms: number; readonly thread: number };

export interface WorkerRequest {
  readonly index: number;
  readonly job: BatchJob;
}

export interface WorkerResponse {
  readonly index: number;
  readonly result: BatchResult;
}
