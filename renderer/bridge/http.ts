import type { Progress } from '../../core/api';
import { BridgeError, type CallOptions, type ServiceFile, type Transport } from './types';

const TOKEN_KEY = 'headroom.session';

/**
 * Reads the session token `headroom serve` printed (`#token=…`), keeps it in sessionStorage for
 * reloads, and removes it from the address bar so it is not bookmarked or shown.
 */
export function takeSessionToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | undefined {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(win.location.hash);
  if (m?.[1]) {
    win.sessionStorage.setItem(TOKEN_KEY, m[1]);
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}#/`);
    return m[1];
  }
  return win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

interface WireError {
  readonly code: string;
  readonly message: string;
  readonly location?: BridgeError['location'];
}

function toBridgeError(status: number, body: unknown): BridgeError {
  const e = (body as { error?: WireError } | null)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return new BridgeError(e.code, e.message, e.location);
  return new BridgeError(status === 401 ? 'AUTH' : 'INTERNAL', `The Headroom server answered ${status}.`);
}

/** Parses a server-sent-events body: `progress` events, then one `result` or `error`. */
async function readEvents(res: Response, onProgress: ((p: Progress) => void) | undefined): Promise<unknown> {
  if (!res.body) throw new BridgeError('INTERNAL', 'The server sent no event stream.');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data === '') continue;
      const parsed = JSON.parse(data) as { value?: unknown; error?: WireError } & Progress;
      if (event === 'progress') onProgress?.(parsed);
      else if (event === 'result') return parsed.value;
      else if (event === 'error') throw toBridgeError(400, parsed);
    }
  }
  throw new BridgeError('CANCELLED', 'The call ended before it finished.');
}

/** Calls `headroom serve` over loopback HTTP with the session token (see cli/serve/server.ts). */
export function httpTransport(token: string, base = ''): Transport {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    kind: 'http',
    async call(method: string, req: unknown, options: CallOptions): Promise<unknown> {
      const stream = options.onProgress !== undefined;
      let res: Response;
      try {
        res = await fetch(`${base}/api/call/${method}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json', Accept: stream ? 'text/event-stream' : 'application/json' },
          body: JSON.stringify(req ?? {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (e) {
        if (options.signal?.aborted) throw new BridgeError('CANCELLED', 'Cancelled.');
        throw new BridgeError('UNAVAILABLE', `Cannot reach the Headroom server (${e instanceof Error ? e.message : String(e)}): is "headroom serve" still running?`);
      }
      if (res.ok && (res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        try {
          return await readEvents(res, options.onProgress);
        } catch (e) {
          if (options.signal?.aborted) throw new BridgeError('CANCELLED', 'Cancelled.');
          throw e;
        }
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw toBridgeError(res.status, body);
      return (body as { value: unknown }).value;
    },
    async fileForService(file: File): Promise<ServiceFile> {
      const res = await fetch(`${base}/api/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream' }, body: file });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw toBridgeError(res.status, body);
      return (body as { value: ServiceFile }).value;
    },
    openExternal(url: string): void {
      const u = new URL(url);
      if (u.protocol === 'https:' || u.protocol === 'http:') window.open(u.toString(), '_blank', 'noopener,noreferrer');
    },
  };
}
