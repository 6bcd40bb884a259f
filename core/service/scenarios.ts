/**
 * What-if scenarios (issue 6, item 3): saved in the store's kv table (namespace `scenarios`). A
 * scenario's baseline is the forecast engine's sample paths of the scope's daily EffectiveCost from
 * the day after the data; its drivers transform every path (core/plan/scenarios), so baseline and
 * scenario intervals are both read off paths.
 */
import { addDays, dayOf, daysBetween, HeadroomError, type Day } from '../lib';
import { budgetSchema, COST_TRAINING_DAYS, scenarioSchema, type FeatureHandlers, type Scenario, type ScenarioBudget, type ScenarioResult, type scenariosApi } from '../api';
import { createRandom, normalSampler } from '../forecast';
import { isCurrencyCode } from '../ingest/files';
import { applyDrivers, budgetOverHorizon, checkDrivers, describeDriver, horizonTotal, monthlyTotals, parseDriver, type BudgetStatus, type Driver } from '../plan';
import type { Store } from '../store';
import type { ServiceDeps } from './context';
import { basisView, forecastCostBasis, loadCostBasis, type CostBasisSeries } from './forecast-basis';

const NAMESPACE = 'scenarios';
const DEFAULT_PATHS = 1000;
const DEFAULT_HORIZON = 365;
/** Seed of the workload size draws (the baseline forecast uses seed 1). */
const WORKLOAD_SEED = 2;
/** Training window (and, for reports, the actuals shown): the one every cost forecast uses. */
const MAX_HISTORY_DAYS = COST_TRAINING_DAYS;

const scopeText = (s: Scenario): string => (s.scope.length === 0 ? 'all charges' : s.scope.map((c) => `${c.dimension}=${c.value}`).join(', '));

async function readScenarios(store: Store): Promise<Scenario[]> {
  return (await store.kvList(NAMESPACE)).map((e) => scenarioSchema.parse(e.value));
}

/** Parses and validates a scenario's drivers; every message names the scenario. */
export function scenarioDrivers(s: Scenario): Driver[] {
  try {
    const drivers = s.drivers.map(parseDriver);
    checkDrivers(drivers);
    return drivers;
  } catch (e) {
    if (e instanceof HeadroomError) throw new HeadroomError(e.code, `Scenario "${s.name}": ${e.message}`, { cause: e });
    throw e;
  }
}

const outcome = (st: BudgetStatus): ScenarioBudget['periods'][number]['baseline'] => ({
  actual: st.actual,
  forecast: { ...st.forecast },
  probability_over: st.probabilityOver,
  likely_breach_date: st.likelyBreachDate,
});

function checkScenario(s: Scenario): Driver[] {
  if (!isCurrencyCode(s.currency)) throw new HeadroomError('BAD_INPUT', `Scenario "${s.name}": "${s.currency}" is not an ISO 4217 currency code. Use the code your bills are in, such as USD, EUR or GBP.`);
  const dims = s.scope.map((c) => c.dimension);
  const dup = dims.find((d, i) => dims.indexOf(d) !== i);
  if (dup !== undefined) throw new HeadroomError('BAD_INPUT', `Scenario "${s.name}": the scope names ${dup} twice; give each dimension once.`);
  if (s.drivers.length === 0) throw new HeadroomError('BAD_INPUT', `Scenario "${s.name}" has no drivers: give at least one (--driver 'growth:rate=0.2,from=2027-01-01').`);
  return scenarioDrivers(s);
}

async function scopeSeries(store: Store, s: Scenario): Promise<CostBasisSeries> {
  const res = await loadCostBasis(store, { filters: s.scope.map((c) => ({ dimension: c.dimension, values: [c.value] })), view: 'effective' });
  const series = res.series.find((x) => x.currency === s.currency);
  if (!series || series.total.length === 0) {
    const have = res.series.map((x) => x.currency);
    throw new HeadroomError(
      'NOT_FOUND',
      `Scenario "${s.name}": the scope ${scopeText(s)} has no ${s.currency} cost data.${have.length > 0 ? ` It has data in ${have.join(', ')}: set the scenario's currency to one of those.` : ' Check the scope values (headroom summary --by …) or import data first.'}`,
    );
  }
  return series;
}

export function scenariosHandlers({ store, clock }: ServiceDeps): FeatureHandlers<typeof scenariosApi> {
  const find = async (name: string): Promise<Scenario> => {
    const v = await store.kvGet(NAMESPACE, name);
    if (v === undefined) {
      const all = await readScenarios(store);
      throw new HeadroomError('NOT_FOUND', `No scenario named "${name}". ${all.length === 0 ? 'Add one with "headroom scenario add".' : `Scenarios: ${all.map((s) => s.name).join(', ')}.`}`);
    }
    return scenarioSchema.parse(v);
  };
  const evaluate = async (s: Scenario, today: Day, horizon: number, nPaths: number): Promise<ScenarioResult> => {
    const drivers = scenarioDrivers(s);
    const series = await scopeSeries(store, s);
    const lastDay = addDays(series.start, series.total.length - 1);
    const dataThrough = lastDay < addDays(today, -1) ? lastDay : addDays(today, -1);
    const histEnd = daysBetween(series.start, dataThrough) + 1;
    if (histEnd <= 0) throw new HeadroomError('NOT_FOUND', `Scenario "${s.name}": the scope ${scopeText(s)} has no cost data before ${today}.`);
    const f = forecastCostBasis(series, { historyEnd: histEnd, maxHistoryDays: MAX_HISTORY_DAYS, period: 7, horizon, paths: nPaths, seed: 1, levels: [0.8, 0.95], planning: true });
    const base = (f.paths ?? []).map((p) => [...p]);
    const start = addDays(dataThrough, 1);
    // Workload sizes are drawn from their own seeded stream: the same scenario gives the same paths.
    const scen = applyDrivers(base, start, drivers, normalSampler(createRandom(WORKLOAD_SEED)));
    const bm = monthlyTotals(base, start);
    const sm = monthlyTotals(scen, start);
    const sameScope = (scope: Scenario['scope']): boolean =>
      scope.length === s.scope.length && scope.every((c) => s.scope.some((d) => d.dimension === c.dimension && d.value === c.value));
    const saved = (await store.kvList('budgets'))
      .map((e) => budgetSchema.safeParse(e.value))
      .flatMap((r) => (r.success && r.data.currency === s.currency && sameScope(r.data.scope) ? [r.data] : []));
    const warnings = [...f.card.warnings];
    const end = addDays(start, horizon);
    for (const d of drivers) {
      const text = describeDriver(d);
      if (d.from >= end) warnings.push(`Driver "${text}" starts after the horizon (ends ${addDays(end, -1)}): it has no effect; lengthen --horizon.`);
      else if (d.kind === 'window' && d.to <= start) warnings.push(`Driver "${text}" ends before the forecast starts (${start}): it has no effect; the actuals are never changed.`);
      else if (d.from < start) warnings.push(`Driver "${text}" starts before the forecast (${start}): the actuals are not changed; from ${start} it applies as if in force since ${d.from}.`);
    }
    // Budgets: every period that ends within the horizon, judged on the baseline and on the scenario paths.
    const actual = { start: series.start, values: series.total.slice(0, histEnd) };
    const budgets: ScenarioBudget[] = saved.map((b) => {
      const onBase = budgetOverHorizon({ amount: b.amount, kind: b.period, history: actual, pathsStart: start, paths: base });
      const onScen = budgetOverHorizon({ amount: b.amount, kind: b.period, history: actual, pathsStart: start, paths: scen });
      if (onBase.length === 0) warnings.push(`Budget "${b.name}": no ${b.period} ends within the horizon (${start}…${addDays(end, -1)}); lengthen --horizon to judge it.`);
      return {
        name: b.name,
        period: b.period,
        amount: b.amount,
        periods: onBase.map((p, i) => ({
          period_start: p.period.start,
          period_end: p.period.end,
          baseline: outcome(p.status),
          scenario: outcome((onScen[i] as (typeof onScen)[number]).status),
        })),
      };
    });
    return {
      name: s.name,
      currency: s.currency,
      scope: s.scope.map((c) => ({ ...c })),
      drivers: [...s.drivers],
      data_through: dataThrough,
      start,
      end,
      months: bm.map((b, i) => {
        const m = sm[i] as (typeof sm)[number];
        return { month: b.month, days: b.days, baseline: { p10: b.p10, p50: b.p50, p90: b.p90 }, scenario: { p10: m.p10, p50: m.p50, p90: m.p90 } };
      }),
      total: { baseline: horizonTotal(base), scenario: horizonTotal(scen) },
      budgets,
      model: f.card.spec,
      warnings,
      basis: basisView(f.composition),
    };
  };
  return {
    'scenarios.add': async (req) => {
      const scenario = scenarioSchema.parse(req.scenario);
      checkScenario(scenario);
      await scopeSeries(store, scenario); // a scope with no data is refused now, not at show time
      const existing = await store.kvGet(NAMESPACE, scenario.name);
      if (existing !== undefined && req.replace !== true) {
        throw new HeadroomError('CONFLICT', `A scenario named "${scenario.name}" already exists: choose another name or replace it (--replace).`);
      }
      await store.kvSet(NAMESPACE, scenario.name, scenario);
      return { scenario, replaced: existing !== undefined };
    },
    'scenarios.list': async () => ({ scenarios: await readScenarios(store) }),
    'scenarios.remove': async (req) => {
      await find(req.name);
      await store.kvDelete(NAMESPACE, req.name);
      return { removed: true };
    },
    'scenarios.show': async (req, ctx) => {
      const today = dayOf(clock());
      const s = await find(req.name);
      ctx.progress({ phase: 'scenarios', done: 0, total: 1, message: `forecasting "${s.name}"` });
      const scenario = await evaluate(s, today, req.horizon_days ?? DEFAULT_HORIZON, req.paths ?? DEFAULT_PATHS);
      ctx.progress({ phase: 'scenarios', done: 1, total: 1, message: 'done' });
      return { as_of: today, scenario };
    },
    'scenarios.compare': async (req, ctx) => {
      const today = dayOf(clock());
      const chosen: Scenario[] = [];
      for (const n of req.names) chosen.push(await find(n));
      const out: ScenarioResult[] = [];
      for (const [i, s] of chosen.entries()) {
        if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', 'Scenario comparison was cancelled.');
        ctx.progress({ phase: 'scenarios', done: i, total: chosen.length, message: `forecasting "${s.name}"` });
        out.push(await evaluate(s, today, req.horizon_days ?? DEFAULT_HORIZON, req.paths ?? DEFAULT_PATHS));
      }
      ctx.progress({ phase: 'scenarios', done: chosen.length, total: chosen.length, message: 'done' });
      return { as_of: today, scenarios: out };
    },
  };
}
