/**
 * The calendar that drives demand: weekly profiles and the retail peaks of a US e-commerce shop.
 * US Thanksgiving is the fourth Thursday of November (36 U.S.C. § 137 / 5 U.S.C. § 6103), Black
 * Friday the day after, Cyber Monday the Monday after that; all computed, none hard-coded.
 */
import { addDays, type Day, daysBetween, parseDay, weekday } from '../../lib';

/** Fourth Thursday of November of `year`. */
export function thanksgiving(year: number): Day {
  const nov1 = parseDay(`${year}-11-01`);
  const firstThursday = 1 + ((4 - weekday(nov1) + 7) % 7);
  return addDays(nov1, firstThursday - 1 + 21);
}

export const blackFriday = (year: number): Day => addDays(thanksgiving(year), 1);
export const cyberMonday = (year: number): Day => addDays(thanksgiving(year), 4);

/**
 * How a workload's demand moves with the calendar.
 * - `customer`: shop traffic (CMS, webhooks, edge servers): the full retail curve.
 * - `compute`: autoscaled shop fleets and their Kubernetes requests: half the retail swing
 *   (caches and the CDN absorb the rest).
 * - `traffic`: bytes to shoppers (CDN, egress): the customer curve, amplified.
 * - `internal`: analytics and ML batch, busy on weekdays, quiet over the holidays.
 * - `staging`: pre-production, mostly off at weekends and during the holiday code freeze.
 * - `steady`: databases and always-on instances: trend only.
 * - `storage`: stored bytes: trend only, tiny noise.
 */
export type Workload = 'customer' | 'compute' | 'traffic' | 'internal' | 'staging' | 'steady' | 'storage';

/** Multipliers by weekday, Sunday first; each profile averages exactly 1 over a week. */
export const WEEKLY: Readonly<Record<Workload, readonly number[]>> = {
  customer: [1.03, 0.98, 0.97, 0.98, 0.99, 1.01, 1.04],
  compute: [1.03, 0.98, 0.97, 0.98, 0.99, 1.01, 1.04],
  traffic: [1.08, 0.96, 0.95, 0.96, 0.98, 1.0, 1.07],
  internal: [0.7, 1.1, 1.12, 1.12, 1.1, 1.06, 0.8],
  staging: [0.45, 1.2, 1.22, 1.22, 1.2, 1.16, 0.55],
  steady: [1, 1, 1, 1, 1, 1, 1],
  storage: [1, 1, 1, 1, 1, 1, 1],
};

/** Shop-traffic multiplier of a day (1 = an ordinary day of the trend), before the weekly profile. */
export function retailFactor(day: Day): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const dom = Number(day.slice(8, 10));
  const d = daysBetween(thanksgiving(year), day);
  // Thanksgiving week through the Tuesday after Cyber Monday (may spill into December).
  const peak: Record<number, number> = { [-7]: 1.08, [-6]: 1.08, [-5]: 1.08, [-4]: 1.08, [-3]: 1.08, [-2]: 1.1, [-1]: 1.15, 0: 1.35, 1: 2.1, 2: 1.75, 3: 1.6, 4: 2.2, 5: 1.35 };
  const p = peak[d];
  if (p !== undefined) return p;
  if (month === 11 && d > 5) return 1.15;
  if (month === 12) {
    if (dom <= 20) return 1.28;
    if (dom <= 23) return 1.2;
    if (dom === 24) return 0.95;
    if (dom === 25) return 0.85;
    if (dom === 26) return 1.3;
    return 1.12;
  }
  if (month === 1 && dom <= 14) return 0.93;
  return 1;
}

/** Calendar multiplier of `workload` on `day` (weekly profile × season). */
export function calendarFactor(workload: Workload, day: Day): number {
  const w = WEEKLY[workload][weekday(day)] ?? 1;
  const month = Number(day.slice(5, 7));
  const dom = Number(day.slice(8, 10));
  switch (workload) {
    case 'customer':
      return w * retailFactor(day);
    case 'compute':
      return w * (1 + 0.5 * (retailFactor(day) - 1));
    case 'traffic':
      return w * (1 + 1.3 * (retailFactor(day) - 1));
    case 'internal':
      if ((month === 12 && dom >= 24) || (month === 1 && dom === 1)) return w * 0.75;
      return w * (month === 12 ? 1.05 : 1);
    case 'staging':
      // Holiday code freeze: from Thanksgiving week to 2 January.
      if ((month === 11 && daysBetween(thanksgiving(Number(day.slice(0, 4))), day) >= -3) || month === 12 || (month === 1 && dom <= 2)) return w * 0.6;
      return w;
    case 'steady':
    case 'storage':
      return 1;
  }
}

/** A retail peak window of one year, as exported in the ground truth. */
export interface RetailPeaks {
  readonly year: number;
  readonly thanksgiving: Day;
  readonly blackFriday: Day;
  readonly cyberMonday: Day;
  /** The December holiday-shopping plateau [from, to] (inclusive). */
  readonly december: { readonly from: Day; readonly to: Day };
}

export function retailPeaks(year: number): RetailPeaks {
  return {
    year,
    thanksgiving: thanksgiving(year),
    blackFriday: blackFriday(year),
    cyberMonday: cyberMonday(year),
    december: { from: parseDay(`${year}-12-01`), to: parseDay(`${year}-12-23`) },
  };
}
