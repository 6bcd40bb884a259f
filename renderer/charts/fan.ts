import { addDays, type DailySeries, toEpochDay } from '../../core/api';
import { aggregateBuckets, bucketIndices, lttb } from './downsample';

/** A forecast as the charts take it: typed intervals (`{ level, lo, hi }`), never string keys. */
export interface ForecastBand {
  /** First forecast day. */
  readonly start: string;
  readonly mean: readonly number[];
  readonly intervals: readonly { readonly level: number; readonly lo: readonly number[]; readonly hi: readonly number[] }[];
}

export interface FanRow {
  readonly day: string;
  readonly actual?: number;
  readonly mean?: number;
  readonly band80?: readonly [number, number];
  readonly band95?: readonly [number, number];
  readonly overlay?: number;
}

/** Normalises a level given as 0.8 or 80 to a whole percentage. */
const pct = (level: number): number => Math.round(level <= 1 ? level * 100 : level);

/**
 * Rows for the fan chart: actuals (LTTB-downsampled to `maxActual` points), then the forecast
 * mean with its 80 % and 95 % bands (bucket means past `maxForecast` points). The forecast is
 * anchored at the last actual so the fan starts where the history ends.
 */
export function fanRows(actual: DailySeries, forecast: ForecastBand | undefined, options: { maxActual?: number; maxForecast?: number; overlay?: DailySeries } = {}): FanRow[] {
  const rows = new Map<string, FanRow>();
  const pts = actual.values.map((y, i) => ({ x: toEpochDay(actual.start) + i, y, day: addDays(actual.start, i) })).filter((p) => !Number.isNaN(p.y));
  for (const p of lttb(pts, options.maxActual ?? 500)) rows.set(p.day, { day: p.day, actual: p.y });
  const last = pts[pts.length - 1];
  if (forecast && forecast.mean.length > 0) {
    if (last) rows.set(last.day, { day: last.day, actual: last.y, mean: last.y, band80: [last.y, last.y], band95: [last.y, last.y] });
    const i80 = forecast.intervals.find((b) => pct(b.level) === 80);
    const i95 = forecast.intervals.find((b) => pct(b.level) === 95);
    const buckets = bucketIndices(forecast.mean.length, options.maxForecast ?? 400);
    const mean = aggregateBuckets(forecast.mean, buckets);
    const lo80 = i80 && aggregateBuckets(i80.lo, buckets);
    const hi80 = i80 && aggregateBuckets(i80.hi, buckets);
    const lo95 = i95 && aggregateBuckets(i95.lo, buckets);
    const hi95 = i95 && aggregateBuckets(i95.hi, buckets);
    buckets.forEach(([s], b) => {
      const day = addDays(forecast.start as Parameters<typeof addDays>[0], s);
      rows.set(day, {
        ...rows.get(day),
        day,
        mean: mean[b]!,
        ...(lo80 && hi80 ? { band80: [lo80[b]!, hi80[b]!] as const } : {}),
        ...(lo95 && hi95 ? { band95: [lo95[b]!, hi95[b]!] as const } : {}),
      });
    });
  }
  const overlay = options.overlay;
  if (overlay) {
    overlay.values.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      const day = addDays(overlay.start, i);
      rows.set(day, { ...rows.get(day), day, overlay: v });
    });
  }
  return [...rows.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
