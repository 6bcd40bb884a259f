import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { forecastSeries } from '../forecast-series';
import { closeIdleWorkers, idleWorkerCount, runBatch, SOURCE_WORKER, WorkerStartError, type BatchJob, type WorkerEntry } from './index';

afterAll(closeIdleWorkers);

const series = (k: number): number[] => Array.from({ length: 60 }, (_, t) => 50 + k + 10 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7 + k) % 5));

describe('runBatch', () => {
  const jobs: BatchJob[] = Array.from({ length: 6 }, (_, k) => ({ id: `s${k}`, values: series(k), options: { period: 12, horizon: 6, model: 'naive2' } }));
  jobs.push({ id: 'bad', values: [1], options: { period: 1, horizon: 3 } });

  it('forecasts over worker threads, in order, with progress, and one bad series does not fail the batch', async () => {
    const seen: number[] = [];
    const res = await runBatch(jobs, { workers: 2, onProgress: (p) => seen.push(p.done) });
    expect(res.map((r) => r.id)).toEqual(jobs.map((j) => j.id));
    for (let k = 0; k < 6; k++) {
      const r = res[k]!;
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.forecast.mean).toEqual(forecastSeries(series(k), { period: 12, horizon: 6, model: 'naive2' }).mean);
    }
    const bad = res[6]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/at least 2/);
    expect(seen[seen.length - 1]).toBe(7);
    // two jobs go to each worker first: both threads ran some, and neither is this one
    const threads = new Set(res.map((r) => r.thread));
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
  });

  it('runs in this thread with workers: 0', async () => {
    const res = await runBatch(jobs.slice(0, 2), { workers: 0 });
    expect(res.map((r) => r.thread)).toEqual([threadId, threadId]);
    expect(res[0]!.ok && res[0]!.forecast.mean).toEqual(forecastSeries(series(0), { period: 12, horizon: 6, model: 'naive2' }).mean);
  });

  it('cancels', async () => {
    const ac = new AbortController();
    const many = Array.from({ length: 40 }, (_, k) => ({ id: `m${k}`, values: series(k), options: { period: 12, horizon: 6, model: 'ets' as const } }));
    const p = runBatch(many, { workers: 2, signal: ac.signal, onProgress: (pr) => pr.done >= 1 && ac.abort() });
    await expect(p).rejects.toThrow(/cancelled/);
  });

  it('keeps the workers of a finished batch for the next one; a cancelled batch stops its workers', async () => {
    await closeIdleWorkers();
    const first = await runBatch(jobs.slice(0, 4), { workers: 2 });
    expect(idleWorkerCount(SOURCE_WORKER)).toBe(2);
    const second = await runBatch(jobs.slice(0, 4), { workers: 2 });
    expect(new Set(second.map((r) => r.thread))).toEqual(new Set(first.map((r) => r.thread)));
    expect(second.map((r) => r.ok && r.forecast.mean)).toEqual(first.map((r) => r.ok && r.forecast.mean));
    expect(idleWorkerCount(SOURCE_WORKER)).toBe(2);
    const ac = new AbortController();
    const many = Array.from({ length: 20 }, (_, k) => ({ id: `m${k}`, values: series(k), options: { period: 12, horizon: 6, model: 'ets' as const } }));
    await expect(runBatch(many, { workers: 2, signal: ac.signal, onProgress: () => ac.abort() })).rejects.toThrow(/cancelled/);
    expect(idleWorkerCount(SOURCE_WORKER)).toBe(0);
    const third = await runBatch(jobs.slice(0, 4), { workers: 2 });
    expect([...new Set(third.map((r) => r.thread))].some((t) => first.some((r) => r.thread === t))).toBe(false);
  });
});

describe('a worker entry that cannot start', () => {
  const jobs: BatchJob[] = [0, 1, 2].map((k) => ({ id: `s${k}`, values: series(k), options: { period: 12, horizon: 6, model: 'naive2' } }));
  const dir = mkdtempSync(join(tmpdir(), 'headroom-batch-entry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const startError = async (entry: WorkerEntry): Promise<WorkerStartError> => {
    const err = await runBatch(jobs, { workers: 2, entry }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerStartError);
    return err as WorkerStartError;
  };

  it('rejects with a WorkerStartError naming the file when the file does not exist', async () => {
    const file = join(dir, 'missing-worker.mjs');
    const err = await startError({ kind: 'script', file });
    expect(err.entry).toEqual({ kind: 'script', file });
    expect(err.message).toContain(`could not start from ${file}`);
    expect(err.message).toMatch(/missing-worker\.mjs/);
    expect(idleWorkerCount({ kind: 'script', file })).toBe(0);
  });

  it('rejects with a WorkerStartError carrying the error the file throws on load', async () => {
    const file = join(dir, 'throwing-worker.mjs');
    writeFileSync(file, "throw new Error('broken bundle 7f3a');\n");
    const err = await startError({ kind: 'script', file });
    expect(err.message).toContain(file);
    expect(err.message).toContain('broken bundle 7f3a');
  });

  it('a worker that answered and then dies mid-batch is not a start failure', async () => {
    // answers its first job, then exits
    const file = join(dir, 'one-job-worker.mjs');
    writeFileSync(file, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', (m) => { parentPort.postMessage({ index: m.index, result: { id: 'x', ok: false, error: 'e', ms: 0, thread: 0 } }); setTimeout(() => process.exit(3), 50); });\n");
    const err = await runBatch(jobs, { workers: 1, entry: { kind: 'script', file } }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(WorkerStartError);
    expect((err as Error).message).toMatch(/exited with code 3/);
  });
});
