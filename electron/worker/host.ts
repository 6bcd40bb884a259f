/**
 * The worker side of the desktop app's IPC: messages from main in, calls into core/service,
 * progress and results out. Plain functions over a `post` port so it is tested in Node without
 * Electron; `worker/index.ts` binds it to `process.parentPort` in the utilityProcess.
 */
import { type Handlers } from '../../core/api';
import type { Progress } from '../../core/lib';
import { dispatch, toApiError } from '../../core/service';
import { HeadroomError } from '../../core/lib';

export type ToWorker = { readonly type: 'call'; readonly id: string; readonly method: string; readonly req: unknown } | { readonly type: 'cancel'; readonly id: string };

export type FromWorker =
  | { readonly type: 'progress'; readonly id: string; readonly progress: Progress }
  | { readonly type: 'result'; readonly id: string; readonly value: unknown }
  | { readonly type: 'error'; readonly id: string; readonly error: ReturnType<typeof toApiError> };

export function createWorkerHost(handlers: Handlers, post: (m: FromWorker) => void): (message: ToWorker) => Promise<void> {
  const running = new Map<string, AbortController>();
  return async (message) => {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort(new HeadroomError('CANCELLED', 'Cancelled by the user.'));
      return;
    }
    const abort = new AbortController();
    running.set(message.id, abort);
    try {
      const value = await dispatch(handlers, message.method, message.req, { signal: abort.signal, progress: (progress) => post({ type: 'progress', id: message.id, progress }) });
      post({ type: 'result', id: message.id, value: value ?? null });
    } catch (e) {
      post({ type: 'error', id: message.id, error: abort.signal.aborted ? { code: 'CANCELLED', message: 'Cancelled by the user.' } : toApiError(e) });
    } finally {
      running.delete(message.id);
    }
  };
}
