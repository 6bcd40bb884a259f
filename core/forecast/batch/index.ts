/**
 * Batch forecasting over worker threads, with progress and cancellation (STYLE §10). This is the
 * one folder of core/forecast allowed node imports. What the threads load is a port (`WorkerEntry`),
 * chosen by whoever hosts the code: from the source tree they run `worker.ts` through tsx, so the
 * same code serves the CLI, `headroom serve`, the bench and vitest; the desktop app, which ships no
 * sources and no tsx, passes the plain-JS bundle of `worker.ts` that electron/build.ts emits.
 */
import { availableParallelism } from 'node:os';
import { threadId, Worker } from 'node:worker_threads';
import { HeadroomError, type ProgressSink } from '../../lib';
import type { BatchJob, BatchResult, WorkerRequest, WorkerResponse } from './protocol';
import { runOne } from './run-one';

export type { BatchJob, BatchResult } from './protocol';
export { runOne } from './run-one';

/**
 * Where worker threads load the forecasting code from:
 * - `{ kind: 'source' }`: this folder's `worker.ts` through tsx (the source tree: CLI, serve, bench, tests);
 * - `{ kind: 'script', file }`: an absolute path to a plain-JS ES module bundling `worker.ts` with
 *   everything it imports (the desktop build's `forecast-worker.mjs`); it is loaded as it is, no tsx.
 */
export type WorkerEntry = { readonly kind: 'source' } | { readonly kind: 'script'; readonly file: string };

/** `worker.ts` through tsx: the default. */
export const SOURCE_WORKER: WorkerEntry = { kind: 'source' };

/** What a `WorkerEntry` loads, for messages: the bundled file, or the sources through tsx. */
export function describeWorkerEntry(e: WorkerEntry): string {
  return e.kind === 'script' ? e.file : 'core/forecast/batch/worker.ts through tsx';
}

/**
 * A worker thread failed before it answered its first forecast: its entry could not be loaded (a
 * missing or broken file, no tsx), or the thread could not be created. `runBatch` rejects with it;
 * hosts may forecast in their own thread instead (core/service does, and says so once per entry).
 */
export class WorkerStartError extends Error {
  readonly entry: WorkerEntry;
  constructor(entry: WorkerEntry, cause: unknown) {
    super(`The forecast worker thread could not start from ${describeWorkerEntry(entry)}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WorkerStartError';
    this.entry = entry;
  }
}

export interface BatchOptions {
  /** Worker threads (default: available cores, at most the number of jobs). 0 runs in this thread. */
  readonly workers?: number;
  /** What the worker threads load (default `SOURCE_WORKER`). */
  readonly entry?: WorkerEntry;
  readonly onProgress?: ProgressSink;
  /** Aborting stops the workers and rejects with a HeadroomError (code CANCELLED). */
  readonly signal?: AbortSignal;
}

function cancelled(): HeadroomError {
  return new HeadroomError('CANCELLED', 'The batch forecast was cancelled; no results were kept.');
}

/**
 * Starts one worker. A bundled entry is loaded directly. For the sources, the worker gets
 * `--import tsx` in its execArgv, and a small bootstrap also registers tsx's loader in the thread
 * itself: on Node 20, `--import` in a worker's execArgv is not always honoured (under vitest, for
 * one), and then the `.ts` entry would not load.
 */
function spawnWorker(from: WorkerEntry): Worker {
  if (from.kind === 'script') return new Worker(from.file);
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((e) => { throw e; });`;
  return new Worker(boot, { eval: true, execArgv: ['--import', 'tsx'] });
}

/** What a batch does with its leased worker's events. */
interface Lease {
  message(msg: WorkerResponse): void;
  error(e: unknown): void;
  exit(code: number): void;
}

/**
 * Workers outlive their batch: a fresh thread first loads and JIT-compiles core/forecast (under tsx
 * it also compiles the TypeScript), which on a plan's handful of series costs about what the second
 * core saves. A batch that completes hands its workers back; they wait, unref'd (they never keep the
 * process alive), for the next batch on the same entry, and stop after `IDLE_MS` unused. A batch that
 * is cancelled or fails terminates its workers instead.
 */
const IDLE_MS = 60_000;
const idle = new Map<string, Worker[]>();
const leases = new Map<Worker, Lease | null>();
const idleTimers = new Map<Worker, ReturnType<typeof setTimeout>>();
/** Workers that have answered at least one job: a failure of any other one is a failure to start. */
const answered = new WeakSet<Worker>();
const entryKey = (e: WorkerEntry): string => (e.kind === 'script' ? `script:${e.file}` : 'source');

function forget(w: Worker): void {
  leases.delete(w);
  clearTimeout(idleTimers.get(w));
  idleTimers.delete(w);
  for (const list of idle.values()) {
    const i = list.indexOf(w);
    if (i >= 0) list.splice(i, 1);
  }
}

function acquire(from: WorkerEntry, lease: Lease): Worker {
  let w = idle.get(entryKey(from))?.pop();
  if (w) {
    clearTimeout(idleTimers.get(w));
    idleTimers.delete(w);
    w.ref();
  } else {
    const fresh = spawnWorker(from);
    fresh.on('message', (msg: WorkerResponse) => {
      answered.add(fresh);
      leases.get(fresh)?.message(msg);
    });
    fresh.on('error', (e) => {
      const l = leases.get(fresh);
      forget(fresh);
      l?.error(e);
    });
    fresh.on('exit', (code) => {
      const l = leases.get(fresh);
      forget(fresh);
      l?.exit(code);
    });
    w = fresh;
  }
  leases.set(w, lease);
  return w;
}

function release(from: WorkerEntry, w: Worker): void {
  if (!leases.has(w)) return; // it exited meanwhile
  leases.set(w, null);
  const key = entryKey(from);
  const list = idle.get(key) ?? [];
  idle.set(key, list);
  if (list.length >= availableParallelism()) {
    forget(w);
    void w.terminate();
    return;
  }
  w.unref();
  list.push(w);
  const timer = setTimeout(() => {
    forget(w);
    void w.terminate();
  }, IDLE_MS);
  timer.unref();
  idleTimers.set(w, timer);
}

/** Stops the idle workers kept for the next batch (tests, and hosts that want their memory back now). */
export async function closeIdleWorkers(): Promise<void> {
  const all = [...idle.values()].flat();
  for (const w of all) forget(w);
  await Promise.all(all.map((w) => w.terminate()));
}

/** Idle workers waiting for a batch, by entry (`source`, or `script:<file>`). */
export function idleWorkerCount(from: WorkerEntry): number {
  return idle.get(entryKey(from))?.length ?? 0;
}

/** Forecasts every job; results come back in job order. */
export async function runBatch(jobs: readonly BatchJob[], options: BatchOptions = {}): Promise<BatchResult[]> {
  const total = jobs.length;
  const results = new Array<BatchResult>(total);
  const progress = (done: number): void => options.onProgress?.({ phase: 'forecast', done, total });
  if (options.signal?.aborted) throw cancelled();
  const nWorkers = Math.min(options.workers ?? availableParallelism(), total);
  if (nWorkers <= 0) {
    for (let i = 0; i < total; i++) {
      if (options.signal?.aborted) throw cancelled();
      results[i] = runOne(jobs[i] as BatchJob, () => performance.now(), threadId);
      progress(i + 1);
      // let an abort from another task land between series
      if (i % 16 === 15) await new Promise((r) => setImmediate(r));
    }
    return results;
  }
  const from = options.entry ?? SOURCE_WORKER;
  return new Promise<BatchResult[]>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let finished = false;
    const finish = (err?: unknown): void => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        // jobs may be in flight: these workers are not reusable
        for (const w of workers) {
          forget(w);
          void w.terminate();
        }
        reject(err);
      } else {
        for (const w of workers) release(from, w);
        resolve(results);
      }
    };
    const onAbort = (): void => finish(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker): void => {
      if (next >= total) return;
      const index = next++;
      const req: WorkerRequest = { index, job: jobs[index] as BatchJob };
      w.postMessage(req);
    };
    for (let k = 0; k < nWorkers && !finished; k++) {
      let w: Worker;
      const lease: Lease = {
        message: (msg) => {
          if (finished) return; // a result already on its way when the batch was cancelled or failed
          results[msg.index] = msg.result;
          done++;
          progress(done);
          if (done === total) finish();
          else feed(w);
        },
        error: (e) => finish(answered.has(w) ? e : new WorkerStartError(from, e)),
        exit: (code) => {
          if (finished) return;
          const e = new Error(`forecast worker exited with code ${code}`);
          finish(answered.has(w) ? e : new WorkerStartError(from, e));
        },
      };
      try {
        w = acquire(from, lease);
      } catch (e) {
        finish(new WorkerStartError(from, e)); // stops the workers already started
        return;
      }
      workers.push(w);
      // two jobs in flight per worker keep it busy while results travel back
      feed(w);
      feed(w);
    }
  });
}
