/**
 * Money, numbers and dates in the user's locale through `Intl`. Days are UTC calendar dates
 * (`YYYY-MM-DD`), so they are always formatted in the UTC time zone: a day never shifts by one
 * because of the user's offset.
 */
import { minorUnitDigits, RATE_EXTRA_DIGITS } from '../../core/api';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as Intl.NumberFormat;
}

function dateFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as Intl.DateTimeFormat;
}

/** The locale used for every format: the browser's (or the test's) default. */
export const locale = (): string | undefined => undefined;

/** From this size up (absolute value), money is shown in whole units: at that scale cents add nothing. */
export const WHOLE_UNITS_FROM = 10_000;

/**
 * Money, in the one format the whole app uses for amounts: whole units (`$12,346`, `12 346 €`)
 * when the amount, or `scale`, is at least {@link WHOLE_UNITS_FROM} in absolute value, and the
 * currency's minor unit below (`$1,234.56`; `¥1,235`, since the yen has none). Figures shown together (a list, a table, a chart's tooltip, a
 * page's headline figures) pass the same `scale` (their largest figure), so they share one format
 * instead of switching between cents and whole units from row to row.
 *
 * `price` is for unit prices (per hour, per query), where cents matter: always the currency's minor
 * unit (two decimals for USD and EUR, none for JPY, three for KWD), at any scale. The digits come
 * from core/lib's `minorUnitDigits` (re-exported by core/api), which the reports and the CLI use too.
 *
 * `rate` is for hourly commitment rates: a price that also keeps one digit beyond the minor unit
 * when it has one (`$7.125`, `$7.10`, `¥1,069.5`), the step commitments are bought in — as the CLI
 * and the report write them (core/lib `formatRate`).
 */
export function formatMoney(value: number, currency: string, options: { readonly scale?: number; readonly price?: boolean; readonly rate?: boolean } = {}): string {
  const exact = options.price === true || options.rate === true;
  const digits = !exact && wholeUnits(value, options.scale) ? 0 : minorUnitDigits(currency);
  const max = options.rate === true ? digits + RATE_EXTRA_DIGITS : digits;
  return numberFormat(`money:${currency}:${digits}:${max}`, () => new Intl.NumberFormat(locale(), { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: max })).format(value);
}

/** Whether amounts of this size (the larger of `value` and `scale`) are shown in whole units. */
export function wholeUnits(value: number, scale = 0): boolean {
  return Math.max(Math.abs(value), Math.abs(scale)) >= WHOLE_UNITS_FROM;
}

/** The scale of figures shown together: the largest absolute value (0 for none; non-finite values are skipped). */
export function moneyScale(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  return max;
}

/**
 * One scale per currency for figures shown together in several currencies (a table of anomalies,
 * scenarios or budgets in a store billed in dollars and euros): each currency's largest figure sets
 * the format of that currency's figures only, so a large yen amount never turns dollar cents into
 * whole dollars. Returns the scale of a currency (0 for one with no figures).
 */
export function moneyScales<T>(items: Iterable<T>, currencyOf: (item: T) => string, valuesOf: (item: T) => Iterable<number>): (currency: string) => number {
  const scales = new Map<string, number>();
  for (const item of items) {
    const c = currencyOf(item);
    scales.set(c, Math.max(scales.get(c) ?? 0, moneyScale(valuesOf(item))));
  }
  return (currency) => scales.get(currency) ?? 0;
}

/** `$1.2K`, `$3.4M`: axis ticks and dense labels. */
export function formatMoneyCompact(value: number, currency: string): string {
  return numberFormat(`money-compact:${currency}`, () => new Intl.NumberFormat(locale(), { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 })).format(value);
}

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return numberFormat(`num:${maximumFractionDigits}`, () => new Intl.NumberFormat(locale(), { maximumFractionDigits })).format(value);
}

/** `+12.3 %` style (signed), from a ratio (0.123). */
export function formatChange(ratio: number): string {
  return numberFormat('pct-signed', () => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })).format(ratio);
}

export function formatPercent(ratio: number, maximumFractionDigits = 0): string {
  return numberFormat(`pct:${maximumFractionDigits}`, () => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits })).format(ratio);
}

const utc = (day: string): Date => new Date(`${day.slice(0, 10)}T00:00:00Z`);

/** `Mar 4, 2026` in the user's locale. */
export function formatDay(day: string): string {
  return dateFormat('day', () => new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })).format(utc(day));
}

/** `Mar 4`: axis ticks. */
export function formatDayShort(day: string): string {
  return dateFormat('day-short', () => new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', month: 'short', day: 'numeric' })).format(utc(day));
}

/** `March 2026`. */
export function formatMonth(day: string): string {
  return dateFormat('month', () => new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', year: 'numeric', month: 'long' })).format(utc(day));
}

/** `Mar 2026`: axis ticks for long ranges. */
export function formatMonthShort(day: string): string {
  return dateFormat('month-short', () => new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', year: 'numeric', month: 'short' })).format(utc(day));
}

/** A timestamp (ISO) as date and time in the user's zone: data freshness. */
export function formatTimestamp(iso: string): string {
  return dateFormat('ts', () => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

/** "3 days ago" for a past ISO timestamp, relative to `now`. */
export function formatAgo(iso: string, now: Date): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(Math.round(seconds), 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}
