/**
 * The AWS connector: Cost Explorer through `@aws-sdk/client-cost-explorer`. Credentials come from
 * the SDK's default chain (environment, the named profile, SSO, IMDS); Headroom keeps only the
 * profile name. Endpoints follow the SDK's own overrides (`AWS_ENDPOINT_URL_COST_EXPLORER`,
 * `AWS_ENDPOINT_URL`) unless the source names one. The SDK's own retries are off
 * (`maxAttempts: 1`) so every retry — and every billable request — is counted and paced here.
 */
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetDimensionValuesCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { HeadroomError, dayRange, type Day } from '../../lib';
import type { ChargeRow } from '../../model';
import { backoffMs, connectFailure, parseRetryAfter, withRetry, type CallContext, type Connector, type ConnectorPlan, type DayRange, type ProviderForecast, type RangeFetch, type RetryDecision } from '../remote';
import { CE_METRICS, ceGroupToCharge } from './ce-to-charges';
import { CE_USD_PER_REQUEST, planPasses, planRange, round2, type AwsLearned } from './plan';

/** Non-secret settings of an AWS source. */
export interface AwsSettings {
  /** Named profile in ~/.aws/config (SSO or keys); the SDK's default chain when absent. */
  readonly profile?: string;
  /** Region of the Cost Explorer endpoint: us-east-1 (commercial), cn-northwest-1 (China). */
  readonly region?: string;
  /** Endpoint override (private endpoint, test server); the SDK's environment overrides apply otherwise. */
  readonly endpoint?: string;
  /** The payer (management) account id for FOCUS BillingAccountId; each row's linked account otherwise. */
  readonly billingAccountId?: string;
}

export interface AwsConnectorOptions {
  readonly settings: AwsSettings;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** What earlier syncs learned (page size, groups per day), to predict pages. */
  readonly learned?: AwsLearned;
  readonly maxAttempts?: number;
  readonly rand?: () => number;
}

const THROTTLING = new Set(['LimitExceededException', 'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const AUTH = new Set(['ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId', 'AccessDeniedException', 'MissingAuthenticationTokenException', 'InvalidSignatureException']);
/** Cost Explorer's "try again without a pagination token" answers (Smithy model: GetCostAndUsage errors). */
const RESTART_PAGING = new Set(['InvalidNextTokenException', 'RequestChangedException']);
/** How many times one pass may be restarted from its first page before the sync stops. */
const MAX_PASS_RESTARTS = 2;
/** The SDK's credential chain found nothing on this machine: no request was sent. */
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'TokenProviderError']);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

export class AwsConnector implements Connector {
  readonly provider = 'AWS' as const;
  private readonly client: CostExplorerClient;
  private readonly settings: AwsSettings;
  private readonly maxAttempts: number;
  private readonly rand: () => number;
  private accounts: Map<string, string | null> | undefined;
  private learnedState: { pageSize: number | undefined; groupsPerDay: Record<string, number> };

  constructor(opts: AwsConnectorOptions) {
    const env = opts.env ?? {};
    this.settings = opts.settings;
    this.maxAttempts = opts.maxAttempts ?? 6;
    this.rand = opts.rand ?? Math.random;
    this.learnedState = { pageSize: opts.learned?.pageSize, groupsPerDay: { ...(opts.learned?.groupsPerDay ?? {}) } };
    const region = opts.settings.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
    this.client = new CostExplorerClient({
      region,
      maxAttempts: 1,
      ...(opts.settings.profile ? { profile: opts.settings.profile } : {}),
      ...(opts.settings.endpoint ? { endpoint: opts.settings.endpoint } : {}),
    });
  }

  /** What this connector learned so far; the sync engine stores it with the source. */
  learned(): AwsLearned {
    return { ...(this.learnedState.pageSize ? { pageSize: this.learnedState.pageSize } : {}), groupsPerDay: { ...this.learnedState.groupsPerDay } };
  }

  destroy(): void {
    this.client.destroy();
  }

  async plan(ranges: readonly DayRange[], ctx: CallContext): Promise<ConnectorPlan> {
    if (ranges.length === 0) return { planning: { requests: 0, pages: 0, estimated_cost: { usd: 0 } }, ranges: [] };
    const window = { from: ranges[0]!.from, to: ranges[ranges.length - 1]!.to };
    const pages = await this.loadAccounts(window, ctx);
    const ids = [...(this.accounts?.keys() ?? [])];
    return {
      planning: { requests: pages, pages, estimated_cost: { usd: round2(pages * CE_USD_PER_REQUEST) } },
      ranges: ranges.map((r) => planRange(r, ids, this.learned())),
    };
  }

  /** GetDimensionValues(LINKED_ACCOUNT): the accounts with cost in the window and their names. Returns pages fetched. */
  private async loadAccounts(window: DayRange, ctx: CallContext): Promise<number> {
    const accounts = new Map<string, string | null>();
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await this.send(
        () =>
          this.client.send(
            new GetDimensionValuesCommand({ TimePeriod: { Start: window.from, End: window.to }, Dimension: 'LINKED_ACCOUNT', Context: 'COST_AND_USAGE', ...(token ? { NextPageToken: token } : {}) }),
            { abortSignal: ctx.signal },
          ),
        ctx,
      );
      pages++;
      for (const v of out.DimensionValues ?? []) if (v.Value) accounts.set(v.Value, v.Attributes?.['description'] ?? null);
      token = out.NextPageToken;
    } while (token);
    this.accounts = accounts;
    return pages;
  }

  async fetchRange(range: DayRange, ctx: CallContext): Promise<RangeFetch> {
    let requests = 0;
    if (!this.accounts) requests += await this.loadAccounts(range, ctx);
    const accounts = this.accounts ?? new Map<string, string | null>();
    const rows: ChargeRow[] = [];
    const open = new Set<Day>();
    let pages = 0;
    for (const pass of planPasses([...accounts.keys()])) {
      let token: string | undefined;
      let groups = 0;
      // A pass whose page token Cost Explorer refuses (InvalidNextTokenException, RequestChangedException:
      // "try again without a pagination token") starts again from its first page, its pages so far dropped.
      const passStart = rows.length;
      let restarts = 0;
      let first = true;
      while (first || token) {
        first = false;
        const sent = token;
        const out: GetCostAndUsageCommandOutput | undefined = await this.send(
          () =>
            this.client
              .send(
                new GetCostAndUsageCommand({
                  TimePeriod: { Start: range.from, End: range.to },
                  Granularity: 'DAILY',
                  Metrics: [...CE_METRICS],
                  GroupBy: pass.groupBy.map((Key) => ({ Type: 'DIMENSION' as const, Key })),
                  Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [pass.account] } },
                  ...(sent ? { NextPageToken: sent } : {}),
                }),
                { abortSignal: ctx.signal },
              )
              .catch((e: unknown) => {
                const err = e as SdkError | undefined;
                if (sent === undefined || !RESTART_PAGING.has(err?.name ?? '')) throw e;
                if (restarts >= MAX_PASS_RESTARTS) {
                  throw new HeadroomError('REMOTE', `Cost Explorer refused its own page token ${restarts + 1} times for account ${pass.account} over ${range.from} … ${range.to} (${err?.name}: ${err?.message ?? ''}). Nothing of this range was written; run the sync again.`, { cause: e });
                }
                return undefined;
              }),
          ctx,
        );
        if (out === undefined) {
          restarts++;
          rows.length = passStart;
          groups = 0;
          token = undefined;
          first = true;
          ctx.progress?.({ phase: 'fetch', done: pages, message: `AWS ${range.from}..${range.to} account ${pass.account}: Cost Explorer asked to start again without a page token; restarting this account's pages` });
          continue;
        }
        requests++;
        pages++;
        let pageGroups = 0;
        for (const r of out.ResultsByTime ?? []) {
          const day = r.TimePeriod?.Start as Day | undefined;
          if (!day || day < range.from || day >= range.to) throw new HeadroomError('REMOTE', `Cost Explorer returned a result for ${String(day)} outside the requested ${range.from}..${range.to}; re-run the sync.`);
          if (r.Estimated) open.add(day);
          for (const g of r.Groups ?? []) {
            pageGroups++;
            rows.push(
              ceGroupToCharge(
                { day, keys: g.Keys ?? [], metrics: g.Metrics ?? {} },
                { billingAccountId: this.settings.billingAccountId ?? pass.account, accountId: pass.account, accountName: accounts.get(pass.account) ?? null },
              ),
            );
          }
        }
        groups += pageGroups;
        token = out.NextPageToken;
        if (token) this.learnedState.pageSize = Math.max(this.learnedState.pageSize ?? 0, pageGroups);
        ctx.progress?.({ phase: 'fetch', done: pages, message: `AWS ${range.from}..${range.to} account ${pass.account}: ${groups} groups` });
      }
      this.learnedState.groupsPerDay[pass.account] = Math.ceil(groups / Math.max(1, dayRange(range.from, range.to).length));
    }
    return { ...range, rows, openDays: [...open].sort(), requests, pages: requests, cost: { usd: round2(requests * CE_USD_PER_REQUEST) } };
  }

  forecastPlan(_range: DayRange): { requests: number; pages: number; estimated_cost: { usd: number } } {
    return { requests: 1, pages: 1, estimated_cost: { usd: CE_USD_PER_REQUEST } };
  }

  /**
   * GetCostForecast (NetAmortizedCost, monthly, 80 % interval). An account Cost Explorer cannot
   * forecast yet (DataUnavailableException: too little history) has no provider forecast: that is
   * reported and the sync goes on, rather than failing every sync of a new account at its end.
   */
  async forecast(range: DayRange, ctx: CallContext): Promise<ProviderForecast | undefined> {
    const out = await this.send(
      () =>
        this.client
          .send(new GetCostForecastCommand({ TimePeriod: { Start: range.from, End: range.to }, Metric: 'NET_AMORTIZED_COST', Granularity: 'MONTHLY', PredictionIntervalLevel: 80 }), { abortSignal: ctx.signal })
          .catch((e: unknown) => {
            if ((e as SdkError | undefined)?.name !== 'DataUnavailableException') throw e;
            ctx.progress?.({ phase: 'forecast', done: 1, total: 1, message: `AWS has no cost forecast for ${range.from} … ${range.to} yet (DataUnavailableException: ${(e as SdkError).message ?? ''}); none stored` });
            return undefined;
          }),
      ctx,
    );
    if (out === undefined) return undefined;
    const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
    return {
      provider: 'AWS',
      metric: 'NetAmortizedCost',
      currency: out.Total?.Unit ?? 'USD',
      level: 80,
      points: (out.ForecastResultsByTime ?? []).map((p) => ({
        from: p.TimePeriod?.Start as Day,
        to: p.TimePeriod?.End as Day,
        mean: Number(p.MeanValue),
        ...(num(p.PredictionIntervalLowerBound) !== undefined ? { lo: num(p.PredictionIntervalLowerBound) } : {}),
        ...(num(p.PredictionIntervalUpperBound) !== undefined ? { hi: num(p.PredictionIntervalUpperBound) } : {}),
      })),
    };
  }

  private send<T>(call: () => Promise<T>, ctx: CallContext): Promise<T> {
    return withRetry(call, (e, n) => this.decide(e, n), { sleep: ctx.sleep, maxAttempts: this.maxAttempts, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onRetry ? { onRetry: ctx.onRetry } : {}) });
  }

  /** Throttling, 5xx, dropped connections and unreadable bodies are retried; credentials and bad requests stop the sync. */
  decide(err: unknown, attempt: number): RetryDecision {
    if (err instanceof HeadroomError) return { retry: false, error: err };
    const e = (err ?? {}) as SdkError;
    const name = e.name ?? '';
    const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
    const headers = e.$response?.headers ?? {};
    if (THROTTLING.has(name)) {
      const ra = parseRetryAfter(headers['retry-after']);
      return { retry: true, delayMs: ra ?? backoffMs(attempt, this.rand), reason: `Cost Explorer throttled the request (${name})` };
    }
    const profile = this.settings.profile;
    if (NO_CREDENTIALS.has(name)) {
      const how = profile
        ? `Check that the profile "${profile}" is defined in ~/.aws/config or ~/.aws/credentials (or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name); for an SSO profile run "aws sso login --profile ${profile}"`
        : 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a default profile, SSO or an instance role, or add a source with --profile NAME';
      return { retry: false, error: new HeadroomError('AUTH', `No AWS credentials were found${profile ? ` for the profile "${profile}"` : ''} (${name}: ${e.message ?? ''}); nothing was sent to AWS. ${how}, then run the sync again.`, { cause: err }) };
    }
    if (AUTH.has(name) || status === 403 || /credential|expired/i.test(name)) {
      const how = this.settings.profile ? `run "aws sso login --profile ${this.settings.profile}" or refresh the profile's keys` : 'set AWS credentials (environment or a profile) and add the profile to the source';
      return { retry: false, error: new HeadroomError('AUTH', `AWS rejected the credentials (${name}: ${e.message ?? ''}). The source needs ce:GetCostAndUsage, ce:GetDimensionValues and ce:GetCostForecast; ${how}, then run the sync again.`, { cause: err }) };
    }
    if (status !== undefined && status >= 500) return { retry: true, delayMs: backoffMs(attempt, this.rand), reason: `Cost Explorer answered HTTP ${status}` };
    const unreachable = connectFailure(err);
    if (unreachable) return { retry: true, delayMs: backoffMs(attempt, this.rand), reason: `could not connect to Cost Explorer (${unreachable}); check the source's endpoint ("headroom source list"), AWS_ENDPOINT_URL and the network` };
    if (status === undefined || /Deserializ|SyntaxError|JSON|ECONNRESET|socket|aborted|Timeout|EPIPE|terminated/i.test(`${name} ${e.code ?? ''} ${e.message ?? ''}`)) {
      if (name === 'AbortError' && !/socket|terminated/i.test(e.message ?? '')) return { retry: false, error: err as Error };
      return { retry: true, delayMs: backoffMs(attempt, this.rand), reason: `the response was cut off or unreadable (${name || e.code || 'network'}: ${e.message ?? ''})` };
    }
    return { retry: false, error: new HeadroomError('REMOTE', `Cost Explorer refused the request (${name}, HTTP ${status}): ${e.message ?? ''}`, { cause: err }) };
  }
}
