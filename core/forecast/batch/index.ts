/**
 * Batch forecasting over worker threads, with progress and cancellation (STYLE §10). This is the
 * one folder of core/forecast allowed node imports. Workers run the TypeScript sources through
 * tsx (`execArgv: ['--import', 'tsx']`), so the same code serves the CLI, the bench and vitest.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HeadroomError, type ProgressSink } from '../../lib';
import type { BatchJob, BatchResult, WorkerRequest, WorkerResponse } from './protocol';
import { runOne } from './run-one';

export type { BatchJob, BatchResult } from './protocol';
export { runOne } from './run-one';

export interface BatchOptions {
  /** Worker threads (default: available cores, at most the number of jobs). 0 runs in this thread. */
  readonly workers?: number;
  readonly onProgress?: ProgressSink;
  /** Aborting stops the workers and rejects with a HeadroomError (code CANCELLED). */
  readonly signal?: AbortSignal;
}

function cancelled(): HeadroomError {
  return new HeadroomError('CANCELLED', 'The batch forecast was cancelled; no results were kept.');
}

/**
 * Starts one worker on `worker.ts`. The worker gets `--import tsx` in its execArgv, and a small
 * bootstrap also registers tsx's loader in the thread itself: on Node 20, `--import` in a worker's
 * execArgv is not always honoured (under vitest, for one), and then the `.ts` entry would not load.
 */
function spawnWorker(): Worker {
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((e) => { throw e; });`;
  return new Worker(boot, { eval: true, execArgv: ['--import', 'tsx'] });
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
      results[i] = runOne(jobs[i] as BatchJob, () => performance.now());
      progress(i + 1);
      // let an abort from another task land between series
      if (i % 16 === 15) await new Promise((r) => setImmediate(r));
    }
    return results;
  }
  return new Promise<BatchResult[]>((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let finished = false;
    const finish = (err?: unknown): void => {
      if (finished) return;
      finished = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const onAbort = (): void => finish(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker): void => {
      if (next >= total) return;
      const index = next++;
      const req: WorkerRequest = { index, job: jobs[index] as BatchJob };
      w.postMessage(req);
    };
    for (let k = 0; k < nWorkers; k++) {
      const w = spawnWorker();
      workers.push(w);
      w.on('message', (msg: WorkerResponse) => {
        results[msg.index] = msg.result;
        done++;
        progress(done);
        if (done === total) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!finished && code !== 0) finish(new Error(`forecast worker exited with code ${code}`));
      });
      // two jobs in flight per worker keep it busy while results travel back
      feed(w);
      feed(w);
    }
  });
}
