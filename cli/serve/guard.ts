import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request guards for the loopback HTTP transport. The browser build of the renderer talks to
 * `headroom serve` over 127.0.0.1; these checks keep other web pages and other local users out:
 *
 * - **Host** must name the loopback address and our port exactly. A DNS-rebinding attack makes an
 *   attacker's hostname resolve to 127.0.0.1; the browser then sends `Host: evil.example:PORT`,
 *   which we refuse.
 * - **Origin**, when the browser sends one, must be our own origin. Cross-site `fetch`/form posts
 *   carry a foreign Origin and are refused before any work is done. `Sec-Fetch-Site: cross-site`
 *   is refused too (browsers that send it cannot be spoofed by page script).
 * - **Token**: every API call carries `Authorization: Bearer <session token>`; the token is random
 *   per server start, printed once in the URL fragment (never sent to the server by the browser as
 *   part of a URL) and compared in constant time.
 */
export interface GuardConfig {
  /** The port the server listens on (known after listen). */
  readonly port: number;
  /** The session token (base64url). */
  readonly token: string;
}

export type GuardResult = { readonly ok: true } | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** The origins the app itself runs on. */
export function allowedOrigins(port: number): string[] {
  return LOOPBACK_NAMES.map((h) => `http://${h}:${port}`);
}

/** Host and Origin checks: applies to every request, static files included. */
export function checkSite(headers: IncomingHttpHeaders, config: GuardConfig): GuardResult {
  const host = headers.host;
  const hosts = LOOPBACK_NAMES.map((h) => `${h}:${config.port}`);
  if (host === undefined || !hosts.includes(host.toLowerCase())) {
    return { ok: false, status: 403, message: `Host "${host ?? ''}" is not this server: open the URL headroom serve printed (http://127.0.0.1:${config.port}/…).` };
  }
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigins(config.port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, message: `Requests from ${origin} are refused: only the Headroom page itself may call this server.` };
  }
  if (headers['sec-fetch-site'] === 'cross-site') {
    return { ok: false, status: 403, message: 'Cross-site requests are refused.' };
  }
  return { ok: true };
}

/** Bearer-token check for API routes (constant-time comparison). */
export function checkToken(headers: IncomingHttpHeaders, config: GuardConfig): GuardResult {
  const auth = headers.authorization;
  const m = auth === undefined ? null : /^Bearer ([A-Za-z0-9_-]+)$/.exec(auth);
  const given = m?.[1];
  if (given === undefined || !sameSecret(given, config.token)) {
    return { ok: false, status: 401, message: 'Missing or wrong session token: open the URL headroom serve printed (it carries #token=…).' };
  }
  return { ok: true };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
