import { describe, expect, it } from 'vitest';
import type { Day } from '../../core/api';
import { addSeries, chooseCurrency, groupLabel, mainCurrency, monthToDate, periodStart, spanOf, sumBetween, toPeriods, topMovers, type GroupSeries } from './series-math';

const d = (s: string): Day => s as Day;
const g = (name: string, start: string, values: number[]): GroupSeries => ({ currency: 'USD', group: { service: name }, start: d(start), values, total: values.reduce((a, b) => a + b, 0) });

describe('series math', () => {
  it('sums half-open windows and clips to the data', () => {
    const s = { start: d('2026-01-01'), values: [1, 2, 3, 4] };
    expect(sumBetween(s, d('2026-01-02'), d('2026-01-04'))).toBe(5);
    expect(sumBetween(s, d('2025-12-01'), d('2026-02-01'))).toBe(10);
  });

  it('spans the series from the earliest start to the latest end, and adds them day by day on that span', () => {
    const a = { start: d('2026-01-03'), values: [1, 1] }; // Jan 3–4
    const b = { start: d('2025-12-31'), values: [5, 0, 2] }; // Dec 31 – Jan 2
    expect(spanOf([a, b])).toEqual({ start: '2025-12-31', length: 5 });
    expect(spanOf([])).toEqual({ start: '1970-01-01', length: 0 });
    expect(addSeries([a, b])).toEqual({ start: '2025-12-31', values: [5, 0, 2, 1, 1] });
  });

  it('month-to-date against the same days of the previous month', () => {
    // Feb 1..Mar 3 at 1/day in Feb and 10/day in March: MTD through Mar 3 = 30, previous = Feb 1..3 = 3.
    const values = [...new Array<number>(28).fill(1), 10, 10, 10];
    expect(monthToDate({ start: d('2026-02-01'), values }, d('2026-03-03'))).toEqual({ amount: 30, previous: 3, days: 3 });
    // Mar 31 compares with all 28 days of February.
    const march = { start: d('2026-02-01'), values: [...new Array<number>(28).fill(1), ...new Array<number>(31).fill(2)] };
    expect(monthToDate(march, d('2026-03-31'))).toEqual({ amount: 62, previous: 28, days: 31 });
  });

  it('ranks movers by absolute change, window over window', () => {
    const series = [g('EC2', '2026-01-01', [1, 1, 5, 5]), g('S3', '2026-01-01', [4, 4, 3, 3]), g('Flat', '2026-01-01', [2, 2, 2, 2])];
    const m = topMovers(series, d('2026-01-04'), 2, 5);
    expect(m.map((x) => [x.label, x.current, x.previous, x.change])).toEqual([['EC2', 10, 2, 8], ['S3', 6, 8, -2]]);
    expect(m[0]!.ratio).toBe(4);
  });

  it('labels groups, picks the main currency', () => {
    expect(groupLabel({ provider: 'AWS', service: null })).toBe('AWS · (none)');
    expect(groupLabel({})).toBe('Total');
    expect(mainCurrency([{ currency: 'EUR', billed_cost: 5, effective_cost: 5 }, { currency: 'USD', billed_cost: 50, effective_cost: 40 }])).toBe('USD');
  });

  it('shows the currency the user chose while the store holds it, the main one otherwise', () => {
    const totals = [{ currency: 'JPY', billed_cost: 7_412_735, effective_cost: 7_412_735 }, { currency: 'USD', billed_cost: 1_863_430.88, effective_cost: 1_862_696.83 }, { currency: 'EUR', billed_cost: 222_558.28, effective_cost: 222_558.28 }];
    expect(chooseCurrency(totals, null)).toBe('JPY');
    expect(chooseCurrency(totals, 'EUR')).toBe('EUR');
    expect(chooseCurrency(totals, 'USD')).toBe('USD');
    // A choice the store no longer holds falls back.
    expect(chooseCurrency(totals, 'CAD')).toBe('JPY');
    expect(chooseCurrency([], 'USD')).toBeUndefined();
  });

  it('rolls days into ISO weeks and months', () => {
    expect(periodStart(d('2026-03-01'), 'weekly')).toBe('2026-02-23'); // a Sunday → Monday before
    expect(periodStart(d('2026-03-02'), 'weekly')).toBe('2026-03-02');
    const t = toPeriods([{ start: d('2026-01-30'), values: [1, 2, 3, 4] }], 'monthly');
    expect(t).toEqual({ periods: ['2026-01-01', '2026-02-01'], rows: [[3, 7]] });
  });
});
