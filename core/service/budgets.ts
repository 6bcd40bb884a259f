/**
 * Budgets (issue 6): saved in the store's kv table (namespace `budgets`), evaluated against the
 * scope's daily EffectiveCost: actual to date from the store, the rest of the period from the
 * forecast engine's sample paths, and the probability of exceeding read off those paths
 * (core/plan/budgets).
 */
import { addDays, dayOf, daysBetween, HeadroomError, type Day } from '../lib';
import { budgetSchema, COST_TRAINING_DAYS, type Budget, type BudgetStatusView, type budgetsApi, type FeatureHandlers } from '../api';
import { isCurrencyCode } from '../ingest/files';
import { budgetBurn, budgetPeriodOf, budgetStatus } from '../plan';
import type { Store } from '../store';
import type { ServiceDeps } from './context';
import { basisView, forecastCostBasis, loadCostBasis, type CostBasisSeries } from './forecast-basis';

const NAMESPACE = 'budgets';
const DEFAULT_PATHS = 1000;
/** Training window (and, for reports, the actuals shown): the one every cost forecast uses. */
const MAX_HISTORY_DAYS = COST_TRAINING_DAYS;

async function readBudgets(store: Store): Promise<Budget[]> {
  return (await store.kvList(NAMESPACE)).map((e) => budgetSchema.parse(e.value));
}

export function checkBudget(b: Budget): void {
  if (!isCurrencyCode(b.currency)) {
    throw new HeadroomError('BAD_INPUT', `Budget "${b.name}": "${b.currency}" is not an ISO 4217 currency code. Use the code your bills are in, such as USD, EUR or GBP.`);
  }
  const dims = b.scope.map((s) => s.dimension);
  const dup = dims.find((d, i) => dims.indexOf(d) !== i);
  if (dup !== undefined) throw new HeadroomError('BAD_INPUT', `Budget "${b.name}": the scope names ${dup} twice; give each dimension once.`);
}

const scopeText = (b: Budget): string => (b.scope.length === 0 ? 'all charges' : b.scope.map((s) => `${s.dimension}=${s.value}`).join(', '));

/** The budget scope's daily EffectiveCost in the budget's currency (up to `to`, exclusive); NOT_FOUND naming the scope and the currencies it has otherwise. */
async function scopeSeries(store: Store, b: Budget, to?: Day): Promise<CostBasisSeries> {
  const res = await loadCostBasis(store, { filters: b.scope.map((s) => ({ dimension: s.dimension, values: [s.value] })), view: 'effective', ...(to === undefined ? {} : { to }) });
  const series = res.series.find((s) => s.currency === b.currency);
  if (!series || series.total.length === 0) {
    const have = res.series.map((s) => s.currency);
    throw new HeadroomError(
      'NOT_FOUND',
      `Budget "${b.name}": no ${b.currency} cost data for ${scopeText(b)}.${have.length > 0 ? ` The scope has data in ${have.join(', ')}: set the budget's currency to one of those.` : ' Check the scope values (headroom summary --by …) or import data first.'}`,
    );
  }
  return series;
}

export function budgetsHandlers({ store, clock }: ServiceDeps): FeatureHandlers<typeof budgetsApi> {
  return {
    'budgets.add': async (req) => {
      const budget = budgetSchema.parse(req.budget);
      checkBudget(budget);
      await scopeSeries(store, budget); // a scope or currency with no data is refused now, not at status time
      const existing = await store.kvGet(NAMESPACE, budget.name);
      if (existing !== undefined && req.replace !== true) {
        throw new HeadroomError('CONFLICT', `A budget named "${budget.name}" already exists: choose another name or replace it (--replace).`);
      }
      await store.kvSet(NAMESPACE, budget.name, budget);
      return { budget, replaced: existing !== undefined };
    },
    'budgets.list': async () => ({ budgets: await readBudgets(store) }),
    'budgets.remove': async (req) => {
      const existing = await store.kvGet(NAMESPACE, req.name);
      if (existing === undefined) throw new HeadroomError('NOT_FOUND', `No budget named "${req.name}".`);
      await store.kvDelete(NAMESPACE, req.name);
      return { removed: true };
    },
    'budgets.status': async (req, ctx) => {
      const all = await readBudgets(store);
      const chosen = req.name === undefined ? all : all.filter((b) => b.name === req.name);
      if (req.name !== undefined && chosen.length === 0) {
        throw new HeadroomError('NOT_FOUND', `No budget named "${req.name}". ${all.length === 0 ? 'Add one with "headroom budget add".' : `Budgets: ${all.map((b) => b.name).join(', ')}.`}`);
      }
      const today = dayOf(clock());
      const out: BudgetStatusView[] = [];
      for (const [i, b] of chosen.entries()) {
        if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', 'Budget status was cancelled.');
        ctx.progress({ phase: 'budgets', done: i, total: chosen.length, message: `forecasting "${b.name}"` });
        out.push(await evaluate(store, b, today, req.paths ?? DEFAULT_PATHS));
      }
      ctx.progress({ phase: 'budgets', done: chosen.length, total: chosen.length, message: 'done' });
      return { as_of: today, budgets: out };
    },
  };
}

async function evaluate(store: Store, b: Budget, today: Day, nPaths: number): Promise<BudgetStatusView> {
  const period = budgetPeriodOf(b.period, today);
  const basis = await scopeSeries(store, b, period.end);
  const series = { start: basis.start, values: basis.total };
  const warnings: string[] = [];
  const lastDay = addDays(series.start, series.values.length - 1);
  const dataThrough = lastDay < addDays(today, -1) ? lastDay : addDays(today, -1);
  const histEnd = daysBetween(series.start, dataThrough) + 1; // values[0 .. histEnd) are history
  const actualFrom = daysBetween(series.start, period.start);
  const actual = actualFrom >= histEnd ? [] : series.values.slice(Math.max(0, actualFrom), histEnd);
  if (actualFrom < 0) warnings.push(`Data for this scope starts on ${series.start}, after the period began: the actual covers only the days with data.`);
  // Forecast from the day after the data to the end of the period; drop steps before the period starts.
  const gap = Math.max(0, actualFrom - histEnd);
  const remaining = daysBetween(period.start, period.end) - actual.length - (actualFrom < 0 ? -actualFrom : 0);
  let paths: number[][] = [];
  let model = 'none (the period is complete)';
  let composition: BudgetStatusView['basis'];
  if (remaining > 0) {
    if (gap > 0) warnings.push(`The data ends on ${dataThrough}, ${gap} days before the period starts: the forecast bridges the gap.`);
    const f = forecastCostBasis(basis, { historyEnd: histEnd, maxHistoryDays: MAX_HISTORY_DAYS, period: 7, horizon: gap + remaining, paths: nPaths, seed: 1, levels: [0.8, 0.95], planning: true });
    model = f.card.spec;
    composition = basisView(f.composition);
    warnings.push(...f.card.warnings);
    paths = (f.paths ?? []).map((p) => p.slice(gap, gap + remaining));
  }
  const judged = actualFrom < 0 ? { start: series.start, end: period.end } : period;
  const status = budgetStatus({ amount: b.amount, period: judged, actual, paths });
  const burn = budgetBurn({ period: judged, actual, paths: paths.map((p) => p.slice(0, remaining)) });
  return {
    name: b.name,
    period: b.period,
    period_start: period.start,
    period_end: period.end,
    currency: b.currency,
    amount: b.amount,
    scope: b.scope.map((s) => ({ ...s })),
    actual: status.actual,
    forecast: { ...status.forecast },
    probability_over: status.probabilityOver,
    likely_breach_date: status.likelyBreachDate,
    data_through: dataThrough,
    model,
    warnings,
    burn: { start: burn.start, actual: burn.actual.map(cents), forecast_start: burn.forecastStart, p10: burn.p10.map(cents), p50: burn.p50.map(cents), p90: burn.p90.map(cents) },
    ...(composition ? { basis: composition } : {}),
  };
}

/** Rounded to the cent: the curve is for drawing, the totals above keep full precision. */
const cents = (x: number): number => Math.round(x * 100) / 100;
