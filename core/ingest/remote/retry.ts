/**
 * Retrying remote calls with the provider's own back-off instructions. The clock is a port: the
 * sync passes a real `sleep`, tests pass one that records the requested delays and waits less.
 */
import { HeadroomError } from '../../lib';

/** Waits `ms` milliseconds or rejects when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(signal));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(cancelled(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function cancelled(signal?: AbortSignal): HeadroomError {
  return new HeadroomError('CANCELLED', 'The sync was cancelled; ranges already committed are kept, the range in progress was not written. Run the sync again to continue.', {
    cause: signal?.reason,
  });
}

/** What to do with a failed attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly reason: string }
  | { readonly retry: false; readonly error: Error };

export interface RetryOptions {
  readonly sleep: Sleep;
  readonly signal?: AbortSignal;
  /** Attempts in all, including the first. */
  readonly maxAttempts: number;
  /** Called with each retry so the sync can report it (reason, delay the provider asked for). */
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * Runs `attempt` until it succeeds, `decide` says stop, or the attempts are used up. The delay
 * comes from `decide` (the provider's retry-after when it sent one), never from a guess here.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, decide: (err: unknown, n: number) => RetryDecision, opts: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    if (opts.signal?.aborted) throw cancelled(opts.signal);
    try {
      return await attempt(n);
    } catch (err) {
      if (opts.signal?.aborted) throw cancelled(opts.signal);
      const d = decide(err, n);
      if (!d.retry) throw d.error;
      if (n >= opts.maxAttempts) {
        throw new HeadroomError('UNAVAILABLE', `Gave up after ${n} attempts (${d.reason}). Nothing from the range in progress was written; run the sync again later.`, { cause: err });
      }
      opts.onRetry?.({ attempt: n, delayMs: d.delayMs, reason: d.reason });
      await opts.sleep(d.delayMs, opts.signal);
    }
  }
}

/**
 * Exponential back-off with full jitter: min(cap, base·2^(n−1)) scaled by a factor in [0.5, 1],
 * the AWS SDK "standard" retry mode's shape (base 100 ms, cap 20 s). `rand` is a port.
 */
export function backoffMs(attempt: number, rand: () => number = Math.random, baseMs = 100, capMs = 20_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + rand() / 2));
}

/** Parses an HTTP `Retry-After` (delta-seconds or HTTP-date) into milliseconds, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now: () => number = Date.now): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now());
}

const CONNECT_CODES = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)\b/;

/**
 * When `err` (or an error in its `cause` chain, as fetch and the SDKs wrap them) is a failure to
 * connect at all — refused, unknown host, unreachable network — its text (`connect ECONNREFUSED
 * 127.0.0.1:9`); undefined otherwise. A connection dropped mid-answer (ECONNRESET) is not one.
 */
export function connectFailure(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string' && CONNECT_CODES.test(code)) return text.includes(code) ? text : `${code}${text ? `: ${text}` : ''}`;
    if (CONNECT_CODES.test(text)) return text;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
