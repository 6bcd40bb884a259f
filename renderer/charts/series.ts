import { addDays, daysBetween, type NamedSeries } from '../../core/api';
import { spanOf, toPeriods } from '../lib/series-math';
import { aggregateBuckets, bucketIndices } from './downsample';

/** One chart row: `day` plus one numeric field per series key. */
export type ChartRow = { readonly day: string } & Readonly<Record<string, number | string | [number, number] | null>>;

export interface PreparedSeries {
  readonly keys: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly rows: readonly ChartRow[];
  /** Days per displayed point (1 = not downsampled). */
  readonly daysPerPoint: number;
}

/** Total of a series (NaN skipped). */
export function seriesTotal(s: { readonly values: readonly number[] }): number {
  let t = 0;
  for (const v of s.values) if (!Number.isNaN(v)) t += v;
  return t;
}

/**
 * Keeps the `maxSeries - 1` largest series by total and sums the rest into "Other", so a chart of
 * 50 services stays legible; returns the input when it already fits.
 */
export function limitSeries(series: readonly NamedSeries[], maxSeries: number, otherLabel = 'Other'): NamedSeries[] {
  if (series.length <= maxSeries) return [...series];
  const sorted = [...series].sort((a, b) => seriesTotal(b) - seriesTotal(a));
  const keep = sorted.slice(0, maxSeries - 1);
  const rest = sorted.slice(maxSeries - 1);
  const { start, length } = spanOf(rest);
  const values = new Array<number>(length).fill(0);
  for (const s of rest) {
    const off = daysBetween(start, s.start);
    s.values.forEach((v, i) => {
      if (!Number.isNaN(v)) values[off + i]! += v;
    });
  }
  return [...keep, { id: otherLabel, unit: rest[0]?.unit ?? '', start, values }];
}

/**
 * Aligns series on one day axis (missing days are 0 for stacking) and averages them into at most
 * `maxPoints` buckets. Keys are `s0, s1, …` so series names never collide with `day`.
 */
export function prepareSeries(series: readonly NamedSeries[], maxPoints: number): PreparedSeries {
  const { start, length } = spanOf(series);
  const keys = series.map((_, i) => `s${i}`);
  const labels: Record<string, string> = {};
  series.forEach((s, i) => (labels[`s${i}`] = s.id));
  const aligned = series.map((s) => {
    const v = new Array<number>(length).fill(0);
    const off = daysBetween(start, s.start);
    s.values.forEach((x, i) => (v[off + i] = Number.isNaN(x) ? 0 : x));
    return v;
  });
  const buckets = bucketIndices(length, maxPoints);
  const agg = aligned.map((v) => aggregateBuckets(v, buckets));
  const rows: ChartRow[] = buckets.map(([s], b) => {
    const row: Record<string, number | string> = { day: addDays(start, s) };
    keys.forEach((k, i) => (row[k] = agg[i]![b]!));
    return row as ChartRow;
  });
  return { keys, labels, rows, daysPerPoint: length === 0 ? 1 : length / Math.max(buckets.length, 1) };
}

/**
 * Sums series into calendar periods (ISO weeks from Monday, or months) on one axis: one row per
 * period, `day` its first day, each value the period's total — the figures the Explore table
 * shows for the same granularity (bucket means of equal-length day runs would label a month bar
 * "Sep 19" and give its value per day).
 */
export function preparePeriods(series: readonly NamedSeries[], granularity: 'weekly' | 'monthly'): PreparedSeries {
  const keys = series.map((_, i) => `s${i}`);
  const labels: Record<string, string> = {};
  series.forEach((s, i) => (labels[`s${i}`] = s.id));
  const clean = series.map((s) => ({ start: s.start, values: s.values.map((v) => (Number.isNaN(v) ? 0 : v)) }));
  const table = toPeriods(clean, granularity);
  const rows: ChartRow[] = table.periods.map((day, j) => {
    const row: Record<string, number | string> = { day };
    keys.forEach((k, i) => (row[k] = table.rows[i]![j]!));
    return row as ChartRow;
  });
  return { keys, labels, rows, daysPerPoint: 1 };
}
