import { formatDayShort, formatMoneyCompact, formatMonthShort, formatNumber } from '../lib/format';

/**
 * Tick formatter for a day axis: months past a year (ticks are then more than a month apart),
 * days otherwise (a half-year axis labelled by month repeats "Feb, Feb, Mar").
 */
export function dayTick(spanDays: number): (day: string) => string {
  return spanDays > 365 ? formatMonthShort : formatDayShort;
}

/** Tick formatter for a value axis: compact money when a currency is known. */
export function valueTick(currency: string | undefined): (v: number) => string {
  return currency ? (v) => formatMoneyCompact(v, currency) : (v) => formatNumber(v, 1);
}

/**
 * Mantissas of a round tick step (× a power of ten). Each is a multiple of recharts' own step
 * grain (0.05 of the step's power of ten), so recharts keeps the step it is given.
 */
const ROUND_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const;

/** The smallest round step (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) at least `raw`. */
export function roundStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return raw;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  // A hair of tolerance: 3000 / 1000 may come out as 3.0000000000000004.
  const mantissa = ROUND_STEPS.find((r) => r >= m - 1e-9) ?? 10;
  return mantissa * power;
}

/**
 * Top of a value axis that starts at 0: four round steps that hold `max`. Left to itself recharts
 * rounds a step to any multiple of 0.05 of its power of ten, so a $34K axis read
 * $8.5K, $17K, $25.5K and a $38K one $9.5K, $19K, $28.5K.
 */
export function roundTop(max: number, intervals = 4): number {
  if (!(max > 0) || !Number.isFinite(max)) return max;
  return roundStep(max / intervals) * intervals;
}

/**
 * Value-axis domain for recharts: from 0 to a round top, so the five ticks are round numbers.
 * With negative values the data's own range is left to recharts.
 */
export const valueDomain: [(dataMin: number) => number, (dataMax: number) => number] = [(dataMin) => Math.min(0, dataMin), (dataMax) => roundTop(dataMax)];
