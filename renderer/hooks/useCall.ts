import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { Method, Req, Res } from '../../core/api';
import { useBridge } from '../bridge';

export type CallState<T> =
  | { readonly status: 'loading'; readonly data?: T }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: Error; readonly data?: T };

/**
 * Bumped after anything changes the store (import, sync, demo load): every query re-runs.
 * Provided by the app shell.
 */
export const DataVersion = createContext<{ readonly version: number; bump(): void }>({ version: 0, bump() {} });

export function useDataVersion(): { readonly version: number; bump(): void } {
  return useContext(DataVersion);
}

/**
 * Calls `method` with `req` and tracks loading/ready/error; re-runs when the request (by value) or
 * the data version changes. Pass `null` to skip the call. The previous data stays visible while a
 * new request loads, so controls don't flash the page.
 */
export function useCall<K extends Method>(method: K, req: Req<K> | null): CallState<Res<K>> & { reload(): void } {
  const bridge = useBridge();
  const { version } = useDataVersion();
  const [nonce, setNonce] = useState(0);
  const key = req === null ? null : JSON.stringify(req);
  const [state, setState] = useState<CallState<Res<K>>>({ status: 'loading' });
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', ...(s.data !== undefined ? { data: s.data } : {}) }));
    bridge.call(method, JSON.parse(key) as Req<K>, { signal: abort.signal }).then(
      (data) => {
        if (!abort.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ status: 'error', error: error instanceof Error ? error : new Error(String(error)), ...(s.data !== undefined ? { data: s.data } : {}) }));
      },
    );
    return () => abort.abort();
  }, [bridge, method, key, version, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
