import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type HandlerContext } from '../api';
import { closeIdleWorkers } from '../forecast/batch';
import type { Logger } from '../lib';
import { tempDir } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { clearForecastCache, forecastCacheStats, setForecastWorkers } from './forecast-cache';
import { openService, type ServiceOptions } from './service';
import { seedMetricPools } from './testing';

// Three capacity pools on generated daily metrics (240 days each: enough values for capacity.plan
// to fan its forecasts out to worker threads), planned by services whose host gives different
// forecast worker entries.
const data = tempDir('headroom-forecast-fallback-');
const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
const PLAN = { horizon_days: 45, paths: 60, model: 'ets' };

beforeAll(async () => {
  setForecastWorkers(2);
  await seedMetricPools(data.dir, (k, t) => 25 * k + 0.08 * t * k + 5 * Math.sin((2 * Math.PI * t) / 7) + ((t * 5 + k) % 4));
});
afterAll(async () => {
  setForecastWorkers(undefined);
  await closeIdleWorkers();
  data.cleanup();
});

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(`error: ${m}`) };
}

/** capacity.plan from a cold memo on a service with these options; the service is closed after. */
async function plan(o: Omit<ServiceOptions, 'dataDir'>, times = 1): Promise<unknown> {
  const service = await openService({ dataDir: data.dir, ...o });
  try {
    let res: unknown;
    for (let i = 0; i < times; i++) {
      clearForecastCache();
      res = api['capacity.plan'].res.parse(await dispatch(service.handlers, 'capacity.plan', PLAN, ctx));
    }
    return res;
  } finally {
    await service.close();
  }
}

describe('capacity.plan when the forecast worker threads cannot start', () => {
  let reference: unknown;
  beforeAll(async () => {
    reference = await plan({ forecastWorker: null });
  }, 60_000);

  it('plans exactly as in one thread, and the service logger hears once, naming the entry and its error', async () => {
    const file = join(data.dir, 'forecast-worker.mjs');
    writeFileSync(file, "throw new Error('this bundle was cut short');\n");
    const log = recordingLogger();
    const s0 = forecastCacheStats();
    expect(await plan({ forecastWorker: { kind: 'script', file }, logger: log }, 2)).toEqual(reference);
    expect(forecastCacheStats().threaded).toBe(s0.threaded);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain(`could not start from ${file}`);
    expect(log.warnings[0]).toContain('this bundle was cut short');
    expect(log.warnings[0]).toContain('still right, but they were computed on one thread');
  }, 60_000);

  it('with the working source entry: the same plan from 2 threads, and no warning', async () => {
    const log = recordingLogger();
    const s0 = forecastCacheStats();
    expect(await plan({ logger: log })).toEqual(reference);
    expect(forecastCacheStats().threaded).toBe(s0.threaded + 3);
    expect(log.warnings).toEqual([]);
  }, 60_000);
});
