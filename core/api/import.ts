import { z } from 'zod';
import { currencyTotalSchema, periodSchema } from './common';
import { defineMethods } from './contract';

/** What importing one billing file did (the `headroom import --json` object, plus `status`). */
export const importFileResultSchema = z.object({
  file: z.string(),
  /** Detected format: focus-1.0 … focus-1.2, azure-focus-*, aws-cur-legacy, aws-cur-athena, aws-cur-2.0, azure-ea, azure-mca, azure-ea-legacy, azure-payg-legacy, gcp-bigquery-export, gcp-file-export, oci-cost-report. */
  format: z.string(),
  /** Data records in the file. */
  rows_read: z.number().int(),
  /** Daily charge rows stored (0 when the same file was imported before). */
  rows_written: z.number().int(),
  /**
   * Daily rows of earlier imports into the source that this file replaced: the same billing accounts
   * and days, restated by a newer export. For parts imported together, counted once, on the first part.
   */
  rows_replaced: z.number().int(),
  /** Days the file covers, [start, end); null for a file without rows. */
  period: periodSchema.nullable(),
  /** The file's billed and effective cost per currency. */
  totals: z.array(currencyTotalSchema),
  /** Tolerated deviations, each saying what was done. */
  warnings: z.array(z.string()),
  /** `unchanged`: this source already held an import of the same content. */
  status: z.enum(['imported', 'unchanged']),
});
export type ImportFileResult = z.infer<typeof importFileResultSchema>;

export const importApi = defineMethods({
  'import.files': {
    summary: 'Import billing export files (FOCUS, AWS CUR, Azure, GCP, OCI; CSV, CSV.gz, Parquet, NDJSON), one transaction per file, in order — or, with `parts`, the files of one export in one transaction.',
    req: z.object({
      paths: z.array(z.string().min(1)).min(1),
      /** Source name to import into (created if absent); default "files". */
      source: z.string().min(1).optional(),
      /** ISO 4217 code for files without a currency column or with non-ISO currency cells. */
      currency: z.string().optional(),
      /**
       * The files are the parts of one export (AWS `…-00001.csv.gz`, `…-00002.csv.gz`; Azure
       * `part_0_0001.csv` …): imported together in one transaction, so the parts replace older rows of
       * their days together instead of each part replacing the one before it.
       */
      parts: z.boolean().optional(),
    }),
    res: z.object({ results: z.array(importFileResultSchema) }),
  },
});
