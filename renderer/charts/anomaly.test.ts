import { describe, expect, it } from 'vitest';
import { type Day, toEpochDay } from '../../core/api';
import { anomalyRows, dayAxisTicks, dayOfX, markSpan } from './anomaly';

describe('anomaly chart rows', () => {
  const series = { start: '2026-03-01' as Day, values: [10, 11, 50, 52, 12, 9, 40] };

  it('keeps every day from `from` and flags exactly the days inside the marks', () => {
    const rows = anomalyRows(series, [{ id: 'a', start: '2026-03-03', end: '2026-03-04', severity: 'high' }, { id: 'b', start: '2026-03-07', end: '2026-03-07', severity: 'low' }], '2026-03-02');
    expect(rows.map((r) => dayOfX(r.x))).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
    expect(rows.map((r) => r.actual)).toEqual([11, 50, 52, 12, 9, 40]);
    expect(rows.filter((r) => r.flagged !== undefined).map((r) => [dayOfX(r.x), r.flagged])).toEqual([
      ['2026-03-03', 50],
      ['2026-03-04', 52],
      ['2026-03-07', 40],
    ]);
  });

  it('spans a one-day mark over its whole day', () => {
    const x = toEpochDay('2026-03-07' as Day);
    expect(markSpan({ id: 'b', start: '2026-03-07', end: '2026-03-07', severity: 'low' })).toEqual({ x1: x - 0.5, x2: x + 0.5 });
  });
});

describe('dayAxisTicks', () => {
  it('spreads whole days from the first to the last day drawn, never past the data', () => {
    const first = toEpochDay('2026-07-10' as Day);
    const last = toEpochDay('2026-11-25' as Day);
    const ticks = dayAxisTicks(first, last);
    expect(ticks).toHaveLength(5);
    expect(ticks[0]).toBe(first);
    expect(ticks.at(-1)).toBe(last);
    expect(dayOfX(ticks.at(-1)!)).toBe('2026-11-25');
    for (const t of ticks) expect(Number.isInteger(t)).toBe(true);
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks);
  });

  it('has no more ticks than days, and one for a single day', () => {
    expect(dayAxisTicks(100, 102)).toEqual([100, 101, 102]);
    expect(dayAxisTicks(100, 100)).toEqual([100]);
  });
});
