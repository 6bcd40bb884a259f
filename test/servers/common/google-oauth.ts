/**
 * A loopback Google OAuth 2.0 token endpoint (the refresh-token grant, RFC 6749 §6, as
 * google-auth-library's UserRefreshClient performs it) and the bearer check the loopback Google
 * APIs share. Tokens can be revoked to act out "the token expired mid-sync".
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http';

export const CLIENT_ID = 'loopback-client.apps.googleusercontent.com';
export const CLIENT_SECRET = 'loopback-client-secret';
export const REFRESH_TOKEN = 'loopback-refresh-token';

export class GoogleTokens {
  private readonly live = new Set<string>();
  issued = 0;

  /** POST /token with grant_type=refresh_token. */
  handleToken(res: ServerResponse, body: string): void {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== REFRESH_TOKEN || form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
    }
    const t = `ya29.loopback-${randomUUID()}`;
    this.live.add(t);
    this.issued++;
    sendJson(res, 200, { access_token: t, expires_in: 3599, scope: 'https://www.googleapis.com/auth/cloud-platform', token_type: 'Bearer' });
  }

  /** The request's bearer token when it is live. */
  check(req: IncomingMessage): string | undefined {
    const h = String(req.headers['authorization'] ?? '');
    const t = h.startsWith('Bearer ') ? h.slice(7) : '';
    return this.live.has(t) ? t : undefined;
  }

  expire(token: string): void {
    this.live.delete(token);
  }
}

/** The Google API error envelope. */
export function googleError(res: ServerResponse, code: number, status: string, message: string, reason: string, headers: Record<string, string> = {}): void {
  sendJson(res, code, { error: { code, message, status, errors: [{ message, domain: 'global', reason }] } }, headers);
}
