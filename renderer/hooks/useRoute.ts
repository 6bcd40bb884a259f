import { useCallback, useSyncExternalStore } from 'react';

/** Hash routing (`#/explore?group=service`): works from a file, a custom protocol and over HTTP alike. */
export interface Route {
  readonly page: string;
  readonly params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [page = '', query = ''] = body.split('?');
  return { page: page === '' || page.startsWith('token=') ? 'overview' : page, params: new URLSearchParams(query) };
}

const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route & { navigate(page: string, params?: Record<string, string>): void } {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const route = parseRoute(hash);
  const navigate = useCallback((page: string, params?: Record<string, string>) => {
    const q = params ? new URLSearchParams(params).toString() : '';
    window.location.hash = `#/${page}${q ? `?${q}` : ''}`;
  }, []);
  return { ...route, navigate };
}
