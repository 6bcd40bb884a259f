import { describe, expect, it } from 'vitest';
import type { Day, NamedSeries } from '../../core/api';
import { limitSeries, prepareSeries } from './series';

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
