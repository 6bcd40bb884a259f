import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { forecastSeries } from '../forecast';
import { closeIdleWorkers, SOURCE_WORKER, type WorkerEntry } from '../forecast/batch';
import type { Logger } from '../lib';
import { tempDir } from '../store/testing/fixtures';
import { cachedForecast, cachedForecasts, clearForecastCache, forecastCacheStats } from './forecast-cache';

afterAll(closeIdleWorkers);

const series = Array.from({ length: 60 }, (_, i) => 100 + (i % 7) * 4 + i * 0.5 + ((i * 13) % 5));

describe('cachedForecast', () => {
  it('returns what forecastSeries returns; a repeat is a hit, other values or options are misses', () => {
    clearForecastCache();
    const opts = { period: 7, horizon: 10, paths: 20, seed: 3, model: 'ets' as const };
    const a = cachedForecast(series, opts);
    expect(a.mean).toEqual(forecastSeries(series, opts).mean);
    expect(a.paths).toEqual(forecastSeries(series, opts).paths);
    const s0 = forecastCacheStats();
    expect(cachedForecast([...series], { ...opts })).toBe(a);
    expect(forecastCacheStats().hits).toBe(s0.hits + 1);
    const b = cachedForecast(series, { ...opts, seed: 4 });
    expect(b).not.toBe(a);
    const changed = [...series];
    changed[59] = (changed[59] as number) + 1e-9;
    expect(cachedForecast(changed, opts)).not.toBe(a);
    expect(cachedForecast(series, { ...opts, exclude: series.map((_, i) => i === 3) })).not.toBe(a);
    expect(forecastCacheStats().misses).toBe(s0.misses + 3);
  });
});

describe('cachedForecasts', () => {
  it('forecasts several series on worker threads exactly as in this thread, and serves repeats from the memo', async () => {
    clearForecastCache();
    const long = (k: number): number[] => Array.from({ length: 300 }, (_, i) => 50 * k + (i % 7) * 3 + i * 0.2 + ((i * 17) % 7));
    const opts = { period: 7, horizon: 30, paths: 40, seed: 2, model: 'ets' as const };
    const jobs = [1, 2].map((k) => ({ values: long(k), options: opts }));
    const t0 = forecastCacheStats().threaded;
    const got = await cachedForecasts(jobs, { entry: SOURCE_WORKER, workers: 2 });
    expect(forecastCacheStats().threaded).toBe(t0 + 2);
    jobs.forEach((j, i) => {
      const here = forecastSeries(j.values, j.options);
      expect(got[i]!.mean).toEqual(here.mean);
      expect(got[i]!.paths).toEqual(here.paths);
      expect(got[i]!.card.spec).toBe(here.card.spec);
    });
    const s0 = forecastCacheStats();
    const again = await cachedForecasts(jobs, { entry: SOURCE_WORKER, workers: 2 });
    expect(again[0]).toBe(got[0]);
    expect(forecastCacheStats().hits).toBe(s0.hits + 2);
  }, 60_000);

  it('keeps every forecast in this thread when the host gives no worker entry', async () => {
    clearForecastCache();
    const jobs = [3, 4].map((k) => ({ values: Array.from({ length: 300 }, (_, i) => 20 * k + (i % 7) + i * 0.1), options: { period: 7, horizon: 14, paths: 20, seed: 5, model: 'naive2' as const } }));
    const s0 = forecastCacheStats();
    const got = await cachedForecasts(jobs, { entry: null, workers: 2 });
    expect(got[1]!.mean).toEqual(forecastSeries(jobs[1]!.values, jobs[1]!.options).mean);
    expect(forecastCacheStats().threaded).toBe(s0.threaded);
    expect(forecastCacheStats().misses).toBe(s0.misses + 2);
  });
});

/** A logger that keeps what it is told. */
function recordingLogger(): Logger & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('worker threads that cannot start', () => {
  const tmp = tempDir('headroom-forecast-entry-');
  afterAll(tmp.cleanup);
  const jobs = [1, 2, 3].map((k) => ({ values: Array.from({ length: 240 }, (_, i) => 30 * k + (i % 7) * 2 + i * 0.1 + ((i * 11) % 3)), options: { period: 7, horizon: 14, paths: 20, seed: 4, model: 'ets' as const } }));
  const here = jobs.map((j) => forecastSeries(j.values, j.options));

  async function fallsBackOnce(entry: WorkerEntry, named: string, error: RegExp): Promise<void> {
    clearForecastCache();
    const log = recordingLogger();
    const s0 = forecastCacheStats();
    const got = await cachedForecasts(jobs, { entry, workers: 2, logger: log });
    got.forEach((fc, i) => {
      expect(fc.mean).toEqual(here[i]!.mean);
      expect(fc.paths).toEqual(here[i]!.paths);
    });
    expect(forecastCacheStats().threaded).toBe(s0.threaded); // none came from a thread
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]!.level).toBe('warn');
    expect(log.lines[0]!.msg).toContain(named);
    expect(log.lines[0]!.msg).toMatch(/could not start/);
    expect(log.lines[0]!.msg).toMatch(error);
    expect(log.lines[0]!.msg).toMatch(/still right, but they were computed on one thread/);
    expect(log.lines[0]!.fields?.['entry']).toBe(named);
    // the next plan on the same entry falls back again, silently
    clearForecastCache();
    const again = await cachedForecasts(jobs, { entry, workers: 2, logger: log });
    expect(again[2]!.mean).toEqual(here[2]!.mean);
    expect(log.lines).toHaveLength(1);
  }

  it('a bundled worker file that does not exist: the forecasts are made here, equal, and one warning names the file', async () => {
    const file = join(tmp.dir, 'forecast-worker.mjs');
    await fallsBackOnce({ kind: 'script', file }, file, /Cannot find module|ERR_MODULE_NOT_FOUND/);
  }, 60_000);

  it('a worker file that throws on load: the same, and the warning carries its error', async () => {
    const file = join(tmp.dir, 'broken-worker.mjs');
    writeFileSync(file, "throw new Error('bundle is corrupt 51c2');\n");
    await fallsBackOnce({ kind: 'script', file }, file, /bundle is corrupt 51c2/);
  }, 60_000);

  it('a working entry says nothing', async () => {
    clearForecastCache();
    const log = recordingLogger();
    const s0 = forecastCacheStats();
    const got = await cachedForecasts(jobs, { entry: SOURCE_WORKER, workers: 2, logger: log });
    expect(forecastCacheStats().threaded).toBe(s0.threaded + 3);
    expect(got[0]!.mean).toEqual(here[0]!.mean);
    expect(log.lines).toEqual([]);
  }, 60_000);

  it('a cancel is still a cancel, not a fallback', async () => {
    clearForecastCache();
    const log = recordingLogger();
    const ac = new AbortController();
    ac.abort();
    await expect(cachedForecasts(jobs, { entry: { kind: 'script', file: join(tmp.dir, 'absent.mjs') }, workers: 2, logger: log, signal: ac.signal })).rejects.toThrow(/cancelled/);
    expect(log.lines).toEqual([]);
  });
});

describe('turning the worker threads off', () => {
  const jobs = [5, 6, 7, 8].map((k) => ({ values: Array.from({ length: 200 }, (_, i) => 10 * k + (i % 7) + i * 0.05), options: { period: 7, horizon: 14, paths: 20, seed: 5, model: 'naive2' as const } }));

  it('HEADROOM_FORECAST_WORKERS=0 keeps a host-given worker entry unused; setForecastWorkers(n) overrides it', async () => {
    vi.stubEnv('HEADROOM_FORECAST_WORKERS', '0');
    vi.resetModules();
    try {
      const m = await import('./forecast-cache');
      const s0 = m.forecastCacheStats();
      const got = await m.cachedForecasts(jobs, { entry: SOURCE_WORKER });
      expect(m.forecastCacheStats().threaded).toBe(s0.threaded);
      expect(m.forecastCacheStats().misses).toBe(s0.misses + 4);
      expect(got[3]!.mean).toEqual(forecastSeries(jobs[3]!.values, jobs[3]!.options).mean);
      m.setForecastWorkers(2);
      m.clearForecastCache();
      await m.cachedForecasts(jobs, { entry: SOURCE_WORKER });
      expect(m.forecastCacheStats().threaded).toBe(s0.threaded + 4);
      m.setForecastWorkers(0);
      m.clearForecastCache();
      await m.cachedForecasts(jobs, { entry: SOURCE_WORKER });
      expect(m.forecastCacheStats().threaded).toBe(s0.threaded + 4);
    } finally {
      await (await import('../forecast/batch')).closeIdleWorkers(); // this module instance's pool
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  }, 60_000);
});
