/**
 * Plumbing shared by the loopback servers: listen on 127.0.0.1 port 0, read bodies, reply, and a
 * fault plan that makes chosen requests fail the way real services do.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface Loopback {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

export async function listen(handler: Handler, tls?: { key: string; cert: string }): Promise<Loopback> {
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString('utf8'))).catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `loopback server bug: ${String(e)}` } });
        else res.destroy();
      });
    });
  };
  const server: Server = tls ? createTlsServer(tls, onRequest) : createServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Sends the headers of a complete response (its full Content-Length) but only half the body, then drops the connection. */
export function sendTruncated(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.write(text.slice(0, Math.floor(text.length / 2)));
  setTimeout(() => res.destroy(), 5);
}

/** A 200 whose body is not JSON (a proxy's error page cut into the stream). */
export function sendMalformed(res: ServerResponse, contentType = 'application/json'): void {
  const text = '{"rows": [[1.5, 20260101, "USD"], <html>502 Bad Gateway</html>';
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * `data-unavailable`: the request is valid but the service has no data to answer it with (Cost
 * Explorer's DataUnavailableException, e.g. GetCostForecast on an account with too little history).
 * `stale-token`: the service refuses the pagination token it issued and asks for the query again
 * without one (Cost Explorer's InvalidNextTokenException).
 * `forbidden`: HTTP 403, the caller may not use the API (a missing role, or the API is not enabled
 * in the project the quota is charged to).
 */
export type FaultKind = 'throttle' | 'server-error' | 'slow' | 'truncate' | 'malformed' | 'expired-token' | 'data-unavailable' | 'stale-token' | 'forbidden';

export interface Fault {
  readonly kind: FaultKind;
  /** Operation the fault applies to (server-specific name); any when absent. */
  readonly op?: string;
  /** Matching requests to let through before the fault starts. */
  readonly skip?: number;
  /** How many matching requests fail in a row (a burst). Default 1. */
  readonly times?: number;
  /** For `throttle`: the retry-after the server announces, in seconds. */
  readonly retryAfterSeconds?: number;
  /** For `slow`: how long the server waits before answering, in ms. */
  readonly delayMs?: number;
}

interface ActiveFault {
  readonly fault: Fault;
  skip: number;
  left: number;
}

/** Faults queued for a server; each request asks `take(op)` whether it should fail and how. */
export class FaultPlan {
  private readonly active: ActiveFault[] = [];
  /** Every fault that fired, in order: tests assert on it. */
  readonly fired: { kind: FaultKind; op: string }[] = [];

  add(fault: Fault): this {
    this.active.push({ fault, skip: fault.skip ?? 0, left: fault.times ?? 1 });
    return this;
  }

  clear(): void {
    this.active.length = 0;
    this.fired.length = 0;
  }

  take(op: string): Fault | undefined {
    for (const a of this.active) {
      if (a.left <= 0 || (a.fault.op !== undefined && a.fault.op !== op)) continue;
      if (a.skip > 0) {
        a.skip--;
        continue;
      }
      a.left--;
      this.fired.push({ kind: a.fault.kind, op });
      return a.fault;
    }
    return undefined;
  }
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
