/**
 * When is a day final? Azure and GCP send no per-day flag. Azure Cost Management completes a day's
 * data within 72 hours and closes the month's invoice in the first days of the next month; the GCP
 * billing export keeps restating rows (export_time weeks later) until the invoice month closes,
 * early in the next month. So a day counts as final once its month is closed: before the start of
 * this month, once `closeDay` days of this month have passed, else before the start of last month.
 */
import { addMonths, dayRange, startOfMonth, type Day } from '../../lib';
import type { DayRange } from './types';

export function finalBefore(today: Day, closeDay = 5): Day {
  const som = startOfMonth(today);
  return Number(today.slice(8, 10)) > closeDay ? som : addMonths(som, -1);
}

/** Days of `range` that are not final yet as of `today`. */
export function openDays(range: DayRange, today: Day, closeDay = 5): Day[] {
  const cut = finalBefore(today, closeDay);
  return dayRange(range.from, range.to).filter((d) => d >= cut);
}
