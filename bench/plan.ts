/**
 * Planning speed on the demo dataset: `npm run bench:plan`. Loads the demo into a fresh store
 * (wall and CPU time of the load), then times `capacity.plan` and `commitments.plan` cold in one
 * thread (the way they ran before), cold with the forecasts on worker threads, and again warm (the same request, then one that changes a
 * plan setting only: service level, discount), checks every answer equals the first, and
 * prints the memo's hits and misses. CPU time is this process' user + system time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayOf } from '../core/lib';
import { dispatch, loadDemo, openService } from '../core/service';
import { clearForecastCache, forecastCacheStats, setForecastWorkers } from '../core/service/forecast-cache';

const asOf = dayOf(new Date());
const ctx = { signal: new AbortController().signal, progress: (): void => {} };

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await f();
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(44)} wall ${(performance.now() - t0).toFixed(0).padStart(6)} ms  cpu ${((c.user + c.system) / 1000).toFixed(0).padStart(6)} ms`);
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-plan-'));
try {
  const service = await openService({ dataDir: dir });
  try {
    const res = await timed('demo load (charges, metrics, pools)', () => loadDemo(service, { asOf }));
    console.log(`  ${res.rows_written} charge rows, ${res.metric_points} metric points`);
    const call = (m: 'capacity.plan' | 'commitments.plan', req: Record<string, unknown>) => dispatch(service.handlers, m, req, ctx);
    // Cold, in this thread (as before the memo and the worker threads), then cold with workers.
    setForecastWorkers(0);
    clearForecastCache();
    const cap0 = await timed('capacity.plan 365 d, cold, one thread', () => call('capacity.plan', { horizon_days: 365 }));
    const com0 = await timed('commitments.plan 1y, cold, one thread', () => call('commitments.plan', { term: '1y' }));
    setForecastWorkers(2); // forced: by default the demo's 2–3 series stay in one thread
    clearForecastCache();
    const cap = await timed('capacity.plan 365 d, cold, 2 worker threads', () => call('capacity.plan', { horizon_days: 365 }));
    const cap2 = await timed('capacity.plan 365 d, same request', () => call('capacity.plan', { horizon_days: 365 }));
    await timed('capacity.plan 365 d, service level 0.9', () => call('capacity.plan', { horizon_days: 365, service_level: 0.9 }));
    const com = await timed('commitments.plan 1y, cold, 2 worker threads', () => call('commitments.plan', { term: '1y' }));
    const com2 = await timed('commitments.plan 1y, same request', () => call('commitments.plan', { term: '1y' }));
    await timed('commitments.plan 1y, discount 0.3', () => call('commitments.plan', { term: '1y', discount: 0.3 }));
    setForecastWorkers(undefined);
    await timed('commitments.plan 3y, cold, default', () => call('commitments.plan', { term: '3y' }));
    const same = [cap0, cap2].every((x) => JSON.stringify(x) === JSON.stringify(cap)) && [com0, com2].every((x) => JSON.stringify(x) === JSON.stringify(com));
    const s = forecastCacheStats();
    console.log(`warm answers identical to cold: ${same}; forecast memo ${s.hits} hits, ${s.misses} misses`);
  } finally {
    await service.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
