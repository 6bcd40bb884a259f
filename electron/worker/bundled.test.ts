import { fork } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type Day } from '../../core/lib';
import { dispatch, openService } from '../../core/service';
import { tempDir } from '../../core/store/testing/fixtures';
import { buildElectron } from '../build';
import type { FromWorker } from './host';

// The built service worker (dist-electron/electron/worker/index.js) run by Node the way Electron's
// utilityProcess runs it: `process.parentPort` is shimmed over fork's IPC channel, and the shim
// records every worker thread the process starts (node:worker_threads' Worker, wrapped before the
// bundle loads). The bundle's externals (DuckDB) resolve through a node_modules link, as they do
// from app.asar.
const root = fileURLToPath(new URL('../..', import.meta.url));
let out: { dir: string; cleanup: () => void };
let data: { dir: string; cleanup: () => void };
let shim: string;
const ctx = { signal: new AbortController().signal, progress: (): void => {} };
const PLAN = { horizon_days: 60, paths: 100, model: 'ets' };

beforeAll(async () => {
  out = tempDir('headroom-electron-bundle-');
  data = tempDir('headroom-electron-bundle-data-');
  await buildElectron(out.dir);
  writeFileSync(join(out.dir, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(root, 'node_modules'), join(out.dir, 'node_modules'), 'junction');
  shim = join(out.dir, 'utility-process-shim.mjs');
  writeFileSync(
    shim,
    [
      "import { createRequire, syncBuiltinESMExports } from 'node:module';",
      "const wt = createRequire(import.meta.url)('node:worker_threads');",
      'const Original = wt.Worker;',
      'wt.Worker = class extends Original { constructor(file, o) { super(file, o); process.send({ type: "thread", file: String(file) }); } };',
      'syncBuiltinESMExports();',
      "process.parentPort = { on: (e, l) => process.on(e, (data) => l({ data })), postMessage: (m) => process.send(m) };",
    ].join('\n'),
  );
  const seed = await openService({ dataDir: data.dir });
  try {
    for (const k of [1, 2, 3]) {
      const csv = join(data.dir, `m${k}.csv`);
      const rows = Array.from({ length: 240 }, (_, t) => `${addDays('2025-05-01' as Day, t)}T12:00:00Z,${(20 * k + 0.1 * t * k + 6 * Math.sin((2 * Math.PI * t) / 7) + ((t * 7 + k) % 5)).toFixed(3)}`);
      writeFileSync(csv, ['timestamp,value', ...rows].join('\n'));
      await dispatch(seed.handlers, 'metrics.import', { file: csv, name: `m${k}`, unit: '%' }, ctx);
      await dispatch(seed.handlers, 'pools.add', { pool: { name: `p${k}`, usage: { kind: 'metric', metric: `m${k}`, labels: {} }, capacity: [{ from: '1970-01-01', capacity: 200 }], target: 0.8, lead_time_days: 7, unit: '%', cost_per_unit: null, scaling: null } }, ctx);
    }
  } finally {
    await seed.close();
  }
}, 120_000);
afterAll(() => {
  out.cleanup();
  data.cleanup();
});

describe('the built desktop service worker, run by Node', () => {
  it('starts 2 threads on the forecast-worker.mjs beside it and answers capacity.plan as the source tree in one thread does', async () => {
    const reference = await openService({ dataDir: data.dir, forecastWorker: null });
    const expected = await dispatch(reference.handlers, 'capacity.plan', PLAN, ctx);
    await reference.close();

    const child = fork(join(out.dir, 'electron', 'worker', 'index.js'), [], {
      execArgv: ['--import', shim],
      env: { ...process.env, HEADROOM_DATA_DIR: data.dir, HEADROOM_FORECAST_WORKERS: '2' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    const threads: string[] = [];
    try {
      const answer = await new Promise<FromWorker>((resolve, reject) => {
        child.on('exit', (code) => reject(new Error(`the worker exited with code ${code}: ${stderr}`)));
        child.on('message', (m: FromWorker | { type: 'ready' } | { type: 'thread'; file: string }) => {
          if (m.type === 'thread') threads.push(m.file);
          else if (m.type === 'ready') child.send({ type: 'call', id: 'c1', method: 'capacity.plan', req: PLAN });
          else if (m.type === 'result' || m.type === 'error') resolve(m);
        });
      });
      expect(answer).toEqual({ type: 'result', id: 'c1', value: expected });
      expect(threads).toEqual([0, 1].map(() => join(out.dir, 'electron', 'worker', 'forecast-worker.mjs')));
    } finally {
      child.kill();
    }
  }, 120_000);
});
