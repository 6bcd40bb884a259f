import { formatDayShort, formatMoneyCompact, formatMonthShort, formatNumber } from '../lib/format';

/**
 * Tick formatter for a day axis: months past a year (ticks are then more than a month apart),
 * days otherwise (a half-year axis labelled by month repeats "Feb, Feb, Mar").
 */
export function dayTick(spanDays: number): (day: string) => string {
  return spanDays > 365 ? formatMonthShort : formatDayShort;
}

/** Tick formatter for a value axis: compact money when a currency is known. */
export function valueTick(currency: string | undefined): (v: number) => string {
  return currency ? (v) => formatMoneyCompact(v, currency) : (v) => formatNumber(v, 1);
}
