import { forecastSeries } from '../forecast-series';
import type { BatchJob, BatchResult } from './protocol';

/**
 * Forecasts one job on the calling thread (`thread`: its threadId, reported in the result), turning
 * any failure into a result (STYLE §18: one series never fails the batch).
 */
export function runOne(job: BatchJob, now: () => number, thread: number): BatchResult {
  const t0 = now();
  try {
    const forecast = forecastSeries(job.values, job.options);
    return { id: job.id, ok: true, forecast, ms: now() - t0, thread };
  } catch (e) {
    return { id: job.id, ok: false, error: e instanceof Error ? e.message : String(e), ms: now() - t0, thread };
  }
}
