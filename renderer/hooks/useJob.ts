import { useCallback, useRef, useState } from 'react';
import type { Progress } from '../../core/api';

export type JobState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly progress?: Progress }
  | { readonly status: 'done'; readonly result: T }
  | { readonly status: 'error'; readonly error: Error }
  | { readonly status: 'cancelled' };

/**
 * A long call the user starts (import, sync, forecast, report): progress as it streams, and a
 * cancel that aborts the call (the service stops and its transaction rolls back).
 */
export function useJob<A extends unknown[], T>(run: (signal: AbortSignal, onProgress: (p: Progress) => void, ...args: A) => Promise<T>) {
  const [state, setState] = useState<JobState<T>>({ status: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const start = useCallback(
    async (...args: A): Promise<T | undefined> => {
      abort.current?.abort();
      const ac = new AbortController();
      abort.current = ac;
      setState({ status: 'running' });
      try {
        const result = await run(ac.signal, (p) => setState({ status: 'running', progress: p }), ...args);
        if (!ac.signal.aborted) setState({ status: 'done', result });
        return result;
      } catch (e) {
        if (ac.signal.aborted) setState({ status: 'cancelled' });
        else setState({ status: 'error', error: e instanceof Error ? e : new Error(String(e)) });
        return undefined;
      }
    },
    [run],
  );
  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, start, cancel, reset };
}
