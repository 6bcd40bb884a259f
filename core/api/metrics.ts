import { z } from 'zod';
import { defineMethods } from './contract';

export const metricPointSchema = z.object({ ts: z.string(), value: z.number() });

export const metricSeriesSchema = z.object({
  sourceId: z.number().int(),
  name: z.string(),
  unit: z.string(),
  labels: z.record(z.string(), z.string()),
  points: z.array(metricPointSchema),
});

export const metricsApi = defineMethods({
  'metrics.series': {
    summary: 'Points of one metric (optionally one source / a label subset), raw or resampled per hour/day.',
    req: z.object({
      name: z.string().min(1),
      sourceId: z.number().int().optional(),
      /** Series whose labels include all of these. */
      labels: z.record(z.string(), z.string()).optional(),
      /** ISO timestamps or YYYY-MM-DD, [from, to). */
      from: z.string().optional(),
      to: z.string().optional(),
      step: z.enum(['raw', 'hour', 'day']).optional(),
      /** How points within a step combine (default mean; p95 = quantile_cont 0.95). */
      agg: z.enum(['mean', 'max', 'min', 'sum', 'p95']).optional(),
    }),
    res: z.object({ series: z.array(metricSeriesSchema) }),
  },
});
