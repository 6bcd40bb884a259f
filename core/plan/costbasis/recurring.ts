/**
 * Recurring charges projected from their terms (DESIGN.md "Data model": split charges by
 * ChargeFrequency; recurring commitment fees are projected from their terms, not fitted).
 *
 * A recurring *stream* is one fee: the rows of one (billing account, sub-account, service, SKU,
 * resource, charge category) whose FOCUS ChargeFrequency is `Recurring`, as a dense daily series.
 * Its cadence is read off the days it was charged:
 * - `daily`: the last charges (up to 8) are on consecutive days (gaps of 1, a single gap of 2 is
 *   tolerated as a missing day);
 * - `monthly`: the last charges (up to 4) are 28–31 days apart and on the same day of the month
 *   (a day past the month's end, e.g. the 31st, falls on the month's last day); a stream seen once
 *   is taken as monthly on that day (a monthly subscription's first invoice);
 * - anything else is `irregular`: it is not projected here; the caller forecasts it statistically
 *   with the usage rows.
 * A stream is *active* when its last charge is recent for its cadence: within 2 days of the history's
 * end for a daily fee, within 62 days for a monthly one (a fee for a complete month is often dated
 * the month's first day and only billed after the month ends, e.g. AWS tax). An active stream is
 * projected with its **last amount**, on its cadence, from the first forecast day until its end
 * (exclusive) when known — the commitment's term — else over the whole horizon.
 */
import { addDays, addMonths, daysBetween, type Day } from '../../lib';

export type RecurringCadence = 'daily' | 'monthly' | 'irregular';

export interface RecurringStreamInput {
  /** A readable name for the fee (service · SKU · resource). */
  readonly name: string;
  /** Dense daily amounts: values[i] is the amount charged on start + i. */
  readonly start: Day;
  readonly values: readonly number[];
  /** Term in months when known (from the SKU or the commitment), counted from the first charge. */
  readonly termMonths?: number | null;
  /** An explicit end (exclusive) when known; wins over termMonths. */
  readonly end?: Day | null;
}

export interface RecurringStreamProjection {
  readonly name: string;
  readonly cadence: RecurringCadence;
  /** The amount projected per charge (the last observed one). */
  readonly amount: number;
  /** Day of the month of a monthly fee. */
  readonly dayOfMonth: number | null;
  readonly firstCharge: Day;
  readonly lastCharge: Day;
  /** Exclusive end of the term, when known. */
  readonly end: Day | null;
  /** True when the stream is projected (active, regular, not ended before the forecast starts). */
  readonly projected: boolean;
  /** Why it is not projected, when it is not. */
  readonly reason: string | null;
  /** Sum of the stream over the history. */
  readonly historyTotal: number;
  /** Per forecast step (length = horizon): the projected amount, 0 on days without a charge. */
  readonly values: readonly number[];
}

const DAILY_LOOKBACK = 8;
const MONTHLY_LOOKBACK = 4;
const DAILY_ACTIVE_DAYS = 2;
const MONTHLY_ACTIVE_DAYS = 62;

const lastDayOfMonth = (d: Day): number => Number(addDays(addMonths(`${d.slice(0, 7)}-01` as Day, 1), -1).slice(8, 10));
const dom = (d: Day): number => Number(d.slice(8, 10));
/** The day `d` falls on for a monthly fee anchored at `anchor`: the anchor, or the month's last day. */
const isMonthlyDay = (d: Day, anchor: number): boolean => dom(d) === Math.min(anchor, lastDayOfMonth(d));

/** Reads the cadence off the charge days (ascending). */
export function cadenceOf(chargeDays: readonly Day[]): { cadence: RecurringCadence; dayOfMonth: number | null } {
  const n = chargeDays.length;
  if (n === 0) return { cadence: 'irregular', dayOfMonth: null };
  const last = chargeDays[n - 1] as Day;
  if (n === 1) return { cadence: 'monthly', dayOfMonth: dom(last) };
  const recent = chargeDays.slice(-DAILY_LOOKBACK);
  const gaps = recent.slice(1).map((d, i) => daysBetween(recent[i] as Day, d));
  if (gaps.every((g) => g >= 1 && g <= 2) && gaps.filter((g) => g === 2).length <= 1) return { cadence: 'daily', dayOfMonth: null };
  const months = chargeDays.slice(-MONTHLY_LOOKBACK);
  const anchor = Math.max(...months.map(dom));
  const monthly = months.slice(1).every((d, i) => {
    const g = daysBetween(months[i] as Day, d);
    return g >= 28 && g <= 31 && isMonthlyDay(d, anchor) && isMonthlyDay(months[i] as Day, anchor);
  });
  return monthly ? { cadence: 'monthly', dayOfMonth: anchor } : { cadence: 'irregular', dayOfMonth: null };
}

/**
 * Projects one recurring stream over `horizon` days starting at `forecastStart`, from the history
 * before `forecastStart` (values on or after it are ignored: they are the future).
 */
export function projectRecurring(s: RecurringStreamInput, forecastStart: Day, horizon: number): RecurringStreamProjection {
  const histLen = Math.max(0, Math.min(s.values.length, daysBetween(s.start, forecastStart)));
  const chargeDays: Day[] = [];
  let historyTotal = 0;
  for (let i = 0; i < histLen; i++) {
    const v = s.values[i] as number;
    historyTotal += v;
    if (v !== 0) chargeDays.push(addDays(s.start, i));
  }
  const values = new Array<number>(horizon).fill(0);
  const firstCharge = chargeDays[0];
  const lastCharge = chargeDays.at(-1);
  if (firstCharge === undefined || lastCharge === undefined) {
    return { name: s.name, cadence: 'irregular', amount: 0, dayOfMonth: null, firstCharge: s.start, lastCharge: s.start, end: null, projected: false, reason: 'no charge before the forecast starts', historyTotal, values };
  }
  const amount = s.values[daysBetween(s.start, lastCharge)] as number;
  const { cadence, dayOfMonth } = cadenceOf(chargeDays);
  const end = s.end ?? (s.termMonths ? addMonths(firstCharge, s.termMonths) : null);
  const base = { name: s.name, cadence, amount, dayOfMonth, firstCharge, lastCharge, end, historyTotal };
  const idle = daysBetween(lastCharge, forecastStart) - 1; // days without a charge before the forecast
  let reason: string | null = null;
  if (cadence === 'irregular') reason = 'no daily or monthly cadence: forecast with the usage rows';
  else if (end !== null && end <= forecastStart) reason = `its term ended on ${addDays(end, -1)}`;
  else if (idle > (cadence === 'daily' ? DAILY_ACTIVE_DAYS : MONTHLY_ACTIVE_DAYS)) reason = `not charged since ${lastCharge}`;
  if (reason !== null) return { ...base, projected: false, reason, values };
  for (let t = 0; t < horizon; t++) {
    const d = addDays(forecastStart, t);
    if (end !== null && d >= end) break;
    if (cadence === 'daily' || isMonthlyDay(d, dayOfMonth as number)) values[t] = amount;
  }
  return { ...base, projected: true, reason: null, values };
}

/** Sum of the projections of every projected stream, per forecast step. */
export function recurringTotal(projections: readonly RecurringStreamProjection[], horizon: number): number[] {
  const out = new Array<number>(horizon).fill(0);
  for (const p of projections) if (p.projected) p.values.forEach((v, t) => (out[t] = (out[t] as number) + v));
  return out;
}
