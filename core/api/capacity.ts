/**
 * Capacity planning contract (issue 5): metric imports (files, Prometheus), capacity pools,
 * exhaustion plans with scaling recommendations and their exports, and commitment sizing.
 */
import { z } from 'zod';
import { calendarEffectSchema, currencyCodeSchema, daySchema, filterSchema } from './common';

/** Forecast model for the plans (default auto: selected per series by rolling-origin backtest). */
const planModelSchema = z.enum(['auto', 'ets', 'theta', 'arima', 'snaive', 'naive', 'naive2', 'drift', 'combo', 'mstl']);
import { defineMethods } from './contract';

const labelsSchema = z.record(z.string(), z.string());

/** Where a pool's usage comes from: a metric's daily peak, or a billing usage quantity (daily sum ÷ 24 = average units in use). */
export const poolUsageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('metric'), metric: z.string().min(1), labels: labelsSchema }),
  z.object({ kind: z.literal('billing'), consumed_unit: z.string().min(1), filters: z.array(filterSchema) }),
]);

export const capacityStepSchema = z.object({ from: daySchema, capacity: z.number().positive() });

/** Scaling export settings: an Auto Scaling group (Terraform) or a Kubernetes HPA. */
export const poolScalingSchema = z.object({
  kind: z.enum(['asg', 'hpa']),
  /** The ASG or HPA name. */
  resource: z.string().min(1),
  /** Usage one instance/replica carries at 100 % (same unit as the pool). */
  unit_capacity: z.number().positive(),
  /** Extra headroom on top of the target, e.g. 0.1. */
  headroom: z.number().min(0),
});

/**
 * The currency of a pool's cost when the pool names none: USD, the same default `budget add`,
 * `scenario add` and `pool add` take when `--currency` is left out (one rule for every saved
 * amount, and what a pool's cost was shown in before pools had a currency). The plan says so in a
 * warning on such a pool.
 */
export const DEFAULT_POOL_CURRENCY = 'USD';

export const poolSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  usage: poolUsageSchema,
  /** Step schedule; a constant capacity is one step from 1970-01-01. */
  capacity: z.array(capacityStepSchema).min(1),
  target: z.number().gt(0).max(1),
  lead_time_days: z.number().int().min(0),
  unit: z.string(),
  /** Cost of one unit of capacity per month, in `currency`, when adding capacity costs money. */
  cost_per_unit: z.number().nonnegative().nullable(),
  /** ISO 4217 code of `cost_per_unit`; absent (pools saved before it existed) reads as {@link DEFAULT_POOL_CURRENCY}. */
  currency: currencyCodeSchema.optional(),
  scaling: poolScalingSchema.nullable(),
});
export type Pool = z.infer<typeof poolSchema>;

export const dateQuantilesSchema = z.object({ p10: daySchema.nullable(), p50: daySchema.nullable(), p90: daySchema.nullable() });

export const scheduledActionSchema = z.object({ name: z.string(), recurrence: z.string(), min_size: z.number(), max_size: z.number() });

export const poolRecommendationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('add_capacity'),
    add: z.number(),
    order_by: daySchema.nullable(),
    monthly_cost: z.number().nullable(),
    /** ISO 4217 code of `monthly_cost` (the pool's); null exactly when `monthly_cost` is. */
    currency: z.string().nullable(),
    reason: z.string(),
  }),
  z.object({
    kind: z.literal('scaling'),
    target: z.enum(['asg', 'hpa']),
    resource: z.string(),
    min: z.number(),
    max: z.number(),
    scheduled: z.array(scheduledActionSchema),
  }),
]);

export const poolPlanSchema = z.object({
  name: z.string(),
  unit: z.string(),
  /** Capacity in force on the day after the last observation. */
  capacity: z.number(),
  target: z.number(),
  lead_time_days: z.number(),
  as_of: daySchema,
  horizon_days: z.number(),
  service_level: z.number(),
  exhaustion: dateQuantilesSchema,
  /** Share of simulated futures that cross the target within the horizon. */
  exhaustion_probability: z.number(),
  order_by: daySchema.nullable(),
  needed_capacity: z.number(),
  recommendations: z.array(poolRecommendationSchema),
  /** For charts: the observed daily peaks, the forecast band and the capacity schedule. */
  history: z.object({ start: daySchema, values: z.array(z.number().nullable()) }),
  forecast: z.object({
    start: daySchema,
    p10: z.array(z.number()),
    p50: z.array(z.number()),
    p90: z.array(z.number()),
    model: z.string(),
    /** Days of the horizon forecast with a calendar effect of the holiday calendar (a Black Friday peak), as on cost forecasts. */
    calendar_effects: z.array(calendarEffectSchema),
  }),
  capacity_schedule: z.array(capacityStepSchema),
  warnings: z.array(z.string()),
});
export type PoolPlan = z.infer<typeof poolPlanSchema>;

export const bandSchema = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });

export const commitmentRecommendationSchema = z.object({
  /** Provider, billing account and service category the recommendation covers. */
  scope: z.string(),
  currency: z.string(),
  term: z.enum(['1y', '3y']),
  discount: z.number(),
  hourly_commitment: z.number(),
  covered_per_hour: z.number(),
  expected_savings: bandSchema,
  break_even_utilization: z.number(),
  expected_utilization: z.number(),
  trailing_30d_commitment: z.number(),
  trailing_30d_savings: bandSchema,
  /** Coverage and utilization of existing commitments over the last 30 days (null when there are none). */
  current_coverage: z.number().nullable(),
  current_utilization: z.number().nullable(),
  as_of: daySchema,
  model: z.string(),
});

export const expiringCommitmentSchema = z.object({
  scope: z.string(),
  /** ISO 4217 code of the hourly amounts: the scope's billing currency (its recommendation's `currency`). */
  currency: z.string(),
  commitment_id: z.string(),
  type: z.string(),
  expires: daySchema,
  covered_per_hour: z.number(),
  added_cost_per_hour: z.number(),
});

const metricSeriesInfo = z.object({ name: z.string(), labels: labelsSchema, points: z.number(), first: z.string(), last: z.string() });

export const capacityApi = defineMethods({
  'metrics.import': {
    summary: 'Import a metric CSV (timestamp,value or timestamp,metric,labels,value); re-importing the file replaces its points.',
    req: z.object({ file: z.string().min(1), name: z.string().optional(), unit: z.string().optional() }),
    res: z.object({ source: z.string(), layout: z.enum(['wide', 'long']), rows: z.number(), series: z.array(metricSeriesInfo), notes: z.array(z.string()) }),
  },
  'metrics.addPrometheus': {
    summary: 'Add a Prometheus query as a metric source and import its range (query_range, chunked).',
    req: z.object({
      name: z.string().min(1),
      url: z.string().min(1),
      query: z.string().min(1),
      step_seconds: z.number().int().positive(),
      range_days: z.number().positive(),
      unit: z.string().optional(),
      /**
       * The source NAME already reads another query or URL: replace all of its points (and its
       * settings) with this query's. Without it that is refused (CONFLICT): the two queries' points would mix.
       */
      replace: z.boolean().optional(),
      /** Secrets travel only in the request, never into the store. */
      auth: z.union([z.object({ kind: z.literal('bearer'), token: z.string() }), z.object({ kind: z.literal('basic'), username: z.string(), password: z.string() })]).optional(),
    }),
    res: z.object({ source: z.string(), series: z.array(metricSeriesInfo), requests: z.number() }),
  },
  'metrics.list': {
    summary: 'Metric series in the store with units and spans.',
    req: z.object({}),
    res: z.object({ metrics: z.array(z.object({ source: z.string(), name: z.string(), unit: z.string(), labels: labelsSchema, points: z.number(), first: z.string(), last: z.string() })) }),
  },
  'pools.add': {
    summary: 'Add (or with replace, update) a capacity pool.',
    req: z.object({ pool: poolSchema, replace: z.boolean().optional() }),
    res: z.object({ pool: poolSchema, replaced: z.boolean() }),
  },
  'pools.list': {
    summary: 'Every capacity pool.',
    req: z.object({}),
    res: z.object({ pools: z.array(poolSchema) }),
  },
  'pools.show': {
    summary: 'One pool with what its usage series holds.',
    req: z.object({ name: z.string() }),
    res: z.object({ pool: poolSchema, usage: z.object({ days: z.number(), first: daySchema.nullable(), last: daySchema.nullable(), last_peak: z.number().nullable() }) }),
  },
  'capacity.plan': {
    summary: 'Forecast each pool’s daily peak and report exhaustion P10/P50/P90, order-by date, needed capacity and recommendations.',
    req: z.object({
      pool: z.string().optional(),
      horizon_days: z.number().int().positive(),
      service_level: z.number().gt(0).lt(1).optional(),
      paths: z.number().int().positive().max(5000).optional(),
      model: planModelSchema.optional(),
    }),
    res: z.object({ pools: z.array(poolPlanSchema) }),
  },
  'capacity.export': {
    summary: 'A pool’s scaling recommendation as a Terraform .tfvars snippet or a Kubernetes HPA patch.',
    req: z.object({ pool: z.string(), format: z.enum(['tfvars', 'hpa']), horizon_days: z.number().int().positive() }),
    res: z.object({ text: z.string() }),
  },
  'commitments.plan': {
    summary: 'Size new commitments from the forecast distribution of eligible usage; list expiring ones.',
    req: z.object({ term: z.enum(['1y', '3y']), discount: z.number().gt(0).lt(1).optional(), paths: z.number().int().positive().max(5000).optional(), model: planModelSchema.optional() }),
    res: z.object({ recommendations: z.array(commitmentRecommendationSchema), expiring: z.array(expiringCommitmentSchema), notes: z.array(z.string()) }),
  },
});
