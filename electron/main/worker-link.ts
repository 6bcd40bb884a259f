import type { Progress } from '../../core/lib';
import type { SendResult } from '../../renderer/bridge/preload-api';
import type { FromWorker, ToWorker } from '../worker/host';
import type { WorkerLink } from './ipc';

/** The part of Electron's UtilityProcess used here. */
export interface ChildLike {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker | { type: 'ready' }) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
}

/** Pairs calls with the worker's replies by id; a worker that exits fails the calls in flight. */
export function createWorkerLink(child: ChildLike): WorkerLink {
  const pending = new Map<string, { resolve: (r: SendResult) => void; onProgress: (p: Progress) => void }>();
  child.on('message', (m) => {
    if (m.type === 'ready') return;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress(m.progress);
    else {
      pending.delete(m.id);
      p.resolve(m.type === 'result' ? { ok: true, value: m.value } : { ok: false, error: m.error });
    }
  });
  child.on('exit', (code) => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: `The Headroom worker stopped (exit code ${code}): restart the app; your data is safe.` } });
    }
  });
  return {
    call: (id, method, req, onProgress) =>
      new Promise<SendResult>((resolve) => {
        pending.set(id, { resolve, onProgress });
        child.postMessage({ type: 'call', id, method, req });
      }),
    cancel: (id) => child.postMessage({ type: 'cancel', id }),
  };
}
