/**
 * A TokenCredential for tests that gets a real bearer token over HTTP from the loopback AAD token
 * endpoint (OAuth 2.0 client credentials grant, RFC 6749 §4.4) — the exchange @azure/identity's
 * ClientSecretCredential performs, which MSAL only allows against https authorities.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

export class LoopbackClientCredential implements TokenCredential {
  calls = 0;
  constructor(
    private readonly authorityHost: string,
    private readonly tenantId: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    this.calls++;
    const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
    const res = await fetch(`${this.authorityHost}/${this.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret, scope }).toString(),
      ...(options?.abortSignal ? { signal: options.abortSignal as AbortSignal } : {}),
    });
    const json = (await res.json()) as { access_token?: string; expires_in?: number; error_description?: string };
    if (!res.ok || !json.access_token) throw new Error(`token endpoint said ${res.status}: ${json.error_description ?? ''}`);
    return { token: json.access_token, expiresOnTimestamp: Date.now() + (json.expires_in ?? 3600) * 1000 };
  }
}
