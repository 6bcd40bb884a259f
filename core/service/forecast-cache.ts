/**
 * A small least-recently-used memo of `forecastSeries` results, keyed by the series' exact values
 * and the options (model, horizon, paths, seed, levels, exclusions). core/forecast is deterministic
 * for a given seed, so a hit returns exactly what a new run would: the planning pages ask again for
 * the same forecast when only a plan setting changes (service level, discount, export after plan),
 * and budgets or reports on one scope share theirs. Results are shared, never mutated by callers.
 */
import { createHash } from 'node:crypto';
import { forecastSeries, type ForecastSeriesOptions, type SeriesForecast } from '../forecast';

/** Entries kept: a capacity forecast with 500 paths × 365 days is ~1.5 MB. */
const MAX_ENTRIES = 16;
const memo = new Map<string, SeriesForecast>();
let hits = 0;
let misses = 0;

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

/** Hit and miss counts since the process started (bench and tests). */
export function forecastCacheStats(): { hits: number; misses: number; entries: number } {
  return { hits, misses, entries: memo.size };
}

/** Empties the memo (bench: time a cold run). */
export function clearForecastCache(): void {
  memo.clear();
}
