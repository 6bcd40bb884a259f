/**
 * The holiday calendar (core/plan holidays.ts, the Anomalies page's setting) as core/forecast
 * calendar keys: every day inside a window is named by the window and its place in it, so the same
 * holiday day shares a key in every year ("Thanksgiving week, day 5" is Black Friday). Every cost
 * forecast (forecast-basis.ts) and every capacity pool forecast (capacity.ts) passes them.
 */
import { addDays, daysBetween, type Day } from '../lib';
import type { ModelCard } from '../forecast';
import { HOLIDAY_PRESETS, holidayOccurrences, type HolidayCalendar } from '../plan';

/** A day of the horizon forecast with a calendar effect. */
export interface HorizonCalendarEffect {
  readonly day: Day;
  readonly key: string;
  readonly factor: number;
  /** Occurrences (years) the effect was estimated from. */
  readonly years: number;
}

/** The key of every day of [from, from + days) inside a window of `cal`: the window's name and the day's place in it ("Thanksgiving week, day 5"). */
export function calendarKeys(cal: HolidayCalendar, from: Day, days: number): (string | null)[] {
  const keys = new Array<string | null>(days).fill(null);
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(addDays(from, days).slice(0, 4));
  // A window that starts in the year before `from` (20 Dec – 6 Jan) reaches into it.
  for (const occ of holidayOccurrences(cal, y0 - 1, y1)) {
    const len = daysBetween(occ.start, occ.end) + 1;
    for (let k = 0; k < len; k++) {
      const i = daysBetween(from, occ.start) + k;
      if (i >= 0 && i < days && keys[i] === null) keys[i] = `${occ.name}, day ${k + 1}`;
    }
  }
  return keys;
}

/** The calendar's name as the notes and the composition card give it. */
export function calendarName(cal: HolidayCalendar): string {
  return [...cal.presets.map((p) => HOLIDAY_PRESETS[p].name), ...(cal.windows.length > 0 ? [`${cal.windows.length} window(s) of your own`] : [])].join(', ') || 'no windows';
}

/** The calendar effects the model applied to days of the horizon (`historyDays` = where the horizon starts in `keys`). */
export function horizonEffects(keys: readonly (string | null)[] | undefined, historyDays: number, horizon: number, forecastStart: Day, card: ModelCard): HorizonCalendarEffect[] {
  if (!keys || !card.calendar) return [];
  const factor = new Map(card.calendar.applied.map((e) => [e.key, e]));
  return keys.slice(historyDays, historyDays + horizon).flatMap((k, t) => {
    const e = k === null ? undefined : factor.get(k);
    return e ? [{ day: addDays(forecastStart, t), key: e.key, factor: e.factor, years: e.occurrences }] : [];
  });
}
