/** The built-in demo dataset (issue 2 item 5): load it into the store, or on first start. */
import { z } from 'zod';
import { currencyTotalSchema, daySchema, periodSchema } from './common';
import { defineMethods } from './contract';

export const demoLoadResSchema = z.object({
  /** The source the demo rows live under. */
  source: z.string(),
  company: z.string(),
  as_of: daySchema,
  /** The days loaded: [start, end), end = as_of. */
  period: periodSchema,
  rows_written: z.number(),
  /** Demo rows from an earlier load that this one replaced. */
  rows_replaced: z.number(),
  metric_series: z.number(),
  metric_points: z.number(),
  pools: z.array(z.string()),
  commitments: z.number(),
  anomalies: z.number(),
  totals: z.array(currencyTotalSchema),
});
export type DemoLoadRes = z.infer<typeof demoLoadResSchema>;

export const demoApi = defineMethods({
  'demo.load': {
    summary: 'Load (or reload, replacing the previous load) the built-in demo dataset: three years ending the day before as_of (default today).',
    req: z.object({ as_of: daySchema.optional() }),
    res: demoLoadResSchema,
  },
});
