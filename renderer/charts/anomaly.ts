import { type DailySeries, type Day, fromEpochDay, toEpochDay } from '../../core/api';

export type Severity = 'low' | 'medium' | 'high';

/** One anomaly as the chart marks it: the days [start, end] (inclusive) and how bad it is. */
export interface AnomalyMark {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly severity: Severity;
}

export interface AnomalyRow {
  /** Epoch day (a number axis lets a one-day anomaly span its whole day). */
  readonly x: number;
  readonly actual: number;
  /** The actual again on days inside a marked anomaly (a dot), else absent. */
  readonly flagged?: number;
}

/**
 * Rows for the anomaly chart: the daily cost from `from` (inclusive) to the end of the series, a
 * dot on every day inside one of `marks`. Daily points are kept as they are (no downsampling):
 * callers pass at most about a year, and a thinned series could drop the very day that is marked.
 */
export function anomalyRows(series: DailySeries, marks: readonly AnomalyMark[], from?: string): AnomalyRow[] {
  const first = from === undefined ? 0 : Math.max(0, toEpochDay(from as Day) - toEpochDay(series.start));
  const flagged = new Set<number>();
  for (const m of marks) for (let x = toEpochDay(m.start as Day); x <= toEpochDay(m.end as Day); x++) flagged.add(x);
  const x0 = toEpochDay(series.start);
  const rows: AnomalyRow[] = [];
  for (let i = first; i < series.values.length; i++) {
    const actual = series.values[i]!;
    const x = x0 + i;
    rows.push(flagged.has(x) ? { x, actual, flagged: actual } : { x, actual });
  }
  return rows;
}

/** The shaded span of a mark on the number axis: half a day either side of its first and last day. */
export function markSpan(m: AnomalyMark): { x1: number; x2: number } {
  return { x1: toEpochDay(m.start as Day) - 0.5, x2: toEpochDay(m.end as Day) + 0.5 };
}

/** Epoch day back to `YYYY-MM-DD` for ticks and tooltips. */
export const dayOfX = (x: number): Day => fromEpochDay(Math.round(x));

/**
 * Tick positions of the day axis: `count` whole days spread evenly from the first day drawn to the
 * last, both included. Left to recharts, the ticks of a number axis are "nice" numbers that may lie
 * past the data (the axis ended on Nov 26 for data through Nov 25).
 */
export function dayAxisTicks(x0: number, x1: number, count = 5): number[] {
  if (x1 <= x0) return [x0];
  const n = Math.max(2, Math.min(count, x1 - x0 + 1));
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(Math.round(x0 + ((x1 - x0) * i) / (n - 1)));
  return [...out];
}
