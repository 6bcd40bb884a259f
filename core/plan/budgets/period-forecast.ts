/**
 * Forecast of a calendar period's total from sample paths: the cost of the days already seen plus,
 * per path, the cost of the remaining days; P10/P50/P90 are Hyndman & Fan (1996) definition-1
 * quantiles of those totals (core/plan/quantile.ts). Never the sum of daily interval bounds: the
 * P90 of a sum is not the sum of the daily P90s. The same totals budgetStatus judges an amount by.
 */
import { daysBetween } from '../../lib';
import { checkPaths, quantiles } from '../quantile';
import type { BudgetPeriod } from './status';

export interface PeriodForecastInput {
  readonly period: BudgetPeriod;
  /** Actual daily cost from `period.start`: actual[i] is the cost of start + i (the days already seen). */
  readonly actual: readonly number[];
  /** paths[k][t] is the cost of start + actual.length + t; each must reach the period's end (extra steps are ignored). */
  readonly paths: readonly (readonly number[])[];
}

export interface PeriodForecast {
  /** Cost of the days already seen. */
  readonly actual: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly actualDays: number;
  /** Days of the period still ahead. */
  readonly remaining: number;
}

export function periodForecast(input: PeriodForecastInput): PeriodForecast {
  const { period, actual, paths } = input;
  const days = daysBetween(period.start, period.end);
  if (actual.length > days) throw new RangeError(`${actual.length} actual days given for a ${days}-day period`);
  let spent = 0;
  for (const v of actual) spent += v;
  const remaining = days - actual.length;
  if (remaining === 0) return { actual: spent, p10: spent, p50: spent, p90: spent, actualDays: actual.length, remaining };
  const { h } = checkPaths(paths, 'period forecast');
  if (h < remaining) throw new RangeError(`period forecast: paths have ${h} steps but ${remaining} days of the period remain`);
  const totals = paths.map((p) => {
    let t = spent;
    for (let i = 0; i < remaining; i++) t += p[i] as number;
    return t;
  });
  const [p10, p50, p90] = quantiles(totals, [0.1, 0.5, 0.9]) as [number, number, number];
  return { actual: spent, p10, p50, p90, actualDays: actual.length, remaining };
}
