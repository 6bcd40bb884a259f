/**
 * The Azure connector: Cost Management through `@azure/arm-costmanagement` with
 * `DefaultAzureCredential` (environment, workload identity, managed identity, Azure CLI …).
 * The cloud's ARM endpoint and authority host come from the source (`cloud`, `endpoint`,
 * `authorityHost`) or `AZURE_AUTHORITY_HOST`. The pipeline's own retries are off so every 429 is
 * paced here by the largest `x-ms-ratelimit-microsoft.costmanagement-*-retry-after` header, and
 * `nextLink` is followed verbatim (POST with the same body), whatever api-version it carries.
 */
import type { Agent } from 'node:https';
import { CostManagementClient, type QueryDefinition } from '@azure/arm-costmanagement';
import type { TokenCredential } from '@azure/core-auth';
import { RestError, createHttpHeaders, createPipelineRequest, type HttpHeaders } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential } from '@azure/identity';
import { HeadroomError, addDays, dayOf } from '../../lib';
import { backoffMs, connectFailure, openDays, parseRetryAfter, withRetry, type CallContext, type Connector, type ConnectorPlan, type CostEstimate, type DayRange, type ProviderForecast, type RangeFetch, type RetryDecision } from '../remote';
import { COST_TYPES, groupingFor, monthsSpanned, parseScope, planRange, type AzureLearned, type CostType, type ParsedScope } from './plan';
import { queryCellsToCharges, readQueryTable, type QueryCell, type QueryTable } from './query-to-charges';

export type AzureCloud = 'public' | 'china' | 'usgov';

/** ARM endpoint and Entra ID authority of each Azure cloud. */
export const AZURE_CLOUDS: Readonly<Record<AzureCloud, { readonly arm: string; readonly authority: string }>> = {
  public: { arm: 'https://management.azure.com', authority: 'https://login.microsoftonline.com' },
  china: { arm: 'https://management.chinacloudapi.cn', authority: 'https://login.chinacloudapi.cn' },
  usgov: { arm: 'https://management.usgovcloudapi.net', authority: 'https://login.microsoftonline.us' },
};

/** Non-secret settings of an Azure source. */
export interface AzureSettings {
  readonly scope: string;
  readonly cloud?: AzureCloud;
  readonly endpoint?: string;
  readonly authorityHost?: string;
  readonly tenantId?: string;
  /** Largest QPU one sync may spend. */
  readonly qpuBudget?: number;
}

export interface AzureConnectorOptions {
  readonly settings: AzureSettings;
  readonly clock: () => Date;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A credential other than DefaultAzureCredential (embedders, tests). */
  readonly credential?: TokenCredential;
  /** An https agent (a private endpoint behind a corporate CA, a test server). */
  readonly agent?: Agent;
  readonly learned?: AzureLearned;
  readonly maxAttempts?: number;
  readonly rand?: () => number;
}

export const RATELIMIT_PREFIX = 'x-ms-ratelimit-microsoft.costmanagement-';

/** The longest wait any retry-after header asks for (seconds → ms); undefined when none was sent. */
export function retryAfterFromHeaders(headers: Iterable<[string, string]>): number | undefined {
  let best: number | undefined;
  for (const [name, value] of headers) {
    const n = name.toLowerCase();
    if (n === 'retry-after' || (n.startsWith(RATELIMIT_PREFIX) && n.endsWith('-retry-after'))) {
      const ms = parseRetryAfter(value);
      if (ms !== undefined) best = Math.max(best ?? 0, ms);
    }
  }
  return best;
}

function qpuConsumed(headers: HttpHeaders | undefined): number | undefined {
  const v = headers?.get(`${RATELIMIT_PREFIX}qpu-consumed`);
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

interface Page {
  readonly table: QueryTable;
  readonly nextLink: string | undefined;
  readonly headers: HttpHeaders | undefined;
}

export class AzureConnector implements Connector {
  readonly provider = 'Microsoft' as const;
  private readonly client: CostManagementClient;
  private readonly scope: ParsedScope;
  private readonly grouping: readonly [string, string];
  private readonly settings: AzureSettings;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly rand: () => number;
  private qpuSpent = 0;
  private learnedState: { pageSize: number | undefined; rowsPerDay: Partial<Record<CostType, number>> };

  constructor(opts: AzureConnectorOptions) {
    const scope = parseScope(opts.settings.scope);
    if (!scope) {
      throw new HeadroomError(
        'BAD_INPUT',
        `"${opts.settings.scope}" is not a Cost Management scope. Use /subscriptions/ID, /subscriptions/ID/resourceGroups/RG, /providers/Microsoft.Billing/billingAccounts/ID[/billingProfiles/ID] or /providers/Microsoft.Management/managementGroups/ID.`,
      );
    }
    this.scope = scope;
    this.grouping = groupingFor(scope);
    this.settings = opts.settings;
    this.clock = opts.clock;
    this.maxAttempts = opts.maxAttempts ?? 6;
    this.rand = opts.rand ?? Math.random;
    this.learnedState = { pageSize: opts.learned?.pageSize, rowsPerDay: { ...(opts.learned?.rowsPerDay ?? {}) } };
    const env = opts.env ?? {};
    const cloud = AZURE_CLOUDS[opts.settings.cloud ?? 'public'];
    const endpoint = (opts.settings.endpoint ?? cloud.arm).replace(/\/+$/, '');
    const credential =
      opts.credential ??
      new DefaultAzureCredential({
        authorityHost: opts.settings.authorityHost ?? env['AZURE_AUTHORITY_HOST'] ?? cloud.authority,
        ...(opts.settings.tenantId ? { tenantId: opts.settings.tenantId } : {}),
      });
    this.client = new CostManagementClient(credential, {
      endpoint,
      $host: endpoint,
      credentialScopes: [`${cloud.arm}/.default`],
      retryOptions: { maxRetries: 0 },
      ...(opts.agent ? { agent: opts.agent } : {}),
    });
  }

  learned(): AzureLearned {
    return { ...(this.learnedState.pageSize ? { pageSize: this.learnedState.pageSize } : {}), rowsPerDay: { ...this.learnedState.rowsPerDay } };
  }

  async plan(ranges: readonly DayRange[]): Promise<ConnectorPlan> {
    return { planning: { requests: 0, pages: 0, estimated_cost: { qpu: 0 } }, ranges: ranges.map((r) => planRange(r, this.learned())) };
  }

  /** The Query API body; `to` is the last instant included. Dates as the SDK serialises them. */
  private definition(type: CostType, range: DayRange): { sdk: QueryDefinition; wire: Record<string, unknown> } {
    const from = new Date(`${range.from}T00:00:00Z`);
    const to = new Date(`${addDays(range.to, -1)}T23:59:59Z`);
    const dataset = {
      granularity: 'Daily',
      aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      grouping: this.grouping.map((name) => ({ type: 'Dimension', name })),
    };
    return {
      sdk: { type, timeframe: 'Custom', timePeriod: { from, to }, dataset } as QueryDefinition,
      wire: { type, timeframe: 'Custom', timePeriod: { from: from.toISOString(), to: to.toISOString() }, dataset },
    };
  }

  private checkBudget(range: DayRange): void {
    const budget = this.settings.qpuBudget;
    if (budget !== undefined && this.qpuSpent + monthsSpanned(range) > budget) {
      throw new HeadroomError('THROTTLED', `This sync reached its QPU budget (${budget}; ${this.qpuSpent} spent). Nothing of the range ${range.from} … ${range.to} was written. Raise --qpu-budget on the source or sync a shorter range.`);
    }
  }

  private async firstPage(type: CostType, range: DayRange, ctx: CallContext): Promise<Page> {
    const { sdk } = this.definition(type, range);
    let headers: HttpHeaders | undefined;
    const r = await this.client.query.usage(this.scope.path, sdk, {
      ...(ctx.signal ? { abortSignal: ctx.signal } : {}),
      onResponse: (raw) => {
        headers = raw.headers;
      },
    });
    return { table: { columns: r.columns ?? [], rows: (r.rows ?? []) as unknown[][] }, nextLink: r.nextLink ?? undefined, headers };
  }

  /** Follows a nextLink exactly as given: POST with the same body through the client's pipeline (auth included). */
  private async nextPage(nextLink: string, type: CostType, range: DayRange, ctx: CallContext): Promise<Page> {
    const req = createPipelineRequest({
      url: nextLink,
      method: 'POST',
      body: JSON.stringify(this.definition(type, range).wire),
      headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', accept: 'application/json' }),
      ...(ctx.signal ? { abortSignal: ctx.signal } : {}),
    });
    const res = await this.client.sendRequest(req);
    const text = res.bodyAsText ?? '';
    if (res.status >= 400) {
      let code: string | undefined;
      let message = text;
      try {
        const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
        code = e?.code;
        message = e?.message ?? text;
      } catch {
        /* not JSON */
      }
      throw new RestError(message, { statusCode: res.status, response: res, ...(code ? { code } : {}) });
    }
    let body: { properties?: { columns?: QueryTable['columns']; rows?: unknown[][]; nextLink?: string | null } };
    try {
      body = JSON.parse(text) as typeof body;
    } catch (e) {
      throw new RestError(`Error "${String(e)}" occurred while parsing the response body - ${text.slice(0, 80)}.`, { code: RestError.PARSE_ERROR, statusCode: res.status, response: res });
    }
    return { table: { columns: body.properties?.columns ?? [], rows: body.properties?.rows ?? [] }, nextLink: body.properties?.nextLink ?? undefined, headers: res.headers };
  }

  async fetchRange(range: DayRange, ctx: CallContext): Promise<RangeFetch> {
    let requests = 0;
    let qpu = 0;
    const cells: Record<CostType, QueryCell[]> = { ActualCost: [], AmortizedCost: [] };
    for (const type of COST_TYPES) {
      let link: string | undefined;
      let first = true;
      let rows = 0;
      while (first || link) {
        this.checkBudget(range);
        const current = link;
        const page = await this.send(() => (current === undefined ? this.firstPage(type, range, ctx) : this.nextPage(current, type, range, ctx)), ctx);
        first = false;
        requests++;
        const used = qpuConsumed(page.headers) ?? monthsSpanned(range);
        qpu += used;
        this.qpuSpent += used;
        const got = readQueryTable(page.table, this.grouping);
        for (const c of got) {
          if (c.day < range.from || c.day >= range.to) throw new HeadroomError('REMOTE', `Cost Management returned ${c.day}, outside the requested ${range.from} … ${range.to}; re-run the sync.`);
          cells[type].push(c);
        }
        rows += got.length;
        link = page.nextLink;
        if (link) this.learnedState.pageSize = Math.max(this.learnedState.pageSize ?? 0, got.length);
        ctx.progress?.({ phase: 'fetch', done: requests, message: `Azure ${type} ${range.from}..${range.to}: ${rows} rows` });
      }
      this.learnedState.rowsPerDay[type] = Math.ceil(rows / Math.max(1, daysIn(range)));
    }
    const cost: CostEstimate = { qpu };
    return { ...range, rows: queryCellsToCharges(cells, this.scope, this.grouping), openDays: openDays(range, dayOf(this.clock())), requests, pages: requests, cost };
  }

  forecastPlan(range: DayRange): { requests: number; pages: number; estimated_cost: CostEstimate } {
    return { requests: 1, pages: 1, estimated_cost: { qpu: monthsSpanned(range) } };
  }

  /** The Forecast API (AmortizedCost, daily) for [from, to). */
  async forecast(range: DayRange, ctx: CallContext): Promise<ProviderForecast | undefined> {
    const r = await this.send(
      () =>
        this.client.forecast.usage(
          this.scope.path,
          {
            type: 'AmortizedCost',
            timeframe: 'Custom',
            timePeriod: { from: new Date(`${range.from}T00:00:00Z`), to: new Date(`${addDays(range.to, -1)}T23:59:59Z`) },
            dataset: { granularity: 'Daily', aggregation: { totalCost: { name: 'Cost', function: 'Sum' } } },
            includeActualCost: false,
            includeFreshPartialCost: false,
          },
          ctx.signal ? { abortSignal: ctx.signal } : {},
        ),
      ctx,
    );
    const names = (r.columns ?? []).map((c) => c.name ?? '');
    const status = names.indexOf('CostStatus');
    const cells = readQueryTable({ columns: r.columns ?? [], rows: ((r.rows ?? []) as unknown[][]).filter((row) => status < 0 || row[status] === 'Forecast') }, []);
    if (cells.length === 0) return undefined;
    return {
      provider: 'Microsoft',
      metric: 'AmortizedCost',
      currency: cells[0]?.currency ?? 'USD',
      points: cells.map((c) => ({ from: c.day, to: addDays(c.day, 1), mean: Number(c.cost) })),
    };
  }

  private send<T>(call: () => Promise<T>, ctx: CallContext): Promise<T> {
    return withRetry(call, (e, n) => this.decide(e, n), { sleep: ctx.sleep, maxAttempts: this.maxAttempts, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onRetry ? { onRetry: ctx.onRetry } : {}) });
  }

  /** 429 waits for the largest retry-after the service named; 5xx, cut-off and unreadable responses retry; 401/403 stop with what to do. */
  decide(err: unknown, attempt: number): RetryDecision {
    if (err instanceof HeadroomError) return { retry: false, error: err };
    const unreachable = connectFailure(err);
    if (unreachable) {
      return { retry: true, delayMs: backoffMs(attempt, this.rand), reason: `could not connect to Cost Management (${unreachable}); check the source's --endpoint/--cloud ("headroom source list") and the network` };
    }
    if (err instanceof RestError) {
      const status = err.statusCode;
      const headers: Iterable<[string, string]> = err.response?.headers ?? [];
      if (status === 429) {
        const ra = retryAfterFromHeaders(headers);
        return { retry: true, delayMs: ra ?? backoffMs(attempt, this.rand, 1000, 60_000), reason: `Cost Management throttled the query (HTTP 429${ra !== undefined ? `, retry after ${ra / 1000} s` : ''})` };
      }
      if (status === 401 || status === 403) {
        const what = status === 401 ? `Azure rejected the access token (${err.code ?? 'HTTP 401'}: ${err.message})` : `Azure denied access to ${this.scope.path} (${err.code ?? 'HTTP 403'})`;
        return {
          retry: false,
          error: new HeadroomError('AUTH', `${what}. The identity needs the Cost Management Reader role on the scope; sign in again (az login, or refresh the service principal / managed identity) and rerun the sync — committed months are kept.`, { cause: err }),
        };
      }
      if (status !== undefined && status >= 500) {
        const ra = retryAfterFromHeaders(headers);
        return { retry: true, delayMs: ra ?? backoffMs(attempt, this.rand), reason: `Cost Management answered HTTP ${status}` };
      }
      if (status === undefined || err.code === RestError.PARSE_ERROR || err.code === RestError.REQUEST_SEND_ERROR) {
        return { retry: true, delayMs: backoffMs(attempt, this.rand), reason: `the response was cut off or unreadable (${err.code ?? 'network'}: ${err.message.slice(0, 120)})` };
      }
      return { retry: false, error: new HeadroomError('REMOTE', `Cost Management refused the query (HTTP ${status}, ${err.code ?? ''}): ${err.message}`, { cause: err }) };
    }
    const e = err as { name?: string; message?: string };
    if (e?.name === 'AbortError') return { retry: false, error: err as Error };
    if (e?.name === 'CredentialUnavailableError' || e?.name === 'AuthenticationError' || e?.name === 'AggregateAuthenticationError') {
      return { retry: false, error: new HeadroomError('AUTH', `No Azure credential worked (${e.name}: ${e.message ?? ''}). Sign in with "az login" or set AZURE_CLIENT_ID/AZURE_TENANT_ID and a secret or certificate, then rerun.`, { cause: err }) };
    }
    if (e instanceof SyntaxError || /ECONNRESET|socket|aborted|terminated/i.test(e?.message ?? '')) {
      return { retry: true, delayMs: backoffMs(attempt, this.rand), reason: `the response was cut off or unreadable (${e?.message ?? ''})` };
    }
    return { retry: false, error: err as Error };
  }
}

function daysIn(r: DayRange): number {
  return Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000);
}
