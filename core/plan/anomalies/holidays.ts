import { addDays, daysBetween, HeadroomError, isDay, parseDay, weekday, type Day } from '../../lib';

/**
 * Holiday windows in which a cost run or a level change is a calendar effect, not an anomaly
 * (issue 6, item 2; classify.ts drops spikes inside them). The calendar is a setting: presets,
 * each computed from a published rule (no date tables), plus the user's own windows.
 *
 * Presets:
 * - `us-retail` (the default): US Thanksgiving week, from the Monday before Thanksgiving (the fourth
 *   Thursday of November, 5 U.S.C. § 6103) to the Tuesday after Cyber Monday — the retail peak
 *   (Black Friday, Cyber Monday) and the quiet Thursday — and the year-end holidays, 20 December to
 *   6 January (Christmas, New Year, the code freezes and quiet offices around them);
 * - `year-end`: 20 December to 6 January only (no US retail peak);
 * - `western-europe`: Easter from Good Friday to Easter Monday, Ascension Day (Easter + 39 days) and
 *   Whit Monday (Easter + 50), public holidays in most of Western Europe (Germany, France, the
 *   Benelux, Switzerland, Austria, the Nordics), with Easter Sunday from the Gregorian computus
 *   (`easterSunday`), and 20 December to 6 January.
 * Lunar-calendar holidays (Chinese New Year, Diwali, Eid) have no exact arithmetic rule — their dates
 * follow astronomical new moons or announcements — so they are left to user windows.
 *
 * User windows: `MM-DD` ranges that recur every year (a range whose end comes before its start
 * crosses New Year: 12-24..01-02) and one-off `YYYY-MM-DD` ranges (a sale, a code freeze).
 * The yearly recurrence test in classify.ts catches the same effects when two or three years of
 * history show them; these windows cover a first year and series too short for that test.
 */
export const HOLIDAY_PRESETS = {
  'us-retail': { name: 'US retail', description: 'Thanksgiving week (Monday before Thanksgiving to the Tuesday after Cyber Monday) and 20 Dec – 6 Jan' },
  'year-end': { name: 'Year end', description: '20 Dec – 6 Jan (Christmas, New Year and the quiet weeks around them)' },
  'western-europe': { name: 'Western Europe', description: 'Good Friday – Easter Monday, Ascension Day, Whit Monday (Gregorian Easter) and 20 Dec – 6 Jan' },
} as const;
export type HolidayPreset = keyof typeof HOLIDAY_PRESETS;
export const HOLIDAY_PRESET_IDS = Object.keys(HOLIDAY_PRESETS) as HolidayPreset[];

/** A user window: both ends `MM-DD` (every year) or both `YYYY-MM-DD` (once), inclusive. */
export interface HolidayWindowSpec {
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export interface HolidayCalendar {
  readonly presets: readonly HolidayPreset[];
  readonly windows: readonly HolidayWindowSpec[];
}

/** The calendar when none is set: the US retail windows the detector always used. */
export const DEFAULT_HOLIDAY_CALENDAR: HolidayCalendar = { presets: ['us-retail'], windows: [] };

/** One occurrence of a window: its days [start, end] (inclusive) and where it comes from. */
export interface HolidayOccurrence {
  readonly name: string;
  readonly start: Day;
  readonly end: Day;
  readonly source: HolidayPreset | 'custom';
}

/** Longest window accepted (a quarter): a longer one would hide every anomaly in it. */
export const MAX_WINDOW_DAYS = 92;
export const MAX_WINDOWS = 50;
const MAX_NAME = 60;

export function thanksgivingDay(year: number): Day {
  const nov1 = parseDay(`${year}-11-01`);
  return addDays(nov1, ((4 - weekday(nov1) + 7) % 7) + 21);
}

/**
 * Easter Sunday of a Gregorian year by the anonymous Gregorian computus (the "Meeus/Jones/Butcher"
 * algorithm: J. Meeus, *Astronomical Algorithms*, 2nd ed., 1998, ch. 8; first printed in Nature,
 * 20 April 1876), valid for every year from 1583.
 */
export function easterSunday(year: number): Day {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new HeadroomError('BAD_INPUT', `Easter is computed for Gregorian years 1583–9999 (got ${year}).`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return parseDay(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const yearEnd = (year: number, source: HolidayPreset): HolidayOccurrence => ({ name: 'Year-end holidays', start: parseDay(`${year}-12-20`), end: parseDay(`${year + 1}-01-06`), source });

/** The windows of a preset that start in `year`. */
function presetOccurrences(p: HolidayPreset, year: number): HolidayOccurrence[] {
  switch (p) {
    case 'us-retail': {
      const t = thanksgivingDay(year);
      return [{ name: 'Thanksgiving week', start: addDays(t, -3), end: addDays(t, 5), source: p }, yearEnd(year, p)];
    }
    case 'year-end':
      return [yearEnd(year, p)];
    case 'western-europe': {
      const easter = easterSunday(year);
      return [
        { name: 'Easter (Good Friday – Easter Monday)', start: addDays(easter, -2), end: addDays(easter, 1), source: p },
        { name: 'Ascension Day', start: addDays(easter, 39), end: addDays(easter, 39), source: p },
        { name: 'Whit Monday', start: addDays(easter, 50), end: addDays(easter, 50), source: p },
        yearEnd(year, p),
      ];
    }
  }
}

const isMonthDay = (s: string): boolean => /^\d{2}-\d{2}$/.test(s) && isDay(`2000-${s}`); // 2000 is a leap year: 02-29 is a day of the year

/** The occurrence of a user window that starts in `year` (none for a one-off window of another year, or a 02-29..02-29 window in a common year). */
function customOccurrence(w: HolidayWindowSpec, year: number): HolidayOccurrence | null {
  if (isDay(w.from)) return Number(w.from.slice(0, 4)) === year ? { name: w.name, start: w.from, end: w.to as Day, source: 'custom' } : null;
  const start = `${year}-${w.from}`;
  const end = `${w.to < w.from ? year + 1 : year}-${w.to}`;
  // 29 February in a common year: the window starts on 1 March / ends on 28 February.
  const clamp = (s: string, up: boolean): Day => (isDay(s) ? (s as Day) : addDays(parseDay(`${s.slice(0, 4)}-02-28`), up ? 1 : 0));
  const o: HolidayOccurrence = { name: w.name, start: clamp(start, true), end: clamp(end, false), source: 'custom' };
  return o.start <= o.end ? o : null; // 02-29..02-29 in a common year
}

/** Every window occurrence that starts in the years [fromYear, toYear], by start day. */
export function holidayOccurrences(cal: HolidayCalendar, fromYear: number, toYear: number): HolidayOccurrence[] {
  const out: HolidayOccurrence[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const seen = new Set<string>();
    for (const p of cal.presets) {
      for (const o of presetOccurrences(p, y)) {
        // The year-end window is in several presets: listed once.
        const k = `${o.start}|${o.end}`;
        if (!seen.has(k)) out.push(o);
        seen.add(k);
      }
    }
    for (const w of cal.windows) {
      const o = customOccurrence(w, y);
      if (o) out.push(o);
    }
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** A day → in-a-window test for a calendar (occurrences computed once per year, answers once per day). */
export function holidayTest(cal: HolidayCalendar): (day: Day) => boolean {
  const byYear = new Map<number, readonly HolidayOccurrence[]>();
  const of = (y: number): readonly HolidayOccurrence[] => {
    let list = byYear.get(y);
    if (!list) byYear.set(y, (list = holidayOccurrences(cal, y, y)));
    return list;
  };
  const memo = new Map<Day, boolean>();
  return (day) => {
    let hit = memo.get(day);
    if (hit === undefined) {
      const y = Number(day.slice(0, 4));
      // A window that starts the year before can reach into this one (year end, a wrapping range).
      hit = of(y - 1).some((o) => o.start <= day && day <= o.end) || of(y).some((o) => o.start <= day && day <= o.end);
      memo.set(day, hit);
    }
    return hit;
  };
}

const defaultTest = holidayTest(DEFAULT_HOLIDAY_CALENDAR);

/** True when `day` lies in a window of the calendar (default: the US retail preset). */
export function inHolidayWindow(day: Day, cal?: HolidayCalendar): boolean {
  return cal === undefined ? defaultTest(day) : holidayTest(cal)(day);
}

const bad = (field: string, message: string): HeadroomError => new HeadroomError('BAD_INPUT', `${field}: ${message}`);

/**
 * Checks a calendar from outside (the API, the CLI, the store) and returns it normalised (names
 * trimmed, presets deduplicated). Each error names the field (`presets[1]`, `windows[2].from`) and
 * what to do.
 */
export function validateHolidayCalendar(input: { readonly presets: readonly string[]; readonly windows: readonly { readonly name: string; readonly from: string; readonly to: string }[] }): HolidayCalendar {
  const presets: HolidayPreset[] = [];
  input.presets.forEach((p, i) => {
    if (!(HOLIDAY_PRESET_IDS as readonly string[]).includes(p)) throw bad(`presets[${i}]`, `"${p}" is not a holiday preset; choose from ${HOLIDAY_PRESET_IDS.join(', ')} (or none: an empty list).`);
    if (!presets.includes(p as HolidayPreset)) presets.push(p as HolidayPreset);
  });
  if (input.windows.length > MAX_WINDOWS) throw bad('windows', `${input.windows.length} windows; at most ${MAX_WINDOWS} are kept. Remove the ones that are over.`);
  const names = new Set<string>();
  const windows = input.windows.map((w, i): HolidayWindowSpec => {
    const f = `windows[${i}]`;
    const name = w.name.trim();
    if (name.length === 0) throw bad(`${f}.name`, 'give the window a name (e.g. "Spring sale").');
    if (name.length > MAX_NAME) throw bad(`${f}.name`, `"${name.slice(0, 20)}…" is ${name.length} characters; use at most ${MAX_NAME}.`);
    if (names.has(name.toLowerCase())) throw bad(`${f}.name`, `"${name}" names two windows; give each window its own name.`);
    names.add(name.toLowerCase());
    const from = w.from.trim();
    const to = w.to.trim();
    const what = 'write MM-DD (e.g. 11-24) for a window every year, or YYYY-MM-DD (e.g. 2026-12-15) for one that happens once';
    for (const [k, v] of [['from', from], ['to', to]] as const) if (!isMonthDay(v) && !isDay(v)) throw bad(`${f}.${k}`, `"${v}" is not a day; ${what}.`);
    if (isDay(from) !== isDay(to)) throw bad(`${f}.to`, `"${from}" and "${to}" mix a yearly day and a dated one; ${what}, the same form at both ends.`);
    let days: number;
    if (isDay(from)) {
      if (to < from) throw bad(`${f}.to`, `${to} is before ${from}; give the window's last day, on or after its first.`);
      days = daysBetween(from, to as Day) + 1;
    } else {
      // A recurring range measured in a leap year; an end before the start crosses New Year.
      days = daysBetween(parseDay(`2000-${from}`), parseDay(`${to < from ? 2001 : 2000}-${to === '02-29' && to < from ? '02-28' : to}`)) + 1;
    }
    if (days > MAX_WINDOW_DAYS) throw bad(`${f}.to`, `the window ${from}..${to} is ${days} days long; at most ${MAX_WINDOW_DAYS} are accepted (a longer one would hide every anomaly in it). Shorten or split it.`);
    return { name, from, to };
  });
  return { presets, windows };
}
