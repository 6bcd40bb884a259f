/**
 * Spend forecast to the end of the current month, quarter and year, from the forecast's sample
 * paths: each period's total is actual-so-far + Σ path over the remaining days, and P10/P50/P90 are
 * read off those totals (core/plan quantiles, Hyndman & Fan definition 1) — never by adding up
 * daily interval bounds, which would overstate the spread of a sum.
 */
import { addMonths, type Day, daysBetween, startOfMonth } from '../../core/lib';
import { quantiles } from '../../core/plan';
import { sumBetween } from './series-math';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface PeriodForecast {
  readonly kind: PeriodKind;
  readonly start: Day;
  /** Exclusive. */
  readonly end: Day;
  /** Cost of the period's days up to the forecast start. */
  readonly actual: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** Days of the period still ahead. */
  readonly remaining: number;
}

/** The calendar month, quarter or year containing `day`: [start, end). */
export function periodOf(kind: PeriodKind, day: Day): { start: Day; end: Day } {
  const month = startOfMonth(day);
  const m = Number(day.slice(5, 7));
  const first = kind === 'month' ? month : kind === 'quarter' ? addMonths(month, -((m - 1) % 3)) : addMonths(month, -(m - 1));
  return { start: first, end: addMonths(first, kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12) };
}

/**
 * `actual` is the daily history; `forecastStart` the first forecast day (paths[k][t] is the cost of
 * forecastStart + t). Periods are those containing the forecast start (today, when the data is
 * current). Paths must reach the end of the longest period (the year).
 */
export function periodForecasts(actual: { readonly start: Day; readonly values: readonly number[] }, forecastStart: Day, paths: readonly (readonly number[])[], kinds: readonly PeriodKind[] = ['month', 'quarter', 'year']): PeriodForecast[] {
  return kinds.map((kind) => {
    const { start, end } = periodOf(kind, forecastStart);
    const spent = sumBetween(actual, start, forecastStart);
    const remaining = daysBetween(forecastStart, end);
    if (remaining <= 0 || paths.length === 0) return { kind, start, end, actual: spent, p10: spent, p50: spent, p90: spent, remaining: Math.max(0, remaining) };
    const totals = paths.map((p) => {
      if (p.length < remaining) throw new RangeError(`the forecast covers ${p.length} days but ${remaining} remain in the ${kind}`);
      let t = spent;
      for (let i = 0; i < remaining; i++) t += p[i]!;
      return t;
    });
    const [p10, p50, p90] = quantiles(totals, [0.1, 0.5, 0.9]) as [number, number, number];
    return { kind, start, end, actual: spent, p10, p50, p90, remaining };
  });
}
