/**
 * A loopback BigQuery REST API v2 for the billing-export query Headroom runs: `jobs.insert` with
 * `dryRun` (statistics.totalBytesProcessed), `jobs.query` (POST /projects/P/queries) and
 * `jobs.getQueryResults` (GET /projects/P/queries/JOB with pageToken/maxResults), rows in the
 * `{f:[{v}]}` wire form, plus the OAuth token endpoint. It does not parse SQL: it checks that the
 * query has the shape a billing query must have — the export table, a `_PARTITIONTIME` filter
 * (else the 400 BigQuery gives for tables that require one), credits via UNNEST, GROUP BY — and
 * computes that aggregation over its generated export rows. Bytes scanned = rows in the scanned
 * partitions × the bytes of the columns the query reads.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDay, type Day } from '../../../core/lib';
import { GoogleTokens, googleError } from '../common/google-oauth';
import { FaultPlan, delay, listen, sendJson, sendMalformed, sendTruncated, type Loopback } from '../common/http';
import { fixed } from '../common/generate';
import type { ExportRow } from './export';

/** Bytes per export row of the columns the billing query reads (dates, ids, names, cost, credits, usage). */
export const BYTES_PER_ROW = 312;

export interface BigQueryOptions {
  readonly project: string;
  /** `dataset.table` inside `project`. */
  readonly table: string;
  readonly rows: readonly ExportRow[];
  /** Largest page the server returns, whatever maxResults asks. */
  readonly maxPageRows: number;
  readonly tokens?: GoogleTokens;
}

export interface BigQueryServer extends Loopback {
  readonly faults: FaultPlan;
  readonly tokens: GoogleTokens;
  readonly received: { op: string; url: string; body: Record<string, unknown> }[];
  /** Bytes billed by completed (non-dry-run) queries, and dry runs answered. */
  readonly billed: { bytes: number; queries: number; dryRuns: number; pages: number };
}

interface Result {
  readonly schema: unknown;
  readonly rows: { f: { v: string | null }[] }[];
  readonly bytes: number;
}

const SCHEMA = {
  fields: [
    ['usage_date', 'DATE'],
    ['billing_account_id', 'STRING'],
    ['project_id', 'STRING'],
    ['project_name', 'STRING'],
    ['service_id', 'STRING'],
    ['service', 'STRING'],
    ['sku_id', 'STRING'],
    ['sku', 'STRING'],
    ['region', 'STRING'],
    ['currency', 'STRING'],
    ['cost', 'NUMERIC'],
    ['credits', 'NUMERIC'],
    ['usage_amount', 'NUMERIC'],
    ['usage_unit', 'STRING'],
  ].map(([name, type]) => ({ name, type, mode: 'NULLABLE' })),
};

class BqError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startBigQuery(opts: BigQueryOptions): Promise<BigQueryServer> {
  const faults = new FaultPlan();
  const tokens = opts.tokens ?? new GoogleTokens();
  const received: { op: string; url: string; body: Record<string, unknown> }[] = [];
  const billed = { bytes: 0, queries: 0, dryRuns: 0, pages: 0 };
  const results = new Map<string, Result>();
  const fq = `${opts.project}.${opts.table}`;

  const params = (body: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const p of (body['queryParameters'] ?? []) as { name?: string; parameterValue?: { value?: string } }[]) if (p.name) out[p.name] = String(p.parameterValue?.value ?? '');
    return out;
  };

  /** Validates the billing query and computes it. */
  const run = (sql: string, p: Record<string, string>): Result => {
    if (!sql.includes(`\`${fq}\``)) throw new BqError(404, 'notFound', `Not found: Table ${fq.replace('.', ':')} was not found in location US`);
    if (!/_PARTITIONTIME\s*>=\s*TIMESTAMP\(@partition_from\)/.test(sql) || !/_PARTITIONTIME\s*<\s*TIMESTAMP\(@partition_to\)/.test(sql)) {
      throw new BqError(400, 'invalidQuery', `Cannot query over table '${fq}' without a filter over column(s) '_PARTITIONTIME' that can be used for partition elimination`);
    }
    if (!/UNNEST\(credits\)/.test(sql) || !/GROUP BY/.test(sql)) throw new BqError(400, 'invalidQuery', 'This loopback answers the Headroom billing aggregation only (credits via UNNEST, GROUP BY)');
    for (const k of ['from', 'to', 'partition_from', 'partition_to']) if (!isDay(p[k] ?? '')) throw new BqError(400, 'invalidQuery', `Query parameter @${k} must be a DATE, got "${p[k]}"`);
    const from = p['from'] as Day;
    const to = p['to'] as Day;
    const pf = p['partition_from'] as Day;
    const pt = p['partition_to'] as Day;
    const scanned = opts.rows.filter((r) => r.partition >= pf && r.partition < pt);
    const groups = new Map<string, { r: ExportRow; cost: bigint; credits: bigint; usage: bigint }>();
    for (const r of scanned) {
      if (r.usageDay < from || r.usageDay >= to) continue;
      const k = [r.usageDay, r.billingAccountId, r.projectId, r.serviceId, r.skuId, r.region, r.currency].join('\u0000');
      const g = groups.get(k) ?? { r, cost: 0n, credits: 0n, usage: 0n };
      g.cost += r.cost;
      g.credits += r.credits.reduce((s, c) => s + c.amount, 0n);
      g.usage += r.usage;
      groups.set(k, g);
    }
    const rows = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, g]) => ({
        f: [g.r.usageDay, g.r.billingAccountId, g.r.projectId, g.r.projectName, g.r.serviceId, g.r.service, g.r.skuId, g.r.sku, g.r.region, g.r.currency, fixed(g.cost, 9), fixed(g.credits, 9), fixed(g.usage, 9), g.r.usageUnit].map((v) => ({ v })),
      }));
    return { schema: SCHEMA, rows, bytes: scanned.length * BYTES_PER_ROW };
  };

  const page = (jobId: string, res: Result, start: number, maxResults: number | undefined, kind: string): Record<string, unknown> => {
    const size = Math.min(maxResults ?? opts.maxPageRows, opts.maxPageRows);
    const slice = res.rows.slice(start, start + size);
    const more = start + size < res.rows.length;
    billed.pages++;
    return {
      kind,
      schema: res.schema,
      jobReference: { projectId: opts.project, jobId, location: 'US' },
      totalRows: String(res.rows.length),
      ...(more ? { pageToken: Buffer.from(`${jobId}:${start + size}`).toString('base64') } : {}),
      rows: slice,
      totalBytesProcessed: String(res.bytes),
      jobComplete: true,
      cacheHit: false,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/token') return tokens.handleToken(res, raw);
    const m = /^\/bigquery\/v2\/projects\/([^/]+)\/(jobs|queries)(?:\/([^/]+))?$/.exec(url.pathname);
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return googleError(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.', 'parseError');
      }
    }
    const op = !m ? 'unknown' : m[2] === 'jobs' ? 'jobs.insert' : m[3] ? 'jobs.getQueryResults' : 'jobs.query';
    received.push({ op, url: req.url ?? '', body });
    if (!m) return googleError(res, 404, 'NOT_FOUND', `No route ${req.method} ${url.pathname}`, 'notFound');
    const token = tokens.check(req);
    if (!token) return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.', 'authError', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });
    const fault = faults.take(op);
    if (fault?.kind === 'expired-token') {
      tokens.expire(token);
      return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.', 'authError');
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 300);
    if (fault?.kind === 'throttle') return googleError(res, 429, 'RESOURCE_EXHAUSTED', 'Exceeded rate limits: too many api requests per user per method for this user_method.', 'rateLimitExceeded', fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
    if (fault?.kind === 'server-error') return googleError(res, 503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError');
    let out: Record<string, unknown>;
    try {
      if (op === 'jobs.insert') {
        const cfg = (body['configuration'] ?? {}) as { dryRun?: boolean; query?: { query?: string; queryParameters?: unknown } };
        if (!cfg.dryRun) throw new BqError(400, 'invalid', 'This loopback runs queries through jobs.query; jobs.insert is for dry runs');
        const r = run(String(cfg.query?.query ?? ''), params(cfg.query ?? {}));
        billed.dryRuns++;
        out = {
          kind: 'bigquery#job',
          id: `${opts.project}:US.`,
          jobReference: { projectId: opts.project, location: 'US' },
          configuration: { ...cfg, jobType: 'QUERY' },
          status: { state: 'DONE' },
          statistics: { creationTime: '0', totalBytesProcessed: String(r.bytes), query: { totalBytesProcessed: String(r.bytes), totalBytesBilled: '0', cacheHit: false, statementType: 'SELECT' } },
        };
      } else if (op === 'jobs.query') {
        if (body['useLegacySql'] !== false) throw new BqError(400, 'invalidQuery', 'Legacy SQL is not supported here: set useLegacySql false');
        const r = run(String(body['query'] ?? ''), params(body));
        const jobId = `job_${randomUUID().replaceAll('-', '')}`;
        results.set(jobId, r);
        billed.queries++;
        billed.bytes += r.bytes;
        out = page(jobId, r, 0, body['maxResults'] === undefined ? undefined : Number(body['maxResults']), 'bigquery#queryResponse');
      } else {
        const jobId = m[3] ?? '';
        const r = results.get(jobId);
        if (!r) throw new BqError(404, 'notFound', `Not found: Job ${opts.project}:US.${jobId}`);
        const tok = url.searchParams.get('pageToken');
        const start = tok ? Number(Buffer.from(tok, 'base64').toString('utf8').split(':')[1]) : 0;
        const mr = url.searchParams.get('maxResults');
        out = page(jobId, r, start, mr === null ? undefined : Number(mr), 'bigquery#getQueryResultsResponse');
      }
    } catch (e) {
      if (e instanceof BqError) return googleError(res, e.code, e.code === 404 ? 'NOT_FOUND' : 'INVALID_ARGUMENT', e.message, e.reason);
      throw e;
    }
    if (fault?.kind === 'truncate') return sendTruncated(res, 200, out);
    if (fault?.kind === 'malformed') return sendMalformed(res);
    sendJson(res, 200, out);
  };

  const lb = await listen(handle);
  return { ...lb, faults, tokens, received, billed };
}
