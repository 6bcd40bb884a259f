/**
 * The plan sections of a report (issue 8): runs the existing capacity, commitment, budget,
 * anomaly and scenario use cases through their handlers and maps their results into
 * core/report's section shapes. A plan that fails (no pools, no compute usage…) leaves its
 * section with the failure's message as a note instead of failing the whole report.
 */
import type { AnomalyView, BudgetStatusView, HandlerContext, PoolPlan, ScenarioResult } from '../api';
import { isHeadroomError, type Day } from '../lib';
import { scopeText, type AnomalyItem, type CapacityPoolItem, type ReportScope as ApiScope, type SectionsInput } from '../report';
import { anomaliesHandlers } from './anomalies';
import { budgetsHandlers } from './budgets';
import { capacityHandlers } from './capacity';
import type { ServiceDeps } from './context';
import { scenariosHandlers } from './scenarios';

export const REPORT_SECTIONS = ['capacity', 'commitments', 'budgets', 'anomalies', 'scenarios'] as const;
export type ReportSectionName = (typeof REPORT_SECTIONS)[number];

/** Capacity plans look at least this far ahead (the capacity command's default), so lead times fit. */
const MIN_CAPACITY_HORIZON = 180;

const why = (e: unknown): string => (isHeadroomError(e) ? e.message : `failed: ${e instanceof Error ? e.message : String(e)}`);

/** True when every condition of `scope` holds inside `inner` (an empty scope contains everything). */
export function withinScope(scope: readonly ApiScope[], inner: Readonly<Record<string, string>>): boolean {
  return scope.every((c) => inner[c.dimension] === c.value);
}

const asRecord = (scope: readonly ApiScope[]): Record<string, string> => Object.fromEntries(scope.map((c) => [c.dimension, c.value]));

export function poolItem(p: PoolPlan): CapacityPoolItem {
  return {
    name: p.name,
    unit: p.unit,
    capacity: p.capacity,
    target: p.target,
    leadTimeDays: p.lead_time_days,
    asOf: p.as_of,
    horizonDays: p.horizon_days,
    serviceLevel: p.service_level,
    exhaustion: { ...p.exhaustion },
    exhaustionProbability: p.exhaustion_probability,
    orderBy: p.order_by,
    neededCapacity: p.needed_capacity,
    recommendations: p.recommendations.map((r) =>
      r.kind === 'add_capacity'
        ? { kind: 'add_capacity', add: r.add, orderBy: r.order_by, monthlyCost: r.monthly_cost, currency: r.currency, reason: r.reason }
        : { kind: 'scaling', target: r.target, resource: r.resource, min: r.min, max: r.max, scheduled: r.scheduled.length },
    ),
    historyStart: p.history.start,
    history: [...p.history.values],
    forecastStart: p.forecast.start,
    p10: [...p.forecast.p10],
    p50: [...p.forecast.p50],
    p90: [...p.forecast.p90],
    capacitySchedule: p.capacity_schedule.map((s) => ({ ...s })),
    model: p.forecast.model,
    warnings: [...p.warnings],
  };
}

/** Drivers shown per anomaly: the largest contributions, leaving out the anomaly's own series. */
const TOP_DRIVERS = 3;

function driversOf(a: AnomalyView): AnomalyItem['drivers'] {
  return a.drivers
    .filter((d) => a.scope[d.dimension] !== d.value)
    .slice(0, TOP_DRIVERS)
    .map((d) => ({ name: `${d.dimension}=${d.value ?? '(none)'}`, impact: d.impact }));
}

export function anomalyItem(a: AnomalyView): AnomalyItem {
  return {
    start: a.start,
    end: a.end,
    scope: Object.entries(a.scope).map(([k, v]) => `${k}=${v}`).join(', '),
    currency: a.currency,
    expected: a.expected,
    actual: a.actual,
    impact: a.impact,
    severity: a.severity,
    label: a.label,
    drivers: driversOf(a),
    periodImpact: { period: a.period_impact.period, open: a.period_impact.open, delta: a.period_impact.delta },
  };
}

const budgetItem = (b: BudgetStatusView): NonNullable<SectionsInput['budgets']>['items'][number] => ({
  name: b.name,
  period: b.period,
  periodStart: b.period_start,
  periodEnd: b.period_end,
  currency: b.currency,
  amount: b.amount,
  scope: scopeText(b.scope),
  actual: b.actual,
  forecast: { ...b.forecast },
  probabilityOver: b.probability_over,
  likelyBreachDate: b.likely_breach_date,
  model: b.model,
});

const scenarioItem = (s: ScenarioResult): NonNullable<SectionsInput['scenarios']>['items'][number] => ({
  name: s.name,
  currency: s.currency,
  scope: scopeText(s.scope),
  drivers: [...s.drivers],
  start: s.start,
  end: s.end,
  months: s.months.map((m) => ({ month: m.month, days: m.days, baseline: { ...m.baseline }, scenario: { ...m.scenario } })),
  total: { baseline: { ...s.total.baseline }, scenario: { ...s.total.scenario } },
  model: s.model,
});

export interface AnomalyScan {
  /** Anomalies inside the report's scope and currency. */
  readonly items: readonly AnomalyItem[];
  /** Their raw days, for excluding the labelled ones from training. */
  readonly labelled: readonly { readonly start: Day; readonly end: Day; readonly item: AnomalyItem }[];
  readonly note?: string;
}

/** Anomalies in the report's scope (every series whose scope lies inside it) and currency. */
export async function scanReportAnomalies(deps: ServiceDeps, scope: readonly ApiScope[], currency: string, ctx: HandlerContext): Promise<AnomalyScan> {
  try {
    const res = await anomaliesHandlers(deps)['anomalies.list']({}, ctx);
    // One event can be seen on several series (service, account, sub-account × service): it is in
    // the report when any of them lies inside the report's scope.
    const inside = res.anomalies.filter((a) => a.currency === currency && (withinScope(scope, a.scope) || a.scopes.some((s) => withinScope(scope, s.scope))));
    const items = inside.map(anomalyItem);
    const labelled = inside.flatMap((a, i) => (a.label !== null ? [{ start: a.start, end: a.end, item: items[i]! }] : []));
    const note = scope.length > 0 && items.length === 0 && res.anomalies.length > 0 ? `No anomaly series lies inside ${scopeText(scope)} (anomalies are detected per service, billing account and sub-account × service).` : undefined;
    return { items, labelled, ...(note ? { note } : {}) };
  } catch (e) {
    return { items: [], labelled: [], note: why(e) };
  }
}

export interface PlanSectionsOptions {
  readonly scope: readonly ApiScope[];
  readonly horizonDays: number;
  readonly include: ReadonlySet<ReportSectionName>;
  /** Called before each plan runs, with its name. */
  readonly onStep: (name: ReportSectionName) => void;
}

/** Runs the plans the report includes (anomalies are scanned before the forecast, by the caller). */
export async function planSections(deps: ServiceDeps, o: PlanSectionsOptions, ctx: HandlerContext): Promise<Omit<SectionsInput, 'anomalies'>> {
  const out: { -readonly [K in keyof SectionsInput]?: SectionsInput[K] } = {};
  if (o.include.has('capacity')) {
    o.onStep('capacity');
    try {
      const res = await capacityHandlers(deps)['capacity.plan']({ horizon_days: Math.max(o.horizonDays, MIN_CAPACITY_HORIZON) }, ctx);
      out.capacity = { pools: res.pools.map(poolItem), ...(res.pools.length === 0 ? { note: 'No capacity pools are defined (headroom pool add).' } : {}) };
    } catch (e) {
      out.capacity = { pools: [], note: why(e) };
    }
  }
  if (o.include.has('commitments')) {
    o.onStep('commitments');
    try {
      const res = await capacityHandlers(deps)['commitments.plan']({ term: '1y' }, ctx);
      out.commitments = {
        recommendations: res.recommendations.map((r) => ({
          scope: r.scope,
          currency: r.currency,
          term: r.term,
          discount: r.discount,
          hourlyCommitment: r.hourly_commitment,
          coveredPerHour: r.covered_per_hour,
          savings: { ...r.expected_savings },
          breakEvenUtilization: r.break_even_utilization,
          expectedUtilization: r.expected_utilization,
          trailing30dCommitment: r.trailing_30d_commitment,
          trailing30dSavings: { ...r.trailing_30d_savings },
          currentCoverage: r.current_coverage,
          currentUtilization: r.current_utilization,
          model: r.model,
        })),
        expiring: res.expiring.map((x) => ({ scope: x.scope, currency: x.currency, id: x.commitment_id, type: x.type, expires: x.expires, coveredPerHour: x.covered_per_hour, addedCostPerHour: x.added_cost_per_hour })),
        notes: [...res.notes],
      };
    } catch (e) {
      out.commitments = { recommendations: [], expiring: [], notes: [], note: why(e) };
    }
  }
  if (o.include.has('budgets')) {
    o.onStep('budgets');
    const h = budgetsHandlers(deps);
    const saved = (await h['budgets.list']({}, ctx)).budgets.filter((b) => withinScope(o.scope, asRecord(b.scope)));
    const items = [];
    const failed: string[] = [];
    for (const b of saved) {
      try {
        items.push(...(await h['budgets.status']({ name: b.name }, ctx)).budgets.map(budgetItem));
      } catch (e) {
        failed.push(why(e));
      }
    }
    const note = saved.length === 0 ? `No budgets are saved for ${scopeText(o.scope)} or a scope inside it (headroom budget add).` : failed.length > 0 ? failed.join(' ') : undefined;
    out.budgets = { items, ...(note ? { note } : {}) };
  }
  if (o.include.has('scenarios')) {
    o.onStep('scenarios');
    const h = scenariosHandlers(deps);
    const saved = (await h['scenarios.list']({}, ctx)).scenarios.filter((s) => withinScope(o.scope, asRecord(s.scope)));
    const items = [];
    const failed: string[] = [];
    for (const s of saved) {
      try {
        items.push(scenarioItem((await h['scenarios.show']({ name: s.name, horizon_days: o.horizonDays }, ctx)).scenario));
      } catch (e) {
        failed.push(why(e));
      }
    }
    const note = saved.length === 0 ? `No scenarios are saved for ${scopeText(o.scope)} or a scope inside it (headroom scenario add).` : failed.length > 0 ? failed.join(' ') : undefined;
    out.scenarios = { items, ...(note ? { note } : {}) };
  }
  return out;
}
