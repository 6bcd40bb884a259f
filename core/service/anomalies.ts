/**
 * Cost anomalies (issue 6, item 2): the daily usage EffectiveCost of each service, each billing
 * account and each service within a sub-account is scanned by core/plan's detector (robust MSTL +
 * robust z of the remainder), then
 * - recurring calendar effects are dropped, level shifts reported once, trend echoes dropped
 *   (core/plan classifyAnomalies);
 * - anomalies that move less than 1 % of an ordinary day's total usage cost are dropped;
 * - each is drilled down by dimension (core/plan rankDrivers) and the same event seen at several
 *   levels (service, account, sub-account × service) is merged into one anomaly with its scopes;
 * - each gets its effect on the month it ends in (core/plan periodImpact).
 * User labels live in the store's kv table (namespace `anomaly-labels`, key `start|dim=value`, value
 * `{label, end, scope, group}`), one entry per scope of the labelled anomaly, so a forecast of any of
 * those scopes can leave the days out (readLabelledAnomalies); `group` lists the keys of all of them,
 * so `anomalies.unlabel` takes the label back from every scope without a new scan (labels saved
 * before `group` existed are found by one).
 */
import { addDays, addMonths, daysBetween, HeadroomError, isDay, startOfMonth, type Day } from '../lib';
import { anomalyLabelSchema, holidayCalendarSchema, type AnomalyLabel, type HolidaysView, type AnomalyView, type MetricAnomalyView, type PeriodImpactView, type anomaliesApi, type FeatureHandlers } from '../api';
import { forecastSeries } from '../forecast';
import { classifyAnomalies, DEFAULT_HOLIDAY_CALENDAR, detectAnomalies, HOLIDAY_PRESET_IDS, HOLIDAY_PRESETS, holidayOccurrences, holidayTest, median, validateHolidayCalendar, type HolidayCalendar, periodImpact, quantile, rankDrivers, type AnomalyDriver, type AnomalyKind, type DetectedAnomaly, type DriverSeries } from '../plan';
import type { DimensionFilter, Store } from '../store';
import type { Dimension } from '../model';
import type { ServiceDeps } from './context';

const NAMESPACE = 'anomaly-labels';
/** Scan window: the last three years of daily cost (enough for the yearly recurrence check). */
const MAX_HISTORY_DAYS = 3 * 365;
/**
 * The groupings scanned, each group's series on its own: per service, per billing account, and per
 * service within each sub-account (so a jump in a small account is not lost in a big service).
 */
export const ANOMALY_LEVELS: readonly (readonly Dimension[])[] = [['service'], ['billing_account'], ['sub_account', 'service']];
/**
 * Only usage rows are scanned: purchases, tax and credits are bookings whose dates follow contracts
 * and invoices (a monthly tax row, a commitment fee from the 1st, an SLA credit), not daily spend.
 */
const USAGE_ONLY: readonly DimensionFilter[] = [{ dimension: 'charge_category', values: ['Usage'] }];
/** An anomaly must move the cost by at least this share of its expected cost (and $1), or it is noise. */
const MIN_RELATIVE_IMPACT = 0.2;
/**
 * …and by at least this share of an ordinary day's total usage cost (the median over the last year):
 * 1 %, so a $10 000-a-day estate is not told about $40 wobbles of a $50 series.
 */
const MIN_SHARE_OF_DAILY_TOTAL = 0.01;
/** |robust z| that flags a day: 5 (4 doubles the flags on the demo dataset and finds nothing more). */
const DEFAULT_THRESHOLD = 5;
/** A driver names a scope's value when it carries at least this share of the excess (merging across levels). */
const MERGE_SHARE = 0.5;

/** The holiday calendar lives in kv `settings` / `anomaly-holidays` (absent: the default, US retail). */
const SETTINGS = 'settings';
const HOLIDAYS_KEY = 'anomaly-holidays';

/** The anomaly scan's holiday calendar as set (core/plan holidays.ts), or the default. */
export async function readHolidayCalendar(store: Store): Promise<HolidayCalendar> {
  const raw = await store.kvGet(SETTINGS, HOLIDAYS_KEY);
  if (raw === undefined) return DEFAULT_HOLIDAY_CALENDAR;
  const shape = holidayCalendarSchema.safeParse(raw);
  try {
    if (!shape.success) throw new HeadroomError('BAD_INPUT', shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return validateHolidayCalendar(shape.data);
  } catch (e) {
    throw new HeadroomError('BAD_INPUT', `The stored anomaly holiday calendar is not valid (${e instanceof Error ? e.message : String(e)}). Set it again: "headroom anomalies holidays --reset", or the Holidays card of the Anomalies page.`);
  }
}

/** The calendar as the API shows it, with its windows in [fromYear, toYear]. */
function holidaysView(cal: HolidayCalendar, fromYear: number, toYear: number): HolidaysView {
  if (toYear < fromYear || toYear - fromYear > 20) throw new HeadroomError('BAD_INPUT', `to_year ${toYear} must be from from_year ${fromYear} to 20 years after it.`);
  return {
    presets: [...cal.presets],
    windows: cal.windows.map((w) => ({ ...w })),
    is_default: JSON.stringify(cal) === JSON.stringify(DEFAULT_HOLIDAY_CALENDAR),
    available: HOLIDAY_PRESET_IDS.map((id) => ({ id, name: HOLIDAY_PRESETS[id].name, description: HOLIDAY_PRESETS[id].description })),
    occurrences: holidayOccurrences(cal, fromYear, toYear).map((o) => ({ ...o })),
  };
}

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

/** A user-labelled anomaly: its days [start, end] (inclusive), scope and label. */
export interface LabelledAnomaly {
  readonly start: Day;
  readonly end: Day;
  readonly scope: Readonly<Record<string, string>>;
  readonly label: AnomalyLabel;
}

/**
 * Every label in the store with the anomaly's days, one entry per scope the anomaly was seen in.
 * The last day is the one the detector reported when the label was set (`end` in the kv value); a
 * label stored without it covers its start day.
 */
export async function readLabelledAnomalies(store: Store): Promise<LabelledAnomaly[]> {
  const out: LabelledAnomaly[] = [];
  for (const e of await store.kvList(NAMESPACE)) {
    const value = e.value as { label?: unknown; end?: unknown; scope?: unknown } | null;
    const label = anomalyLabelSchema.safeParse(value?.label);
    const bar = e.key.indexOf('|');
    const start = e.key.slice(0, bar);
    if (!label.success || bar < 0 || !isDay(start)) continue;
    let scope: Record<string, string> = {};
    if (value?.scope && typeof value.scope === 'object') scope = Object.fromEntries(Object.entries(value.scope).filter(([, v]) => typeof v === 'string'));
    else {
      // Older labels keep the scope in the key only (`start|dim=value,dim=value`).
      for (const part of e.key.slice(bar + 1).split(',')) {
        const eq = part.indexOf('=');
        if (eq > 0) scope[part.slice(0, eq)] = part.slice(eq + 1);
      }
    }
    const end = typeof value?.end === 'string' && isDay(value.end) && value.end >= start ? value.end : start;
    out.push({ start, end, scope, label: label.data });
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

export interface ScanOptions {
  readonly since?: Day;
  readonly threshold?: number;
  readonly signal?: AbortSignal;
  /**
   * Measurement only (tests, benchmarks): the detector's first pass as it was before the second —
   * all charge categories, every run a spike, no recurrence/holiday/level-shift/echo rules, no
   * dollar floor beyond $1 and 20 % of expected, no merging across levels.
   */
  readonly firstPassOnly?: boolean;
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

/** One detected run on one series. */
interface Found {
  readonly series: ScannedSeries;
  readonly a: DetectedAnomaly;
  readonly kind: AnomalyKind;
  readonly step: number | null;
  /** Level shifts: the daily level before the change (each day's expected value). */
  readonly baseline: number | null;
  readonly start: Day;
  readonly end: Day;
}

/** Runs of several levels that are one event, and their drill-down. */
interface Group {
  /** The finest scope (most dimensions; then service before billing account; then the largest |impact|): the root cause as far as the scan sees it. */
  readonly primary: Found;
  readonly members: readonly Found[];
  /** Drivers of the coarsest member (its split covers the most dimensions). */
  readonly drivers: readonly AnomalyDriver[];
}

/** Dimensions the drill-down splits an anomaly's scope by (plus every tag key), minus the scope's own. */
const DRIVER_DIMENSIONS: readonly Dimension[] = ['billing_account', 'sub_account', 'service', 'region', 'sku'];
/** Weeks of same-weekday history in the drivers' baseline (core/plan rankDrivers). */
const DRIVER_WEEKS = 4;
/** Up to this many anomalies, drivers come from small per-anomaly queries; beyond, from one query per level and dimension. */
const NARROW_DRIVER_QUERIES = 60;
/** Days of history the period forecast trains on. */
const FORECAST_TRAINING_DAYS = 365;
const FORECAST_PATHS = 200;

const scopeKey = (currency: string, scope: Readonly<Record<string, string | null>>, by: readonly string[]): string => JSON.stringify([currency, ...by.map((d) => scope[d] ?? null)]);

/** Tag keys present on charges since `from` (each becomes a `tag:<key>` drill-down dimension). */
async function tagKeys(store: Store, from: Day): Promise<string[]> {
  const rows = await store.read((sql) => sql.all(`SELECT DISTINCT UNNEST(map_keys(Tags)) AS k FROM charges WHERE ChargePeriodStart >= CAST($from AS DATE) AND ChargeCategory = 'Usage' ORDER BY 1 LIMIT 20`, { from }));
  return rows.map((r) => String(r['k'])).filter((k) => k.length > 0);
}

/** The detector's anomalies on every scanned series, classified, above the dollar floor (no drivers or merging yet; `since` is not applied). */
async function findAnomalies(store: Store, o: ScanOptions, calendar: HolidayCalendar): Promise<{ dataThrough: Day | null; found: Found[] }> {
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const filters = o.firstPassOnly ? [] : USAGE_ONLY;
  const total = await store.dailySeries({ filters, view: 'effective' });
  // The floor per currency: 1 % of the median day of the last year.
  const floor = new Map(total.series.map((s) => [s.currency, MIN_SHARE_OF_DAILY_TOTAL * Math.max(0, median(s.values.slice(-365)))]));
  const found: Found[] = [];
  let dataThrough: Day | null = null;
  const isHoliday = holidayTest(calendar);
  for (const by of ANOMALY_LEVELS) {
    const res = await store.dailySeries({ by, filters, view: 'effective' });
    for (const s of res.series) {
      if (o.signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
      const scope: Record<string, string> = {};
      for (const d of by) {
        const v = s.group[d];
        if (v !== null && v !== undefined) scope[d] = v;
      }
      if (Object.keys(scope).length < by.length) continue; // rows without the dimension are no series of their own
      const skip = Math.max(0, s.values.length - MAX_HISTORY_DAYS);
      const values = s.values.slice(skip);
      const start0 = addDays(s.start, skip);
      const last = addDays(s.start, s.values.length - 1);
      if (dataThrough === null || last > dataThrough) dataThrough = last;
      const det = detectAnomalies(values, { threshold });
      const classified = o.firstPassOnly
        ? { anomalies: det.anomalies.filter((a) => Math.abs(a.impact) >= Math.max(1, MIN_RELATIVE_IMPACT * Math.abs(a.expected))).map((a) => ({ ...a, kind: 'spike' as const, step: null, baseline: null })) }
        : classifyAnomalies(values, det, { threshold, minImpact: Math.max(1, floor.get(s.currency) ?? 0), minRelative: MIN_RELATIVE_IMPACT, holiday: (t) => isHoliday(addDays(start0, t)) });
      const series: ScannedSeries = { by, scope, currency: s.currency, start: start0, values, expected: det.expected };
      for (const a of classified.anomalies) {
        const start = addDays(start0, a.start);
        const end = addDays(start0, a.end);
        found.push({ series, a, kind: a.kind, step: a.step, baseline: a.baseline, start, end });
      }
    }
  }
  return { dataThrough, found };
}

/** Drivers of each anomaly, from one dailySeries query per level and drill-down dimension. */
async function driversOf(store: Store, found: readonly Found[], signal: AbortSignal | undefined): Promise<Map<Found, AnomalyDriver[]>> {
  const out = new Map<Found, AnomalyDriver[]>();
  if (found.length === 0) return out;
  const earliest = found.reduce((m, f) => (f.start < m ? f.start : m), found[0]!.start);
  const from = addDays(earliest, -7 * DRIVER_WEEKS);
  const tags = (await tagKeys(store, from)).map((k) => `tag:${k}` as Dimension);
  const dims = [...DRIVER_DIMENSIONS, ...tags];
  if (found.length <= NARROW_DRIVER_QUERIES) {
    // Few anomalies: one small query per anomaly and dimension over its own days and baseline
    // (≈ 8 ms each on the demo, against ≈ 0.3 s for a dimension over the whole history).
    for (const f of found) {
      const lo = addDays(f.start, -7 * DRIVER_WEEKS);
      const filters: DimensionFilter[] = [...USAGE_ONLY, ...Object.entries(f.series.scope).map(([d, v]) => ({ dimension: d as Dimension, values: [v] }))];
      const parts: DriverSeries[] = [];
      for (const dim of dims.filter((d) => !f.series.by.includes(d))) {
        if (signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
        const res = await store.dailySeries({ by: [dim], from: lo, to: addDays(f.end, 1), filters, view: 'effective' });
        for (const s of res.series) if (s.currency === f.series.currency) parts.push({ dimension: dim, value: s.group[dim] ?? null, values: s.values });
      }
      out.set(f, rankDrivers(parts, 7 * DRIVER_WEEKS, 7 * DRIVER_WEEKS + daysBetween(f.start, f.end), { weeks: DRIVER_WEEKS, direction: f.a.impact < 0 ? -1 : 1 }));
    }
    return out;
  }
  const levels = new Map<string, Found[]>();
  for (const f of found) levels.set(f.series.by.join('|'), [...(levels.get(f.series.by.join('|')) ?? []), f]);
  for (const list of levels.values()) {
    const by = list[0]!.series.by;
    const parts = new Map<string, DriverSeries[]>(); // scope key → parts
    let partsStart: Day = from;
    for (const dim of dims.filter((d) => !by.includes(d))) {
      if (signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
      const res = await store.dailySeries({ by: [...by, dim], from, filters: USAGE_ONLY, view: 'effective' });
      if (res.period) partsStart = res.period.start;
      for (const s of res.series) {
        const k = scopeKey(s.currency, s.group, by);
        parts.set(k, [...(parts.get(k) ?? []), { dimension: dim, value: s.group[dim] ?? null, values: s.values }]);
      }
    }
    for (const f of list) {
      const p = parts.get(scopeKey(f.series.currency, f.series.scope, by)) ?? [];
      out.set(f, rankDrivers(p, daysBetween(partsStart, f.start), daysBetween(partsStart, f.end), { weeks: DRIVER_WEEKS, direction: f.a.impact < 0 ? -1 : 1 }));
    }
  }
  return out;
}

/** The value a run's drill-down names for a dimension: its scope's, else a driver carrying ≥ MERGE_SHARE. */
function named(f: Found, drivers: readonly AnomalyDriver[], dim: string): string | null | undefined {
  if (dim in f.series.scope) return f.series.scope[dim];
  return drivers.find((d) => d.dimension === dim && d.share >= MERGE_SHARE)?.value;
}

/**
 * Merges runs of different levels that are the same event: overlapping (or touching) days, the same
 * sign, and each one's scope named by the other's scope or drill-down (the service-level run on
 * Amazon S3 whose excess sits in sub-account X, and the sub-account X × S3 run).
 */
function mergeAcrossLevels(found: readonly Found[], drivers: ReadonlyMap<Found, readonly AnomalyDriver[]>): Group[] {
  const parent = found.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const same = (x: Found, y: Found): boolean => {
    if (x.series.by.join('|') === y.series.by.join('|') || x.series.currency !== y.series.currency) return false;
    if (Math.sign(x.a.impact) !== Math.sign(y.a.impact)) return false;
    if (daysBetween(y.end, x.start) > 1 || daysBetween(x.end, y.start) > 1) return false;
    const dx = drivers.get(x) ?? [];
    const dy = drivers.get(y) ?? [];
    return Object.entries(x.series.scope).every(([d, v]) => named(y, dy, d) === v) && Object.entries(y.series.scope).every(([d, v]) => named(x, dx, d) === v);
  };
  for (let i = 0; i < found.length; i++) for (let j = i + 1; j < found.length; j++) if (same(found[i]!, found[j]!)) parent[root(i)] = root(j);
  const groups = new Map<number, Found[]>();
  found.forEach((f, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), f]));
  const dims = (f: Found): number => Object.keys(f.series.scope).length;
  return [...groups.values()].map((members) => {
    // Equal dimension counts: the level listed first in ANOMALY_LEVELS (a service is more specific than a whole account).
    const rank = (f: Found): number => ANOMALY_LEVELS.findIndex((l) => l.join('|') === f.series.by.join('|'));
    const primary = members.reduce((a, b) => (dims(b) > dims(a) || (dims(b) === dims(a) && (rank(b) < rank(a) || (rank(b) === rank(a) && Math.abs(b.a.impact) > Math.abs(a.a.impact)))) ? b : a));
    const coarsest = members.reduce((a, b) => (dims(b) < dims(a) || (dims(b) === dims(a) && Math.abs(b.a.impact) > Math.abs(a.a.impact)) ? b : a));
    const sorted = [primary, ...members.filter((m) => m !== primary).sort((a, b) => dims(a) - dims(b))];
    return { primary, members: sorted, drivers: drivers.get(coarsest) ?? [] };
  });
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
    // A level shift's days are expected at the level before it; a spike's at the detector's fit.
    expected: f.baseline === null ? s.expected : s.values.map(() => f.baseline ?? 0),
    start: daysBetween(s.start, f.start),
    end: daysBetween(s.start, f.end),
    periodStart: daysBetween(s.start, month),
    periodEnd: daysBetween(s.start, next),
    forecastTotal: p50Total,
  });
  return { period: month.slice(0, 7), open: r.forecastDays > 0, with: round2(r.with), without: round2(r.without), delta: round2(r.delta), incurred: round2(r.incurred) };
}

/**
 * The last scan of a store: the runs found (all dates) and the drivers computed so far, kept while
 * the store's data (Store.dataWrites), the options and the holiday calendar stay the same — so a
 * label, which re-checks the anomaly, and a list after it do not scan the data again.
 */
interface ScanMemo {
  readonly key: string;
  readonly writes: number;
  readonly dataThrough: Day | null;
  readonly found: readonly Found[];
  readonly drivers: Map<Found, AnomalyDriver[]>;
}
const scanMemo = new WeakMap<Store, ScanMemo>();

async function scanRuns(store: Store, o: ScanOptions): Promise<ScanMemo> {
  const calendar = await readHolidayCalendar(store);
  const key = JSON.stringify({ threshold: o.threshold ?? DEFAULT_THRESHOLD, firstPassOnly: o.firstPassOnly === true, calendar });
  // An odd count is a write under way: nothing read now is kept.
  const writes = store.dataWrites;
  const hit = scanMemo.get(store);
  if (hit !== undefined && hit.key === key && hit.writes === writes && writes % 2 === 0) return hit;
  const { dataThrough, found } = await findAnomalies(store, o, calendar);
  const memo: ScanMemo = { key, writes, dataThrough, found, drivers: new Map() };
  if (writes % 2 === 0 && store.dataWrites === writes) scanMemo.set(store, memo);
  return memo;
}

/** The merged anomalies of the store's data (drivers included, no period impact). */
async function collectAnomalies(store: Store, o: ScanOptions): Promise<{ dataThrough: Day | null; groups: Group[] }> {
  const memo = await scanRuns(store, o);
  const dataThrough = memo.dataThrough;
  const since = o.since;
  const found = since === undefined ? memo.found : memo.found.filter((f) => f.end >= since);
  const missing = found.filter((f) => !memo.drivers.has(f));
  if (missing.length > 0) for (const [f, d] of await driversOf(store, missing, o.signal)) memo.drivers.set(f, d);
  const drivers = memo.drivers;
  const groups = o.firstPassOnly ? found.map((f) => ({ primary: f, members: [f], drivers: drivers.get(f) ?? [] })) : mergeAcrossLevels(found, drivers);
  return { dataThrough, groups };
}

/** All anomalies of the store's data, newest first, each with its scopes, drivers and period impact. */
export async function scanAnomalies(store: Store, o: ScanOptions = {}): Promise<{ dataThrough: Day | null; anomalies: AnomalyView[] }> {
  const labels = await readLabels(store);
  const { dataThrough, groups } = await collectAnomalies(store, o);
  const out: AnomalyView[] = groups.map(({ primary: f, members, drivers }) => ({
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
    kind: f.kind,
    step: f.step === null ? null : round2(f.step),
    label: members.map((m) => labels.get(labelKey(m.start, m.series.scope))).find((l) => l !== undefined) ?? null,
    scopes: members.map((m) => ({ scope: m.series.scope, start: m.start, end: m.end, impact: round2(m.a.impact) })),
    drivers: drivers.map((d) => ({ dimension: d.dimension, value: d.value, expected: round2(d.expected), actual: round2(d.actual), impact: round2(d.impact), share: Math.round(d.share * 1000) / 1000 })),
    period_impact: periodImpactOf(f),
  }));
  out.sort((a, b) => (a.start === b.start ? Math.abs(b.impact) - Math.abs(a.impact) : a.start < b.start ? 1 : -1));
  return { dataThrough, anomalies: out };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
/** Four significant digits at least (metrics range from 0.01 % CPU to 1e12 bytes). */
const roundSig = (x: number): number => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(Math.max(4, Math.ceil(Math.log10(Math.abs(x))) + 2))));

export interface MetricScanOptions {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly step?: 'day' | 'hour';
  readonly agg?: 'mean' | 'max' | 'min' | 'sum' | 'p95';
  readonly since?: string;
  readonly threshold?: number;
  readonly signal?: AbortSignal;
}

/**
 * Anomalies in each series of a metric (issue 6, item 2: "and on any metric series"): the series is
 * resampled to days or hours by the store, made dense (a missing step is interpolated linearly
 * between its neighbours and counted in `filled`), decomposed with a weekly cycle (days) or a daily
 * one (hours; plus weekly with eight weeks of data), and judged by the same two passes as cost —
 * without the dollar floor; the holiday windows apply to daily steps.
 */
export async function scanMetricAnomalies(store: Store, o: MetricScanOptions): Promise<{ step: 'day' | 'hour'; series: number; anomalies: MetricAnomalyView[] }> {
  const step = o.step ?? 'day';
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const stepMs = step === 'day' ? 86_400_000 : 3_600_000;
  const res = await store.metricSeries({ name: o.name, ...(o.labels ? { labels: o.labels } : {}), step, agg: o.agg ?? 'mean' });
  if (res.length === 0) throw new HeadroomError('NOT_FOUND', `No metric named "${o.name}"${o.labels ? ` with labels ${Object.entries(o.labels).map(([k, v]) => `${k}=${v}`).join(', ')}` : ''}. "headroom summary" or the Metrics page lists the metrics there are.`);
  const out: MetricAnomalyView[] = [];
  const isHoliday = holidayTest(await readHolidayCalendar(store));
  for (const s of res) {
    if (o.signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
    if (s.points.length === 0) continue;
    const t0 = Date.parse(s.points[0]!.ts);
    const n = Math.round((Date.parse(s.points[s.points.length - 1]!.ts) - t0) / stepMs) + 1;
    const values = new Array<number>(n).fill(Number.NaN);
    for (const p of s.points) {
      const i = Math.round((Date.parse(p.ts) - t0) / stepMs);
      if (i >= 0 && i < n) values[i] = p.value;
    }
    const missing = values.map((v) => Number.isNaN(v));
    for (let i = 0; i < n; i++) {
      if (!missing[i]) continue;
      let l = i - 1;
      while (l >= 0 && missing[l]) l--;
      let r = i + 1;
      while (r < n && missing[r]) r++;
      values[i] = l >= 0 && r < n ? values[l]! + ((values[r]! - values[l]!) * (i - l)) / (r - l) : values[l >= 0 ? l : r]!;
    }
    // A weekly cycle on hourly data needs many weeks: with a few, each hour-of-week subseries holds so few
    // points that the cycle absorbs a spike (and echoes it a week either side).
    const periods = step === 'day' ? [7] : n >= 8 * 168 ? [24, 168] : [24];
    const det = detectAnomalies(values, { threshold, periods });
    const tsAt = (i: number): string => new Date(t0 + i * stepMs).toISOString();
    const classified = classifyAnomalies(values, det, {
      threshold,
      minRelative: 0,
      shiftWindow: step === 'day' ? 28 : 7 * 24,
      minAfter: step === 'day' ? 14 : 3 * 24,
      warmup: step === 'day' ? 14 : 2 * 24,
      yearSlack: step === 'day' ? 7 : 7 * 24,
      ...(step === 'day' ? { holiday: (t: number) => isHoliday(tsAt(t).slice(0, 10) as Day) } : {}),
    });
    for (const a of classified.anomalies) {
      if (o.since !== undefined && tsAt(a.end) < o.since) continue;
      const k = a.end - a.start + 1;
      let filled = 0;
      for (let t = a.start; t <= a.end; t++) if (missing[t]) filled++;
      out.push({
        start: tsAt(a.start),
        end: tsAt(a.end),
        scope: s.labels,
        unit: s.unit,
        expected: roundSig(a.expected / k),
        actual: roundSig(a.actual / k),
        impact: roundSig(a.impact / k),
        z: Math.round(a.z * 100) / 100,
        severity: a.severity,
        kind: a.kind,
        step: a.step === null ? null : roundSig(a.step),
        filled,
      });
    }
  }
  out.sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  return { step, series: res.length, anomalies: out };
}

/** A request's scope conditions as a record; a dimension named twice is refused. */
function scopeOf(conditions: readonly { readonly dimension: string; readonly value: string }[]): Record<string, string> {
  const scope: Record<string, string> = {};
  for (const c of conditions) {
    if (scope[c.dimension] !== undefined) throw new HeadroomError('BAD_INPUT', `The scope names ${c.dimension} twice; give each dimension once.`);
    scope[c.dimension] = c.value;
  }
  return scope;
}

export function anomaliesHandlers({ store, clock }: ServiceDeps): FeatureHandlers<typeof anomaliesApi> {
  /** Default years shown: last year to next year. */
  const years = (req: { from_year?: number | undefined; to_year?: number | undefined }): [number, number] => {
    const now = clock().getUTCFullYear();
    return [req.from_year ?? (req.to_year !== undefined ? req.to_year - 2 : now - 1), req.to_year ?? (req.from_year !== undefined ? req.from_year + 2 : now + 1)];
  };
  return {
    'anomalies.holidays': async (req) => holidaysView(await readHolidayCalendar(store), ...years(req)),
    'anomalies.set_holidays': async (req) => {
      const cal = validateHolidayCalendar({ presets: req.presets, windows: req.windows });
      const [from, to] = years(req);
      const view = holidaysView(cal, from, to);
      await store.kvSet(SETTINGS, HOLIDAYS_KEY, cal);
      return view;
    },
    'anomalies.metric': async (req, ctx) => {
      ctx.progress({ phase: 'anomalies', done: 0, total: 1, message: `Scanning metric ${req.name}` });
      const r = await scanMetricAnomalies(store, {
        name: req.name,
        ...(req.labels !== undefined ? { labels: req.labels } : {}),
        ...(req.step !== undefined ? { step: req.step } : {}),
        ...(req.agg !== undefined ? { agg: req.agg } : {}),
        ...(req.since !== undefined ? { since: req.since } : {}),
        ...(req.threshold !== undefined ? { threshold: req.threshold } : {}),
        signal: ctx.signal,
      });
      return { metric: req.name, ...r };
    },
    'anomalies.list': async (req, ctx) => {
      ctx.progress({ phase: 'anomalies', done: 0, total: 1, message: 'Scanning daily cost per service and billing account' });
      const r = await scanAnomalies(store, { ...(req.since !== undefined ? { since: req.since } : {}), ...(req.threshold !== undefined ? { threshold: req.threshold } : {}), signal: ctx.signal });
      return { data_through: r.dataThrough, anomalies: r.anomalies };
    },
    'anomalies.label': async (req, ctx) => {
      const scope = scopeOf(req.scope);
      const key = labelKey(req.start, scope);
      const text = Object.entries(scope).map(([k, v]) => `${k}=${v}`).join(', ');
      ctx.progress({ phase: 'anomalies', done: 0, total: 1, message: 'Finding the anomaly to label' });
      const { groups } = await collectAnomalies(store, { signal: ctx.signal });
      // Any scope the anomaly was seen in names it; its label is stored for each of them.
      const sameScope = groups.flatMap((g) => g.members.map((m) => ({ group: g, member: m }))).filter(({ member: m }) => labelKey(m.start, m.series.scope) === key || (Object.keys(m.series.scope).length === req.scope.length && req.scope.every((c) => m.series.scope[c.dimension] === c.value)));
      const match = sameScope.find(({ member: m }) => m.start === req.start);
      const nearby = sameScope.filter(({ member: m }) => Math.abs(daysBetween(m.start, req.start)) <= 14);
      if (match === undefined && nearby.length > 0) {
        throw new HeadroomError('NOT_FOUND', `No anomaly in ${text} starts on ${req.start}; anomalies there start on ${nearby.map(({ member: m }) => m.start).join(', ')}. Give one of those dates with --start.`);
      }
      // The anomaly's last day and scope are kept with the label so forecasts can exclude its days.
      if (match === undefined) await store.kvUpdate(NAMESPACE, { set: [{ key, value: { label: req.label, end: req.start, scope, group: [key] } }] });
      else {
        const group = match.group.members.map((m) => labelKey(m.start, m.series.scope));
        await store.kvUpdate(NAMESPACE, { set: match.group.members.map((m, i) => ({ key: group[i]!, value: { label: req.label, end: m.end, scope: m.series.scope, group } })) });
      }
      return { start: req.start, scope, label: req.label, matched: match !== undefined };
    },
    'anomalies.unlabel': async (req, ctx) => {
      const scope = scopeOf(req.scope);
      const key = labelKey(req.start, scope);
      const text = Object.entries(scope).map(([k, v]) => `${k}=${v}`).join(', ');
      const entries = await store.kvList(NAMESPACE);
      const own = entries.find((e) => e.key === key)?.value as { label?: unknown; group?: unknown } | undefined;
      const label = anomalyLabelSchema.safeParse(own?.label);
      if (!label.success) {
        const sameScope = (await readLabelledAnomalies(store)).filter((l) => labelKey(l.start, l.scope).slice(l.start.length) === key.slice(req.start.length));
        throw new HeadroomError(
          'NOT_FOUND',
          `No label is set on the anomaly of ${text} that starts on ${req.start}, so there is none to clear. ` +
            (sameScope.length > 0 ? `Labelled anomalies there start on ${sameScope.map((l) => l.start).join(', ')}; give one of those dates with --start.` : `No anomaly in ${text} is labelled; "headroom anomalies" shows each anomaly's label and scope.`),
        );
      }
      // Every scope the label was saved in (its group); labels saved before groups were kept are found by a scan.
      let keys: string[];
      if (Array.isArray(own?.group)) keys = own.group.filter((k): k is string => typeof k === 'string');
      else {
        ctx.progress({ phase: 'anomalies', done: 0, total: 1, message: 'Finding the scopes the label was saved in' });
        const { groups } = await collectAnomalies(store, { signal: ctx.signal });
        const g = groups.find((x) => x.members.some((m) => labelKey(m.start, m.series.scope) === key));
        keys = g === undefined ? [] : g.members.map((m) => labelKey(m.start, m.series.scope));
      }
      // …and any entry that lists this one in its group.
      for (const e of entries) if (Array.isArray((e.value as { group?: unknown } | null)?.group) && ((e.value as { group: unknown[] }).group).includes(key)) keys.push(e.key);
      const stored = new Set(entries.map((e) => e.key));
      const remove = [...new Set([key, ...keys])].filter((k) => stored.has(k));
      await store.kvUpdate(NAMESPACE, { remove });
      return { start: req.start, scope, cleared: label.data, scopes: remove.length };
    },
  };
}
