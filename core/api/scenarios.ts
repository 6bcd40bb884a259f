/** What-if scenarios (issue 6, item 3): saved driver sets layered on the baseline forecast's sample paths. */
import { z } from 'zod';
import { budgetScopeSchema } from './budgets';
import { currencyCodeSchema, daySchema } from './common';
import { defineMethods } from './contract';
import { forecastBasisSchema } from './forecast';

export const scenarioSchema = z.object({
  name: z.string().min(1).max(120),
  /** ISO 4217 code of the cost series the scenario applies to. */
  currency: currencyCodeSchema,
  /** All conditions must hold; empty = everything. */
  scope: z.array(budgetScopeSchema),
  /** Drivers as written on the command line, e.g. `growth:rate=0.2,from=2027-01-01` (core/plan/scenarios). */
  drivers: z.array(z.string()),
});
export type Scenario = z.infer<typeof scenarioSchema>;

const bandSchema = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });

export const scenarioMonthSchema = z.object({
  /** YYYY-MM. */
  month: z.string(),
  /** Days of the month inside the horizon (the first and last month may be partial). */
  days: z.number().int(),
  baseline: bandSchema,
  scenario: bandSchema,
});

/** One budget period under one set of paths: as `budgets.status` reports it. */
export const budgetOutcomeSchema = z.object({
  /** Cost of the period's days already seen (before the forecast starts). */
  actual: z.number(),
  /** Quantiles of the period total: actual + the paths over the remaining days. */
  forecast: bandSchema,
  /** Share of the paths whose period total exceeds the amount. */
  probability_over: z.number(),
  /** First day on which at least half of the paths have crossed the amount; null if none in the period. */
  likely_breach_date: daySchema.nullable(),
});

export const scenarioBudgetSchema = z.object({
  name: z.string(),
  period: z.enum(['month', 'quarter', 'year']),
  amount: z.number(),
  periods: z.array(
    z.object({
      period_start: daySchema,
      /** Exclusive. */
      period_end: daySchema,
      baseline: budgetOutcomeSchema,
      scenario: budgetOutcomeSchema,
    }),
  ),
});
export type ScenarioBudget = z.infer<typeof scenarioBudgetSchema>;

export const scenarioResultSchema = z.object({
  name: z.string(),
  currency: z.string(),
  scope: z.array(budgetScopeSchema),
  drivers: z.array(z.string()),
  /** Last day with data; the forecast covers [start, end). */
  data_through: daySchema,
  start: daySchema,
  end: daySchema,
  months: z.array(scenarioMonthSchema),
  total: z.object({ baseline: bandSchema, scenario: bandSchema }),
  /**
   * Budgets saved for exactly the same scope and currency, judged for every budget period that ends
   * within the horizon, under the baseline and under the scenario (each from its own sample paths).
   */
  budgets: z.array(scenarioBudgetSchema),
  model: z.string(),
  warnings: z.array(z.string()),
  /** How the baseline was composed (usage model + recurring projection, one-time out). */
  basis: forecastBasisSchema.optional(),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

const evalReq = {
  horizon_days: z.number().int().min(1).max(3 * 365).optional(),
  paths: z.number().int().min(100).max(20_000).optional(),
};

export const scenariosApi = defineMethods({
  'scenarios.add': {
    summary: 'Save a named what-if scenario: a scope and drivers (growth, step, window, price, workload).',
    req: z.object({ scenario: scenarioSchema, replace: z.boolean().optional() }),
    res: z.object({ scenario: scenarioSchema, replaced: z.boolean() }),
  },
  'scenarios.list': {
    summary: 'The saved scenarios.',
    req: z.object({}),
    res: z.object({ scenarios: z.array(scenarioSchema) }),
  },
  'scenarios.remove': {
    summary: 'Delete a saved scenario.',
    req: z.object({ name: z.string() }),
    res: z.object({ removed: z.boolean() }),
  },
  'scenarios.show': {
    summary: 'Baseline vs scenario: monthly totals with P10/P50/P90 read off the sample paths.',
    req: z.object({ name: z.string(), ...evalReq }),
    res: z.object({ as_of: daySchema, scenario: scenarioResultSchema }),
  },
  'scenarios.compare': {
    summary: 'Several scenarios side by side against their baselines and matching budgets (probability of exceeding and likely breach date per budget period, baseline vs scenario).',
    req: z.object({ names: z.array(z.string()).min(1), ...evalReq }),
    res: z.object({ as_of: daySchema, scenarios: z.array(scenarioResultSchema) }),
  },
});
