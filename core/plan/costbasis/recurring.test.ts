import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, parseDay, type Day } from '../../lib';
import { cadenceOf, projectRecurring, recurringTotal } from './recurring';

/** A dense series from `start` to `end` (exclusive) with `amount` on the days `on` picks. */
function stream(start: Day, end: Day, on: (d: Day) => boolean, amount: (d: Day) => number = () => 10): number[] {
  return Array.from({ length: daysBetween(start, end) }, (_, i) => {
    const d = addDays(start, i);
    return on(d) ? amount(d) : 0;
  });
}
const D = (...xs: string[]): Day[] => xs.map(parseDay);
const dom = (d: Day): number => Number(d.slice(8, 10));

describe('cadenceOf', () => {
  it('reads daily, monthly (month-end clamp) and irregular cadences', () => {
    expect(cadenceOf(D('2026-01-01', '2026-01-02', '2026-01-03'))).toEqual({ cadence: 'daily', dayOfMonth: null });
    expect(cadenceOf(D('2026-01-01', '2026-01-02', '2026-01-04', '2026-01-05'))).toEqual({ cadence: 'daily', dayOfMonth: null });
    expect(cadenceOf(D('2026-01-01', '2026-02-01', '2026-03-01'))).toEqual({ cadence: 'monthly', dayOfMonth: 1 });
    // The 31st falls on the month's last day in shorter months.
    expect(cadenceOf(D('2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'))).toEqual({ cadence: 'monthly', dayOfMonth: 31 });
    expect(cadenceOf(D('2026-03-15'))).toEqual({ cadence: 'monthly', dayOfMonth: 15 });
    expect(cadenceOf(D('2026-01-01', '2026-01-09', '2026-02-20')).cadence).toBe('irregular');
    expect(cadenceOf(D('2026-01-05', '2026-02-07', '2026-03-05')).cadence).toBe('irregular');
  });
});

describe('projectRecurring', () => {
  it('projects a monthly fee with its last amount on its day of the month', () => {
    const start = '2025-10-01' as Day;
    const values = stream(start, parseDay('2026-02-10'), (d) => dom(d) === 1, (d) => (d < parseDay('2026-01-01') ? 100 : 120));
    const p = projectRecurring({ name: 'tax', start, values }, parseDay('2026-02-10'), 60);
    expect(p.cadence).toBe('monthly');
    expect(p.projected).toBe(true);
    expect(p.amount).toBe(120);
    // 2026-03-01 is step 19, 2026-04-01 step 50.
    const want = new Array<number>(60).fill(0);
    want[19] = 120;
    want[50] = 120;
    expect(p.values).toEqual(want);
    expect(p.historyTotal).toBe(100 * 3 + 120 * 2);
  });

  it('projects a daily commitment fee until the end of its term, from the first charge', () => {
    const start = '2025-01-01' as Day;
    const values = stream(start, parseDay('2026-01-01'), (d) => d >= parseDay('2025-03-10'), () => 48);
    const p = projectRecurring({ name: 'sp', start, values, termMonths: 12 }, parseDay('2026-01-01'), 90);
    expect(p.cadence).toBe('daily');
    expect(p.end).toBe(parseDay('2026-03-10'));
    const days = daysBetween(parseDay('2026-01-01'), parseDay('2026-03-10'));
    expect(p.values.slice(0, days).every((v) => v === 48)).toBe(true);
    expect(p.values.slice(days).every((v) => v === 0)).toBe(true);
    expect(p.values.reduce((a, b) => a + b, 0)).toBe(48 * days);
  });

  it('does not project fees that stopped, ended, or have no cadence; values after the forecast start are ignored', () => {
    const start = '2025-01-01' as Day;
    const stopped = stream(start, parseDay('2026-01-01'), (d) => d < parseDay('2025-12-20'), () => 5);
    expect(projectRecurring({ name: 'a', start, values: stopped }, parseDay('2026-01-01'), 30)).toMatchObject({ projected: false, reason: 'not charged since 2025-12-19' });
    const ended = stream(start, parseDay('2026-01-01'), () => true, () => 5);
    expect(projectRecurring({ name: 'b', start, values: ended, end: parseDay('2025-12-31') }, parseDay('2026-01-01'), 30)).toMatchObject({ projected: false, reason: 'its term ended on 2025-12-30' });
    const odd = stream(start, parseDay('2026-01-01'), (d) => [parseDay('2025-11-02'), parseDay('2025-11-20'), parseDay('2025-12-24')].includes(d));
    expect(projectRecurring({ name: 'c', start, values: odd }, parseDay('2026-01-01'), 30)).toMatchObject({ projected: false, cadence: 'irregular' });
    // A long series cut at the forecast start sees only its past.
    const future = stream(start, parseDay('2026-03-01'), (d) => d >= parseDay('2026-01-01'), () => 7);
    expect(projectRecurring({ name: 'd', start, values: future }, parseDay('2026-01-01'), 10).projected).toBe(false);
  });

  it('sums projected streams only', () => {
    const start = '2025-06-01' as Day;
    const a = projectRecurring({ name: 'a', start, values: stream(start, parseDay('2025-07-01'), () => true, () => 2) }, parseDay('2025-07-01'), 5);
    const b = projectRecurring({ name: 'b', start, values: stream(start, parseDay('2025-07-01'), (d) => d === parseDay('2025-06-02'), () => 9) }, parseDay('2025-07-01'), 5);
    expect(b.projected).toBe(true); // seen once 29 days ago: monthly on the 2nd
    expect(recurringTotal([a, b], 5)).toEqual([2, 11, 2, 2, 2]);
  });
});
