/** Cost anomalies (issue 6): detected on daily EffectiveCost per service and per billing account; user labels. */
import { z } from 'zod';
import { daySchema, dimensionSchema } from './common';
import { defineMethods } from './contract';

export const anomalyLabelSchema = z.enum(['expected', 'planned', 'incident']);
export type AnomalyLabel = z.infer<typeof anomalyLabelSchema>;

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
  label: anomalyLabelSchema.nullable(),
});
export type AnomalyView = z.infer<typeof anomalySchema>;

export const anomaliesApi = defineMethods({
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
});
