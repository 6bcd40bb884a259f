/**
 * Budget status from forecast sample paths.
 *
 * A budget covers one calendar period [start, end). At `asOf` the actual cost of the days already
 * seen is known; the rest of the period is uncertain and is represented by the forecast's sample
 * paths. Each path gives one possible period total, `actual + Σ path over the remaining days`, so
 * the empirical distribution of those totals is the forecast distribution of the period total:
 *
 *   P(over)          = #{k : total_k > amount} / K
 *   P10/P50/P90      = Hyndman–Fan definition-1 quantiles of the totals (core/plan/quantile.ts)
 *   likely breach    = the first day d of the period with P(cumulative cost through d > amount) ≥ ½
 *
 * Nothing here is a point forecast compared with a threshold: the probability is read off the
 * joint paths, so the autocorrelation the model put into them carries into the period total.
 */
import { addDays, daysBetween, type Day } from '../../lib';
import { checkPaths, quantiles } from '../quantile';

export type BudgetPeriodKind = 'month' | 'quarter' | 'year';

export interface BudgetPeriod {
  readonly start: Day;
  /** Exclusive. */
  readonly end: Day;
}

/** The calendar month, quarter or year that contains `day`. */
export function budgetPeriodOf(kind: BudgetPeriodKind, day: Day): BudgetPeriod {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const firstMonth = kind === 'month' ? m : kind === 'quarter' ? 3 * Math.floor((m - 1) / 3) + 1 : 1;
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const start = `${y}-${String(firstMonth).padStart(2, '0')}-01` as Day;
  const endMonth = firstMonth + months;
  const end = (endMonth > 12 ? `${y + 1}-${String(endMonth - 12).padStart(2, '0')}-01` : `${y}-${String(endMonth).padStart(2, '0')}-01`) as Day;
  return { start, end };
}

export interface BudgetStatusInput {
  readonly amount: number;
  readonly period: BudgetPeriod;
  /**
   * Actual daily cost from `period.start`: actual[i] is the cost of start + i. Its length is the
   * number of days already seen (0 when the period has not started in the data).
   */
  readonly actual: readonly number[];
  /**
   * Sample paths of daily cost for the days after the actuals: paths[k][t] is the cost of
   * start + actual.length + t. Each path must reach the end of the period (extra steps are ignored).
   * May be empty when the actuals already cover the whole period.
   */
  readonly paths: readonly (readonly number[])[];
}

export interface BudgetStatus {
  readonly actual: number;
  /** Quantiles of the period total (actual + forecast of the remaining days). */
  readonly forecast: { readonly p10: number; readonly p50: number; readonly p90: number };
  readonly probabilityOver: number;
  /** First day on which crossing the amount has become at least even odds; null if never within the period. */
  readonly likelyBreachDate: Day | null;
  /** Days of the period covered by actuals and by the forecast. */
  readonly actualDays: number;
  readonly forecastDays: number;
}

export function budgetStatus(input: BudgetStatusInput): BudgetStatus {
  const { amount, period, actual, paths } = input;
  if (!(amount > 0) || !Number.isFinite(amount)) throw new RangeError(`budget amount must be a positive number (got ${amount})`);
  const days = daysBetween(period.start, period.end);
  if (actual.length > days) throw new RangeError(`${actual.length} actual days given for a ${days}-day period`);
  const remaining = days - actual.length;
  let actualSum = 0;
  let crossedOn: Day | null = null;
  for (const [i, v] of actual.entries()) {
    actualSum += v;
    if (crossedOn === null && actualSum > amount) crossedOn = addDays(period.start, i);
  }
  if (remaining === 0) {
    const over = actualSum > amount ? 1 : 0;
    return { actual: actualSum, forecast: { p10: actualSum, p50: actualSum, p90: actualSum }, probabilityOver: over, likelyBreachDate: crossedOn, actualDays: actual.length, forecastDays: 0 };
  }
  const { n, h } = checkPaths(paths, 'budget forecast');
  if (h < remaining) throw new RangeError(`budget forecast: paths have ${h} steps but ${remaining} days of the period remain`);
  const totals = new Array<number>(n);
  // overBy[t] = number of paths whose cumulative total through remaining day t exceeds the amount.
  const overBy = new Array<number>(remaining).fill(0);
  for (let k = 0; k < n; k++) {
    const p = paths[k] as readonly number[];
    let cum = actualSum;
    let firstOver = -1;
    for (let t = 0; t < remaining; t++) {
      cum += p[t] as number;
      if (firstOver < 0 && cum > amount) firstOver = t;
    }
    totals[k] = cum;
    // Cumulative cost can fall (credits), so "over through day t" is counted per day, not from the first crossing.
    if (firstOver >= 0) {
      let c = actualSum;
      for (let t = 0; t < remaining; t++) {
        c += p[t] as number;
        if (c > amount) overBy[t] = (overBy[t] as number) + 1;
      }
    }
  }
  const [p10, p50, p90] = quantiles(totals, [0.1, 0.5, 0.9]) as [number, number, number];
  const probabilityOver = totals.filter((t) => t > amount).length / n;
  let likely: Day | null = crossedOn;
  if (likely === null) {
    const t = overBy.findIndex((c) => c / n >= 0.5);
    if (t >= 0) likely = addDays(period.start, actual.length + t);
  }
  return { actual: actualSum, forecast: { p10, p50, p90 }, probabilityOver, likelyBreachDate: likely, actualDays: actual.length, forecastDays: remaining };
}
