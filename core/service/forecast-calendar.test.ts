import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../api';
import { addDays, daysBetween, parseDay, toEpochDay, weekday, type Day } from '../lib';
import { DEFAULT_HOLIDAY_CALENDAR, thanksgivingDay } from '../plan';
import { dispatch } from './dispatch';
import { calendarKeys } from './calendar';
import type { Service } from './service';
import { openSeededService } from './testing';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
/** Black Friday (the day after the fourth Thursday of November) at 2.5 × an ordinary day of its weekday. */
const BF = 2.5;
const isBlackFriday = (d: Day): boolean => d === addDays(thanksgivingDay(Number(d.slice(0, 4))), 1);
/** Weekdays 200, weekends 150, a fixed pseudo-random ±5 % (Knuth's multiplicative hash), 10 %/year growth; in cents as stored. */
const cost = (d: Day): number => {
  const base = ([0, 6].includes(weekday(d)) ? 150 : 200) * Math.pow(1.1, daysBetween('2023-01-01' as Day, d) / 365) * (1 + 0.1 * (((toEpochDay(d) * 2654435761) % 1000) / 1000 - 0.5));
  return Math.round(100 * base * (isBlackFriday(d) ? BF : 1)) / 100;
};

const start = parseDay('2023-01-01');
const today = parseDay('2025-11-20'); // data through 2025-11-19; Black Friday 2025 is 2025-11-28
const bf = '2025-11-28' as Day;

let service: Service;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ service, close } = await openSeededService('headroom-calendar-', start, today, cost));
});
afterEach(() => close());

interface SeriesRes {
  series: { currency: string; forecast: { start: Day; mean: number[]; basis: { notes: string[]; calendar: { name: string | null; effects: { day: Day; key: string; factor: number; years: number }[] } } } }[];
}
const forecast = async (): Promise<SeriesRes['series'][number]> => {
  const r = (await dispatch(service.handlers, 'forecast.series', { horizon: 14, model: 'ets', filters: [{ dimension: 'service', values: ['Amazon EC2'] }] }, ctx)) as SeriesRes;
  return r.series[0]!;
};
const at = (s: SeriesRes['series'][number], d: Day): number => s.forecast.mean[daysBetween(s.forecast.start, d)]!;

describe('calendar effects in cost forecasts', () => {
  it('the default holiday calendar (US retail) forecasts Black Friday at its effect over the Friday before, and the basis says so', async () => {
    const s = await forecast();
    const ratio = at(s, bf) / at(s, addDays(bf, -7));
    expect(ratio).toBeGreaterThan(BF * 0.92);
    expect(ratio).toBeLessThan(BF * 1.08);
    const cal = s.forecast.basis.calendar;
    expect(cal.name).toBe('US retail');
    const friday = cal.effects.find((e) => e.day === bf)!;
    expect(friday).toMatchObject({ key: 'Thanksgiving week, day 5', years: 2 });
    expect(friday.factor).toBeGreaterThan(BF * 0.92);
    expect(friday.factor).toBeLessThan(BF * 1.08);
    // Only Black Friday has an effect in this series: no other day of the horizon gets one.
    expect(cal.effects.map((e) => e.day)).toEqual([bf]);
    const note = s.forecast.basis.notes.find((n) => n.startsWith('Calendar effects'));
    expect(note).toMatch(/^Calendar effects \(holiday calendar: US retail; set on the Anomalies page\): 1 day\(s\) of the horizon are forecast at the effect their holiday day had in past years, ×2\.\d\d \(Thanksgiving week, day 5, 2025-11-28\)/);
  });

  it('a calendar without the Thanksgiving window forecasts Black Friday as an ordinary Friday', async () => {
    await dispatch(service.handlers, 'anomalies.set_holidays', { presets: ['year-end'], windows: [] }, ctx);
    const s = await forecast();
    expect(Math.abs(at(s, bf) / at(s, addDays(bf, -7)) - 1)).toBeLessThan(0.1);
    expect(s.forecast.basis.notes.some((n) => n.startsWith('Calendar effects'))).toBe(false);
    expect(s.forecast.basis.calendar).toEqual({ name: 'Year end', effects: [] });
  });
});

describe('calendarKeys', () => {
  it('names each window day by its window and place, including a year-end window that began the year before', () => {
    const from = '2026-01-01' as Day;
    const keys = calendarKeys(DEFAULT_HOLIDAY_CALENDAR, from, 365);
    const key = (d: string): string | null => keys[daysBetween(from, d as Day)] ?? null;
    expect(key('2026-01-06')).toBe('Year-end holidays, day 18'); // 20 Dec 2025 + 17
    expect(key('2026-01-07')).toBeNull();
    expect(key('2026-11-23')).toBe('Thanksgiving week, day 1'); // the Monday before Thanksgiving (26 Nov 2026)
    expect(key('2026-11-27')).toBe('Thanksgiving week, day 5'); // Black Friday
    expect(key('2026-11-30')).toBe('Thanksgiving week, day 8'); // Cyber Monday
    expect(key('2026-12-02')).toBeNull();
    expect(key('2026-12-25')).toBe('Year-end holidays, day 6');
    expect(keys.filter((k) => k !== null)).toHaveLength(6 + 9 + 12);
  });
});
