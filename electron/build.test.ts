import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastSeries } from '../core/forecast';
import { closeIdleWorkers, idleWorkerCount, runBatch, type BatchJob } from '../core/forecast/batch';
import { HeadroomError } from '../core/lib';
import { tempDir } from '../core/store/testing/fixtures';
import { buildElectron } from './build';
import { bundledForecastWorker, FORECAST_WORKER_FILE } from './worker/bundle';

// The desktop build, into a temp dir: the batch runner is fed the bundled worker exactly as the
// packaged app feeds it (a plain-JS file, no tsx, no sources beside it).
let out: { dir: string; cleanup: () => void };
let file: string;
beforeAll(async () => {
  out = tempDir('headroom-electron-build-');
  await buildElectron(out.dir);
  file = join(out.dir, 'electron', 'worker', FORECAST_WORKER_FILE);
});
afterAll(async () => {
  await closeIdleWorkers();
  out.cleanup();
});

const series = (k: number, n: number): number[] => Array.from({ length: n }, (_, t) => 40 + 3 * k + 8 * Math.sin((2 * Math.PI * t) / 7) + 0.05 * t * k + ((t * 11 + k) % 4));

describe('the bundled forecast worker (dist-electron/electron/worker/forecast-worker.mjs)', () => {
  it('is one self-contained ES module: it imports node builtins only', () => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
    expect(specifiers).toEqual(['node:worker_threads']);
    expect(text).not.toMatch(/\brequire\(|\.ts["']/);
  });

  it('forecasts on 2 worker threads exactly what this thread forecasts, in job order', async () => {
    const jobs: BatchJob[] = [
      { id: 'ets', values: series(1, 120), options: { period: 7, horizon: 14, paths: 50, seed: 3, model: 'ets' } },
      { id: 'auto', values: series(2, 150), options: { period: 7, horizon: 21, paths: 30, seed: 1, model: 'auto' } },
      { id: 'naive2', values: series(3, 90), options: { period: 7, horizon: 10, model: 'naive2', levels: [0.8, 0.95] } },
      { id: 'theta', values: series(4, 100), options: { period: 7, horizon: 7, paths: 20, seed: 9, model: 'theta' } },
      { id: 'short', values: [5], options: { period: 1, horizon: 3 } },
    ];
    const res = await runBatch(jobs, { workers: 2, entry: { kind: 'script', file } });
    expect(res.map((r) => r.id)).toEqual(jobs.map((j) => j.id));
    for (const [k, job] of jobs.slice(0, 4).entries()) {
      const r = res[k]!;
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.forecast).toEqual(forecastSeries(job.values, job.options));
    }
    // the batch never fails: the series too short to forecast comes back with the same message as here
    const bad = res[4]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(() => forecastSeries([5], { period: 1, horizon: 3 })).toThrow(bad.error);
    // two jobs go to each worker first: both threads ran some, and neither is this one
    const threads = new Set(res.map((r) => r.thread));
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
    // kept warm for the next batch on the same file, which they serve
    expect(idleWorkerCount({ kind: 'script', file })).toBe(2);
    const again = await runBatch(jobs.slice(0, 4), { workers: 2, entry: { kind: 'script', file } });
    expect(new Set(again.map((r) => r.thread))).toEqual(threads);
    expect(again.map((r) => r.ok && r.forecast)).toEqual(res.slice(0, 4).map((r) => r.ok && r.forecast));
  });

  it('cancels: an abort after the first result rejects with CANCELLED, no result comes after it, and the next batch runs', async () => {
    const many: BatchJob[] = Array.from({ length: 30 }, (_, k) => ({ id: `m${k}`, values: series(k, 200), options: { period: 7, horizon: 30, paths: 100, seed: 1, model: 'ets' } }));
    const ac = new AbortController();
    let reports = 0;
    const p = runBatch(many, { workers: 2, entry: { kind: 'script', file }, signal: ac.signal, onProgress: () => (reports++, ac.abort()) });
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).code).toBe('CANCELLED');
    await new Promise((r) => setTimeout(r, 300)); // the workers were terminated: the jobs in flight never report
    expect(reports).toBe(1);
    const again = await runBatch(many.slice(0, 2), { workers: 2, entry: { kind: 'script', file } });
    expect(again.map((r) => r.ok && r.forecast.mean)).toEqual(many.slice(0, 2).map((j) => forecastSeries(j.values, j.options).mean));
  });

  it('fails the batch with the loader error when the file is missing (nothing falls back silently)', async () => {
    const jobs: BatchJob[] = [1, 2].map((k) => ({ id: `s${k}`, values: series(k, 30), options: { period: 7, horizon: 3, model: 'naive' } }));
    await expect(runBatch(jobs, { workers: 2, entry: { kind: 'script', file: join(out.dir, 'nope.mjs') } })).rejects.toThrow(/nope\.mjs/);
  });
});

describe('packaging', () => {
  it('the packaged app looks for the forecast worker in app.asar.unpacked; a plain folder is used as it is', () => {
    expect(bundledForecastWorker('file:///opt/Headroom/resources/app.asar/dist-electron/electron/worker/index.js')).toEqual({
      kind: 'script',
      file: '/opt/Headroom/resources/app.asar.unpacked/dist-electron/electron/worker/forecast-worker.mjs',
    });
    expect(bundledForecastWorker('file:///home/u/headroom/dist-electron/electron/worker/index.js')).toEqual({ kind: 'script', file: '/home/u/headroom/dist-electron/electron/worker/forecast-worker.mjs' });
  });

  it('electron-builder.yml ships the forecast worker and unpacks it from the archive', () => {
    const lines = readFileSync(fileURLToPath(new URL('../electron-builder.yml', import.meta.url)), 'utf8').split('\n');
    // the entries of a top-level list: the "  - item" lines right after "key:"
    const list = (key: string): string[] => {
      const out: string[] = [];
      for (const l of lines.slice(lines.indexOf(`${key}:`) + 1)) {
        const m = /^ {2}- "?([^"]+?)"?$/.exec(l);
        if (!m) break;
        out.push(m[1]!);
      }
      return out;
    };
    expect(list('files')).toContain('dist-electron/**/*');
    expect(list('asarUnpack')).toContain(`dist-electron/electron/worker/${FORECAST_WORKER_FILE}`);
  });
});
