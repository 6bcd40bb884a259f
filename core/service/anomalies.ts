/**
 * Cost anomalies (issue 6, item 2): each service's and each billing account's daily
 * EffectiveCost is scanned by core/plan's detector (robust MSTL + robust z of the remainder);
 * user labels live in the store's kv table (namespace `anomaly-labels`, key `start|dim=value`).
 */
import { addDays, addMonths, daysBetween, HeadroomError, startOfMonth, type Day } from '../lib';
import { anomalyLabelSchema, type AnomalyLabel, type AnomalyView, type PeriodImpactView, type anomaliesApi, type FeatureHandlers } from '../api';
import { forecastSeries } from '../forecast';
import { detectAnomalies, periodImpact, quantile, rankDrivers, type AnomalyDriver, type DetectedAnomaly, type DriverSeries } from '../plan';
import type { Store } from '../store';
import type { Dimension } from '../model';
import type { ServiceDeps } from './context';

const NAMESPACE = 'anomaly-labels';
/** Scan window: the last three years of daily cost (enough for the yearly cycle). */
const MAX_HISTORY_DAYS = 3 * 365;
/**
 * The groupings scanned, each group's series on its own: per service, per billing account, and per
 * service within each sub-account (so a jump in a small account is not lost in a big service).
 */
export const ANOMALY_LEVELS: readonly (readonly Dimension[])[] = [['service'], ['billing_account'], ['sub_account', 'service']];
/** An anomaly must move the cost by at least this share of its expected cost (and $1), or it is noise. */
const MIN_RELATIVE_IMPACT = 0.2;
/** |robust z| that flags a day: 5 (4 doubles the flags on the demo dataset and finds nothing more). */
const DEFAULT_THRESHOLD = 5;

/** kv key of a label: the start day and the scope's conditions in a fixed order. */
export const labelKey = (start: Day, scope: Readonly<Record<string, string>>): string =>
  `${start}|${Object.keys(scope).sort().map((k) => `${k}=${scope[k]}`).join(',')}`;

async function readLabels(store: Store): Promise<Map<string, AnomalyLabel>> {
  const out = new Map<string, AnomalyLabel>();
  for (const e of await store.kvList(NAMESPACE)) {
    const v = anomalyLabelSchema.safeParse((e.value as { label?: unknown } | null)?.label);
    if (v.success) out.set(e.key, v.data);
  }
  return out;
}

export interface ScanOptions {
  readonly since?: Day;
  readonly threshold?: number;
  readonly signal?: AbortSignal;
}

/** One scanned series: its grouping, scope, first day, values and the detector's expected values. */
interface ScannedSeries {
  readonly by: readonly Dimension[];
  readonly scope: Readonly<Record<string, string>>;
  readonly currency: string;
  readonly start: Day;
  readonly values: readonly number[];
  readonly expected: readonly number[];
}

interface Found {
  readonly series: ScannedSeries;
  readonly a: DetectedAnomaly;
  readonly start: Day;
  readonly end: Day;
}

/** Dimensions the drill-down splits an anomaly's scope by (plus every tag key), minus the scope's own. */
const DRIVER_DIMENSIONS: readonly Dimension[] = ['billing_account', 'sub_account', 'service', 'region', 'sku'];
/** Weeks of same-weekday history in the drivers' baseline (core/plan rankDrivers). */
const DRIVER_WEEKS = 4;
/** Days of history the period forecast trains on. */
const FORECAST_TRAINING_DAYS = 365;
const FORECAST_PATHS = 200;

const scopeKey = (currency: string, scope: Readonly<Record<string, string | null>>, by: readonly string[]): string => JSON.stringify([currency, ...by.map((d) => scope[d] ?? null)]);

/** Tag keys present on charges since `from` (each becomes a `tag:<key>` drill-down dimension). */
async function tagKeys(store: Store, from: Day): Promise<string[]> {
  const rows = await store.read((sql) => sql.all(`SELECT DISTINCT UNNEST(map_keys(Tags)) AS k FROM charges WHERE ChargePeriodStart >= CAST($from AS DATE) ORDER BY 1 LIMIT 20`, { from }));
  return rows.map((r) => String(r['k'])).filter((k) => k.length > 0);
}

/** Drivers of each anomaly, from one dailySeries query per level and drill-down dimension. */
async function driversOf(store: Store, found: readonly Found[], signal: AbortSignal | undefined): Promise<Map<Found, AnomalyDriver[]>> {
  const out = new Map<Found, AnomalyDriver[]>();
  if (found.length === 0) return out;
  const earliest = found.reduce((m, f) => (f.start < m ? f.start : m), found[0]!.start);
  const from = addDays(earliest, -7 * DRIVER_WEEKS);
  const tags = (await tagKeys(store, from)).map((k) => `tag:${k}` as Dimension);
  const levels = new Map<string, Found[]>();
  for (const f of found) levels.set(f.series.by.join('|'), [...(levels.get(f.series.by.join('|')) ?? []), f]);
  for (const list of levels.values()) {
    const by = list[0]!.series.by;
    const parts = new Map<string, DriverSeries[]>(); // scope key → parts
    let partsStart: Day = from;
    for (const dim of [...DRIVER_DIMENSIONS, ...tags].filter((d) => !by.includes(d))) {
      if (signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
      const res = await store.dailySeries({ by: [...by, dim], from, view: 'effective' });
      if (res.period) partsStart = res.period.start;
      for (const s of res.series) {
        const k = scopeKey(s.currency, s.group, by);
        parts.set(k, [...(parts.get(k) ?? []), { dimension: dim, value: s.group[dim] ?? null, values: s.values }]);
      }
    }
    for (const f of list) {
      const p = parts.get(scopeKey(f.series.currency, f.series.scope, by)) ?? [];
      const a = daysBetween(partsStart, f.start);
      const b = daysBetween(partsStart, f.end);
      const drivers = rankDrivers(p, a, b, { weeks: DRIVER_WEEKS, direction: f.a.impact < 0 ? -1 : 1 });
      out.set(f, drivers);
    }
  }
  return out;
}

/** P50 of the total cost of the next `horizon` days: seeded ETS (weekly season) sample paths over the last year. */
function p50Total(values: readonly number[], horizon: number): number {
  const y = values.slice(-FORECAST_TRAINING_DAYS);
  const f = forecastSeries(y, { period: 7, horizon, model: 'ets', paths: FORECAST_PATHS, seed: 1 });
  const totals = (f.paths ?? [f.mean]).map((p) => p.slice(0, horizon).reduce((a, b) => a + b, 0));
  return quantile(totals, 0.5);
}

function periodImpactOf(f: Found): PeriodImpactView {
  const s = f.series;
  const month = startOfMonth(f.end);
  const next = addMonths(month, 1);
  const r = periodImpact({
    values: s.values,
    expected: s.expected,
    start: daysBetween(s.start, f.start),
    end: daysBetween(s.start, f.end),
    periodStart: daysBetween(s.start, month),
    periodEnd: daysBetween(s.start, next),
    forecastTotal: p50Total,
  });
  return { period: month.slice(0, 7), open: r.forecastDays > 0, with: round2(r.with), without: round2(r.without), delta: round2(r.delta), incurred: round2(r.incurred) };
}

/** The detector's anomalies on every scanned series (dates and scopes; no drivers or period impact yet). */
async function findAnomalies(store: Store, o: ScanOptions): Promise<{ dataThrough: Day | null; found: Found[] }> {
  const found: Found[] = [];
  let dataThrough: Day | null = null;
  for (const by of ANOMALY_LEVELS) {
    const res = await store.dailySeries({ by, view: 'effective' });
    for (const s of res.series) {
      if (o.signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
      const scope: Record<string, string> = {};
      for (const d of by) {
        const v = s.group[d];
        if (v !== null && v !== undefined) scope[d] = v;
      }
      if (Object.keys(scope).length < by.length) continue; // rows without the dimension (tax) are no series of their own
      const skip = Math.max(0, s.values.length - MAX_HISTORY_DAYS);
      const values = s.values.slice(skip);
      const start0 = addDays(s.start, skip);
      const last = addDays(s.start, s.values.length - 1);
      if (dataThrough === null || last > dataThrough) dataThrough = last;
      const det = detectAnomalies(values, { threshold: o.threshold ?? DEFAULT_THRESHOLD });
      const series: ScannedSeries = { by, scope, currency: s.currency, start: start0, values, expected: det.expected };
      for (const a of det.anomalies) {
        if (Math.abs(a.impact) < Math.max(1, MIN_RELATIVE_IMPACT * Math.abs(a.expected))) continue;
        const start = addDays(start0, a.start);
        const end = addDays(start0, a.end);
        if (o.since !== undefined && end < o.since) continue;
        found.push({ series, a, start, end });
      }
    }
  }
  return { dataThrough, found };
}

/** All anomalies of the store's data, newest first, each with its drivers and its period impact. */
export async function scanAnomalies(store: Store, o: ScanOptions = {}): Promise<{ dataThrough: Day | null; anomalies: AnomalyView[] }> {
  const labels = await readLabels(store);
  const { dataThrough, found } = await findAnomalies(store, o);
  const drivers = await driversOf(store, found, o.signal);
  const out: AnomalyView[] = found.map((f) => ({
    start: f.start,
    end: f.end,
    scope: f.series.scope,
    currency: f.series.currency,
    expected: round2(f.a.expected),
    actual: round2(f.a.actual),
    impact: round2(f.a.impact),
    interval: { lower: round2(f.a.lower), upper: round2(f.a.upper) },
    z: Math.round(f.a.z * 100) / 100,
    severity: f.a.severity,
    label: labels.get(labelKey(f.start, f.series.scope)) ?? null,
    drivers: (drivers.get(f) ?? []).map((d) => ({ dimension: d.dimension, value: d.value, expected: round2(d.expected), actual: round2(d.actual), impact: round2(d.impact), share: Math.round(d.share * 1000) / 1000 })),
    period_impact: periodImpactOf(f),
  }));
  out.sort((a, b) => (a.start === b.start ? Math.abs(b.impact) - Math.abs(a.impact) : a.start < b.start ? 1 : -1));
  return { dataThrough, anomalies: out };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function anomaliesHandlers({ store }: ServiceDeps): FeatureHandlers<typeof anomaliesApi> {
  return {
    'anomalies.list': async (req, ctx) => {
      ctx.progress({ phase: 'anomalies', done: 0, total: 1, message: 'Scanning daily cost per service and billing account' });
      const r = await scanAnomalies(store, { ...(req.since !== undefined ? { since: req.since } : {}), ...(req.threshold !== undefined ? { threshold: req.threshold } : {}), signal: ctx.signal });
      return { data_through: r.dataThrough, anomalies: r.anomalies };
    },
    'anomalies.label': async (req) => {
      const scope: Record<string, string> = {};
      for (const c of req.scope) {
        if (scope[c.dimension] !== undefined) throw new HeadroomError('BAD_INPUT', `The scope names ${c.dimension} twice; give each dimension once.`);
        scope[c.dimension] = c.value;
      }
      const key = labelKey(req.start, scope);
      const text = Object.entries(scope).map(([k, v]) => `${k}=${v}`).join(', ');
      const { found } = await findAnomalies(store, {});
      const sameScope = found
        .map((f) => ({ start: f.start, scope: f.series.scope }))
        .filter((a) => labelKey(a.start, a.scope) === key || (Object.keys(a.scope).length === req.scope.length && req.scope.every((c) => a.scope[c.dimension] === c.value)));
      const matched = sameScope.some((a) => a.start === req.start);
      const nearby = sameScope.filter((a) => Math.abs(daysBetween(a.start, req.start)) <= 14);
      if (!matched && nearby.length > 0) {
        throw new HeadroomError('NOT_FOUND', `No anomaly in ${text} starts on ${req.start}; anomalies there start on ${nearby.map((a) => a.start).join(', ')}. Give one of those dates with --start.`);
      }
      await store.kvSet(NAMESPACE, key, { label: req.label });
      return { start: req.start, scope, label: req.label, matched };
    },
  };
}
