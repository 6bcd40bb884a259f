/**
 * A budget judged over a forecast horizon: every calendar period of the budget that the history
 * and the sample paths cover, each with its status (core/plan/budgets/status.ts).
 *
 * Used to compare scenarios against budgets: the same function runs on the baseline paths and on
 * a scenario's transformed paths, so each scenario gets its own probability of exceeding and its
 * own likely breach date, read off its own paths.
 */
import { addDays, daysBetween, type Day } from '../../lib';
import { budgetPeriodOf, budgetStatus, type BudgetPeriod, type BudgetPeriodKind, type BudgetStatus } from './status';

/**
 * The budget periods that end within the horizon: calendar periods P with P.end ≤ `end` and
 * P.end > `start` (a period that began before `start` is completed by the actuals).
 * Periods that run past `end` are left out: the paths do not reach their last day.
 */
export function budgetPeriodsWithin(kind: BudgetPeriodKind, start: Day, end: Day): BudgetPeriod[] {
  const out: BudgetPeriod[] = [];
  let p = budgetPeriodOf(kind, start);
  while (p.end <= end) {
    out.push(p);
    p = budgetPeriodOf(kind, p.end);
  }
  return out;
}

export interface HorizonBudgetInput {
  readonly amount: number;
  readonly kind: BudgetPeriodKind;
  /** Daily actual cost: values[i] is the cost of start + i; it ends the day before `pathsStart`. */
  readonly history: { readonly start: Day; readonly values: readonly number[] };
  /** Day of step 0 of the paths: paths[k][t] is the cost of pathsStart + t. */
  readonly pathsStart: Day;
  readonly paths: readonly (readonly number[])[];
}

export interface HorizonBudgetPeriod {
  readonly period: BudgetPeriod;
  readonly status: BudgetStatus;
}

/**
 * Status of each budget period within the paths' horizon. A period's actual is the history inside
 * it (from the later of the period start and the history start); the remaining days come from the
 * paths, sliced to the period, so P(over) and the likely breach date are those of budgetStatus.
 */
export function budgetOverHorizon(input: HorizonBudgetInput): HorizonBudgetPeriod[] {
  const { amount, kind, history, pathsStart, paths } = input;
  const h = paths[0]?.length ?? 0;
  const histEnd = addDays(history.start, history.values.length);
  if (histEnd !== pathsStart) throw new RangeError(`budget over horizon: the history ends on ${addDays(histEnd, -1)} but the paths start on ${pathsStart}`);
  const out: HorizonBudgetPeriod[] = [];
  for (const period of budgetPeriodsWithin(kind, pathsStart, addDays(pathsStart, h))) {
    const from = period.start > history.start ? period.start : history.start;
    const actual = from < pathsStart ? history.values.slice(daysBetween(history.start, from)) : [];
    const t0 = from < pathsStart ? 0 : daysBetween(pathsStart, from);
    const t1 = daysBetween(pathsStart, period.end);
    const status = budgetStatus({ amount, period: { start: from, end: period.end }, actual, paths: paths.map((p) => p.slice(t0, t1)) });
    out.push({ period, status });
  }
  return out;
}
