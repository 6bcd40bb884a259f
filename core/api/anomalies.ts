/** Cost anomalies (issue 6): detected on daily EffectiveCost per service and per billing account; user labels. */
import { z } from 'zod';
import { daySchema, dimensionSchema } from './common';
import { defineMethods } from './contract';

export const anomalyLabelSchema = z.enum(['expected', 'planned', 'incident']);
export type AnomalyLabel = z.infer<typeof anomalyLabelSchema>;

/** One dimension value that moved during the anomaly (root-cause drill-down). */
export const anomalyDriverSchema = z.object({
  /** billing_account, sub_account, service, region, sku or tag:<key>. */
  dimension: z.string(),
  /** The value; null for rows without one (untagged, no region). */
  value: z.string().nullable(),
  /** Σ over the anomaly's days of the same weekday's median cost in the four weeks before. */
  expected: z.number(),
  actual: z.number(),
  /** actual − expected: this value's contribution to the excess. */
  impact: z.number(),
  /** impact / the scope's excess against the same baseline (the shares of one dimension add up to 1). */
  share: z.number(),
});
export type AnomalyDriverView = z.infer<typeof anomalyDriverSchema>;

/** What the anomaly does to the end-of-period cost of the month it ends in. */
export const periodImpactSchema = z.object({
  /** The calendar month, YYYY-MM. */
  period: z.string(),
  /** True when the month is not over in the data: the remaining days are forecast (P50). */
  open: z.boolean(),
  /** End-of-month cost (actual + P50 forecast of the remaining days) with the anomalous days as observed. */
  with: z.number(),
  /** The same with the anomalous days replaced by their expected values (in the actuals and in the forecast's training). */
  without: z.number(),
  /** with − without. */
  delta: z.number(),
  /** Excess of the anomalous days already incurred inside the month. */
  incurred: z.number(),
});
export type PeriodImpactView = z.infer<typeof periodImpactSchema>;

export const anomalySchema = z.object({
  start: daySchema,
  end: daySchema,
  /** The series the anomaly was found on: one dimension and its value (`{"service": "Amazon S3"}`). */
  scope: z.record(z.string(), z.string()),
  currency: z.string(),
  /** Sums over [start, end] of the fitted trend + seasonal components and of the actual cost. */
  expected: z.number(),
  actual: z.number(),
  /** actual − expected. */
  impact: z.number(),
  /** Interval of the expected sum (expected ± threshold · robust σ · √days). */
  interval: z.object({ lower: z.number(), upper: z.number() }),
  /** Peak robust z-score of the remainder over the anomaly. */
  z: z.number(),
  severity: z.enum(['low', 'medium', 'high']),
  /** `spike`: the cost comes back; `level_shift`: a change point, reported once (the level stays moved). */
  kind: z.enum(['spike', 'level_shift']),
  /** Level shifts: the daily level after − before (median of four weeks each side); null for spikes. */
  step: z.number().nullable(),
  label: anomalyLabelSchema.nullable(),
  /** Every scanned series the same event was seen in (the first is `scope`), with its own days and impact. */
  scopes: z.array(z.object({ scope: z.record(z.string(), z.string()), start: daySchema, end: daySchema, impact: z.number() })),
  /** Which dimension values moved, largest contribution to the excess first. */
  drivers: z.array(anomalyDriverSchema),
  period_impact: periodImpactSchema,
});
export type AnomalyView = z.infer<typeof anomalySchema>;

/** An anomaly in a metric series (utilisation, requests, vCPUs in use…). */
export const metricAnomalySchema = z.object({
  /** ISO timestamps of the first and last point (the start of its day or hour). */
  start: z.string(),
  end: z.string(),
  /** The series' labels. */
  scope: z.record(z.string(), z.string()),
  unit: z.string(),
  /** Means over the anomaly's points: the fitted level (trend + seasonal) and the observed value. */
  expected: z.number(),
  actual: z.number(),
  /** actual − expected (a mean per point: sums of a utilisation mean nothing). */
  impact: z.number(),
  z: z.number(),
  severity: z.enum(['low', 'medium', 'high']),
  kind: z.enum(['spike', 'level_shift']),
  /** Level shifts: the level after − before; null for spikes. */
  step: z.number().nullable(),
  /** Points in the anomaly that were missing and interpolated. */
  filled: z.number().int(),
});
export type MetricAnomalyView = z.infer<typeof metricAnomalySchema>;

/** A user holiday window: both ends MM-DD (every year; an end before the start crosses New Year) or both YYYY-MM-DD (once), inclusive. */
export const holidayWindowSchema = z.object({ name: z.string(), from: z.string(), to: z.string() });
export type HolidayWindowView = z.infer<typeof holidayWindowSchema>;
/** The anomaly holiday calendar as set: preset ids (an empty list is none) and user windows. */
export const holidayCalendarSchema = z.object({ presets: z.array(z.string()).max(10), windows: z.array(holidayWindowSchema).max(100) });
export const holidaysResSchema = z.object({
  presets: z.array(z.string()),
  windows: z.array(holidayWindowSchema),
  /** True when the calendar is the default (US retail, no user windows). */
  is_default: z.boolean(),
  /** Every preset there is, with what it covers. */
  available: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  /** The calendar's windows that start in the years asked for, by start day; `source` is a preset id or `custom`. */
  occurrences: z.array(z.object({ name: z.string(), start: daySchema, end: daySchema, source: z.string() })),
});
export type HolidaysView = z.infer<typeof holidaysResSchema>;
const yearsReq = { from_year: z.number().int().min(1583).max(9999).optional(), to_year: z.number().int().min(1583).max(9999).optional() };

export const anomaliesApi = defineMethods({
  'anomalies.metric': {
    summary: 'Anomalies in each series of a metric (per day or per hour), with the same detector as cost: robust trend + seasonal decomposition, robust z, recurring/holiday effects dropped, level shifts reported once.',
    req: z.object({
      name: z.string().min(1),
      /** Series whose labels include all of these. */
      labels: z.record(z.string(), z.string()).optional(),
      /** Resampling step (default day): daily points get a weekly cycle, hourly points a daily one (and a weekly one with eight weeks of data). */
      step: z.enum(['day', 'hour']).optional(),
      /** How points within a step combine (default mean). */
      agg: z.enum(['mean', 'max', 'min', 'sum', 'p95']).optional(),
      /** Only anomalies that end on or after this day or timestamp. */
      since: z.string().optional(),
      threshold: z.number().min(2).max(50).optional(),
    }),
    res: z.object({ metric: z.string(), step: z.enum(['day', 'hour']), series: z.number().int(), anomalies: z.array(metricAnomalySchema) }),
  },
  'anomalies.list': {
    summary: 'Anomalies in daily EffectiveCost per service, per billing account and per service within a sub-account, newest first, with expected vs actual, impact, severity and label.',
    req: z.object({
      /** Only anomalies that end on or after this day. */
      since: daySchema.optional(),
      /** |robust z| that flags a day (default 5). */
      threshold: z.number().min(2).max(50).optional(),
    }),
    res: z.object({ data_through: daySchema.nullable(), anomalies: z.array(anomalySchema) }),
  },
  'anomalies.label': {
    summary: 'Label the anomaly that starts on a day in a scope as expected, planned or incident.',
    req: z.object({ start: daySchema, scope: z.array(z.object({ dimension: dimensionSchema, value: z.string() })).min(1), label: anomalyLabelSchema }),
    res: z.object({ start: daySchema, scope: z.record(z.string(), z.string()), label: anomalyLabelSchema, matched: z.boolean() }),
  },
  'anomalies.holidays': {
    summary: 'The holiday calendar of the anomaly scan (spikes inside its windows are calendar effects, not anomalies) and its windows in the years asked for (default: last year to next year).',
    req: z.object(yearsReq),
    res: holidaysResSchema,
  },
  'anomalies.set_holidays': {
    summary: 'Set the holiday calendar: presets (us-retail, year-end, western-europe; none is an empty list) and user windows (MM-DD..MM-DD every year, YYYY-MM-DD..YYYY-MM-DD once). BAD_INPUT names the field.',
    req: holidayCalendarSchema.extend(yearsReq),
    res: holidaysResSchema,
  },
  'anomalies.unlabel': {
    summary: 'Take back the label of the anomaly that starts on a day in a scope (every scope it was labelled in): its days train forecasts again. NOT_FOUND when no label is set there.',
    req: z.object({ start: daySchema, scope: z.array(z.object({ dimension: dimensionSchema, value: z.string() })).min(1) }),
    /** `cleared`: the label taken back; `scopes`: how many scopes of the anomaly carried it. */
    res: z.object({ start: daySchema, scope: z.record(z.string(), z.string()), cleared: anomalyLabelSchema, scopes: z.number().int() }),
  },
});
