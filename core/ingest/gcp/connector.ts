/**
 * The GCP connector: the Cloud Billing export in BigQuery through `@google-cloud/bigquery`, with
 * Application Default Credentials unless an auth client is given. Every sync plans with dry runs
 * first (free: they report the bytes the query will scan and bill), then runs one aggregating
 * query per range and pages through its results (jobs.query, then getQueryResults). The client's own
 * retries are off; retries happen here with the service's Retry-After when it sends one.
 */
import { BigQuery } from '@google-cloud/bigquery';
import { HeadroomError, dayOf } from '../../lib';
import type { ChargeRow } from '../../model';
import { backoffMs, connectFailure, openDays, parseRetryAfter, withRetry, type CallContext, type Connector, type ConnectorPlan, type DayRange, type RangeFetch, type RangePlan, type RetryDecision } from '../remote';
import { GcpBilling } from './billing';
import { bqRowToCharge, type WireRow } from './bq-rows-to-charges';
import { billingQuery, isExportTable, queryParams } from './sql';

/** Non-secret settings of a GCP source. */
export interface GcpSettings {
  /** The billing export table, PROJECT.DATASET.TABLE. */
  readonly table: string;
  readonly billingAccount?: string;
  /** Project that runs (and pays for) the query jobs; the table's project by default. */
  readonly project?: string;
  /** BigQuery location of the dataset (US, EU, …). */
  readonly location?: string;
  /** BigQuery API endpoint (private service connect, a test server). */
  readonly apiEndpoint?: string;
  /** Cloud Billing API endpoint `host[:port]`. */
  readonly billingApiEndpoint?: string;
}

/** Rows per result page the connector asks for. */
export const PAGE_ROWS = 10_000;

export interface GcpLearned {
  /** Largest page seen before a pageToken (the server's cap for this result shape). */
  readonly pageSize?: number;
  readonly rowsPerDay?: number;
}

export interface GcpConnectorOptions {
  readonly settings: GcpSettings;
  readonly clock: () => Date;
  /** A google-auth-library client; ADC when absent. */
  readonly authClient?: unknown;
  /** `http` for loopback test servers. */
  readonly billingProtocol?: 'http' | 'https';
  readonly learned?: GcpLearned;
  readonly maxAttempts?: number;
  readonly rand?: () => number;
}

interface ApiErrorLike {
  code?: number | string;
  message?: string;
  errors?: { reason?: string }[];
  response?: { headers?: Record<string, string | string[] | undefined> };
  name?: string;
}

export class GcpConnector implements Connector {
  readonly provider = 'Google Cloud' as const;
  private readonly bq: BigQuery;
  private readonly settings: GcpSettings;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly rand: () => number;
  private readonly opts: GcpConnectorOptions;
  private billingAccountName: string | null | undefined;
  private learnedState: { pageSize: number | undefined; rowsPerDay: number | undefined };

  constructor(opts: GcpConnectorOptions) {
    if (!isExportTable(opts.settings.table)) throw new HeadroomError('BAD_INPUT', `"${opts.settings.table}" is not a BigQuery table PROJECT.DATASET.TABLE (the Cloud Billing export table, e.g. my-proj.billing.gcp_billing_export_v1_XXXXXX).`);
    this.opts = opts;
    this.settings = opts.settings;
    this.clock = opts.clock;
    this.maxAttempts = opts.maxAttempts ?? 6;
    this.rand = opts.rand ?? Math.random;
    this.learnedState = { pageSize: opts.learned?.pageSize, rowsPerDay: opts.learned?.rowsPerDay };
    const project = opts.settings.project ?? opts.settings.table.split('.')[0] ?? '';
    this.bq = new BigQuery({
      projectId: project,
      retryOptions: { autoRetry: false, maxRetries: 0 },
      ...(opts.settings.location ? { location: opts.settings.location } : {}),
      ...(opts.settings.apiEndpoint ? { apiEndpoint: opts.settings.apiEndpoint } : {}),
      ...(opts.authClient ? { authClient: opts.authClient as never } : {}),
    });
  }

  learned(): GcpLearned {
    return { ...(this.learnedState.pageSize ? { pageSize: this.learnedState.pageSize } : {}), ...(this.learnedState.rowsPerDay !== undefined ? { rowsPerDay: this.learnedState.rowsPerDay } : {}) };
  }

  billing(): GcpBilling {
    return new GcpBilling({
      ...(this.settings.billingApiEndpoint ? { apiEndpoint: this.settings.billingApiEndpoint } : {}),
      ...(this.opts.billingProtocol ? { protocol: this.opts.billingProtocol } : {}),
      ...(this.opts.authClient ? { authClient: this.opts.authClient } : {}),
    });
  }

  private params(range: DayRange): Record<string, unknown> {
    const p = queryParams(range);
    return { from: BigQuery.date(p.from), to: BigQuery.date(p.to), partition_from: BigQuery.date(p.partition_from), partition_to: BigQuery.date(p.partition_to) };
  }

  /** Dry runs (free) give the bytes each range's query will scan; the billing account's name comes from Cloud Billing. */
  async plan(ranges: readonly DayRange[], ctx: CallContext): Promise<ConnectorPlan> {
    let requests = 0;
    if (ranges.length > 0 && this.settings.billingAccount && this.billingAccountName === undefined) requests += await this.loadBillingAccountName(ctx);
    const planned: RangePlan[] = [];
    for (const r of ranges) {
      const [, meta] = await this.send(() => this.bq.createQueryJob({ query: billingQuery(this.settings.table), params: this.params(r), dryRun: true, ...(this.settings.location ? { location: this.settings.location } : {}) }), ctx);
      requests++;
      const bytes = Number((meta as { statistics?: { totalBytesProcessed?: string } }).statistics?.totalBytesProcessed ?? 0);
      const days = Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000);
      const size = Math.min(this.learnedState.pageSize ?? PAGE_ROWS, PAGE_ROWS);
      const pages = this.learnedState.rowsPerDay === undefined ? 1 : Math.max(1, Math.ceil((this.learnedState.rowsPerDay * days) / size));
      planned.push({ ...r, requests: pages, pages, estimated_cost: { bytes } });
      ctx.progress?.({ phase: 'plan', done: planned.length, total: ranges.length, message: `GCP dry run ${r.from}..${r.to}: ${bytes} bytes to scan` });
    }
    return { planning: { requests, pages: 0, estimated_cost: { bytes: 0 } }, ranges: planned };
  }

  /**
   * The billing account's display name from Cloud Billing. Only the name depends on it: when Cloud
   * Billing refuses (HTTP 403: the API is not enabled in the quota project, or no Billing Account
   * Viewer role) the rows keep the account id without a name, and the sync goes on.
   */
  private async loadBillingAccountName(ctx: CallContext): Promise<number> {
    const b = this.billing();
    try {
      let refused: string | undefined;
      const accounts = await this.send(
        () =>
          b.billingAccounts().catch((e: unknown) => {
            const x = e as { code?: unknown; status?: unknown; message?: unknown } | undefined;
            if (x?.code !== 403 && x?.status !== 403) throw e;
            refused = googleErrorText(x.message);
            return [];
          }),
        ctx,
      );
      if (refused !== undefined) {
        ctx.progress?.({ phase: 'plan', done: 0, message: `Cloud Billing refused to list billing accounts (HTTP 403 ${refused}): rows keep the billing account id without its name. Enable the Cloud Billing API and grant Billing Account Viewer to get names.` });
      }
      this.billingAccountName = accounts.find((a) => a.id === this.settings.billingAccount)?.displayName ?? null;
      return b.requests;
    } finally {
      await b.close();
    }
  }

  async fetchRange(range: DayRange, ctx: CallContext): Promise<RangeFetch> {
    const loc = this.settings.location ? { location: this.settings.location } : {};
    const name = this.billingAccountName ?? null;
    const [firstRows, , first] = (await this.send(
      () => this.bq.query({ query: billingQuery(this.settings.table), params: this.params(range), maxResults: PAGE_ROWS, skipParsing: true, ...loc }, { autoPaginate: false }),
      ctx,
    )) as unknown as [WireRow[], unknown, { jobReference?: { jobId?: string; location?: string }; pageToken?: string; totalRows?: string; totalBytesProcessed?: string }];
    let requests = 1;
    const rows: ChargeRow[] = [];
    const take = (page: readonly WireRow[]): void => {
      for (const r of page) rows.push(bqRowToCharge(r, name, rows.length + 1));
    };
    take(firstRows);
    const total = Number(first.totalRows ?? firstRows.length);
    const bytes = Number(first.totalBytesProcessed ?? 0);
    let token = first.pageToken;
    const jobId = first.jobReference?.jobId;
    if (token && jobId) this.learnedState.pageSize = Math.max(this.learnedState.pageSize ?? 0, firstRows.length);
    while (token) {
      if (!jobId) throw new HeadroomError('REMOTE', 'BigQuery returned a pageToken without a job reference; re-run the sync.');
      const job = this.bq.job(jobId, { location: first.jobReference?.location ?? this.settings.location });
      const pageToken: string = token;
      const [pageRows, , resp] = (await this.send(() => job.getQueryResults({ pageToken, maxResults: PAGE_ROWS, autoPaginate: false, skipParsing: true } as never), ctx)) as unknown as [WireRow[], unknown, { pageToken?: string }];
      requests++;
      take(pageRows);
      token = resp.pageToken;
      if (token) this.learnedState.pageSize = Math.max(this.learnedState.pageSize ?? 0, pageRows.length);
      ctx.progress?.({ phase: 'fetch', done: requests, message: `GCP ${range.from}..${range.to}: ${rows.length} of ${total} rows` });
    }
    if (rows.length !== total) throw new HeadroomError('REMOTE', `BigQuery said the result has ${total} rows but ${rows.length} came down; nothing of ${range.from} … ${range.to} was written. Re-run the sync.`);
    for (const r of rows) if (r.ChargePeriodStart < range.from || r.ChargePeriodStart >= range.to) throw new HeadroomError('REMOTE', `BigQuery returned ${r.ChargePeriodStart}, outside ${range.from} … ${range.to}; re-run the sync.`);
    this.learnedState.rowsPerDay = Math.ceil(rows.length / Math.max(1, Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000)));
    return { ...range, rows, openDays: openDays(range, dayOf(this.clock())), requests, pages: requests, cost: { bytes } };
  }

  private send<T>(call: () => Promise<T>, ctx: CallContext): Promise<T> {
    return withRetry(call, (e, n) => this.decide(e, n), { sleep: ctx.sleep, maxAttempts: this.maxAttempts, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onRetry ? { onRetry: ctx.onRetry } : {}) });
  }

  decide(err: unknown, attempt: number): RetryDecision {
    if (err instanceof HeadroomError) return { retry: false, error: err };
    const e = (err ?? {}) as ApiErrorLike;
    const status = typeof e.code === 'number' ? e.code : undefined;
    const reason = e.errors?.[0]?.reason ?? '';
    const h = e.response?.headers?.['retry-after'];
    const ra = parseRetryAfter(Array.isArray(h) ? h[0] : h);
    if (status === 429 || reason === 'rateLimitExceeded' || reason === 'backendError' || (status !== undefined && status >= 500)) {
      return { retry: true, delayMs: ra ?? backoffMs(attempt, this.rand, 1000, 32_000), reason: `BigQuery answered HTTP ${status ?? '?'} ${reason}`.trim() };
    }
    if (status === 401 || status === 403 || /invalid_grant|Could not load the default credentials|unauthenticated/i.test(e.message ?? '')) {
      return {
        retry: false,
        error: new HeadroomError('AUTH', `Google rejected the credentials (${status ?? ''} ${reason || e.message || ''}). The account needs roles/bigquery.dataViewer on the export dataset and roles/bigquery.jobUser on the query project (and Billing Account Viewer for account names); run "gcloud auth application-default login" and rerun the sync.`, { cause: err }),
      };
    }
    if (status !== undefined && status >= 400) return { retry: false, error: new HeadroomError('REMOTE', `BigQuery refused the query (HTTP ${status} ${reason}): ${e.message ?? ''}`, { cause: err }) };
    if (e.name === 'AbortError') return { retry: false, error: err as Error };
    const unreachable = connectFailure(err);
    if (unreachable) return { retry: true, delayMs: backoffMs(attempt, this.rand, 1000, 32_000), reason: `could not connect to BigQuery (${unreachable}); check the source's --api-endpoint ("headroom source list") and the network` };
    return { retry: true, delayMs: backoffMs(attempt, this.rand, 1000, 32_000), reason: `the response was cut off or unreadable (${e.name ?? ''}: ${(e.message ?? '').slice(0, 120)})` };
  }
}

/** A Google API error's own message: its body is often the JSON `{"error": {"message": …}}`. */
function googleErrorText(message: unknown): string {
  const text = typeof message === 'string' ? message : String(message);
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof m === 'string') return m;
  } catch {
    /* not JSON */
  }
  return text.slice(0, 200);
}
