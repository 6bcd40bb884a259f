/**
 * Pure arithmetic over the daily series the service returns (dense, one value per day from
 * `start`). Pages derive every figure they show from these functions.
 */
import { addDays, addMonths, type Day, daysBetween, type NamedSeries, startOfMonth, weekday } from '../../core/api';

export interface GroupSeries {
  readonly currency: string;
  readonly group: Readonly<Record<string, string | null>>;
  readonly start: Day;
  readonly values: readonly number[];
  readonly total: number;
}

/** Label of a group key: its values joined; rows without a value read "(none)". */
export function groupLabel(group: Readonly<Record<string, string | null>>): string {
  const vals = Object.values(group);
  if (vals.length === 0) return 'Total';
  return vals.map((v) => (v === null || v === '' ? '(none)' : v)).join(' · ');
}

/** Sum of a series over [from, to) (days outside the series count as 0). */
export function sumBetween(s: { readonly start: Day; readonly values: readonly number[] }, from: Day, to: Day): number {
  const a = Math.max(0, daysBetween(s.start, from));
  const b = Math.min(s.values.length, daysBetween(s.start, to));
  let t = 0;
  for (let i = a; i < b; i++) t += s.values[i] ?? 0;
  return t;
}

/** The days the series cover together, from the earliest start to the latest end (1970-01-01 and 0 days when there are none). */
export function spanOf(series: readonly { readonly start: Day; readonly values: readonly unknown[] }[]): { start: Day; length: number } {
  if (series.length === 0) return { start: '1970-01-01' as Day, length: 0 };
  let start = series[0]!.start;
  let end = addDays(start, series[0]!.values.length);
  for (const s of series) {
    if (s.start < start) start = s.start;
    const e = addDays(s.start, s.values.length);
    if (e > end) end = e;
  }
  return { start, length: daysBetween(start, end) };
}

/** Adds series day by day (same currency assumed); the result spans all inputs. */
export function addSeries(series: readonly { readonly start: Day; readonly values: readonly number[] }[]): { start: Day; values: number[] } {
  const { start, length } = spanOf(series);
  const values = new Array<number>(length).fill(0);
  for (const s of series) {
    const off = daysBetween(start, s.start);
    s.values.forEach((v, i) => (values[off + i]! += v));
  }
  return { start, values };
}

/**
 * The currency a page shows: the user's last choice while the store still holds it, otherwise
 * {@link mainCurrency}. Without exchange rates no currency's spend can be ranked against another's,
 * so the default is only a start: pages that show one currency let the user pick any of them.
 */
export function chooseCurrency(totals: readonly { readonly currency: string; readonly effective_cost: number; readonly billed_cost: number }[], saved: string | null): string | undefined {
  return saved !== null && totals.some((t) => t.currency === saved) ? saved : mainCurrency(totals);
}

/** The currency holding most of the money: the one the page shows first. */
export function mainCurrency(totals: readonly { readonly currency: string; readonly effective_cost: number; readonly billed_cost: number }[]): string | undefined {
  let best: string | undefined;
  let bestAmount = -Infinity;
  for (const t of totals) {
    const a = Math.abs(t.effective_cost) + Math.abs(t.billed_cost);
    if (a > bestAmount) {
      bestAmount = a;
      best = t.currency;
    }
  }
  return best;
}

export function toNamed(series: readonly GroupSeries[]): NamedSeries[] {
  return series.map((s) => ({ id: groupLabel(s.group), unit: s.currency, start: s.start, values: s.values }));
}

export interface MonthToDate {
  /** [start of month, asOf] inclusive. */
  readonly amount: number;
  /** The same days of the previous month (1 … day of month, clipped to its length). */
  readonly previous: number;
  readonly days: number;
}

/** Month-to-date through `asOf` (inclusive) against the same span of the previous month. */
export function monthToDate(total: { readonly start: Day; readonly values: readonly number[] }, asOf: Day): MonthToDate {
  const from = startOfMonth(asOf);
  const end = addDays(asOf, 1);
  const days = daysBetween(from, end);
  const prevFrom = addMonths(from, -1);
  const prevEnd = addDays(prevFrom, Math.min(days, daysBetween(prevFrom, from)));
  return { amount: sumBetween(total, from, end), previous: sumBetween(total, prevFrom, prevEnd), days };
}

export interface Mover {
  readonly label: string;
  readonly current: number;
  readonly previous: number;
  readonly change: number;
  /** change / previous; undefined when previous is 0. */
  readonly ratio: number | undefined;
  readonly trend: readonly number[];
}

/**
 * Groups whose spend changed most between the last `window` days through `asOf` and the
 * `window` days before, by absolute change.
 */
export function topMovers(series: readonly GroupSeries[], asOf: Day, window: number, limit: number): Mover[] {
  const end = addDays(asOf, 1);
  const mid = addDays(end, -window);
  const begin = addDays(mid, -window);
  const movers = series.map((s) => {
    const current = sumBetween(s, mid, end);
    const previous = sumBetween(s, begin, mid);
    const a = Math.max(0, daysBetween(s.start, begin));
    const b = Math.min(s.values.length, daysBetween(s.start, end));
    return { label: groupLabel(s.group), current, previous, change: current - previous, ratio: previous === 0 ? undefined : (current - previous) / previous, trend: s.values.slice(a, b) };
  });
  return movers.filter((m) => m.change !== 0).sort((x, y) => Math.abs(y.change) - Math.abs(x.change)).slice(0, limit);
}

export type Granularity = 'daily' | 'weekly' | 'monthly';

/** The first day of the period holding `d`: itself, its ISO week's Monday, or its month's 1st. */
export function periodStart(d: Day, g: Granularity): Day {
  if (g === 'daily') return d;
  if (g === 'monthly') return startOfMonth(d);
  return addDays(d, -((weekday(d) + 6) % 7));
}

export interface PeriodTable {
  readonly periods: readonly Day[];
  /** rows[i][p] = sum of series i over period p (clipped to the data). */
  readonly rows: readonly (readonly number[])[];
}

/** Sums daily series into daily, weekly (ISO, Monday) or monthly periods on a shared axis. */
export function toPeriods(series: readonly { readonly start: Day; readonly values: readonly number[] }[], g: Granularity): PeriodTable {
  if (series.length === 0) return { periods: [], rows: [] };
  const all = addSeries(series);
  const index = new Map<string, number>();
  const periods: Day[] = [];
  for (let i = 0; i < all.values.length; i++) {
    const p = periodStart(addDays(all.start, i), g);
    if (!index.has(p)) {
      index.set(p, periods.length);
      periods.push(p);
    }
  }
  const rows = series.map((s) => {
    const out = new Array<number>(periods.length).fill(0);
    s.values.forEach((v, i) => {
      const day = addDays(s.start, i);
      out[index.get(periodStart(day, g))!]! += v;
    });
    return out;
  });
  return { periods, rows };
}
