/**
 * The sync engine: plans and runs a cloud source's sync over [from, to) (from inclusive, to
 * exclusive, like the providers' APIs). Only days not yet final are fetched (missing days and days
 * the provider marked estimated); each calendar month is one range, fetched completely (every page)
 * before anything is written, then committed with its day states in one transaction. A failure or
 * a kill leaves committed ranges in place and the range in progress unwritten, so rerunning the
 * same command resumes. `dryRun` returns the plan in the same shape and writes nothing.
 */
import { HeadroomError, addMonths, dayOf, dayRange, endOfMonthExclusive, startOfMonth, type Day, type ProgressSink } from '../lib';
import type { CurrencyCode, CurrencyTotal } from '../model';
import type { AddCloudSourceReq, CloudKind, SyncReport, SyncReq } from '../api';
import { parseScope } from '../ingest/azure';
import { cancelled, realSleep, type CostEstimate, type DayRange, type Sleep } from '../ingest/remote';
import type { SourceRecord, Store } from '../store';
import { defaultConnectorFactory, kindOf, type ConnectorFactory } from './connectors';

const PROVIDER_NAME: Record<CloudKind, string> = { aws: 'AWS', azure: 'Microsoft', gcp: 'Google Cloud' };
const FORMAT: Record<CloudKind, string> = { aws: 'aws-cost-explorer', azure: 'azure-cost-management-query', gcp: 'gcp-bigquery-billing-export' };

export interface SyncDeps {
  readonly store: Store;
  readonly clock: () => Date;
  readonly sleep?: Sleep;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly connectors?: ConnectorFactory;
  readonly signal?: AbortSignal;
  readonly progress?: ProgressSink;
  /** Called after each committed range (tests use it to kill a sync between ranges). */
  readonly onCommitted?: (range: DayRange) => void;
}

/** The source a sync targets: by name, or the only source of that provider. */
export async function resolveCloudSource(store: Store, kind: CloudKind, name: string | undefined): Promise<SourceRecord> {
  if (name !== undefined) {
    const s = await store.getSource(name);
    if (!s) throw new HeadroomError('NOT_FOUND', `There is no source named "${name}". Add it with "headroom source add ${kind} --name ${name} …" or list them with "headroom source list".`);
    if (s.kind !== kind) throw new HeadroomError('BAD_INPUT', `Source "${name}" is a ${s.kind} source, not ${kind}.`);
    return s;
  }
  const all = (await store.listSources()).filter((s) => s.kind === kind);
  if (all.length === 1 && all[0]) return all[0];
  if (all.length === 0) throw new HeadroomError('NOT_FOUND', `No ${kind} source is configured. Add one with "headroom source add ${kind} --name NAME …".`);
  throw new HeadroomError('BAD_INPUT', `There are ${all.length} ${kind} sources (${all.map((s) => s.name).join(', ')}): choose one with --source NAME.`);
}

/** [from, to) split at calendar months. */
export function monthRanges(from: Day, to: Day): DayRange[] {
  const out: DayRange[] = [];
  for (let s = from; s < to; ) {
    const e = endOfMonthExclusive(s) < to ? endOfMonthExclusive(s) : to;
    out.push({ from: s, to: e });
    s = e;
  }
  return out;
}

/**
 * The ranges to fetch: each month of [from, to) from its first day that is missing or not final
 * (with `refresh`, every day). A fully final month is skipped: it costs nothing.
 */
export async function rangesToSync(store: Store, sourceId: number, from: Day, to: Day, refresh: boolean): Promise<DayRange[]> {
  const state = new Map((await store.syncDays(sourceId, from, to)).map((d) => [d.day, d.final]));
  const out: DayRange[] = [];
  for (const m of monthRanges(from, to)) {
    const first = refresh ? m.from : dayRange(m.from, m.to).find((d) => state.get(d) !== true);
    if (first !== undefined) out.push({ from: first, to: m.to });
  }
  return out;
}

const addCost = (a: CostEstimate, b: CostEstimate): CostEstimate => {
  const sum = (x: number | undefined, y: number | undefined): number | undefined => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const usd = sum(a.usd, b.usd);
  const qpu = sum(a.qpu, b.qpu);
  const bytes = sum(a.bytes, b.bytes);
  return { ...(usd !== undefined ? { usd: Math.round(usd * 100) / 100 } : {}), ...(qpu !== undefined ? { qpu } : {}), ...(bytes !== undefined ? { bytes } : {}) };
};

function addTotals(into: Map<string, { billed: number; effective: number }>, totals: readonly CurrencyTotal[]): void {
  for (const t of totals) {
    const cur = into.get(t.currency) ?? { billed: 0, effective: 0 };
    into.set(t.currency, { billed: cur.billed + t.billed_cost, effective: cur.effective + t.effective_cost });
  }
}

/** Runs (or with `dryRun`, plans) a sync. */
export async function runSync(deps: SyncDeps, req: SyncReq): Promise<SyncReport> {
  const { store, clock, signal } = deps;
  const sleep = deps.sleep ?? realSleep;
  const progress = deps.progress ?? ((): void => {});
  const source = await resolveCloudSource(store, req.provider, req.source);
  const today = dayOf(clock());
  const to = req.to ?? today;
  const from = req.from ?? addMonths(startOfMonth(today), -12);
  if (from >= to) throw new HeadroomError('BAD_INPUT', `--from ${from} must be before --to ${to} (from is inclusive, to exclusive).`);
  const learned = await store.kvGet('sync-learned', String(source.id));
  const connector = (deps.connectors ?? defaultConnectorFactory)({ source, learned, clock, env: deps.env ?? {} });
  const ctx = { sleep, ...(signal ? { signal } : {}), progress };
  try {
    const ranges = await rangesToSync(store, source.id, from, to, req.refresh ?? false);
    progress({ phase: 'plan', done: 0, total: ranges.length, message: `${source.name}: ${ranges.length} range(s) to fetch in [${from}, ${to})` });
    const plan = await connector.plan(ranges, ctx);
    const forecastWindow = forecastRange(today, to);
    const forecastPlan = forecastWindow && connector.forecastPlan ? connector.forecastPlan(forecastWindow) : undefined;
    if (req.dryRun) {
      let cost = plan.planning.estimated_cost;
      let requests = plan.planning.requests;
      let pages = plan.planning.pages;
      for (const r of plan.ranges) {
        requests += r.requests;
        pages += r.pages;
        cost = addCost(cost, r.estimated_cost);
      }
      if (forecastPlan) {
        requests += forecastPlan.requests;
        pages += forecastPlan.pages;
        cost = addCost(cost, forecastPlan.estimated_cost);
      }
      return { source: source.name, provider: req.provider, from, to, requests, pages, estimated_cost: cost, rows_written: 0, totals: [] };
    }
    let requests = plan.planning.requests;
    let pages = plan.planning.pages;
    let cost = plan.planning.estimated_cost;
    let rowsWritten = 0;
    const totals = new Map<string, { billed: number; effective: number }>();
    for (const [i, range] of ranges.entries()) {
      if (signal?.aborted) throw cancelled(signal);
      progress({ phase: 'fetch', done: i, total: ranges.length, message: `${source.name}: fetching ${range.from} … ${range.to}` });
      const got = await connector.fetchRange(range, ctx);
      requests += got.requests;
      pages += got.pages;
      cost = addCost(cost, got.cost);
      if (signal?.aborted) throw cancelled(signal);
      // Days from today on are never final: the provider is still adding to them.
      const open = new Set(got.openDays);
      for (const d of dayRange(range.from, range.to)) if (d >= today) open.add(d);
      const res = await store.commitSyncRange({
        sourceId: source.id,
        from: range.from,
        to: range.to,
        rows: got.rows,
        format: FORMAT[req.provider],
        openDays: [...open].sort(),
        learned: connector.learned?.(),
        ...(signal ? { signal } : {}),
      });
      rowsWritten += res.rowsWritten;
      addTotals(totals, res.totals);
      progress({ phase: 'commit', done: i + 1, total: ranges.length, message: `${source.name}: ${range.from} … ${range.to}: ${res.rowsWritten} rows, ${got.pages} page(s)` });
      deps.onCommitted?.(range);
    }
    if (forecastWindow && connector.forecast && forecastPlan) {
      const f = await connector.forecast(forecastWindow, ctx);
      requests += forecastPlan.requests;
      pages += forecastPlan.pages;
      cost = addCost(cost, forecastPlan.estimated_cost);
      if (f) await store.replaceProviderForecast(source.id, f);
    }
    return {
      source: source.name,
      provider: req.provider,
      from,
      to,
      requests,
      pages,
      estimated_cost: cost,
      rows_written: rowsWritten,
      totals: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency: currency as CurrencyCode, billed_cost: round(t.billed), effective_cost: round(t.effective) })),
    };
  } finally {
    connector.destroy?.();
  }
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The provider forecast is fetched when the sync reaches today: from today to the end of the third month ahead. */
export function forecastRange(today: Day, to: Day): DayRange | undefined {
  if (to < today) return undefined;
  return { from: today, to: addMonths(startOfMonth(today), 3) };
}

/** Adds a cloud source; settings were validated by the api schema. A name already taken is a CONFLICT. */
export async function addCloudSource(store: Store, req: AddCloudSourceReq): Promise<SourceRecord> {
  if (req.kind === 'azure' && !parseScope(req.settings.scope)) {
    throw new HeadroomError(
      'BAD_INPUT',
      `--scope "${req.settings.scope}" is not a Cost Management scope. Use /subscriptions/ID, /subscriptions/ID/resourceGroups/RG, /providers/Microsoft.Billing/billingAccounts/ID[/billingProfiles/ID] or /providers/Microsoft.Management/managementGroups/ID.`,
    );
  }
  if (await store.getSource(req.name)) throw new HeadroomError('CONFLICT', `A source named "${req.name}" already exists. Choose another --name (see "headroom source list").`);
  return store.ensureSource({ name: req.name, kind: req.kind, provider: PROVIDER_NAME[req.kind], settings: req.settings });
}

export { kindOf };
