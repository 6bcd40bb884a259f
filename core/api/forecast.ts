import { z } from 'zod';
import { calendarEffectSchema, daySchema, groupKeySchema, costViewSchema, periodSchema } from './common';
import { defineMethods } from './contract';
import { dailySeriesReqSchema } from './costs';

export const forecastModelSchema = z.enum(['auto', 'ets', 'theta', 'arima', 'snaive', 'naive', 'naive2', 'drift', 'combo', 'mstl']);

export const forecastIntervalSchema = z.object({
  /** Coverage as a fraction (0.8 = 80 %). */
  level: z.number(),
  lo: z.array(z.number()),
  hi: z.array(z.number()),
});

/** The model card (core/forecast/card.ts): what was fitted, how it did in backtests, warnings. */
export const modelCardSchema = z.object({
  requested: z.string(),
  family: z.string(),
  spec: z.string(),
  params: z.record(z.string(), z.number()),
  aicc: z.number().optional(),
  sigma2: z.number().nullable(),
  period: z.number(),
  horizon: z.number(),
  levels: z.array(z.number()),
  trainingWindow: z.object({ start: z.number(), end: z.number(), n: z.number() }),
  excluded: z.array(z.number()),
  members: z.array(z.object({ family: z.string(), spec: z.string() })).optional(),
  candidates: z.array(z.object({ model: z.string(), spec: z.string(), score: z.number().nullable() })).optional(),
  backtest: z
    .object({
      windows: z.number(),
      horizon: z.number(),
      step: z.number(),
      mae: z.number(),
      rmse: z.number(),
      smape: z.number(),
      mase: z.number(),
      coverage: z.array(z.object({ level: z.number(), rate: z.number() })),
    })
    .optional(),
  calibration: z.array(z.object({ level: z.number(), factor: z.number() })).optional(),
  seed: z.number(),
  warnings: z.array(z.string()),
});
export type ModelCardView = z.infer<typeof modelCardSchema>;

/**
 * How a cost forecast was composed (DESIGN.md: split charges by ChargeFrequency): the usage model,
 * the recurring fees projected from their terms, one-time charges left out, labelled anomaly days
 * excluded from training. `notes` says it in sentences.
 */
export const forecastBasisSchema = z.object({
  history: z.object({ from: daySchema, to: daySchema }),
  usage: z.object({ history_total: z.number(), null_frequency_total: z.number(), forecast_total: z.number(), model: z.string() }),
  recurring: z.object({
    history_total: z.number(),
    projected_total: z.number(),
    streams: z.array(
      z.object({
        name: z.string(),
        cadence: z.enum(['daily', 'monthly', 'irregular']),
        amount: z.number(),
        day_of_month: z.number().nullable(),
        last_charge: daySchema,
        end: daySchema.nullable(),
        projected: z.boolean(),
        reason: z.string().nullable(),
        projected_total: z.number(),
      }),
    ),
  }),
  one_time: z.object({ history_total: z.number(), days: z.number() }),
  excluded: z.array(z.object({ start: daySchema, end: daySchema, reason: z.string() })),
  /**
   * Calendar effects (core/forecast/calendar.ts): the holiday calendar the days were named by (its
   * presets' names and the user's windows; null when none applies) and, per day of the horizon
   * that got one, the holiday day, its multiplicative effect and the years it was estimated from.
   */
  calendar: z.object({
    name: z.string().nullable(),
    effects: z.array(calendarEffectSchema),
  }),
  notes: z.array(z.string()),
});
export type ForecastBasis = z.infer<typeof forecastBasisSchema>;

export const forecastSeriesReqSchema = dailySeriesReqSchema.extend({
  horizon: z.number().int().min(1).max(3660),
  /** Seasonal period of the daily series (default 7: the weekly cycle). */
  period: z.number().int().min(1).max(366).optional(),
  model: forecastModelSchema.optional(),
  /** Interval levels as fractions, default [0.8, 0.95]. */
  levels: z.array(z.number().gt(0).lt(1)).optional(),
  /** Sample paths to return per series (for budgets and scenarios), default 0. */
  paths: z.number().int().min(0).max(10000).optional(),
  seed: z.number().int().optional(),
  /** Return the rolling-origin backtest windows (actual vs predicted) behind the card's scores; a specific model is backtested only when asked. */
  backtest: z.boolean().optional(),
});

/** One backtest window: the model trained on the days before `start`, forecasting the next `actual.length` days. */
export const backtestWindowSchema = z.object({
  start: daySchema,
  actual: z.array(z.number()),
  mean: z.array(z.number()),
  intervals: z.array(forecastIntervalSchema),
});

/** A daily cost forecast as the API carries it: mean, interval bands, model card and how it was composed. */
export const dailyForecastSchema = z.object({
  start: daySchema,
  mean: z.array(z.number()),
  intervals: z.array(forecastIntervalSchema),
  card: modelCardSchema,
  /** Usage model + recurring projection − one-time charges: how `mean`/`intervals`/`paths` were built. */
  basis: forecastBasisSchema,
});

export const seriesForecastSchema = z.object({
  currency: z.string(),
  group: groupKeySchema,
  history: z.object({ start: daySchema, values: z.array(z.number()) }),
  forecast: dailyForecastSchema
    .extend({
      paths: z.array(z.array(z.number())).optional(),
      /** The backtest windows, oldest first, when `backtest` was asked for and the series was long enough. */
      backtest: z.array(backtestWindowSchema).optional(),
    })
    .nullable(),
  /** Why there is no forecast (a series too short), when `forecast` is null. */
  error: z.string().optional(),
});

export const forecastSeriesResSchema = z.object({
  view: costViewSchema,
  period: periodSchema.nullable(),
  series: z.array(seriesForecastSchema),
});

/**
 * The provider's own forecast as a sync stored it (Azure Cost Management Forecast, daily; AWS Cost
 * Explorer GetCostForecast, monthly): one per source and metric, the latest fetch only.
 */
export const providerForecastSchema = z.object({
  source: z.string(),
  provider: z.string(),
  /** What the provider forecast: `AmortizedCost` (Azure), `NetAmortizedCost` (AWS)… */
  metric: z.string(),
  /** The cost view the metric corresponds to. */
  view: costViewSchema,
  currency: z.string(),
  /** Interval level in percent, when the provider gives one. */
  level: z.number().optional(),
  fetched_at: z.string(),
  /** Periods [from, to) with the forecast total of each (a day for Azure, a month for AWS). */
  points: z.array(z.object({ from: daySchema, to: daySchema, mean: z.number(), lo: z.number().optional(), hi: z.number().optional() })),
});

/**
 * Days of daily cost (ending with the last day of data) every cost forecast trains on: the
 * Overview's forecast to period end, the Forecast page, budgets, scenarios and reports. Three
 * years hold the yearly cycle three times; one window everywhere means the same period total is
 * the same figure on every page.
 */
export const COST_TRAINING_DAYS = 3 * 365;

/**
 * Days the planning forecasts (budgets, scenarios, the Overview's period totals, reports) look ahead
 * when they choose and calibrate their model; a shorter horizon reads the first days of that
 * forecast. `auto` picks the model whose backtests at the requested horizon score best, so a
 * budget's 5-day month end and a scenario's 365-day horizon used to pick different models for the
 * same scope (demo, Q4: $1,469,455 and P(over) 100 % on Budgets, $1,445,282 and 61 % on Scenarios).
 * A history too short for one backtest window this long looks less far ahead (core/service
 * `planningLookahead`); a horizon longer than it is a forecast of its own. The Forecast page
 * (`forecast.series`) forecasts exactly the horizon it is asked for, and backtests at it.
 */
export const COST_LOOKAHEAD_DAYS = 365;

/** A calendar period a spend forecast runs to: the month, quarter or year containing the forecast start. */
export const periodKindSchema = z.enum(['month', 'quarter', 'year']);
export type PeriodKind = z.infer<typeof periodKindSchema>;

export const forecastPeriodsReqSchema = forecastSeriesReqSchema.pick({ filters: true, sourceIds: true, by: true, view: true, model: true, levels: true, seed: true }).extend({
  /** The periods, default month, quarter and year. */
  kinds: z.array(periodKindSchema).min(1).max(3).optional(),
  /** Days of history (ending with the last day of data) the model trains on, default COST_TRAINING_DAYS (1095). */
  training_days: z.number().int().min(14).max(3660).optional(),
  /** Days of actual history returned for drawing, default 60. */
  recent_days: z.number().int().min(0).max(3660).optional(),
  /** Sample paths the period quantiles are read off (not returned), default 1000. */
  paths: z.number().int().min(100).max(20_000).optional(),
});

/** One period's total: actual so far + the forecast of its remaining days, as P10/P50/P90 across the sample paths. */
export const periodForecastSchema = z.object({
  kind: periodKindSchema,
  start: daySchema,
  /** Exclusive. */
  end: daySchema,
  /** Cost of the period's days before the forecast start. */
  actual: z.number(),
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  /** Days of the period from the forecast start on. */
  remaining: z.number().int(),
});

export const seriesPeriodsSchema = seriesForecastSchema.omit({ forecast: true }).extend({
  /** The last `recent_days` days of actual cost (all charges). */
  history: z.object({ start: daySchema, values: z.array(z.number()) }),
  /** The daily forecast to the end of the longest period (no paths), or null with `error`. */
  forecast: dailyForecastSchema.nullable(),
  /** One entry per requested kind, in request order; empty when there is no forecast. */
  periods: z.array(periodForecastSchema),
});

export const forecastPeriodsResSchema = z.object({
  view: costViewSchema,
  /** The days with data; the forecast starts on `period.end`. Null when the store has none. */
  period: periodSchema.nullable(),
  series: z.array(seriesPeriodsSchema),
});

export const forecastApi = defineMethods({
  'forecast.series': {
    summary: 'Forecast the daily cost series of each group (filters, dimensions, view) with intervals, optional sample paths and a model card.',
    req: forecastSeriesReqSchema,
    res: forecastSeriesResSchema,
  },
  'forecast.periods': {
    summary: 'Spend forecast to the end of the current month, quarter and year per group: actual so far plus P10/P50/P90 of the period totals read off the sample paths (same basis as forecast.series), with the daily band to draw.',
    req: forecastPeriodsReqSchema,
    res: forecastPeriodsResSchema,
  },
  'forecast.provider': {
    summary: "The providers' own forecasts stored by cloud syncs (Azure Cost Management Forecast, AWS Cost Explorer GetCostForecast), per source.",
    req: z.object({}),
    res: z.object({ forecasts: z.array(providerForecastSchema) }),
  },
});
