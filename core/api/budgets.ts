/** Budgets with breach probability (issue 6): saved budgets and their status against the forecast. */
import { z } from 'zod';
import { currencyCodeSchema, daySchema, dimensionSchema } from './common';
import { defineMethods } from './contract';
import { forecastBasisSchema } from './forecast';

/** One scope condition: rows whose dimension equals the value (`service = Amazon EC2`). */
export const budgetScopeSchema = z.object({ dimension: dimensionSchema, value: z.string() });

export const budgetSchema = z.object({
  name: z.string().min(1).max(120),
  /** In `currency`, for the whole period. */
  amount: z.number().positive(),
  period: z.enum(['month', 'quarter', 'year']),
  /** ISO 4217 code, upper case. */
  currency: currencyCodeSchema,
  /** All conditions must hold; empty = everything. */
  scope: z.array(budgetScopeSchema),
});
export type Budget = z.infer<typeof budgetSchema>;

export const budgetStatusSchema = z.object({
  name: z.string(),
  period: z.enum(['month', 'quarter', 'year']),
  period_start: daySchema,
  period_end: daySchema,
  currency: z.string(),
  amount: z.number(),
  scope: z.array(budgetScopeSchema),
  actual: z.number(),
  forecast: z.object({ p10: z.number(), p50: z.number(), p90: z.number() }),
  probability_over: z.number(),
  likely_breach_date: daySchema.nullable(),
  /** Last day with data; the forecast starts the day after. */
  data_through: daySchema,
  model: z.string(),
  warnings: z.array(z.string()),
  /**
   * The burn curve (core/plan/budgets/burn.ts): cumulative actual cost per day from `start`, then the
   * cumulative cost per remaining day from `forecast_start` as P10/P50/P90 across the sample paths.
   */
  burn: z.object({
    start: daySchema,
    actual: z.array(z.number()),
    forecast_start: daySchema,
    p10: z.array(z.number()),
    p50: z.array(z.number()),
    p90: z.array(z.number()),
  }),
  /** How the forecast was composed (usage model + recurring projection, one-time out); absent when the period is complete. */
  basis: forecastBasisSchema.optional(),
});
export type BudgetStatusView = z.infer<typeof budgetStatusSchema>;

export const budgetsApi = defineMethods({
  'budgets.add': {
    summary: 'Save a monthly, quarterly or annual budget for a scope, in a currency.',
    req: z.object({ budget: budgetSchema, replace: z.boolean().optional() }),
    res: z.object({ budget: budgetSchema, replaced: z.boolean() }),
  },
  'budgets.list': {
    summary: 'The saved budgets.',
    req: z.object({}),
    res: z.object({ budgets: z.array(budgetSchema) }),
  },
  'budgets.remove': {
    summary: 'Delete a saved budget.',
    req: z.object({ name: z.string() }),
    res: z.object({ removed: z.boolean() }),
  },
  'budgets.status': {
    summary: 'Actual to date, forecast to period end (P10/P50/P90), probability of exceeding and likely breach date.',
    req: z.object({ name: z.string().optional(), paths: z.number().int().min(100).max(20_000).optional() }),
    res: z.object({ as_of: daySchema, budgets: z.array(budgetStatusSchema) }),
  },
});
