import { describe, expect, it } from 'vitest';
import type { Day } from '../../core/api';
import { backtestRows, windowErrors, windowsMatchHistory } from './backtest';

describe('backtestRows', () => {
  const history = { start: '2026-01-01' as Day, values: [1, 2, 3, 4, 5, 6, 7, 8] };
  const windows = [
    { start: '2026-01-05', actual: [5, 6], mean: [4.5, 6.5], intervals: [{ level: 0.8, lo: [4, 6], hi: [5, 7] }, { level: 0.95, lo: [3, 5], hi: [6, 8] }] },
    { start: '2026-01-07', actual: [7, 8], mean: [7, 7], intervals: [{ level: 80, lo: [6, 6], hi: [8, 8] }] },
  ];

  it('windowsMatchHistory tells the history itself from another series', () => {
    expect(windowsMatchHistory(history, windows)).toBe(true);
    expect(windowsMatchHistory(history, [{ ...windows[0]!, actual: [5, 6.5] }])).toBe(false);
  });

  it('joins actuals from the context before the first origin with each window prediction and its 80 % band', () => {
    expect(backtestRows(history, windows, { context: 2 })).toEqual([
      { day: '2026-01-03', actual: 3 },
      { day: '2026-01-04', actual: 4 },
      { day: '2026-01-05', actual: 5, predicted: 4.5, band80: [4, 5] },
      { day: '2026-01-06', actual: 6, predicted: 6.5, band80: [6, 7] },
      { day: '2026-01-07', actual: 7, predicted: 7, band80: [6, 8] },
      { day: '2026-01-08', actual: 8, predicted: 7, band80: [6, 8] },
    ]);
  });

  it('averages a long backtest into buckets: three 365-day windows stay under ~400 rows, totals preserved per bucket', () => {
    const n = 4 * 365;
    const long = { start: '2022-01-01' as Day, values: Array.from({ length: n }, (_, i) => i % 7) };
    const ws = [1, 2, 3].map((k) => {
      const origin = n - (4 - k) * 365;
      const day = new Date(Date.parse('2022-01-01T00:00:00Z') + origin * 86_400_000).toISOString().slice(0, 10);
      return { start: day, actual: long.values.slice(origin, origin + 365), mean: Array.from({ length: 365 }, () => 3), intervals: [] };
    });
    const rows = backtestRows(long, ws);
    expect(rows.length).toBeLessThanOrEqual(420);
    expect(rows.filter((r) => r.predicted !== undefined).every((r) => r.predicted === 3)).toBe(true);
  });

  it('windowErrors: MAE and totals per window', () => {
    expect(windowErrors(windows)).toEqual([
      { start: '2026-01-05', days: 2, mae: 0.5, actualTotal: 11, predictedTotal: 11 },
      { start: '2026-01-07', days: 2, mae: 0.5, actualTotal: 15, predictedTotal: 14 },
    ]);
  });

  it('windows scored on another series than the history (a usage model): their own actuals, no context from the history', () => {
    const usage = [{ start: '2026-01-05', actual: [4, 5], mean: [4, 4], intervals: [] }];
    expect(backtestRows(history, usage, { context: 2 })).toEqual([
      { day: '2026-01-05', actual: 4, predicted: 4 },
      { day: '2026-01-06', actual: 5, predicted: 4 },
    ]);
  });

  it('no windows, no rows', () => {
    expect(backtestRows(history, [])).toEqual([]);
  });
});
