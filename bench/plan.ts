/**
 * Planning speed: `npm run bench:plan [-- --nab N]`.
 *
 * 1. The demo dataset: loads it into a fresh store (wall and CPU time of the load), then times
 *    `capacity.plan` and `commitments.plan` cold in one thread (the way they ran before), cold with
 *    the forecasts on 2 worker threads, and again warm (the same request, then one that changes a
 *    plan setting only: service level, discount), checks every answer equals the first, and prints
 *    the memo's hits and misses.
 * 2. Many series, the desktop way: one capacity pool per NAB utilisation file in ../shared (N files,
 *    default all), `capacity.plan` (365 d, 500 paths, auto) cold in one thread, then cold on 2 worker
 *    threads running the desktop build's bundled forecast-worker.mjs (electron/build.ts into a temp
 *    dir, handed to the service as the desktop's utilityProcess does) — new threads, then the same
 *    threads kept warm — then on 2 new threads through tsx; checks the answers are identical.
 * CPU time is this process' user + system time (worker threads included).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { closeIdleWorkers } from '../core/forecast/batch';
import { dayOf } from '../core/lib';
import { dispatch, loadDemo, openService, type ServiceOptions, type WorkerEntry } from '../core/service';
import { clearForecastCache, forecastCacheStats, setForecastWorkers } from '../core/service/forecast-cache';
import { buildElectron } from '../electron/build';
import { workerServiceOptions } from '../electron/worker/start';
import { sharedData } from '../test/shared-data';

const { values: opts } = parseArgs({ options: { nab: { type: 'string' } } });
const asOf = dayOf(new Date());
const ctx = { signal: new AbortController().signal, progress: (): void => {} };

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await f();
  const c = process.cpuUsage(c0);
  console.log(`${label.padEnd(52)} wall ${(performance.now() - t0).toFixed(0).padStart(6)} ms  cpu ${((c.user + c.system) / 1000).toFixed(0).padStart(6)} ms`);
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'headroom-bench-plan-'));
try {
  // ── 1. The demo ──────────────────────────────────────────────────────────────────────────
  const demoDir = join(tmp, 'demo');
  const demoAnswers: { cap?: unknown; com?: unknown } = {};
  const service = await openService({ dataDir: demoDir });
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
    demoAnswers.cap = cap0;
    demoAnswers.com = com0;
    const same = [cap0, cap2].every((x) => JSON.stringify(x) === JSON.stringify(cap)) && [com0, com2].every((x) => JSON.stringify(x) === JSON.stringify(com));
    const s = forecastCacheStats();
    console.log(`warm answers identical to cold: ${same}; forecast memo ${s.hits} hits, ${s.misses} misses`);
  } finally {
    await service.close();
  }

  // The desktop way: the service opened with the options the utilityProcess gives it.
  const buildDir = join(tmp, 'build');
  await timed('desktop build (electron/build.ts, esbuild)', () => buildElectron(buildDir));
  const desktop = (dataDir: string): ServiceOptions => workerServiceOptions({ HEADROOM_DATA_DIR: dataDir }, pathToFileURL(join(buildDir, 'electron', 'worker', 'index.js')).href);
  const bundledEntry = desktop(demoDir).forecastWorker ?? null;
  /** One cold plan on a service over `dataDir` whose forecast threads load `entry` (null: none). */
  const cold = async (dataDir: string, label: string, entry: WorkerEntry | null, workers: number | undefined, method: 'capacity.plan' | 'commitments.plan', req: Record<string, unknown>): Promise<unknown> => {
    const svc = await openService({ ...desktop(dataDir), forecastWorker: entry });
    try {
      setForecastWorkers(workers);
      clearForecastCache();
      const t0 = forecastCacheStats().threaded;
      const m0 = forecastCacheStats().misses;
      const out = await timed(label, () => dispatch(svc.handlers, method, req, ctx));
      console.log(`  ${forecastCacheStats().threaded - t0} of ${forecastCacheStats().misses - m0} forecasts on worker threads`);
      return out;
    } finally {
      await svc.close();
    }
  };
  await closeIdleWorkers();
  console.log('demo, cold, on 2 new threads of the bundled forecast-worker.mjs (the desktop app):');
  const capB = await cold(demoDir, '  capacity.plan 365 d', bundledEntry, 2, 'capacity.plan', { horizon_days: 365 });
  const comB = await cold(demoDir, '  commitments.plan 1y', bundledEntry, 2, 'commitments.plan', { term: '1y' });
  console.log(`  answers identical to one thread: ${JSON.stringify(capB) === JSON.stringify(demoAnswers.cap) && JSON.stringify(comB) === JSON.stringify(demoAnswers.com)}`);

  // ── 2. Many series: NAB pools, one thread vs the desktop's bundled worker vs tsx ───────────
  const files = readdirSync(sharedData('usage', 'nab'))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .slice(0, opts.nab !== undefined ? Number(opts.nab) : undefined);
  const nabDir = join(tmp, 'nab');
  const seed = await openService({ dataDir: nabDir });
  try {
    for (const f of files) {
      const name = f.replace(/\.csv$/, '');
      await dispatch(seed.handlers, 'metrics.import', { file: sharedData('usage', 'nab', f), name, unit: f.includes('cpu') ? '%' : '1' }, ctx);
      const pool = { name, usage: { kind: 'metric', metric: name, labels: {} }, capacity: [{ from: '1970-01-01', capacity: f.includes('cpu') ? 100 : 1e12 }], target: 0.8, lead_time_days: 7, unit: '%', cost_per_unit: null, scaling: null };
      await dispatch(seed.handlers, 'pools.add', { pool }, ctx);
    }
  } finally {
    await seed.close();
  }
  console.log(`${files.length} NAB pools (../shared/data/usage/nab), capacity.plan 365 d, 500 paths, auto:`);
  const req = { horizon_days: 365 };
  const one = await cold(nabDir, '  cold, one thread', null, 0, 'capacity.plan', req);
  const one2 = await cold(nabDir, '  cold, one thread, again', null, 0, 'capacity.plan', req);
  await closeIdleWorkers(); // new threads: the first plan after start-up
  const bundled = await cold(nabDir, '  cold, 2 new threads of the bundled forecast-worker.mjs', bundledEntry, 2, 'capacity.plan', req);
  const bundled2 = await cold(nabDir, '  cold, the same 2 bundled threads again (kept warm)', bundledEntry, 2, 'capacity.plan', req);
  const source = await cold(nabDir, '  cold, 2 new threads of worker.ts through tsx', { kind: 'source' }, 2, 'capacity.plan', req);
  console.log(`answers identical: ${[one2, bundled, bundled2, source].every((x) => JSON.stringify(x) === JSON.stringify(one))}`);
  await closeIdleWorkers();
  setForecastWorkers(undefined);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
