import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isHeadroomError, parseDay, type Day } from '../../lib';
import { classifyAnomalies } from './classify';
import { detectAnomalies } from './detect';
import { DEFAULT_HOLIDAY_CALENDAR, easterSunday, holidayOccurrences, holidayTest, inHolidayWindow, thanksgivingDay, validateHolidayCalendar, type HolidayCalendar } from './holidays';

describe('easterSunday (anonymous Gregorian computus)', () => {
  it('gives the published dates of Western Easter', () => {
    // Astronomical Society of South Australia, "Easter Dates 2000 to 2099" (https://www.assa.org.au/edm),
    // and the extremes of the Gregorian cycle: 22 March (1818, 2285) is the earliest possible Easter,
    // 25 April (1943, 2038) the latest (U.S. Naval Observatory, "The Date of Easter").
    const published: readonly [number, string][] = [
      [1818, '1818-03-22'], [1943, '1943-04-25'], [2000, '2000-04-23'], [2008, '2008-03-23'], [2011, '2011-04-24'],
      [2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'],
      [2028, '2028-04-16'], [2029, '2029-04-01'], [2030, '2030-04-21'], [2038, '2038-04-25'], [2285, '2285-03-22'],
    ];
    for (const [year, day] of published) expect(easterSunday(year), String(year)).toBe(day);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let y = 1583; y <= 2600; y++) {
      const e = easterSunday(y);
      expect(new Date(`${e}T00:00:00Z`).getUTCDay(), e).toBe(0);
      expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25', e).toBe(true);
    }
    expect(() => easterSunday(1500)).toThrow(/1583/);
  });
});

describe('holiday calendars', () => {
  it('the default (US retail) is Thanksgiving week and 20 Dec – 6 Jan, as the detector always used', () => {
    // The windows as first written: Monday before the fourth Thursday of November to the Tuesday after Cyber Monday.
    const old = (day: Day): boolean => {
      const md = day.slice(5);
      if (md >= '12-20' || md <= '01-06') return true;
      const d = daysBetween(thanksgivingDay(Number(day.slice(0, 4))), day);
      return d >= -3 && d <= 5;
    };
    for (let d = parseDay('2023-01-01'); d < '2028-01-01'; d = addDays(d, 1)) expect(inHolidayWindow(d), d).toBe(old(d));
    expect(thanksgivingDay(2026)).toBe('2026-11-26');
    expect(holidayOccurrences(DEFAULT_HOLIDAY_CALENDAR, 2026, 2026)).toEqual([
      { name: 'Thanksgiving week', start: '2026-11-23', end: '2026-12-01', source: 'us-retail' },
      { name: 'Year-end holidays', start: '2026-12-20', end: '2027-01-06', source: 'us-retail' },
    ]);
  });

  it('western-europe: Good Friday – Easter Monday, Ascension Day and Whit Monday from the computus, and the year end', () => {
    // 2026: Easter 5 April → Good Friday 3 April, Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May.
    expect(holidayOccurrences({ presets: ['western-europe'], windows: [] }, 2026, 2026).map((o) => [o.name, o.start, o.end])).toEqual([
      ['Easter (Good Friday – Easter Monday)', '2026-04-03', '2026-04-06'],
      ['Ascension Day', '2026-05-14', '2026-05-14'],
      ['Whit Monday', '2026-05-25', '2026-05-25'],
      ['Year-end holidays', '2026-12-20', '2027-01-06'],
    ]);
    // The year-end window of two presets is listed once; "none" has no window at all.
    expect(holidayOccurrences({ presets: ['us-retail', 'year-end'], windows: [] }, 2026, 2026)).toHaveLength(2);
    const none = holidayTest({ presets: [], windows: [] });
    for (let d = parseDay('2026-01-01'); d < '2027-01-01'; d = addDays(d, 1)) expect(none(d)).toBe(false);
  });

  it('user windows: yearly MM-DD ranges (across New Year too, 29 February in common years) and one-off dates', () => {
    const cal: HolidayCalendar = {
      presets: [],
      windows: [
        { name: 'Spring sale', from: '03-10', to: '03-12' },
        { name: 'Office closed', from: '12-30', to: '01-02' },
        { name: 'Leap day', from: '02-29', to: '02-29' },
        { name: 'Code freeze', from: '2026-06-15', to: '2026-06-19' },
      ],
    };
    const test = holidayTest(cal);
    const inside = ['2025-03-10', '2026-03-12', '2026-12-30', '2027-01-02', '2026-01-01', '2028-02-29', '2026-06-15', '2026-06-19'];
    const outside = ['2026-03-09', '2026-03-13', '2026-12-29', '2027-01-03', '2026-02-28', '2026-06-14', '2026-06-20', '2027-06-16', '2028-03-01', '2026-03-01'];
    // 29 February in a common year: a window of that day alone has no day; one that ends on it ends on the 28th.
    for (const d of inside) expect(test(parseDay(d)), d).toBe(true);
    for (const d of outside) expect(test(parseDay(d)), d).toBe(false);
    expect(holidayOccurrences({ presets: [], windows: [{ name: 'Feb', from: '02-20', to: '02-29' }] }, 2026, 2026).map((o) => [o.start, o.end])).toEqual([['2026-02-20', '2026-02-28']]);
    expect(holidayOccurrences(cal, 2026, 2026).map((o) => [o.name, o.start, o.end, o.source])).toEqual([
      ['Spring sale', '2026-03-10', '2026-03-12', 'custom'],
      ['Code freeze', '2026-06-15', '2026-06-19', 'custom'],
      ['Office closed', '2026-12-30', '2027-01-02', 'custom'],
    ]);
  });

  it('validation names the field and what to do', () => {
    const err = (input: Parameters<typeof validateHolidayCalendar>[0]): string => {
      try {
        validateHolidayCalendar(input);
      } catch (e) {
        expect(isHeadroomError(e) && e.code).toBe('BAD_INPUT');
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    const w = (from: string, to: string, name = 'Sale') => ({ presets: [], windows: [{ name, from, to }] });
    expect(err({ presets: ['us-retail', 'china'], windows: [] })).toMatch(/^presets\[1\]: "china" is not a holiday preset; choose from us-retail, year-end, western-europe/);
    expect(err(w('02-30', '03-02'))).toMatch(/^windows\[0\]\.from: "02-30" is not a day; write MM-DD \(e\.g\. 11-24\)/);
    expect(err(w('2026-03-01', '03-05'))).toMatch(/^windows\[0\]\.to: .*mix a yearly day and a dated one/);
    expect(err(w('2026-03-05', '2026-03-01'))).toMatch(/^windows\[0\]\.to: 2026-03-01 is before 2026-03-05; give the window's last day/);
    expect(err(w('01-01', '06-30'))).toMatch(/^windows\[0\]\.to: the window 01-01\.\.06-30 is 182 days long; at most 92/);
    expect(err(w('03-01', '03-02', '  '))).toMatch(/^windows\[0\]\.name: give the window a name/);
    expect(err({ presets: [], windows: [{ name: 'Sale', from: '03-01', to: '03-02' }, { name: 'sale', from: '04-01', to: '04-02' }] })).toMatch(/^windows\[1\]\.name: "sale" names two windows/);
    // Accepted: trimmed, presets deduplicated; a range across New Year counts its days across it.
    expect(validateHolidayCalendar({ presets: ['year-end', 'year-end'], windows: [{ name: ' Freeze ', from: '12-01', to: '01-31' }] })).toEqual({ presets: ['year-end'], windows: [{ name: 'Freeze', from: '12-01', to: '01-31' }] });
    expect(err(w('11-01', '02-10'))).toMatch(/is 102 days long/);
  });
});

describe('the calendar in the second pass', () => {
  // 200 days of a weekly pattern with small deterministic noise, +300 on days 120–121.
  const from = parseDay('2026-01-05');
  const SPIKE = 120;
  const values = Array.from({ length: 200 }, (_, i) => 100 + (i % 7) * 10 + ((i * 37) % 11) / 5 + (i === SPIKE || i === SPIKE + 1 ? 300 : 0));
  const det = detectAnomalies(values);
  const spikes = (cal: HolidayCalendar): number[] => {
    const test = holidayTest(cal);
    return classifyAnomalies(values, det, { holiday: (t) => test(addDays(from, t)) }).anomalies.map((a) => a.start);
  };

  it('a user window over the spike makes it a calendar effect; with "none" it is reported', () => {
    const day = addDays(from, SPIKE);
    expect(inHolidayWindow(day)).toBe(false); // not in the default windows: reported by default
    expect(spikes(DEFAULT_HOLIDAY_CALENDAR)).toEqual([SPIKE]);
    expect(spikes({ presets: [], windows: [] })).toEqual([SPIKE]);
    const md = (d: Day): string => d.slice(5);
    expect(spikes({ presets: [], windows: [{ name: 'Our sale', from: md(addDays(day, -1)), to: md(addDays(day, 2)) }] })).toEqual([]);
    expect(spikes({ presets: [], windows: [{ name: 'Launch', from: day, to: addDays(day, 1) }] })).toEqual([]);
    // A window over one of its two days only is no calendar effect for the spike.
    expect(spikes({ presets: [], windows: [{ name: 'Launch', from: day, to: day }] })).toEqual([SPIKE]);
  });
});
