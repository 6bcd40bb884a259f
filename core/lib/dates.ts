/**
 * Calendar days in UTC. A `Day` is an ISO date string `YYYY-MM-DD`; arithmetic goes through
 * epoch-day integers so there is no time zone or DST anywhere in the date math.
 */

/** ISO calendar date `YYYY-MM-DD`, always UTC. */
export type Day = string & { readonly __brand: 'Day' };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isDay(s: string): s is Day {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Parses `YYYY-MM-DD`; throws a RangeError naming the value otherwise (callers wrap it in a HeadroomError). */
export function parseDay(s: string): Day {
  if (!isDay(s)) throw new RangeError(`"${s}" is not a calendar date in the form YYYY-MM-DD`);
  return s;
}

/** Days since 1970-01-01. */
export function toEpochDay(d: Day): number {
  return Math.round(Date.parse(`${d}T00:00:00Z`) / MS_PER_DAY);
}

export function fromEpochDay(n: number): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10) as Day;
}

export function addDays(d: Day, n: number): Day {
  return fromEpochDay(toEpochDay(d) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: Day, b: Day): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The UTC day of a Date. */
export function dayOf(date: Date): Day {
  return date.toISOString().slice(0, 10) as Day;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: Day): number {
  return (((toEpochDay(d) + 4) % 7) + 7) % 7;
}

export function startOfMonth(d: Day): Day {
  return `${d.slice(0, 7)}-01` as Day;
}

export function addMonths(d: Day, n: number): Day {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const day = Number(d.slice(8, 10));
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))));
}

/** First day of the next month (exclusive end of `d`'s month). */
export function endOfMonthExclusive(d: Day): Day {
  return addMonths(startOfMonth(d), 1);
}

/** Every day in [from, to). */
export function dayRange(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let n = toEpochDay(from), end = toEpochDay(to); n < end; n++) out.push(fromEpochDay(n));
  return out;
}
