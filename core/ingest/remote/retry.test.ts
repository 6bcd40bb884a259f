import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { backoffMs, connectFailure, parseRetryAfter, withRetry, type Sleep } from './retry';

describe('withRetry', () => {
  it('waits exactly what the decision asks and succeeds', async () => {
    const waits: number[] = [];
    const sleep: Sleep = async (ms) => void waits.push(ms);
    let calls = 0;
    const v = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`busy ${calls}`);
        return 'ok';
      },
      (err) => ({ retry: true, delayMs: 1000 * Number((err as Error).message.slice(5)), reason: 'busy' }),
      { sleep, maxAttempts: 5 },
    );
    expect(v).toBe('ok');
    expect(waits).toEqual([1000, 2000]);
  });
  it('gives up with UNAVAILABLE after maxAttempts and passes non-retryable errors through', async () => {
    const sleep: Sleep = async () => {};
    await expect(withRetry(async () => Promise.reject(new Error('x')), () => ({ retry: true, delayMs: 1, reason: 'HTTP 503' }), { sleep, maxAttempts: 3 })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/3 attempts \(HTTP 503\)/) });
    const bad = new Error('bad request');
    await expect(withRetry(async () => Promise.reject(bad), () => ({ retry: false, error: bad }), { sleep, maxAttempts: 3 })).rejects.toBe(bad);
  });
  it('stops with CANCELLED when the signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(withRetry(async () => 1, () => ({ retry: false, error: new Error() }), { sleep: async () => {}, maxAttempts: 1, signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('retry-after parsing and back-off', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('12')).toBe(12_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Thu, 26 Nov 2026 06:00:10 GMT', () => Date.parse('2026-11-26T06:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
  it('grows exponentially under the cap', () => {
    expect(backoffMs(1, () => 1)).toBe(100);
    expect(backoffMs(4, () => 1)).toBe(800);
    expect(backoffMs(4, () => 0)).toBe(400);
    expect(backoffMs(30, () => 1)).toBe(20_000);
  });
});

describe('connectFailure', () => {
  it('finds a refused connection in fetch\'s cause chain and an unknown host in a message; a reset is not one', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(connectFailure(refused)).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(connectFailure(new Error('getaddrinfo ENOTFOUND ce.example.invalid'))).toBe('getaddrinfo ENOTFOUND ce.example.invalid');
    expect(connectFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(connectFailure({ name: 'ThrottlingException', message: 'Rate exceeded' })).toBeUndefined();
  });
});
