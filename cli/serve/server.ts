import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HeadroomError, isHeadroomError, type ErrorCode, type InputLocation, type Logger, type Progress, silentLogger } from '../../core/lib';
import { RENDERER_CSP } from '../../core/api';
import { checkSite, checkToken, type GuardResult } from './guard';

/** What the HTTP transport needs from the service: method lookup and a validated call. */
export interface ApiEndpoint {
  has(method: string): boolean;
  /** Validates `payload` (as unknown) with the method's schema and runs it. */
  call(method: string, payload: unknown, ctx: CallContext): Promise<unknown>;
}

export interface CallContext {
  readonly signal: AbortSignal;
  readonly onProgress: (p: Progress) => void;
}

export interface ServeOptions {
  readonly api: ApiEndpoint;
  /** Built renderer (`dist-renderer/`). */
  readonly staticDir: string;
  /** Where uploaded files are kept for import (browser mode has no file paths). */
  readonly uploadDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Session token; random when omitted. */
  readonly token?: string;
  readonly log?: Logger;
}

export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** `http://127.0.0.1:PORT/#token=…`: the one line `headroom serve` prints. */
  readonly url: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 8 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

/** The renderer's policy, shared by every host (core/api/csp.ts). */
export const CSP = RENDERER_CSP;

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** HTTP status for an expected failure: client mistakes are 4xx, never 401 (reserved for the session token). */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'CANCELLED':
      return 409;
    case 'UNAVAILABLE':
    case 'THROTTLED':
    case 'REMOTE':
      return 503;
    default:
      return 400;
  }
}

/**
 * Hosts core/service over loopback HTTP for the browser build (`headroom serve`).
 *
 * Routes (all refuse a foreign Host/Origin; `/api/*` also need the bearer token):
 * - `GET /`, `GET /assets/*`: the built renderer.
 * - `POST /api/call/<method>`: JSON request → `{ "value": … }` or `{ "error": { code, message } }`.
 *   With `Accept: text/event-stream` the response is server-sent events: `progress` events, then
 *   one `result` or `error` event. Closing the connection cancels the call (its AbortSignal fires).
 * - `POST /api/upload?name=FILE`: raw bytes, saved under `uploadDir`; returns `{ "path" }` for import.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.log ?? silentLogger;
  let port = options.port ?? 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('request failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'Internal error: see the terminal running headroom serve.' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const site = checkSite(req.headers, { port, token });
    if (!site.ok) return refuse(res, site);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      const auth = checkToken(req.headers, { port, token });
      if (!auth.ok) return refuse(res, auth);
      if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'BAD_INPUT', message: 'API calls are POST requests.' } });
      if (url.pathname === '/api/upload') return upload(req, res, url);
      const m = /^\/api\/call\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
      if (!m?.[1] || !options.api.has(m[1])) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No API method at ${url.pathname}.` } });
      return call(m[1], req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'BAD_INPUT', message: 'Only GET is allowed here.' } });
    return serveStatic(url.pathname, res);
  }

  async function call(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      // A JSON content type cannot be sent cross-site without a CORS preflight we never answer.
      return sendJson(res, 415, { error: { code: 'BAD_INPUT', message: 'Send the request as application/json.' } });
    }
    let payload: unknown;
    try {
      const body = await readBody(req, MAX_JSON_BYTES);
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (e) {
      return sendJson(res, 400, { error: { code: 'BAD_INPUT', message: e instanceof HeadroomError ? e.message : 'The request body is not valid JSON.' } });
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new HeadroomError('CANCELLED', 'Cancelled by the user.'));
    });
    const stream = (req.headers.accept ?? '').includes('text/event-stream');
    if (stream) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': started\n\n');
    }
    const onProgress = (p: Progress): void => {
      if (stream && !res.writableEnded) res.write(sse('progress', p));
    };
    try {
      const value = await options.api.call(method, payload, { signal: abort.signal, onProgress });
      if (stream) res.end(sse('result', { value: value ?? null }));
      else sendJson(res, 200, { value: value ?? null });
    } catch (e) {
      const err = toWireError(e);
      if (err.status === 500) log.error(`${method} failed`, { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      if (stream) res.end(sse('error', { error: err.body }));
      else sendJson(res, err.status, { error: err.body });
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = basename(url.searchParams.get('name') ?? '').replace(/[^A-Za-z0-9._ -]/g, '_');
    if (name === '' || name.startsWith('.')) return sendJson(res, 400, { error: { code: 'BAD_INPUT', message: 'Upload needs ?name=FILE with the original file name.' } });
    const length = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length > MAX_UPLOAD_BYTES) return sendJson(res, 413, { error: { code: 'BAD_INPUT', message: 'File too large for upload (2 GB max): import it with `headroom import FILE` instead.' } });
    const dir = join(options.uploadDir, randomBytes(8).toString('hex'));
    await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    await pipeline(req, createWriteStream(path, { flags: 'wx' }));
    sendJson(res, 200, { value: { path, name } });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const full = normalize(join(options.staticDir, rel));
    if (!full.startsWith(normalize(options.staticDir) + sep)) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found.' } });
    try {
      const s = await stat(full);
      if (!s.isFile()) throw new Error('not a file');
    } catch {
      return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `No file ${pathname}.` } });
    }
    const body = await readFile(full);
    const ext = extname(full);
    res.writeHead(200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': rel === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      ...(ext === '.html' ? { 'Content-Security-Policy': CSP } : {}),
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('server has no port');
  port = addr.port;
  const shownHost = host === '::1' ? '[::1]' : host;
  return {
    port,
    token,
    url: `http://${shownHost}:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuse(res: ServerResponse, r: Extract<GuardResult, { ok: false }>): void {
  sendJson(res, r.status, { error: { code: r.status === 401 ? 'AUTH' : 'FORBIDDEN', message: r.message } });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Maps a thrown value to the wire: HeadroomError keeps its code and message; bugs become a 500 without internals. */
export function toWireError(e: unknown): { status: number; body: { code: string; message: string; location?: InputLocation } } {
  if (isHeadroomError(e)) return { status: statusOf(e.code), body: { code: e.code, message: e.message, ...(e.location ? { location: { ...e.location } } : {}) } };
  if (e instanceof Error && e.name === 'ZodError') return { status: 400, body: { code: 'BAD_INPUT', message: e.message } };
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal error: see the terminal running headroom serve, and please report it.' } };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new HeadroomError('BAD_INPUT', `Request body over ${limit} bytes.`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
