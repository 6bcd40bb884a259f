import { formatDayShort, formatMoneyCompact, formatMonthShort, formatNumber } from '../lib/format';

/** Tick formatter for a day axis: months for long spans, days otherwise. */
export function dayTick(spanDays: number): (day: string) => string {
  return spanDays > 120 ? formatMonthShort : formatDayShort;
}

/** Tick formatter for a value axis: compact money when a currency is known. */
export function valueTick(currency: string | undefined): (v: number) => string {
  return currency ? (v) => formatMoneyCompact(v, currency) : (v) => formatNumber(v, 1);
}
