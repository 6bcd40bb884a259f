/**
 * A loopback Cost Explorer: the AWS JSON 1.1 protocol (POST /, `X-Amz-Target:
 * AWSInsightsIndexService.<Op>`, SigV4 `Authorization`) for GetCostAndUsage, GetDimensionValues and
 * GetCostForecast, shaped after the Smithy model in ../shared/data/aws/api/cost-explorer-ops-subset.json
 * and the aws-cli examples beside it. Serves generated daily data with NextPageToken paging,
 * `Estimated` open days, billable-request counting and injected faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addDays, dayRange, isDay, type Day } from '../../../core/lib';
import { FaultPlan, delay, listen, sendJson, sendMalformed, sendTruncated, type Loopback } from '../common/http';
import { fixed, type Account, type GenRow } from '../common/generate';

export const CE_TARGET_PREFIX = 'AWSInsightsIndexService.';

type Op = 'GetCostAndUsage' | 'GetDimensionValues' | 'GetCostForecast';
const METRIC_FIELDS = {
  UnblendedCost: 'unblended',
  AmortizedCost: 'amortized',
  NetAmortizedCost: 'netAmortized',
  UsageQuantity: 'usage',
} as const;
type MetricName = keyof typeof METRIC_FIELDS;
const DIMENSION_FIELDS = { SERVICE: 'service', LINKED_ACCOUNT: 'account', REGION: 'region' } as const;
type DimKey = keyof typeof DIMENSION_FIELDS;

export interface AwsCeOptions {
  readonly rows: readonly GenRow[];
  readonly accounts: readonly Account[];
  /** Groups per GetCostAndUsage page (CE pages large results; the size is the server's choice). */
  readonly pageSize: number;
  /** Days on or after this one are `Estimated: true` and carry provisional amounts. */
  readonly estimatedFrom?: Day;
  /** Provisional amounts are this share of the final ones (per mille). Default 950. */
  readonly provisionalPerMille?: number;
  /** Dimension values per GetDimensionValues page. Default 1000. */
  readonly dimensionPageSize?: number;
}

export interface AwsCeServer extends Loopback {
  readonly faults: FaultPlan;
  /** Successful (billable, $0.01 each) requests per operation. */
  readonly billable: Record<Op, number>;
  /** Every request received, including failed ones. */
  readonly received: { op: string; body: Record<string, unknown> }[];
  /** Moves the open period: days before `day` become final. */
  settle(day: Day | undefined): void;
}

class CeError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export async function startAwsCe(opts: AwsCeOptions): Promise<AwsCeServer> {
  const faults = new FaultPlan();
  const billable: Record<Op, number> = { GetCostAndUsage: 0, GetDimensionValues: 0, GetCostForecast: 0 };
  const received: { op: string; body: Record<string, unknown> }[] = [];
  let estimatedFrom = opts.estimatedFrom;
  const perMille = BigInt(opts.provisionalPerMille ?? 950);

  const amount = (r: GenRow, m: MetricName): bigint => {
    const v = r[METRIC_FIELDS[m]];
    return estimatedFrom !== undefined && r.day >= estimatedFrom && m !== 'UsageQuantity' ? (v * perMille) / 1000n : v;
  };

  const getCostAndUsage = (req: Record<string, unknown>): unknown => {
    const tp = timePeriod(req);
    if (req['Granularity'] !== 'DAILY' && req['Granularity'] !== 'MONTHLY') throw new CeError('ValidationException', 'Granularity must be DAILY or MONTHLY in this server');
    const metrics = req['Metrics'];
    if (!Array.isArray(metrics) || metrics.length === 0) throw new CeError('ValidationException', 'Metrics is required');
    for (const m of metrics) if (!(m in METRIC_FIELDS)) throw new CeError('ValidationException', `Unsupported metric ${String(m)}`);
    const groupBy = (req['GroupBy'] ?? []) as { Type?: string; Key?: string }[];
    if (groupBy.length > 2) throw new CeError('ValidationException', 'You can group by up to two dimensions');
    for (const g of groupBy) if (g.Type !== 'DIMENSION' || !(String(g.Key) in DIMENSION_FIELDS)) throw new CeError('ValidationException', `Unsupported GroupBy ${JSON.stringify(g)}`);
    const keys = groupBy.map((g) => DIMENSION_FIELDS[g.Key as DimKey]);
    const filter = accountFilter(req['Filter']);
    const days = dayRange(tp.start, tp.end);
    // One (day, group) cell per distinct key tuple, in day order then key order.
    const cells: { day: Day; keys: string[]; sums: Map<MetricName, bigint> }[] = [];
    for (const day of days) {
      const byKey = new Map<string, { keys: string[]; sums: Map<MetricName, bigint> }>();
      for (const r of rowsByDay.get(day) ?? []) {
        if (filter && !filter.has(r.account)) continue;
        const k = keys.map((f) => r[f]);
        const id = k.join('\u0000');
        let cell = byKey.get(id);
        if (!cell) byKey.set(id, (cell = { keys: k, sums: new Map() }));
        for (const m of metrics as MetricName[]) cell.sums.set(m, (cell.sums.get(m) ?? 0n) + amount(r, m));
      }
      for (const id of [...byKey.keys()].sort()) {
        const c = byKey.get(id);
        if (c) cells.push({ day, ...c });
      }
    }
    const start = req['NextPageToken'] === undefined ? 0 : decodeToken(req['NextPageToken']);
    const page = cells.slice(start, start + opts.pageSize);
    const next = start + opts.pageSize < cells.length ? encodeToken(start + opts.pageSize) : undefined;
    const metricObj = (sums: Map<MetricName, bigint>): Record<string, { Amount: string; Unit: string }> =>
      Object.fromEntries((metrics as MetricName[]).map((m) => [m, { Amount: fixed(sums.get(m) ?? 0n), Unit: m === 'UsageQuantity' ? 'N/A' : 'USD' }]));
    // ResultsByTime: each day touched by this page (a day's groups may continue on the next page).
    const results: unknown[] = [];
    const pageDays = keys.length === 0 ? days.slice(start, start + opts.pageSize) : [...new Set(page.map((c) => c.day))];
    const firstPageEmptyDays = start === 0 && keys.length > 0 ? days.filter((d) => !cells.some((c) => c.day === d)) : [];
    for (const day of [...pageDays, ...firstPageEmptyDays].sort()) {
      const est = estimatedFrom !== undefined && day >= estimatedFrom;
      if (keys.length === 0) {
        const sums = new Map<MetricName, bigint>();
        for (const r of rowsByDay.get(day) ?? []) if (!filter || filter.has(r.account)) for (const m of metrics as MetricName[]) sums.set(m, (sums.get(m) ?? 0n) + amount(r, m));
        results.push({ TimePeriod: { Start: day, End: addDays(day, 1) }, Total: metricObj(sums), Groups: [], Estimated: est });
      } else {
        results.push({
          TimePeriod: { Start: day, End: addDays(day, 1) },
          Total: {},
          Groups: page.filter((c) => c.day === day).map((c) => ({ Keys: c.keys, Metrics: metricObj(c.sums) })),
          Estimated: est,
        });
      }
    }
    return {
      ...(next ? { NextPageToken: next } : {}),
      GroupDefinitions: groupBy,
      ResultsByTime: results,
      DimensionValueAttributes: [],
    };
  };

  const getDimensionValues = (req: Record<string, unknown>): unknown => {
    timePeriod(req);
    if (req['Dimension'] !== 'LINKED_ACCOUNT') throw new CeError('ValidationException', 'This server knows the LINKED_ACCOUNT dimension only');
    const size = Math.min(Number(req['MaxResults'] ?? 1000), opts.dimensionPageSize ?? 1000);
    const start = req['NextPageToken'] === undefined ? 0 : decodeToken(req['NextPageToken']);
    const all = opts.accounts.map((a) => ({ Value: a.id, Attributes: { description: a.name } }));
    const page = all.slice(start, start + size);
    return { DimensionValues: page, ReturnSize: page.length, TotalSize: all.length, ...(start + size < all.length ? { NextPageToken: encodeToken(start + size) } : {}) };
  };

  const getCostForecast = (req: Record<string, unknown>): unknown => {
    const tp = timePeriod(req);
    const metric = String(req['Metric']);
    const field = metric === 'AMORTIZED_COST' ? 'amortized' : metric === 'UNBLENDED_COST' ? 'unblended' : metric === 'NET_AMORTIZED_COST' ? 'netAmortized' : undefined;
    if (!field) throw new CeError('ValidationException', `Unsupported forecast metric ${metric}`);
    const gran = req['Granularity'];
    if (gran !== 'DAILY' && gran !== 'MONTHLY') throw new CeError('ValidationException', 'Granularity must be DAILY or MONTHLY');
    // Mean daily cost of the last 28 days of data, flat; ±10 % interval.
    const lastDays = [...rowsByDay.keys()].sort().slice(-28);
    let sum = 0n;
    for (const d of lastDays) for (const r of rowsByDay.get(d) ?? []) sum += r[field];
    const perDay = lastDays.length ? sum / BigInt(lastDays.length) : 0n;
    const periods: { s: Day; e: Day }[] = [];
    if (gran === 'DAILY') for (const d of dayRange(tp.start, tp.end)) periods.push({ s: d, e: addDays(d, 1) });
    else {
      let s = tp.start;
      while (s < tp.end) {
        const nextMonth = `${s.slice(0, 7)}-01` as Day;
        let e = addDays(nextMonth, 32);
        e = `${e.slice(0, 7)}-01` as Day;
        if (e > tp.end) e = tp.end;
        periods.push({ s, e });
        s = e;
      }
    }
    let total = 0n;
    const results = periods.map(({ s, e }) => {
      const mean = perDay * BigInt(dayRange(s, e).length);
      total += mean;
      return { TimePeriod: { Start: s, End: e }, MeanValue: fixed(mean), PredictionIntervalLowerBound: fixed((mean * 9n) / 10n), PredictionIntervalUpperBound: fixed((mean * 11n) / 10n) };
    });
    return { Total: { Amount: fixed(total), Unit: 'USD' }, ForecastResultsByTime: results };
  };

  const rowsByDay = new Map<Day, GenRow[]>();
  for (const r of opts.rows) {
    const l = rowsByDay.get(r.day);
    if (l) l.push(r);
    else rowsByDay.set(r.day, [r]);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith(CE_TARGET_PREFIX) ? target.slice(CE_TARGET_PREFIX.length) : '';
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      /* reported below */
    }
    received.push({ op, body });
    const err = (e: CeError): void =>
      sendJson(res, e.status, { __type: `com.amazonaws.costexplorer#${e.type}`, Message: e.message }, { 'x-amzn-errortype': e.type, 'x-amzn-requestid': `req-${received.length}` }, 'application/x-amz-json-1.1');
    if (req.method !== 'POST' || req.url !== '/') return err(new CeError('UnknownOperationException', `POST / expected, got ${req.method} ${req.url}`, 404));
    if (!String(req.headers['content-type']).startsWith('application/x-amz-json-1.1')) return err(new CeError('SerializationException', 'Content-Type must be application/x-amz-json-1.1'));
    const auth = String(req.headers['authorization'] ?? '');
    if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/ce\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.test(auth) || !req.headers['x-amz-date'])
      return err(new CeError('MissingAuthenticationTokenException', 'Request is missing a valid SigV4 Authorization header', 403));
    if (op !== 'GetCostAndUsage' && op !== 'GetDimensionValues' && op !== 'GetCostForecast') return err(new CeError('UnknownOperationException', `Unknown operation ${target}`));

    const fault = faults.take(op);
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 300);
    else if (fault?.kind === 'throttle') {
      const e = new CeError('LimitExceededException', 'Rate exceeded');
      return void sendJson(res, 400, { __type: `com.amazonaws.costexplorer#${e.type}`, Message: e.message }, { 'x-amzn-errortype': e.type, ...(fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {}) }, 'application/x-amz-json-1.1');
    } else if (fault?.kind === 'server-error') return void sendJson(res, 503, { __type: 'ServiceUnavailableException', Message: 'Service Unavailable' }, {}, 'application/x-amz-json-1.1');
    else if (fault?.kind === 'expired-token') return err(new CeError('ExpiredTokenException', 'The security token included in the request is expired'));
    else if (fault?.kind === 'data-unavailable') return err(new CeError('DataUnavailableException', 'Insufficient amount of historical data to generate forecast.'));
    else if (fault?.kind === 'stale-token' && body['NextPageToken'] !== undefined) return err(new CeError('InvalidNextTokenException', 'The pagination token is invalid. Try again without a pagination token.'));

    let out: unknown;
    try {
      out = op === 'GetCostAndUsage' ? getCostAndUsage(body) : op === 'GetDimensionValues' ? getDimensionValues(body) : getCostForecast(body);
    } catch (e) {
      if (e instanceof CeError) return err(e);
      throw e;
    }
    if (fault?.kind === 'truncate') return sendTruncated(res, 200, out, {}, 'application/x-amz-json-1.1');
    if (fault?.kind === 'malformed') return sendMalformed(res, 'application/x-amz-json-1.1');
    billable[op]++;
    sendJson(res, 200, out, { 'x-amzn-requestid': `req-${received.length}` }, 'application/x-amz-json-1.1');
  };

  const lb = await listen(handle);
  return {
    ...lb,
    faults,
    billable,
    received,
    settle(day) {
      estimatedFrom = day;
    },
  };
}

function timePeriod(req: Record<string, unknown>): { start: Day; end: Day } {
  const tp = req['TimePeriod'] as { Start?: string; End?: string } | undefined;
  if (!tp?.Start || !tp.End || !isDay(tp.Start) || !isDay(tp.End) || tp.End <= tp.Start) throw new CeError('ValidationException', `Invalid TimePeriod ${JSON.stringify(tp)}`);
  return { start: tp.Start, end: tp.End };
}

function accountFilter(f: unknown): Set<string> | undefined {
  if (f === undefined) return undefined;
  const d = (f as { Dimensions?: { Key?: string; Values?: string[] } }).Dimensions;
  if (!d || d.Key !== 'LINKED_ACCOUNT' || !Array.isArray(d.Values)) throw new CeError('ValidationException', `This server filters on Dimensions LINKED_ACCOUNT only: ${JSON.stringify(f)}`);
  return new Set(d.Values);
}

function encodeToken(n: number): string {
  return Buffer.from(`ce-page:${n}`).toString('base64');
}

function decodeToken(t: unknown): number {
  const m = /^ce-page:(\d+)$/.exec(Buffer.from(String(t), 'base64').toString('utf8'));
  if (!m) throw new CeError('InvalidNextTokenException', 'The pagination token is invalid');
  return Number(m[1]);
}
