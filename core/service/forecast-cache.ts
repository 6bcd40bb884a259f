/**
 * A small least-recently-used memo of `forecastSeries` results, keyed by the series' exact values
 * and the options (model, horizon, paths, seed, levels, exclusions). core/forecast is deterministic
 * for a given seed, so a hit returns exactly what a new run would: the planning pages ask again for
 * the same forecast when only a plan setting changes (service level, discount, export after plan),
 * and budgets or reports on one scope share theirs. Results are shared, never mutated by callers.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { forecastSeries, type ForecastSeriesOptions, type SeriesForecast } from '../forecast';
import { describeWorkerEntry, runBatch, WorkerStartError, type WorkerEntry } from '../forecast/batch';
import { HeadroomError, type Logger } from '../lib';

/** Entries kept: a capacity forecast with 500 paths × 365 days is ~1.5 MB. */
const MAX_ENTRIES = 16;
const memo = new Map<string, SeriesForecast>();
let hits = 0;
let misses = 0;
let threaded = 0;

function keyOf(values: readonly number[], options: ForecastSeriesOptions): string {
  const h = createHash('sha256');
  h.update(new Uint8Array(Float64Array.from(values).buffer));
  h.update(JSON.stringify(options));
  return h.digest('base64');
}

/** `forecastSeries(values, options)`, memoised. */
export function cachedForecast(values: readonly number[], options: ForecastSeriesOptions): SeriesForecast {
  const key = keyOf(values, options);
  const got = memo.get(key);
  if (got) {
    hits++;
    memo.delete(key); // refresh its recency
    memo.set(key, got);
    return got;
  }
  misses++;
  const fc = forecastSeries(values, options);
  memo.set(key, fc);
  while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
  return fc;
}

/** Below this many values in all, or (unless workers are asked for) this many series, threads cost more than they save. */
const MIN_PARALLEL_VALUES = 500;
const MIN_PARALLEL_SERIES = 4;
/** Worker threads for several misses at once (HEADROOM_FORECAST_WORKERS=0 or `setForecastWorkers(0)` turns them off). */
let workerLimit: number | undefined = process.env['HEADROOM_FORECAST_WORKERS'] !== undefined ? Number(process.env['HEADROOM_FORECAST_WORKERS']) : undefined;

/** At most `n` worker threads for `cachedForecasts` (0: this thread only; undefined: one per core). */
export function setForecastWorkers(n: number | undefined): void {
  workerLimit = n;
}

export interface ForecastJob {
  readonly values: readonly number[];
  readonly options: ForecastSeriesOptions;
}

export interface ForecastsOptions {
  /**
   * What the batch runner's worker threads load, as the service's host chose it (`ServiceDeps.forecastWorker`):
   * the sources through tsx, the desktop build's bundled `forecast-worker.mjs`, or null (this thread only).
   */
  readonly entry: WorkerEntry | null;
  readonly signal?: AbortSignal;
  readonly workers?: number;
  /** Where a fallback to this thread is reported (`ServiceDeps.logger`). */
  readonly logger?: Logger;
}

/** Worker failures already reported, by kind and entry: each is said once per process. */
const reported = new Set<string>();

/**
 * The worker threads failed, so the forecasts are made in this thread: the results are the same,
 * only slower. Says so through the service's logger the first time per entry (and kind of failure),
 * so a desktop build missing its forecast-worker.mjs, or a source tree without tsx, does not go unnoticed.
 */
function reportFallback(entry: WorkerEntry, e: unknown, logger: Logger | undefined): void {
  const started = !(e instanceof WorkerStartError);
  const key = `${started ? 'failed' : 'start'}:${entry.kind === 'script' ? entry.file : 'source'}`;
  if (reported.has(key)) return;
  reported.add(key);
  const what = describeWorkerEntry(entry);
  const msg = e instanceof Error ? e.message : String(e);
  const fix = entry.kind === 'script' ? 'reinstall Headroom (or rebuild it: npm run build:electron) to restore that file' : 'run "npm ci" in the Headroom folder (the threads load the sources through tsx)';
  logger?.warn(
    `${started ? `The forecast worker threads from ${what} failed during a batch (${msg})` : msg}. The forecasts are still right, but they were computed on one thread, so plans with many series take longer. To use the threads again, ${fix}; HEADROOM_FORECAST_WORKERS=0 keeps forecasts on one thread without trying. (Said once per process.)`,
    { entry: what, error: msg },
  );
}

/**
 * Several forecasts at once (plans with many pools or scopes): hits come from the memo; two or more
 * misses run on the batch runner's worker threads (one per core, at most one per series) unless
 * `entry` is null. Results are the same as `forecastSeries` in this thread (same code, same seeds);
 * a series the workers could not forecast is re-run here so its error is thrown as it would be. When
 * the threads fail (cannot start, or die), every miss is made here instead, and `logger` hears of it once.
 */
export async function cachedForecasts(jobs: readonly ForecastJob[], o: ForecastsOptions): Promise<SeriesForecast[]> {
  const keys = jobs.map((j) => keyOf(j.values, j.options));
  const missing: number[] = [];
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (!memo.has(k) && !seen.has(k)) {
      seen.add(k);
      missing.push(i);
    }
  });
  const workers = Math.min(o.workers ?? workerLimit ?? availableParallelism(), missing.length);
  const size = missing.reduce((a, i) => a + (jobs[i] as ForecastJob).values.length, 0);
  const fresh = new Map<string, SeriesForecast>();
  // By default threads start for many series only: each worker first compiles core/forecast (~1 s of
  // CPU), which on the demo's 2–3 series costs about what the parallel forecasts save.
  const enough = workerLimit !== undefined || o.workers !== undefined ? true : missing.length >= MIN_PARALLEL_SERIES;
  if (o.entry && enough && workers >= 2 && size >= MIN_PARALLEL_VALUES) {
    const entry = o.entry;
    const results = await runBatch(
      missing.map((i) => ({ id: String(i), values: (jobs[i] as ForecastJob).values, options: (jobs[i] as ForecastJob).options })),
      { workers, entry, ...(o.signal ? { signal: o.signal } : {}) },
    ).catch((e: unknown) => {
      if (e instanceof HeadroomError && e.code === 'CANCELLED') throw e;
      reportFallback(entry, e, o.logger); // the misses are made below, in this thread
      return [];
    });
    results.forEach((r, k) => {
      if (!r.ok) return;
      const key = keys[missing[k] as number] as string;
      misses++;
      threaded++;
      fresh.set(key, r.forecast);
      memo.set(key, r.forecast);
    });
    while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
  }
  return jobs.map((j, i) => fresh.get(keys[i] as string) ?? cachedForecast(j.values, j.options));
}

/** Hit and miss counts since the process started, and how many of the misses ran on worker threads (bench and tests). */
export function forecastCacheStats(): { hits: number; misses: number; threaded: number; entries: number } {
  return { hits, misses, threaded, entries: memo.size };
}

/** Empties the memo (bench: time a cold run). */
export function clearForecastCache(): void {
  memo.clear();
}
