/** Cloud connections and syncs: `sources.add` (AWS, Azure, GCP) and `sync.run` (also the dry-run plan). */
import { z } from 'zod';
import { currencyTotalSchema, daySchema } from './common';
import { defineMethods } from './contract';
import { sourceSchema } from './sources';

export const cloudKindSchema = z.enum(['aws', 'azure', 'gcp']);
export type CloudKind = z.infer<typeof cloudKindSchema>;

/** Azure clouds: ARM endpoint and authority host come from the choice (`--cloud`). */
export const azureCloudSchema = z.enum(['public', 'china', 'usgov']);

/** Non-secret settings per cloud. Secrets never enter the store: credentials come from each SDK's own chain. */
export const awsSettingsSchema = z.object({
  profile: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  endpoint: z.string().url().optional(),
  billingAccountId: z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits').optional(),
});
export const azureSettingsSchema = z.object({
  scope: z.string().min(1),
  cloud: azureCloudSchema.optional(),
  endpoint: z.string().url().optional(),
  authorityHost: z.string().url().optional(),
  tenantId: z.string().min(1).optional(),
  /** Largest QPU a sync may spend (Cost Management query processing units). */
  qpuBudget: z.number().int().positive().optional(),
});
export const gcpSettingsSchema = z.object({
  table: z.string().regex(/^[a-z][a-z0-9-]{4,61}[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_$-]+$/, 'expected PROJECT.DATASET.TABLE'),
  billingAccount: z.string().regex(/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/, 'a billing account id looks like 012345-6789AB-CDEF01').optional(),
  project: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  apiEndpoint: z.string().min(1).optional(),
  billingApiEndpoint: z.string().min(1).optional(),
});

export const addCloudSourceReqSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aws'), name: z.string().min(1), settings: awsSettingsSchema }),
  z.object({ kind: z.literal('azure'), name: z.string().min(1), settings: azureSettingsSchema }),
  z.object({ kind: z.literal('gcp'), name: z.string().min(1), settings: gcpSettingsSchema }),
]);
export type AddCloudSourceReq = z.infer<typeof addCloudSourceReqSchema>;

export const syncReqSchema = z.object({
  provider: cloudKindSchema,
  /** Source name; may be left out when exactly one source of that provider exists. */
  source: z.string().optional(),
  /** Inclusive. Default: the first day of the month twelve months back. */
  from: daySchema.optional(),
  /** Exclusive. Default: today (UTC), so the last day synced is yesterday. */
  to: daySchema.optional(),
  /** Plan only: the same report with nothing written. */
  dryRun: z.boolean().optional(),
  /** Re-fetch days already final too (default: only missing or provider-estimated days). */
  refresh: z.boolean().optional(),
});
export type SyncReq = z.infer<typeof syncReqSchema>;

/** Exactly the `--json` shape of `headroom sync`. */
export const syncReportSchema = z.object({
  source: z.string(),
  provider: cloudKindSchema,
  from: daySchema,
  to: daySchema,
  requests: z.number().int(),
  pages: z.number().int(),
  estimated_cost: z.object({ usd: z.number().optional(), qpu: z.number().optional(), bytes: z.number().optional() }),
  rows_written: z.number().int(),
  totals: z.array(currencyTotalSchema),
});
export type SyncReport = z.infer<typeof syncReportSchema>;

export const syncApi = defineMethods({
  'sources.add': {
    summary: 'Connect a cloud account (non-secret settings only; credentials come from the SDK chain).',
    req: addCloudSourceReqSchema,
    res: z.object({ source: sourceSchema }),
  },
  'sync.run': {
    summary: 'Sync a cloud source ([from, to), only days not yet final), or plan it with dryRun.',
    req: syncReqSchema,
    res: syncReportSchema,
  },
});
