/**
 * The burn curve of a budget period: cumulative actual cost through each day already seen, then
 * the cumulative cost through each remaining day as P10/P50/P90 across the forecast's sample paths.
 *
 * Quantiles are taken per day over the paths' running totals (Hyndman & Fan 1996 definition 1,
 * core/plan/quantile.ts), never by summing daily quantiles: the P90 of a sum is not the sum of P90s.
 * The last point of each band equals the period-total quantiles that budgetStatus reports.
 */
import { addDays, type Day } from '../../lib';
import { checkPaths, quantiles } from '../quantile';
import type { BudgetPeriod } from './status';

export interface BudgetBurn {
  /** Day of actual[0] (the period start). */
  readonly start: Day;
  /** Cumulative actual cost through start + i. */
  readonly actual: readonly number[];
  /** Day of p10[0] etc.: the day after the last actual. */
  readonly forecastStart: Day;
  readonly p10: readonly number[];
  readonly p50: readonly number[];
  readonly p90: readonly number[];
}

export function budgetBurn(input: { readonly period: BudgetPeriod; readonly actual: readonly number[]; readonly paths: readonly (readonly number[])[] }): BudgetBurn {
  const { period, actual, paths } = input;
  const cumulative: number[] = [];
  let sum = 0;
  for (const v of actual) cumulative.push((sum += v));
  const forecastStart = addDays(period.start, actual.length);
  if (paths.length === 0) return { start: period.start, actual: cumulative, forecastStart, p10: [], p50: [], p90: [] };
  const { n, h } = checkPaths(paths, 'budget burn');
  const running = new Float64Array(n).fill(sum);
  const p10: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  const column = new Array<number>(n);
  for (let t = 0; t < h; t++) {
    for (let k = 0; k < n; k++) {
      running[k] = (running[k] as number) + ((paths[k] as readonly number[])[t] as number);
      column[k] = running[k] as number;
    }
    const [a, b, c] = quantiles(column, [0.1, 0.5, 0.9]) as [number, number, number];
    p10.push(a);
    p50.push(b);
    p90.push(c);
  }
  return { start: period.start, actual: cumulative, forecastStart, p10, p50, p90 };
}
