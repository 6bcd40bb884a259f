import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HeadroomError } from '../../core/lib';
import { type ApiEndpoint, CSP, type RunningServer, startServer } from './server';

const addSchema = z.object({ a: z.number(), b: z.number() });
let cancelledWith: unknown;

/** A two-method endpoint validated with zod, as the real service adapter does. */
const api: ApiEndpoint = {
  has: (m) => m === 'add' || m === 'slow',
  async call(method, payload, ctx) {
    if (method === 'add') {
      const { a, b } = addSchema.parse(payload);
      if (a < 0) throw new HeadroomError('BAD_INPUT', 'a must be ≥ 0');
      return { sum: a + b };
    }
    for (let i = 1; i <= 3; i++) ctx.onProgress({ phase: 'work', done: i, total: 3 });
    if ((payload as { hang?: boolean }).hang) {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      cancelledWith = ctx.signal.reason;
      throw ctx.signal.reason;
    }
    return { finished: true };
  },
};

let dir: string;
let server: RunningServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const authed = (extra: Record<string, string> = {}): Record<string, string> => ({ Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...extra });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'headroom-serve-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Headroom</title>');
  await writeFile(join(dir, '..secret'), 'no');
  server = await startServer({ api, staticDir: dir, uploadDir: join(dir, 'uploads') });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('headroom serve HTTP transport', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers a call with the token', async () => {
    const r = await send('/api/call/add', { method: 'POST', headers: authed(), body: JSON.stringify({ a: 2, b: 40 }) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ value: { sum: 42 } });
  });

  it('refuses a call without the token, or with a wrong one, with 401', async () => {
    const none = await send('/api/call/add', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1,"b":1}' });
    expect(none.status).toBe(401);
    const wrong = await send('/api/call/add', { method: 'POST', headers: { ...authed(), Authorization: `Bearer ${'x'.repeat(43)}` }, body: '{"a":1,"b":1}' });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) even with the token, and for static files', async () => {
    const api1 = await send('/api/call/add', { method: 'POST', headers: authed({ Host: `evil.example:${server.port}` }), body: '{"a":1,"b":1}' });
    expect(api1.status).toBe(403);
    const page = await send('/', { headers: { Host: `evil.example:${server.port}` } });
    expect(page.status).toBe(403);
    const otherPort = await send('/', { headers: { Host: `127.0.0.1:${server.port + 1}` } });
    expect(otherPort.status).toBe(403);
  });

  it('refuses a foreign Origin and cross-site fetches', async () => {
    const r = await send('/api/call/add', { method: 'POST', headers: authed({ Origin: 'https://evil.example' }), body: '{"a":1,"b":1}' });
    expect(r.status).toBe(403);
    const s = await send('/api/call/add', { method: 'POST', headers: authed({ 'Sec-Fetch-Site': 'cross-site' }), body: '{"a":1,"b":1}' });
    expect(s.status).toBe(403);
    const own = await send('/api/call/add', { method: 'POST', headers: authed({ Origin: `http://127.0.0.1:${server.port}` }), body: '{"a":1,"b":1}' });
    expect(own.status).toBe(200);
  });

  it('refuses non-JSON bodies (no simple cross-site form posts)', async () => {
    const r = await send('/api/call/add', { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' }, body: '{"a":1,"b":1}' });
    expect(r.status).toBe(415);
  });

  it('maps schema failures and HeadroomErrors to 400 with their message, unknown methods to 404', async () => {
    const bad = await send('/api/call/add', { method: 'POST', headers: authed(), body: '{"a":"x"}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('BAD_INPUT');
    const neg = await send('/api/call/add', { method: 'POST', headers: authed(), body: '{"a":-1,"b":0}' });
    expect(JSON.parse(neg.body)).toEqual({ error: { code: 'BAD_INPUT', message: 'a must be ≥ 0' } });
    const missing = await send('/api/call/nope', { method: 'POST', headers: authed(), body: '{}' });
    expect(missing.status).toBe(404);
  });

  it('streams progress as server-sent events, then the result', async () => {
    const r = await send('/api/call/slow', { method: 'POST', headers: authed({ Accept: 'text/event-stream' }), body: '{}' });
    expect(r.headers['content-type']).toContain('text/event-stream');
    const events = r.body
      .split('\n\n')
      .filter((b) => b.startsWith('event:'))
      .map((b) => ({ event: b.split('\n')[0]!.slice(7), data: JSON.parse(b.split('\n')[1]!.slice(6)) as unknown }));
    expect(events).toEqual([
      { event: 'progress', data: { phase: 'work', done: 1, total: 3 } },
      { event: 'progress', data: { phase: 'work', done: 2, total: 3 } },
      { event: 'progress', data: { phase: 'work', done: 3, total: 3 } },
      { event: 'result', data: { value: { finished: true } } },
    ]);
  });

  it('cancels the call when the client closes the connection', async () => {
    cancelledWith = undefined;
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/call/slow', method: 'POST', headers: { Host: `127.0.0.1:${server.port}`, ...authed({ Accept: 'text/event-stream' }) } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => {});
      req.end('{"hang":true}');
    });
    await expect.poll(() => cancelledWith, { timeout: 2000 }).toBeInstanceOf(HeadroomError);
    expect((cancelledWith as HeadroomError).code).toBe('CANCELLED');
  });

  it('serves the renderer with a strict CSP and refuses path traversal', async () => {
    const r = await send('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect((await send('/../../etc/passwd')).status).toBe(404);
    expect((await send('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('saves an upload under the upload folder and returns its path', async () => {
    const r = await send('/api/upload?name=../../bill.csv', { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/octet-stream' }, body: 'a,b\n1,2\n' });
    expect(r.status).toBe(200);
    const { value } = JSON.parse(r.body) as { value: { path: string; name: string } };
    expect(value.name).toBe('bill.csv');
    expect(value.path.startsWith(join(dir, 'uploads'))).toBe(true);
    expect(await readFile(value.path, 'utf8')).toBe('a,b\n1,2\n');
    const noToken = await send('/api/upload?name=x.csv', { method: 'POST', body: 'x' });
    expect(noToken.status).toBe(401);
  });
});
