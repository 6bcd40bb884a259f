/**
 * The plan sections of a report (issue 8): capacity, commitments, budgets, anomalies and
 * scenarios. The service runs the plans (core/service capacity, budgets, anomalies, scenarios)
 * and hands their results here in these plain shapes; `buildSections` orders and trims them
 * (pure). A section the service could not compute carries a `note` saying why and no items.
 */
import { addDays, daysBetween, type Day } from '../lib';

export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface DateBand {
  readonly p10: Day | null;
  readonly p50: Day | null;
  readonly p90: Day | null;
}

export type CapacityRecommendationItem =
  | { readonly kind: 'add_capacity'; readonly add: number; readonly orderBy: Day | null; readonly monthlyCost: number | null; /** ISO 4217 code of `monthlyCost` (the pool's own, not the report's); null with it. */ readonly currency: string | null; readonly reason: string }
  | { readonly kind: 'scaling'; readonly target: 'asg' | 'hpa'; readonly resource: string; readonly min: number; readonly max: number; readonly scheduled: number };

export interface CapacityPoolItem {
  readonly name: string;
  readonly unit: string;
  /** Capacity in force on the day after the last observation. */
  readonly capacity: number;
  readonly target: number;
  readonly leadTimeDays: number;
  readonly asOf: Day;
  readonly horizonDays: number;
  readonly serviceLevel: number;
  readonly exhaustion: DateBand;
  readonly exhaustionProbability: number;
  readonly orderBy: Day | null;
  readonly neededCapacity: number;
  readonly recommendations: readonly CapacityRecommendationItem[];
  /** Observed daily peaks (null = no data), from `historyStart`. */
  readonly historyStart: Day;
  readonly history: readonly (number | null)[];
  /** Forecast band of the daily peak from `forecastStart`. */
  readonly forecastStart: Day;
  readonly p10: readonly number[];
  readonly p50: readonly number[];
  readonly p90: readonly number[];
  readonly capacitySchedule: readonly { readonly from: Day; readonly capacity: number }[];
  readonly model: string;
  readonly warnings: readonly string[];
}

export interface CommitmentItem {
  readonly scope: string;
  readonly currency: string;
  readonly term: '1y' | '3y';
  readonly discount: number;
  readonly hourlyCommitment: number;
  readonly coveredPerHour: number;
  readonly savings: Band;
  readonly breakEvenUtilization: number;
  readonly expectedUtilization: number;
  readonly trailing30dCommitment: number;
  readonly trailing30dSavings: Band;
  readonly currentCoverage: number | null;
  readonly currentUtilization: number | null;
  readonly model: string;
}

export interface ExpiringCommitmentItem {
  readonly scope: string;
  /** ISO 4217 code of the hourly amounts: the scope's billing currency, not necessarily the report's. */
  readonly currency: string;
  readonly id: string;
  readonly type: string;
  readonly expires: Day;
  readonly coveredPerHour: number;
  readonly addedCostPerHour: number;
}

export interface BudgetItem {
  readonly name: string;
  readonly period: 'month' | 'quarter' | 'year';
  readonly periodStart: Day;
  readonly periodEnd: Day;
  readonly currency: string;
  readonly amount: number;
  readonly scope: string;
  readonly actual: number;
  readonly forecast: Band;
  readonly probabilityOver: number;
  readonly likelyBreachDate: Day | null;
  readonly model: string;
}

export interface AnomalyDriver {
  readonly name: string;
  readonly impact: number;
}

export interface AnomalyItem {
  readonly start: Day;
  readonly end: Day;
  /** `service=Amazon S3`. */
  readonly scope: string;
  readonly currency: string;
  readonly expected: number;
  readonly actual: number;
  readonly impact: number;
  readonly severity: 'low' | 'medium' | 'high';
  readonly label: 'expected' | 'planned' | 'incident' | null;
  /** Drill-down: what drove the anomaly (largest contributions first). */
  readonly drivers: readonly AnomalyDriver[];
  /** What it does to the end-of-month cost of the month it ends in (`open`: the month is still forecast). */
  readonly periodImpact?: { readonly period: string; readonly open: boolean; readonly delta: number };
}

export interface ScenarioMonthItem {
  /** YYYY-MM. */
  readonly month: string;
  readonly days: number;
  readonly baseline: Band;
  readonly scenario: Band;
}

export interface ScenarioItem {
  readonly name: string;
  readonly currency: string;
  readonly scope: string;
  readonly drivers: readonly string[];
  readonly start: Day;
  readonly end: Day;
  readonly months: readonly ScenarioMonthItem[];
  readonly total: { readonly baseline: Band; readonly scenario: Band };
  readonly model: string;
}

/** What the service computed; absent sections are left out of the report. */
export interface SectionsInput {
  readonly capacity?: { readonly pools: readonly CapacityPoolItem[]; readonly note?: string };
  readonly commitments?: { readonly recommendations: readonly CommitmentItem[]; readonly expiring: readonly ExpiringCommitmentItem[]; readonly notes: readonly string[]; readonly note?: string };
  readonly budgets?: { readonly items: readonly BudgetItem[]; readonly note?: string };
  /** Every anomaly found in the report's scope (the report keeps the top ones by |impact|). */
  readonly anomalies?: { readonly items: readonly AnomalyItem[]; readonly note?: string };
  readonly scenarios?: { readonly items: readonly ScenarioItem[]; readonly note?: string };
}

export interface ReportSections {
  readonly capacity: { readonly pools: readonly CapacityPoolItem[]; readonly note: string | null } | null;
  readonly commitments: { readonly recommendations: readonly CommitmentItem[]; readonly expiring: readonly ExpiringCommitmentItem[]; readonly notes: readonly string[]; readonly note: string | null } | null;
  readonly budgets: { readonly items: readonly BudgetItem[]; readonly note: string | null } | null;
  /** `top`: the largest by |impact|; `total`: how many were found. */
  readonly anomalies: { readonly top: readonly AnomalyItem[]; readonly total: number; readonly note: string | null } | null;
  readonly scenarios: { readonly items: readonly ScenarioItem[]; readonly note: string | null } | null;
}

/** Days of observed history a capacity chart shows before the forecast. */
export const CAPACITY_HISTORY_DAYS = 90;

/**
 * Whether a pool's order-by date has already passed: on or before its last day of data it is
 * `overdue` (order now, as `headroom capacity` marks it), after it `ahead`; null without a date.
 * Every report format says so, so no reader takes a past date for one still ahead.
 */
export function orderByStatus(p: Pick<CapacityPoolItem, 'orderBy' | 'asOf'>): 'overdue' | 'ahead' | null {
  if (p.orderBy === null) return null;
  return p.orderBy <= p.asOf ? 'overdue' : 'ahead';
}

/** Keep the last `days` of a pool's history (the chart's window). */
function trimHistory(p: CapacityPoolItem, days: number): CapacityPoolItem {
  const drop = Math.max(0, p.history.length - days);
  return { ...p, historyStart: addDays(p.historyStart, drop), history: p.history.slice(drop) };
}

export function buildSections(s: SectionsInput, topAnomalies = 10): ReportSections {
  const byImpact = (a: AnomalyItem, b: AnomalyItem): number => Math.abs(b.impact) - Math.abs(a.impact) || (a.start < b.start ? 1 : a.start > b.start ? -1 : a.scope.localeCompare(b.scope));
  return {
    capacity: s.capacity ? { pools: s.capacity.pools.map((p) => trimHistory(p, CAPACITY_HISTORY_DAYS)), note: s.capacity.note ?? null } : null,
    commitments: s.commitments
      ? {
          recommendations: [...s.commitments.recommendations].sort((a, b) => b.savings.p50 - a.savings.p50 || a.scope.localeCompare(b.scope)),
          expiring: [...s.commitments.expiring].sort((a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : a.id.localeCompare(b.id))),
          notes: [...s.commitments.notes],
          note: s.commitments.note ?? null,
        }
      : null,
    budgets: s.budgets ? { items: [...s.budgets.items].sort((a, b) => b.probabilityOver - a.probabilityOver || a.name.localeCompare(b.name)), note: s.budgets.note ?? null } : null,
    anomalies: s.anomalies ? { top: [...s.anomalies.items].sort(byImpact).slice(0, topAnomalies), total: s.anomalies.items.length, note: s.anomalies.note ?? null } : null,
    scenarios: s.scenarios ? { items: [...s.scenarios.items].sort((a, b) => a.name.localeCompare(b.name)), note: s.scenarios.note ?? null } : null,
  };
}

/** Labelled anomalies in the report's data window: they are excluded from the forecast's training. */
export function labelledAnomalies(items: readonly AnomalyItem[]): AnomalyItem[] {
  return items.filter((a) => a.label !== null).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.scope.localeCompare(b.scope)));
}

/** Training flags for a daily series starting at `start`: true on the days of the given anomalies. */
export function exclusionFlags(start: Day, n: number, anomalies: readonly { readonly start: Day; readonly end: Day }[]): boolean[] {
  const flags = Array.from({ length: n }, () => false);
  for (const a of anomalies) {
    const from = Math.max(0, daysBetween(start, a.start));
    const to = Math.min(n - 1, daysBetween(start, a.end));
    for (let i = from; i <= to; i++) flags[i] = true;
  }
  return flags;
}
