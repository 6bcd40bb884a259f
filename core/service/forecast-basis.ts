/**
 * The forecast basis: how every cost forecast in core/service is built (DESIGN.md "Data model":
 * split charges by ChargeFrequency).
 *
 * - **Usage-based** rows (`Usage-Based`, and rows whose ChargeFrequency is null — connectors such as
 *   Cost Explorer cannot tell, and dropping them would lose real spend, so they stay in training)
 *   form the daily series that core/forecast fits (`forecastSeries`, with sample paths).
 * - **Recurring** rows (`Recurring`: commitment fees, support, subscriptions, monthly tax) are split
 *   into fees (core/plan `projectRecurring`) and projected from their terms: the last amount on the
 *   observed daily or monthly cadence, until the commitment's end when its SKU names the term. The
 *   projection is added to every sample path (deterministic). A fee with no recognisable cadence is
 *   forecast with the usage rows.
 * - **One-time** rows (`One-Time`: upfront purchases, one-off credits and refunds) are excluded from
 *   training and not projected.
 * - **Labelled anomalies** (`expected`, `planned`, `incident`, core/service/anomalies) whose scope
 *   overlaps the series' scope (no dimension both name with different values) have their days
 *   passed to `forecastSeries` as `exclude`; the card's warnings say which days and why.
 * - **Calendar effects**: the holiday calendar (the Anomalies page's, `readHolidayCalendar`) names
 *   each day of its windows ("Thanksgiving week, day 5" is Black Friday every year); core/forecast
 *   estimates each day's multiplicative effect from the history, tests it against the ordinary
 *   day-to-day noise, and applies the ones that stand out to the horizon (core/forecast/calendar.ts).
 * - **Yearly profile** (daily data): core/forecast estimates a yearly cycle (Fourier terms chosen by
 *   AICc, core/forecast/yearly.ts) from 1.5 years of history on, so a forecast made in November
 *   carries the December season; option `yearly: false` turns it off.
 * - **Log scale** (daily data): the usage model is fitted on log values and its point forecast is
 *   the bias-adjusted mean (core/forecast/transform.ts, FPP3 §5.6), so growth that compounds is not
 *   under-forecast (on the original scale every family drew a straight line through the curve and
 *   forecast spend low: bench:calendar's mean total error −1.4 %); option `log: false` turns it off.
 * History (`total`) stays the sum of all charges: what was charged is what budgets count as actual.
 */
import { COST_LOOKAHEAD_DAYS, type ForecastBasis } from '../api';
import { addDays, daysBetween, formatAmount, type Day } from '../lib';
import type { CostView, Dimension } from '../model';
import { minimumTraining, type Interval, type ModelCard, type ModelName, type SamplePaths, type SeriesForecast } from '../forecast';
import { projectRecurring, recurringTotal, type HolidayCalendar, type RecurringStreamProjection } from '../plan';
import type { DimensionFilter, GroupKey, Period, Store } from '../store';
import { readHolidayCalendar, readLabelledAnomalies, type LabelledAnomaly } from './anomalies';
import { calendarKeys, calendarName, horizonEffects, type HorizonCalendarEffect } from './calendar';
import { termMonthsFromSku } from './capacity';
import { cachedForecast } from './forecast-cache';

/** The rule for rows with no ChargeFrequency, as shown on model cards. */
export const NULL_FREQUENCY_RULE = 'Rows without a ChargeFrequency count as usage-based (kept in training).';

export interface CostBasisQuery {
  readonly filters?: readonly DimensionFilter[];
  readonly by?: readonly Dimension[];
  readonly view?: CostView;
  readonly from?: Day;
  readonly to?: Day;
  readonly sourceIds?: readonly number[];
}

/**
 * One recurring fee. Its series is dense from its own `start`, which is the data's first day (not
 * the query's `from`), so its first charge — where a commitment's term starts — is always seen.
 */
export interface RecurringStream {
  readonly name: string;
  readonly start: Day;
  readonly values: readonly number[];
  readonly termMonths: number | null;
}

/** One (currency, group) series split by ChargeFrequency; every array is dense from `start`. */
export interface CostBasisSeries {
  readonly currency: string;
  readonly group: GroupKey;
  readonly start: Day;
  /** All charges (the history to show and count as actual). */
  readonly total: readonly number[];
  /** Usage-based + null frequency (+ recurring fees without a cadence, added when forecast). */
  readonly usage: readonly number[];
  /** The part of `usage` from rows with no ChargeFrequency. */
  readonly nullFrequency: readonly number[];
  readonly oneTime: readonly number[];
  readonly recurring: readonly RecurringStream[];
  /** Labelled anomalies whose scope overlaps this series'. */
  readonly labels: readonly LabelledAnomaly[];
  /** The holiday calendar whose windows become calendar effects (absent: none). */
  readonly holidays?: HolidayCalendar;
}

export interface CostBasisResult {
  readonly view: CostView;
  readonly period: Period | null;
  readonly series: CostBasisSeries[];
}

const FREQ = 'charge_frequency';
const STREAM_DIMS: readonly Dimension[] = ['billing_account', 'sub_account', 'service', 'sku', 'resource', 'charge_category'];

const kindOf = (f: string | null | undefined): 'usage' | 'recurring' | 'one-time' | 'null' => {
  const v = (f ?? '').toLowerCase();
  if (v === '') return 'null';
  if (v === 'recurring') return 'recurring';
  if (v === 'one-time') return 'one-time';
  return 'usage';
};

/** True when a label's scope and the series' scope (filters + group) do not contradict each other. */
export function labelApplies(label: LabelledAnomaly, filters: readonly DimensionFilter[], group: GroupKey): boolean {
  for (const [dim, value] of Object.entries(label.scope)) {
    if (dim in group && group[dim] !== value) return false;
    const f = filters.find((x) => x.dimension === dim);
    if (f && !f.values.includes(value)) return false;
  }
  return true;
}

const groupOf = (by: readonly Dimension[], g: GroupKey): GroupKey => Object.fromEntries(by.map((d) => [d, g[d] ?? null]));
const keyOf = (currency: string, by: readonly Dimension[], g: GroupKey): string => JSON.stringify([currency, by.map((d) => g[d] ?? null)]);

/**
 * Loads the daily series per (currency, group) of `q`, split by ChargeFrequency, with the labelled
 * anomalies that apply to each. Two store queries: daily cost by (groups, frequency), and the
 * recurring rows by (groups, fee) over the same days.
 */
export async function loadCostBasis(store: Store, q: CostBasisQuery): Promise<CostBasisResult> {
  const by = [...new Set(q.by ?? [])];
  const filters = q.filters ?? [];
  const view = q.view ?? 'effective';
  const withFreq: Dimension[] = by.includes(FREQ) ? by : [...by, FREQ];
  const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
  const sources = q.sourceIds ? { sourceIds: q.sourceIds } : {};
  const res = await store.dailySeries({ filters, by: withFreq, view, ...range, ...sources });
  if (!res.period || res.series.length === 0) return { view, period: res.period, series: [] };
  const { start, end } = res.period;
  const length = daysBetween(start, end);
  const labels = await readLabelledAnomalies(store);
  const holidays = await readHolidayCalendar(store);
  const out = new Map<string, { currency: string; group: GroupKey; total: number[]; usage: number[]; nullFrequency: number[]; oneTime: number[]; recurring: RecurringStream[] }>();
  const entry = (currency: string, g: GroupKey) => {
    const k = keyOf(currency, by, g);
    let e = out.get(k);
    if (!e) {
      const zeros = (): number[] => new Array<number>(length).fill(0);
      e = { currency, group: groupOf(by, g), total: zeros(), usage: zeros(), nullFrequency: zeros(), oneTime: zeros(), recurring: [] };
      out.set(k, e);
    }
    return e;
  };
  const add = (into: number[], values: readonly number[], off: number): void => values.forEach((v, i) => (into[i + off] = (into[i + off] ?? 0) + v));
  let hasRecurring = false;
  for (const s of res.series) {
    const e = entry(s.currency, s.group);
    const off = daysBetween(start, s.start);
    const kind = kindOf(s.group[FREQ]);
    add(e.total, s.values, off);
    if (kind === 'usage' || kind === 'null') add(e.usage, s.values, off);
    if (kind === 'null') add(e.nullFrequency, s.values, off);
    if (kind === 'one-time') add(e.oneTime, s.values, off);
    if (kind === 'recurring') hasRecurring = true;
  }
  if (hasRecurring) {
    const streamBy = [...new Set<Dimension>([...by, ...STREAM_DIMS])];
    const rec = await store.dailySeries({ filters: [...filters, { dimension: FREQ, values: ['Recurring', 'recurring'] }], by: streamBy, view, to: end, ...sources });
    for (const s of rec.series) {
      if (s.values.every((v) => v === 0)) continue; // e.g. commitment fees in the amortized view (EffectiveCost 0)
      const e = entry(s.currency, s.group);
      const from = s.start < start ? s.start : start;
      const values = new Array<number>(daysBetween(from, end)).fill(0);
      add(values, s.values, daysBetween(from, s.start));
      const name = STREAM_DIMS.filter((d) => d !== 'billing_account' && d !== 'sub_account').map((d) => s.group[d]).filter((v): v is string => v !== null && v !== undefined && v !== '').join(' · ') || 'recurring charge';
      const where = [s.group['billing_account'], s.group['sub_account']].filter((v) => v).join('/');
      e.recurring.push({ name: where ? `${name} (${where})` : name, start: from, values, termMonths: termMonthsFromSku(s.group['sku'] ?? null) });
    }
  }
  const series = [...out.values()].map((e) => ({ ...e, start, labels: labels.filter((l) => labelApplies(l, filters, e.group)), holidays }));
  series.sort((a, b) => a.currency.localeCompare(b.currency) || sum(b.total) - sum(a.total));
  return { view, period: res.period, series };
}

export interface CostForecastOptions {
  /** Exclusive index into the basis' arrays where the history ends (default: their length). */
  readonly historyEnd?: number;
  /** At most this many days of history train the model (default: all). */
  readonly maxHistoryDays?: number;
  readonly period?: number;
  readonly horizon: number;
  readonly model?: ModelName;
  readonly levels?: readonly number[];
  readonly paths?: number;
  readonly seed?: number;
  /**
   * Windows excluded from training instead of the basis' labelled anomalies (a report passes the
   * labelled anomalies it lists, so its card and its list agree).
   */
  readonly exclusions?: readonly { readonly start: Day; readonly end: Day; readonly reason: string }[];
  /** Return the usage model's rolling-origin backtest windows (core/forecast `backtest`). */
  readonly backtest?: boolean;
  /**
   * A planning forecast (budgets, scenarios, period totals, reports): forecast `planningLookahead`
   * days and keep the first `horizon`, so every planning feature gets the same forecast of a scope.
   */
  readonly planning?: boolean;
  /**
   * Estimate and apply a yearly profile (core/forecast yearly.ts) in the usage model. Default: on
   * for daily data (period 7); it stands aside by itself on less than 1.5 years of history or when
   * no yearly cycle stands out (AICc).
   */
  readonly yearly?: boolean;
  /**
   * Fit the usage model on log values and report the bias-adjusted mean (core/forecast
   * transform.ts): spend that grows by a percentage a year is a straight line in logs. Default: on
   * for daily data (period 7); a history with a day ≤ 0 is fitted untransformed.
   */
  readonly log?: boolean;
}

/**
 * How far a planning forecast of `horizon` days looks ahead on `historyDays` of training data:
 * COST_LOOKAHEAD_DAYS, or less when the history cannot hold one backtest window that long after
 * core/forecast's minimum training, and never less than the horizon itself. (`auto` backtests as
 * many such windows as fit, up to three: two on the usual three years of history.)
 */
export function planningLookahead(horizon: number, historyDays: number, period = 7): number {
  const room = historyDays - minimumTraining(period);
  return Math.max(horizon, Math.min(COST_LOOKAHEAD_DAYS, room));
}

/** How a forecast was composed: shown on the Forecast page, in reports, budgets and scenarios. */
export interface ForecastComposition {
  /** The training window [from, to) of the usage model. */
  readonly history: { readonly from: Day; readonly to: Day };
  readonly usage: { readonly historyTotal: number; readonly nullFrequencyTotal: number; readonly forecastTotal: number; readonly model: string };
  readonly recurring: {
    readonly historyTotal: number;
    readonly projectedTotal: number;
    readonly streams: readonly {
      readonly name: string;
      readonly cadence: string;
      readonly amount: number;
      readonly dayOfMonth: number | null;
      readonly lastCharge: Day;
      readonly end: Day | null;
      readonly projected: boolean;
      readonly reason: string | null;
      readonly projectedTotal: number;
    }[];
  };
  readonly oneTime: { readonly historyTotal: number; readonly days: number };
  readonly excluded: readonly { readonly start: Day; readonly end: Day; readonly reason: string }[];
  /** The holiday calendar's name and the calendar effects applied to days of the horizon. */
  readonly calendar: { readonly name: string | null; readonly effects: readonly HorizonCalendarEffect[] };
  /** The composition in sentences (also the model card's notes). */
  readonly notes: readonly string[];
}

export interface CostForecast {
  /** Usage model + recurring projection. */
  readonly mean: readonly number[];
  readonly intervals: readonly Interval[];
  readonly paths?: SamplePaths;
  /** The usage model's card; its warnings also name the excluded anomaly days. */
  readonly card: ModelCard;
  readonly usage: SeriesForecast;
  /** The recurring projection per step. */
  readonly recurring: readonly number[];
  readonly composition: ForecastComposition;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Forecasts one basis series from the day after its history: usage model (with labelled anomaly
 * days excluded) + the recurring projection on every path; one-time charges are left out.
 * Throws core/forecast's BAD_INPUT when the usage history is too short.
 */
export function forecastCostBasis(b: CostBasisSeries, o: CostForecastOptions): CostForecast {
  /** The notes' amounts, in the series' currency's minor unit (`1,234.57` USD, `1,235` JPY). */
  const money = (x: number): string => formatAmount(x, b.currency);
  const histEnd = Math.max(0, Math.min(o.historyEnd ?? b.total.length, b.total.length));
  const windowStart = o.maxHistoryDays !== undefined ? Math.max(0, histEnd - o.maxHistoryDays) : 0;
  // The series' history starts at its first day with any cost: a currency or group whose data starts
  // later than the store's (a euro account imported beside three years of dollars, a service launched
  // last spring) has no history of zeros before it, and training on them forecast ~0.
  const firstCost = b.total.findIndex((v, i) => i >= windowStart && i < histEnd && v !== 0);
  const histStart = firstCost < 0 ? windowStart : firstCost;
  const from = addDays(b.start, histStart);
  const forecastStart = addDays(b.start, histEnd);
  const projections: RecurringStreamProjection[] = b.recurring.map((r) => projectRecurring({ name: r.name, start: r.start, values: r.values, termMonths: r.termMonths }, forecastStart, o.horizon));
  /** A stream's values over the training window [histStart, histEnd) of the basis. */
  const windowOf = (r: RecurringStream): number[] => {
    const off = daysBetween(r.start, b.start);
    return Array.from({ length: histEnd - histStart }, (_, i) => r.values[i + histStart + off] ?? 0);
  };
  const usage = b.usage.slice(histStart, histEnd);
  // A fee with no cadence is forecast statistically with the usage rows.
  b.recurring.forEach((r, j) => {
    if ((projections[j] as RecurringStreamProjection).cadence === 'irregular') windowOf(r).forEach((v, i) => (usage[i] = (usage[i] as number) + v));
  });
  const exclude = new Array<boolean>(usage.length).fill(false);
  const excluded: { start: Day; end: Day; reason: string }[] = [];
  // One anomaly labelled once is stored for every scope it was seen in: one window per days+label.
  const merged = new Map<string, { start: Day; end: Day; label: string; scopes: string[] }>();
  for (const l of b.labels) {
    const k = `${l.start}|${l.end}|${l.label}`;
    const m = merged.get(k) ?? { start: l.start, end: l.end, label: l.label, scopes: [] };
    const scope = Object.entries(l.scope).map(([d, v]) => `${d}=${v}`).join(', ');
    if (scope && !m.scopes.includes(scope)) m.scopes.push(scope);
    merged.set(k, m);
  }
  const windows = o.exclusions ?? [...merged.values()].map((m) => ({ start: m.start, end: m.end, reason: `anomaly labelled ${m.label}${m.scopes.length > 0 ? ` (${m.scopes.join('; ')})` : ''}` }));
  for (const w of windows) {
    const a = Math.max(daysBetween(from, w.start), 0);
    const z = Math.min(daysBetween(from, w.end), usage.length - 1);
    if (z < a) continue;
    for (let i = a; i <= z; i++) exclude[i] = true;
    excluded.push({ start: addDays(from, a), end: addDays(from, z), reason: w.reason });
  }
  // A planning forecast looks `lookahead` days ahead and keeps its first `horizon` days: the model
  // choice, the calibration and the seeded paths are then the same whatever the caller's horizon, so
  // a budget, a scenario, the Overview and a report give the same figure for the same period.
  const lookahead = o.planning ? planningLookahead(o.horizon, usage.length, o.period ?? 7) : o.horizon;
  const calendar = b.holidays ? calendarKeys(b.holidays, from, usage.length + lookahead) : undefined;
  const full = cachedForecast(usage, {
    period: o.period ?? 7,
    horizon: lookahead,
    ...(o.model ? { model: o.model } : {}),
    ...(o.levels ? { levels: o.levels } : {}),
    ...(o.paths ? { paths: o.paths } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.backtest ? { backtest: true } : {}),
    ...(excluded.length > 0 ? { exclude } : {}),
    ...(calendar ? { calendar } : {}),
    ...((o.yearly ?? (o.period ?? 7) === 7) ? { yearly: true } : {}),
    ...((o.log ?? (o.period ?? 7) === 7) ? { log: true } : {}),
  });
  const fc = firstDays(full, o.horizon);
  const recurring = recurringTotal(projections, o.horizon);
  const mean = fc.mean.map((m, t) => m + (recurring[t] as number));
  const intervals = fc.intervals.map((iv) => ({ level: iv.level, lo: iv.lo.map((v, t) => v + (recurring[t] as number)), hi: iv.hi.map((v, t) => v + (recurring[t] as number)) }));
  const paths = fc.paths?.map((p) => p.map((v, t) => v + (recurring[t] as number)));
  const effects = horizonEffects(calendar, usage.length, o.horizon, forecastStart, fc.card);
  const oneTimeHist = b.oneTime.slice(histStart, histEnd);
  const projected = projections.filter((p) => p.projected);
  const recurringHist = sum(b.recurring.map((r) => sum(windowOf(r))));
  const excludedText = excluded.map((e) => `${e.start === e.end ? e.start : `${e.start}..${e.end}`} excluded: ${e.reason}`);
  const notes = [
    `Usage-based charges (${money(sum(usage))} over ${usage.length} days) are forecast by ${fc.card.spec}${excluded.length > 0 ? `, ${exclude.filter(Boolean).length} labelled anomaly day(s) excluded from training` : ''}. ${NULL_FREQUENCY_RULE}`,
    projected.length > 0
      ? `Recurring charges are projected from their terms: ${projected.length} fee(s), ${money(sum(recurring))} over the ${o.horizon}-day horizon (the last amount on each fee's daily or monthly cadence, until its term ends).`
      : `No recurring fee is projected${b.recurring.length > 0 ? ` (${b.recurring.length} fee(s) ended, stopped or had no cadence)` : ''}.`,
    `One-time charges (${money(sum(oneTimeHist))} on ${oneTimeHist.filter((v) => v !== 0).length} day(s)) are excluded from training and not projected.`,
    ...calendarNotes(b.holidays, effects, fc.card),
    ...yearlyNotes(fc.card),
    ...(/ on log\b/.test(fc.card.spec) ? ['The usage model was fitted on log values, where spend growing by a percentage a year is a straight line; its forecast is the mean, the log scale\'s median adjusted for the spread (FPP3 §5.6).'] : []),
    ...(lookahead > o.horizon
      ? [`The model was chosen and its intervals calibrated looking ${lookahead} days ahead, as every planning forecast of this scope is (budgets, scenarios, the Overview's period totals, reports), so they agree on every period; these are its first ${o.horizon} days.`]
      : []),
    ...(histStart > windowStart ? [`History starts at the series' first day with cost, ${from}; the ${histStart - windowStart} day(s) before it, with no charges, are not taken as spending nothing.`] : []),
    ...excludedText,
  ];
  const card: ModelCard = { ...fc.card, warnings: [...fc.card.warnings, ...excludedText] };
  return {
    mean,
    intervals,
    ...(paths ? { paths } : {}),
    card,
    usage: fc,
    recurring,
    composition: {
      history: { from, to: forecastStart },
      usage: { historyTotal: sum(usage), nullFrequencyTotal: sum(b.nullFrequency.slice(histStart, histEnd)), forecastTotal: sum(fc.mean), model: fc.card.spec },
      recurring: {
        historyTotal: recurringHist,
        projectedTotal: sum(recurring),
        streams: projections.map((p) => ({ name: p.name, cadence: p.cadence, amount: p.amount, dayOfMonth: p.dayOfMonth, lastCharge: p.lastCharge, end: p.end, projected: p.projected, reason: p.reason, projectedTotal: sum(p.values) })),
      },
      oneTime: { historyTotal: sum(oneTimeHist), days: oneTimeHist.filter((v) => v !== 0).length },
      excluded,
      calendar: { name: b.holidays ? calendarName(b.holidays) : null, effects },
      notes,
    },
  };
}

/** The composition's sentence on calendar effects: how many days of the horizon got one, their range, and from which calendar. */
function calendarNotes(cal: HolidayCalendar | undefined, effects: readonly HorizonCalendarEffect[], card: ModelCard): string[] {
  if (!cal || !card.calendar) return [];
  const where = `holiday calendar: ${calendarName(cal)}; set on the Anomalies page`;
  if (effects.length === 0) {
    return card.calendar.applied.length > 0 ? [`Calendar effects (${where}): ${card.calendar.applied.length} holiday day(s) stood out in the history, none of them falls in the horizon.`] : [];
  }
  const sorted = [...effects].sort((a, b) => a.factor - b.factor);
  const lo = sorted[0] as HorizonCalendarEffect;
  const hi = sorted[sorted.length - 1] as HorizonCalendarEffect;
  const fx = (e: HorizonCalendarEffect): string => `×${e.factor.toFixed(2)} (${e.key}, ${e.day})`;
  const range = effects.length === 1 ? fx(lo) : `from ${fx(lo)} to ${fx(hi)}`;
  return [`Calendar effects (${where}): ${effects.length} day(s) of the horizon are forecast at the effect their holiday day had in past years, ${range}; holiday days whose effect did not stand out of the day-to-day noise are forecast as ordinary days.`];
}

/** The composition's sentence on the yearly profile, when the usage model applied one ("× yearly(K)" in its spec). */
function yearlyNotes(card: ModelCard): string[] {
  const k = /× yearly\((\d+)\)/.exec(card.spec)?.[1];
  if (k === undefined) return [];
  const swing = card.params['yearly.swing'];
  const size = swing !== undefined && Number.isFinite(swing) ? `, a swing of ${Math.round(swing * 100)} % from the year's low to its high` : '';
  return [`A yearly profile learnt from the past years (${k} Fourier pair(s)${size}) carries seasons such as December's into the forecast.`];
}

/** A forecast's first `h` steps: mean, intervals and paths cut; the card and backtest (of the whole look-ahead) kept. */
function firstDays(f: SeriesForecast, h: number): SeriesForecast {
  if (f.mean.length <= h) return f;
  return {
    ...f,
    mean: f.mean.slice(0, h),
    intervals: f.intervals.map((iv) => ({ level: iv.level, lo: iv.lo.slice(0, h), hi: iv.hi.slice(0, h) })),
    ...(f.paths ? { paths: f.paths.map((p) => p.slice(0, h)) } : {}),
  };
}

/** The composition as the API carries it (`forecast.series`' `basis`). */
export function basisView(c: ForecastComposition): ForecastBasis {
  return {
    history: { ...c.history },
    usage: { history_total: c.usage.historyTotal, null_frequency_total: c.usage.nullFrequencyTotal, forecast_total: c.usage.forecastTotal, model: c.usage.model },
    recurring: {
      history_total: c.recurring.historyTotal,
      projected_total: c.recurring.projectedTotal,
      streams: c.recurring.streams.map((s) => ({
        name: s.name,
        cadence: s.cadence as ForecastBasis['recurring']['streams'][number]['cadence'],
        amount: s.amount,
        day_of_month: s.dayOfMonth,
        last_charge: s.lastCharge,
        end: s.end,
        projected: s.projected,
        reason: s.reason,
        projected_total: s.projectedTotal,
      })),
    },
    one_time: { history_total: c.oneTime.historyTotal, days: c.oneTime.days },
    excluded: c.excluded.map((e) => ({ ...e })),
    calendar: { name: c.calendar.name, effects: c.calendar.effects.map((e) => ({ ...e })) },
    notes: [...c.notes],
  };
}
