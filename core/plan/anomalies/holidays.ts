import { addDays, daysBetween, parseDay, weekday, type Day } from '../../lib';

/**
 * Holiday windows in which a cost run or a level change is a calendar effect, not an anomaly
 * (issue 6, item 2). Two windows a year, computed, none hard-coded:
 * - US Thanksgiving week: from the Monday before Thanksgiving (the fourth Thursday of November,
 *   5 U.S.C. § 6103) to the Tuesday after Cyber Monday — the retail peak (Black Friday, Cyber
 *   Monday) and the quiet Thursday;
 * - the year-end holidays: 20 December to 6 January (Christmas, New Year, the code freezes and
 *   quiet offices around them).
 * The yearly recurrence test in classify.ts catches the same effects when two or three years of
 * history show them; these windows cover a first year and series too short for that test.
 */
export function thanksgivingDay(year: number): Day {
  const nov1 = parseDay(`${year}-11-01`);
  return addDays(nov1, ((4 - weekday(nov1) + 7) % 7) + 21);
}

/** True when `day` lies in a holiday window. */
export function inHolidayWindow(day: Day): boolean {
  const year = Number(day.slice(0, 4));
  const md = day.slice(5);
  if (md >= '12-20' || md <= '01-06') return true;
  const d = daysBetween(thanksgivingDay(year), day);
  return d >= -3 && d <= 5;
}
