import { addDays, type DailySeries, type Day, daysBetween } from '../../core/api';
import type { ForecastBand } from './fan';

/**
 * One rolling-origin backtest window as the forecast API returns it: a forecast (`start` is the first
 * forecast day; the model was trained on the days before it) and the actuals it is scored against.
 */
export interface BacktestWindow extends ForecastBand {
  readonly actual: readonly number[];
}

export interface BacktestRow {
  readonly day: string;
  readonly actual?: number;
  readonly predicted?: number;
  readonly band80?: readonly [number, number];
}

const is80 = (level: number): boolean => Math.round(level <= 1 ? level * 100 : level) === 80;

/**
 * Whether the windows were scored on the history itself: a cost forecast may model only part of
 * it (usage, with recurring fees projected apart), and then the windows' actuals differ from it.
 */
export function windowsMatchHistory(history: DailySeries, windows: readonly BacktestWindow[]): boolean {
  return windows.every((w) => {
    const off = daysBetween(history.start, w.start as Day);
    return w.actual.every((v, t) => {
      const h = history.values[off + t];
      return h !== undefined && Math.abs(h - v) <= 1e-9 * Math.max(1, Math.abs(v));
    });
  });
}

/**
 * Rows for the backtest chart: each window's actuals and prediction with its 80 % band, and, when
 * the windows were scored on the history itself, the history from `context` days before the first
 * origin (windows are `horizon` apart, so the predictions tile the range; the chart marks each
 * origin). Values are averaged into buckets so the whole chart has at most about `maxPoints` rows,
 * whatever the horizon.
 */
export function backtestRows(history: DailySeries, windows: readonly BacktestWindow[], options: { context?: number; maxPoints?: number } = {}): BacktestRow[] {
  const first = windows[0];
  if (!first) return [];
  const context = windowsMatchHistory(history, windows) ? (options.context ?? Math.min(first.mean.length, 60)) : 0;
  const from = addDays(first.start as Day, -context);
  const last = windows[windows.length - 1]!;
  const to = addDays(last.start as Day, last.mean.length);
  const total = Math.max(1, daysBetween(from, to));
  const perPoint = Math.max(1, Math.ceil(total / (options.maxPoints ?? 400)));
  const buckets = Math.ceil(total / perPoint);
  // One grid for every field: bucket b covers days [from + b·perPoint, from + (b+1)·perPoint).
  const sums = ['actual', 'predicted', 'lo', 'hi'].map(() => ({ sum: new Float64Array(buckets), n: new Uint32Array(buckets) }));
  const add = (field: number, dayIndex: number, v: number | undefined): void => {
    if (v === undefined || Number.isNaN(v) || dayIndex < 0 || dayIndex >= total) return;
    const b = Math.floor(dayIndex / perPoint);
    sums[field]!.sum[b]! += v;
    sums[field]!.n[b]! += 1;
  };
  const off = daysBetween(history.start, from);
  for (let i = 0; i < context; i++) add(0, i, history.values[off + i]);
  for (const w of windows) {
    const i80 = w.intervals.find((i) => is80(i.level));
    const at = daysBetween(from, w.start as Day);
    w.actual.forEach((a, t) => add(0, at + t, a));
    w.mean.forEach((m, t) => {
      add(1, at + t, m);
      add(2, at + t, i80?.lo[t]);
      add(3, at + t, i80?.hi[t]);
    });
  }
  const mean = (field: number, b: number): number | undefined => (sums[field]!.n[b]! > 0 ? sums[field]!.sum[b]! / sums[field]!.n[b]! : undefined);
  const rows: BacktestRow[] = [];
  for (let b = 0; b < buckets; b++) {
    const a = mean(0, b);
    const p = mean(1, b);
    const lo = mean(2, b);
    const hi = mean(3, b);
    if (a === undefined && p === undefined) continue;
    rows.push({ day: addDays(from, b * perPoint), ...(a !== undefined ? { actual: a } : {}), ...(p !== undefined ? { predicted: p } : {}), ...(lo !== undefined && hi !== undefined ? { band80: [lo, hi] as const } : {}) });
  }
  return rows;
}

/** Per-window errors for the table under the chart: MAE and the error of the window's total (predicted − actual). */
export function windowErrors(windows: readonly BacktestWindow[]): { start: string; days: number; mae: number; actualTotal: number; predictedTotal: number }[] {
  return windows.map((w) => {
    let abs = 0;
    let a = 0;
    let p = 0;
    w.actual.forEach((v, t) => {
      const m = w.mean[t] ?? Number.NaN;
      abs += Math.abs(v - m);
      a += v;
      p += m;
    });
    return { start: w.start, days: w.actual.length, mae: abs / Math.max(1, w.actual.length), actualTotal: a, predictedTotal: p };
  });
}
