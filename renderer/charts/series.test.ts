import { describe, expect, it } from 'vitest';
import type { Day, NamedSeries } from '../../core/api';
import { limitSeries, preparePeriods, prepareSeries } from './series';

const s = (id: string, start: string, values: number[]): NamedSeries => ({ id, unit: 'USD', start: start as Day, values });

describe('limitSeries', () => {
  it('keeps the largest and sums the rest into Other, day by day', () => {
    const out = limitSeries([s('a', '2026-01-01', [1, 1]), s('b', '2026-01-01', [10, 10]), s('c', '2026-01-02', [2, 3]), s('d', '2026-01-01', [5, 5])], 3);
    expect(out.map((x) => x.id)).toEqual(['b', 'd', 'Other']);
    expect(out[2]).toMatchObject({ start: '2026-01-01', values: [1, 3, 3] });
  });
});

describe('prepareSeries', () => {
  it('aligns series with different starts on one axis', () => {
    const p = prepareSeries([s('a', '2026-01-01', [1, 2, 3]), s('b', '2026-01-02', [5])], 100);
    expect(p.rows).toEqual([
      { day: '2026-01-01', s0: 1, s1: 0 },
      { day: '2026-01-02', s0: 2, s1: 5 },
      { day: '2026-01-03', s0: 3, s1: 0 },
    ]);
    expect(p.labels).toEqual({ s0: 'a', s1: 'b' });
  });

  it('never hands the chart more than maxPoints rows: 3 years × 50 series', () => {
    const series = Array.from({ length: 50 }, (_, k) => s(`svc${k}`, '2023-01-01', Array.from({ length: 1096 }, (_, i) => k + (i % 7))));
    const p = prepareSeries(series, 365);
    expect(p.rows.length).toBe(365);
    expect(p.rows.length * p.keys.length).toBeLessThan(50_000 / 2);
    // bucket means preserve the average level of each series
    const mean0 = p.rows.reduce((t, r) => t + (r['s0'] as number), 0) / p.rows.length;
    expect(mean0).toBeCloseTo(3, 0);
  });
});

describe('preparePeriods', () => {
  // Jan 30 – Mar 2, 2026: the last 2 days of January, all 28 of February, 2 days of March.
  const days = 32;
  const a = s('a', '2026-01-30', Array.from({ length: days }, (_, i) => i + 1));
  const b = s('b', '2026-02-01', [10, 10, 10]);

  it('gives one bar per calendar month, labelled by its first day, holding the month total', () => {
    const p = preparePeriods([a, b], 'monthly');
    // Totals written out: Jan 30–31 are days 1–2, February days 3–30, March 1–2 days 31–32.
    let feb = 0;
    for (let v = 3; v <= 30; v++) feb += v;
    expect(p.rows).toEqual([
      { day: '2026-01-01', s0: 1 + 2, s1: 0 },
      { day: '2026-02-01', s0: feb, s1: 30 },
      { day: '2026-03-01', s0: 31 + 32, s1: 0 },
    ]);
    expect(p.labels).toEqual({ s0: 'a', s1: 'b' });
    expect(p.daysPerPoint).toBe(1);
  });

  it('gives one bar per ISO week, starting on Monday', () => {
    const p = preparePeriods([a], 'weekly');
    // 2026-01-30 is a Friday: its week began Monday Jan 26 and holds days 1–3 (Fri, Sat, Sun).
    expect(p.rows[0]).toEqual({ day: '2026-01-26', s0: 1 + 2 + 3 });
    expect(p.rows[1]).toEqual({ day: '2026-02-02', s0: 4 + 5 + 6 + 7 + 8 + 9 + 10 });
    expect(p.rows.map((r) => r.day)).toEqual(['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02']);
    expect(p.rows.reduce((t, r) => t + (r['s0'] as number), 0)).toBe((days * (days + 1)) / 2);
  });
});
