/** Reports (issue 8): a report built from the store and the forecast, rendered to bytes (base64) so the UI or CLI can save them. */
import { z } from 'zod';
import { costViewSchema, daySchema } from './common';
import { budgetScopeSchema } from './budgets';
import { defineMethods } from './contract';

export const reportFormatSchema = z.enum(['csv', 'xlsx', 'html', 'pdf']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** Plan sections a report can include besides actuals and the forecast. */
export const reportSectionSchema = z.enum(['capacity', 'commitments', 'budgets', 'anomalies', 'scenarios']);
export type ReportSection = z.infer<typeof reportSectionSchema>;

export const reportsApi = defineMethods({
  'reports.build': {
    summary: 'Build a cost and forecast report (actuals, P10/P50/P90 by month, model card, assumptions, reproducibility stamp) as CSV, XLSX, HTML or PDF bytes.',
    req: z.object({
      format: reportFormatSchema,
      /** All conditions must hold; empty = everything. */
      scope: z.array(budgetScopeSchema).default([]),
      /** First day of actuals; default: the data's first day, at most three years back. */
      from: daySchema.optional(),
      horizon_days: z.number().int().min(1).max(730).default(90),
      /** ISO 4217; default: the scope's largest currency. */
      currency: z.string().regex(/^[A-Z]{3}$/).optional(),
      view: costViewSchema.default('effective'),
      paths: z.number().int().min(100).max(20_000).default(1000),
      title: z.string().min(1).max(200).optional(),
      /** Plan sections to include; default all five. `[]` gives actuals and the forecast only. */
      sections: z.array(reportSectionSchema).optional(),
    }),
    res: z.object({
      format: reportFormatSchema,
      mime: z.string(),
      /** The file's bytes, base64. */
      base64: z.string(),
      bytes: z.number().int(),
      stamp: z.string(),
      currency: z.string(),
      data_through: daySchema,
      model: z.string(),
      warnings: z.array(z.string()),
      /** The plan sections the report includes. */
      sections: z.array(reportSectionSchema),
      /** Labelled anomalies whose days were left out of the forecast's training. */
      excluded_anomalies: z.number().int(),
    }),
  },
});
