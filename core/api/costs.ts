import { z } from 'zod';
import { costViewSchema, currencyTotalSchema, daySchema, dimensionSchema, filterSchema, groupKeySchema, periodSchema } from './common';
import { defineMethods } from './contract';
import { sourceSchema } from './sources';

/** Which charges: [from, to) by ChargePeriodStart, dimension filters, and optionally some sources. */
export const chargeQuerySchema = z.object({
  from: daySchema.optional(),
  to: daySchema.optional(),
  filters: z.array(filterSchema).optional(),
  sourceIds: z.array(z.number().int()).optional(),
});

export const summaryReqSchema = chargeQuerySchema.extend({ by: z.array(dimensionSchema).optional() });

export const summaryResSchema = z.object({
  /** The days summed: the request's range, or the data's when the request left it open; null when empty. */
  period: periodSchema.nullable(),
  totals: z.array(currencyTotalSchema),
  groups: z.array(currencyTotalSchema.extend({ group: groupKeySchema })),
});

export const dailySeriesReqSchema = chargeQuerySchema.extend({
  by: z.array(dimensionSchema).optional(),
  /** effective (amortized, default) or billed (cash). Never added together. */
  view: costViewSchema.optional(),
});

export const groupDailySeriesSchema = z.object({
  currency: z.string(),
  group: groupKeySchema,
  start: daySchema,
  /** Dense: values[i] is the cost on start + i days; days without rows are 0. */
  values: z.array(z.number()),
  total: z.number(),
});

export const dailySeriesResSchema = z.object({
  view: costViewSchema,
  period: periodSchema.nullable(),
  series: z.array(groupDailySeriesSchema),
});

export const sourceCoverageSchema = z.object({
  source: sourceSchema,
  charges: z.object({
    rows: z.number(),
    firstDay: daySchema.nullable(),
    lastDay: daySchema.nullable(),
    currencies: z.array(z.string()),
  }),
  metrics: z.object({
    points: z.number(),
    series: z.number(),
    firstTs: z.string().nullable(),
    lastTs: z.string().nullable(),
  }),
  imports: z.number(),
  lastImportAt: z.string().nullable(),
});

export const costsApi = defineMethods({
  summary: {
    summary: 'Billed and effective totals per currency, optionally grouped by dimensions.',
    req: summaryReqSchema,
    res: summaryResSchema,
  },
  'series.daily': {
    summary: 'Daily cost series per currency, grouped by any dimensions, with filters.',
    req: dailySeriesReqSchema,
    res: dailySeriesResSchema,
  },
  coverage: {
    summary: 'What each source holds: charge days and rows, metric points, imports.',
    req: z.object({}),
    res: z.object({ sources: z.array(sourceCoverageSchema) }),
  },
});
