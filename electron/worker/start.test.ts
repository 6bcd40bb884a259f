import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openService, type Service } from '../../core/service';
import { closeIdleWorkers } from '../../core/forecast/batch';
import { clearForecastCache, forecastCacheStats, setForecastWorkers } from '../../core/service/forecast-cache';
import { seedMetricPools } from '../../core/service/testing';
import { tempDir } from '../../core/store/testing/fixtures';
import { buildElectron } from '../build';
import type { FromWorker } from './host';
import { startWorker, workerServiceOptions, type ParentPort } from './start';

// The desktop build into a temp dir, and a data folder with three capacity pools on generated
// daily metrics (240 days each: enough values for the plan to fan its forecasts out to threads).
let build: { dir: string; cleanup: () => void };
let data: { dir: string; cleanup: () => void };
let workerUrl: string;
const ctx = { signal: new AbortController().signal, progress: (): void => {} };
const PLAN = { horizon_days: 60, paths: 100, model: 'ets' };

beforeAll(async () => {
  build = tempDir('headroom-electron-build-');
  data = tempDir('headroom-worker-start-');
  await buildElectron(build.dir);
  workerUrl = pathToFileURL(join(build.dir, 'electron', 'worker', 'index.js')).href;
  await seedMetricPools(data.dir, (k, t) => 20 * k + 0.1 * t * k + 6 * Math.sin((2 * Math.PI * t) / 7) + ((t * 7 + k) % 5));
});
afterAll(async () => {
  setForecastWorkers(undefined);
  await closeIdleWorkers();
  build.cleanup();
  data.cleanup();
});

/** A utilityProcess parent port in Node: messages posted by the worker, and a way to send one and await its reply. */
function fakePort(): { port: ParentPort; posted: unknown[]; call(id: string, method: string, req: unknown, cancel?: boolean): Promise<FromWorker> } {
  const posted: unknown[] = [];
  let listener: ((e: { data: never }) => void) | undefined;
  const waiting = new Map<string, (m: FromWorker) => void>();
  return {
    posted,
    port: {
      on: (_e, l) => void (listener = l as never),
      postMessage: (m) => {
        posted.push(m);
        const r = m as FromWorker;
        if (r.type === 'result' || r.type === 'error') waiting.get(r.id)?.(r);
      },
    },
    call: (id, method, req, cancel = false) =>
      new Promise((resolve) => {
        waiting.set(id, resolve);
        listener?.({ data: { type: 'call', id, method, req } as never });
        if (cancel) listener?.({ data: { type: 'cancel', id } as never });
      }),
  };
}

describe('the desktop service host', () => {
  it('gives the service the bundled forecast worker beside its bundle, and needs the data folder', () => {
    const lines: string[] = [];
    const options = workerServiceOptions({ HEADROOM_DATA_DIR: '/d' }, workerUrl, (l) => lines.push(l));
    expect({ ...options, logger: undefined }).toEqual({ dataDir: '/d', forecastWorker: { kind: 'script', file: join(build.dir, 'electron', 'worker', 'forecast-worker.mjs') }, logger: undefined });
    // the service's warnings reach the utilityProcess' log
    options.logger?.info('not logged');
    options.logger?.warn('forecast threads could not start');
    expect(lines).toEqual(['headroom service: warning: forecast threads could not start']);
    expect(() => workerServiceOptions({}, workerUrl)).toThrow(/HEADROOM_DATA_DIR/);
    // DuckDB's memory limit from the environment main passes on, checked before the store opens
    expect(workerServiceOptions({ HEADROOM_DATA_DIR: '/d', HEADROOM_MEMORY_LIMIT: '1.5GiB' }, workerUrl).store).toEqual({ memoryLimit: '1610612736B' });
    expect(() => workerServiceOptions({ HEADROOM_DATA_DIR: '/d', HEADROOM_MEMORY_LIMIT: '64MB' }, workerUrl)).toThrow(/HEADROOM_MEMORY_LIMIT="64MB" is below the minimum of 128MB/);
  });

  it('plans capacity on 2 threads of the bundled worker, exactly as the service forecasting in its own thread; a cancel still cancels', async () => {
    // reference: the same plan with no worker threads at all
    setForecastWorkers(undefined);
    clearForecastCache();
    const t0 = forecastCacheStats().threaded;
    const here = await openService({ dataDir: data.dir, forecastWorker: null });
    const expected = await dispatch(here.handlers, 'capacity.plan', PLAN, ctx);
    await here.close();
    expect(forecastCacheStats().threaded).toBe(t0);

    clearForecastCache();
    setForecastWorkers(2);
    const f = fakePort();
    const service: Service = await startWorker(f.port, { HEADROOM_DATA_DIR: data.dir }, workerUrl);
    try {
      expect(f.posted).toEqual([{ type: 'ready' }]); // the store had sources: no demo was loaded
      expect(service.forecastWorker).toEqual({ kind: 'script', file: join(build.dir, 'electron', 'worker', 'forecast-worker.mjs') });
      const cancelled = await f.call('c0', 'capacity.plan', { ...PLAN, paths: 101 }, true);
      expect(cancelled).toEqual({ type: 'error', id: 'c0', error: { code: 'CANCELLED', message: 'Cancelled by the user.' } });
      const s0 = forecastCacheStats();
      const got = await f.call('c1', 'capacity.plan', PLAN);
      expect(got).toEqual({ type: 'result', id: 'c1', value: expected });
      // the three pools' forecasts ran on the worker threads, none here
      expect(forecastCacheStats().threaded - s0.threaded).toBe(3);
      expect(forecastCacheStats().misses - s0.misses).toBe(3);
    } finally {
      await service.close();
    }
  });
});
