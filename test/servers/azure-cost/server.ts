/**
 * A loopback Azure Cost Management (ARM) plus an AAD-like token endpoint, shaped after the swagger
 * x-ms-examples in ../shared/data/azure/api-examples (Query_Usage, Forecast_Usage, api-version
 * 2025-03-01): `POST /{scope}/providers/Microsoft.CostManagement/query?api-version=…` with a bearer
 * token; the result is a table (`columns` + positional `rows`, `UsageDate` as a yyyymmdd Number);
 * paging through `nextLink` with `$skiptoken` (carrying an older api-version, as real nextLinks do);
 * `x-ms-ratelimit-microsoft.costmanagement-*` headers; 429s with their retry-after headers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays, dayRange, isDay, type Day } from '../../../core/lib';
import { FaultPlan, delay, listen, sendJson, sendMalformed, sendTruncated, type Loopback } from '../common/http';
import { fixed, type GenRow } from '../common/generate';
import { loopbackCert } from '../common/tls';

export const RL = 'x-ms-ratelimit-microsoft.costmanagement';
const SCOPE_RE = /^\/?(subscriptions\/[0-9a-f-]{36}(?:\/resourceGroups\/[^/]+)?|providers\/Microsoft\.Billing\/billingAccounts\/[^/]+(?:\/billingProfiles\/[^/]+)?|providers\/Microsoft\.Management\/managementGroups\/[^/]+)\/providers\/Microsoft\.CostManagement\/(query|forecast)$/i;
const DIMENSIONS: Record<string, keyof GenRow> = { ServiceName: 'service', ResourceLocation: 'region', SubscriptionId: 'account' };

export interface AzureCostOptions {
  /** `account` is the subscription id (a GUID). */
  readonly rows: readonly GenRow[];
  /** Rows per page before a nextLink. */
  readonly pageSize: number;
  /** QPU granted per window; each query consumes one per month of data queried. */
  readonly qpuPerWindow?: number;
}

export interface AzureThrottle {
  /** Seconds announced in each of the retry-after headers (the client must wait for the largest). */
  readonly qpu?: number;
  readonly entity?: number;
  readonly tenant?: number;
}

export interface AzureCostServer extends Loopback {
  readonly faults: FaultPlan;
  /** Retry-after values sent with injected 429s. */
  throttle: AzureThrottle;
  readonly received: { op: string; url: string; body: Record<string, unknown> }[];
  /** Successful query/forecast responses and the QPU they consumed. */
  readonly served: { queries: number; forecasts: number; qpu: number };
  readonly tokensIssued: number;
}

export async function startAzureCost(opts: AzureCostOptions): Promise<AzureCostServer> {
  const faults = new FaultPlan();
  const received: { op: string; url: string; body: Record<string, unknown> }[] = [];
  const served = { queries: 0, forecasts: 0, qpu: 0 };
  const tokens = new Set<string>();
  const expired = new Set<string>();
  let tokensIssued = 0;
  let qpuRemaining = opts.qpuPerWindow ?? 12_000;
  let baseUrl = '';
  const base = (): string => baseUrl;
  const state = { throttle: { qpu: 2, entity: 5, tenant: 1 } as AzureThrottle };

  const armError = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void =>
    sendJson(res, status, { error: { code, message } }, { 'x-ms-request-id': randomUUID(), ...headers });

  const token = (res: ServerResponse, body: string): void => {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials' || !form.get('client_id') || !form.get('client_secret') || !form.get('scope')?.endsWith('/.default')) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'AADSTS900144: client_credentials with client_id, client_secret and scope …/.default expected' });
    }
    const t = `loopback.${randomUUID()}`;
    tokens.add(t);
    tokensIssued++;
    sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: t });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const url = new URL(req.url ?? '/', base());
    if (req.method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(url.pathname)) return token(res, raw);
    const oidc = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && oidc) {
      // What MSAL reads to find the token endpoint of an authority.
      const t = oidc[1] ?? 'common';
      return sendJson(res, 200, {
        token_endpoint: `${base()}/${t}/oauth2/v2.0/token`,
        authorization_endpoint: `${base()}/${t}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base()}/${t}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base()}/${t}/oauth2/v2.0/logout`,
        issuer: `${base()}/${t}/v2.0`,
        jwks_uri: `${base()}/${t}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      });
    }
    const m = SCOPE_RE.exec(decodeURIComponent(url.pathname));
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      return armError(res, 400, 'BadRequest', 'The request body is not JSON');
    }
    const op = m?.[2]?.toLowerCase() ?? 'unknown';
    received.push({ op, url: req.url ?? '', body });
    if (req.method !== 'POST' || !m) return armError(res, 404, 'NotFound', `No route for ${req.method} ${url.pathname}`);
    if (!url.searchParams.get('api-version')) return armError(res, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    const auth = String(req.headers['authorization'] ?? '');
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!tokens.has(bearer)) return armError(res, 401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing or invalid.', { 'www-authenticate': 'Bearer error="invalid_token"' });
    const fault = faults.take(op);
    if (fault?.kind === 'expired-token') expired.add(bearer);
    if (expired.has(bearer)) {
      return armError(res, 401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.', {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired."',
      });
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 300);
    if (fault?.kind === 'throttle') {
      const t = fault.retryAfterSeconds !== undefined ? { qpu: fault.retryAfterSeconds } : state.throttle;
      const h: Record<string, string> = {};
      if (t.qpu !== undefined) h[`${RL}-qpu-retry-after`] = String(t.qpu);
      if (t.entity !== undefined) h[`${RL}-entity-retry-after`] = String(t.entity);
      if (t.tenant !== undefined) h[`${RL}-tenant-retry-after`] = String(t.tenant);
      return armError(res, 429, '429', 'Too many requests. Please retry.', h);
    }
    if (fault?.kind === 'server-error') return armError(res, 503, 'ServiceUnavailable', 'The service is temporarily unavailable.');

    let out: { body: unknown; qpu: number };
    try {
      out = op === 'query' ? query(body, url, m[1] ?? '') : forecast(body);
    } catch (e) {
      if (e instanceof ArmError) return armError(res, 400, e.code, e.message);
      throw e;
    }
    if (fault?.kind === 'truncate') return sendTruncated(res, 200, out.body);
    if (fault?.kind === 'malformed') return sendMalformed(res);
    qpuRemaining -= out.qpu;
    served.qpu += out.qpu;
    if (op === 'query') served.queries++;
    else served.forecasts++;
    sendJson(res, 200, out.body, {
      'x-ms-request-id': randomUUID(),
      [`${RL}-qpu-consumed`]: String(out.qpu),
      [`${RL}-qpu-remaining`]: `QueryUsage=${qpuRemaining}`,
      [`${RL}-entity-requests`]: '',
    });
  };

  const period = (body: Record<string, unknown>): Day[] => {
    if (body['timeframe'] !== 'Custom') throw new ArmError('BadRequest', 'This server answers timeframe Custom only');
    const tp = body['timePeriod'] as { from?: string; to?: string } | undefined;
    const f = tp?.from?.slice(0, 10);
    const t = tp?.to?.slice(0, 10);
    if (!f || !t || !isDay(f) || !isDay(t) || t < f) throw new ArmError('BadRequest', `Invalid timePeriod ${JSON.stringify(tp)}`);
    // The Query API's `to` is the last instant included (…T23:59:59).
    return dayRange(f, addDays(t, 1));
  };

  const query = (body: Record<string, unknown>, url: URL, scope: string): { body: unknown; qpu: number } => {
    const type = String(body['type']);
    if (type !== 'ActualCost' && type !== 'AmortizedCost' && type !== 'Usage') throw new ArmError('BadRequest', `Invalid query type ${type}`);
    const days = period(body);
    const ds = (body['dataset'] ?? {}) as { granularity?: string; aggregation?: Record<string, { name?: string; function?: string }>; grouping?: { type?: string; name?: string }[] };
    if (ds.granularity !== 'Daily') throw new ArmError('BadRequest', 'This server answers granularity Daily only');
    const aggs = Object.entries(ds.aggregation ?? {});
    const [alias, agg] = aggs[0] ?? [];
    if (aggs.length !== 1 || !agg || agg.function !== 'Sum' || (agg.name !== 'Cost' && agg.name !== 'PreTaxCost')) throw new ArmError('BadRequest', 'One Sum aggregation of Cost or PreTaxCost expected');
    const grouping = ds.grouping ?? [];
    if (grouping.length > 2) throw new ArmError('BadRequest', 'Invalid query definition: a query can group by at most 2 dimensions.');
    const fields = grouping.map((g) => {
      const f = g.type === 'Dimension' ? DIMENSIONS[String(g.name)] : undefined;
      if (!f) throw new ArmError('BadRequest', `Unsupported grouping ${JSON.stringify(g)}`);
      return f;
    });
    const sub = /^subscriptions\/([0-9a-f-]{36})/i.exec(scope)?.[1];
    const pick = type === 'AmortizedCost' ? 'amortized' : 'unblended';
    const cells = new Map<string, { day: Day; keys: string[]; cur: string; sum: bigint }>();
    const inPeriod = new Set(days);
    for (const r of opts.rows) {
      if (!inPeriod.has(r.day) || (sub && r.account !== sub)) continue;
      const keys = fields.map((f) => String(r[f]));
      const id = [r.day, ...keys, r.currency].join('\u0000');
      const c = cells.get(id) ?? { day: r.day, keys, cur: r.currency, sum: 0n };
      c.sum += r[pick];
      cells.set(id, c);
    }
    const all = [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
    const skip = url.searchParams.get('$skiptoken');
    const start = skip ? decodeSkip(skip) : 0;
    const page = all.slice(start, start + opts.pageSize);
    const more = start + opts.pageSize < all.length;
    const costCol = type === 'Usage' ? 'PreTaxCost' : (agg.name ?? 'Cost');
    void alias;
    const months = new Set(days.map((d) => d.slice(0, 7))).size;
    return {
      qpu: months,
      body: {
        id: `/${scope}/providers/Microsoft.CostManagement/query/${randomUUID()}`,
        name: randomUUID(),
        type: 'Microsoft.CostManagement/query',
        location: null,
        sku: null,
        eTag: null,
        tags: null,
        properties: {
          nextLink: more ? `${base()}/${scope}/providers/Microsoft.CostManagement/query?api-version=2021-10-01&$skiptoken=${encodeURIComponent(encodeSkip(start + opts.pageSize))}` : null,
          columns: [{ name: costCol, type: 'Number' }, { name: 'UsageDate', type: 'Number' }, ...grouping.map((g) => ({ name: String(g.name), type: 'String' })), { name: 'Currency', type: 'String' }],
          rows: page.map((c) => [Number(fixed(c.sum)), Number(c.day.replaceAll('-', '')), ...c.keys, c.cur]),
        },
      },
    };
  };

  const forecast = (body: Record<string, unknown>): { body: unknown; qpu: number } => {
    const days = period(body);
    const type = String(body['type']);
    const pick = type === 'AmortizedCost' ? 'amortized' : 'unblended';
    const dataDays = [...new Set(opts.rows.map((r) => r.day))].sort().slice(-28);
    const cur = opts.rows[0]?.currency ?? 'USD';
    let sum = 0n;
    for (const r of opts.rows) if (dataDays.includes(r.day)) sum += r[pick];
    const perDay = dataDays.length ? sum / BigInt(dataDays.length) : 0n;
    return {
      qpu: 1,
      body: {
        id: `subscriptions/x/providers/Microsoft.CostManagement/query/${randomUUID()}`,
        name: randomUUID(),
        type: 'Microsoft.CostManagement/query',
        properties: {
          nextLink: null,
          columns: [
            { name: 'PreTaxCost', type: 'Number' },
            { name: 'UsageDate', type: 'Number' },
            { name: 'CostStatus', type: 'String' },
            { name: 'Currency', type: 'String' },
          ],
          rows: days.map((d) => [Number(fixed(perDay)), Number(d.replaceAll('-', '')), 'Forecast', cur]),
        },
      },
    };
  };

  const lb = await listen(handle, loopbackCert());
  baseUrl = lb.url;
  return {
    ...lb,
    faults,
    get throttle() {
      return state.throttle;
    },
    set throttle(t: AzureThrottle) {
      state.throttle = t;
    },
    received,
    served,
    get tokensIssued() {
      return tokensIssued;
    },
  };
}

class ArmError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const encodeSkip = (n: number): string => Buffer.from(`skip:${n}`).toString('base64');
function decodeSkip(t: string): number {
  const m = /^skip:(\d+)$/.exec(Buffer.from(t, 'base64').toString('utf8'));
  if (!m) throw new ArmError('BadRequest', 'Invalid $skiptoken');
  return Number(m[1]);
}
