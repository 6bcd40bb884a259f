import { addDays, type BudgetStatusView } from '../../core/api';

/** The burn curve as `budgets.status` returns it (computed by core/plan budgetBurn in the service; drawn here, never recomputed). */
export type Burn = BudgetStatusView['burn'];

export interface BurnRow {
  readonly day: string;
  readonly actual?: number;
  readonly p50?: number;
  readonly band?: readonly [number, number];
}

/**
 * One row per day of the period: the cumulative actual, then P50 and the P10–P90 band. The band is
 * anchored on the last actual day (a zero-width start) so it grows out of the actual line.
 */
export function burnRows(b: Burn): BurnRow[] {
  const rows: BurnRow[] = b.actual.map((v, i) => ({ day: addDays(b.start, i), actual: v }));
  const last = rows[rows.length - 1];
  if (last && b.p50.length > 0) rows[rows.length - 1] = { ...last, p50: last.actual!, band: [last.actual!, last.actual!] };
  b.p50.forEach((v, i) => rows.push({ day: addDays(b.forecast_start, i), p50: v, band: [b.p10[i]!, b.p90[i]!] }));
  return rows;
}
