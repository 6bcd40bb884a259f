import { z } from 'zod';
import { defineMethods } from './contract';

export const sourceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** files, aws, azure, gcp, demo, prometheus, metrics-file, … */
  kind: z.string(),
  provider: z.string().nullable(),
  /** Non-secret settings only. */
  settings: z.record(z.string(), z.unknown()),
  /** ISO timestamp, UTC. */
  createdAt: z.string(),
});
export type Source = z.infer<typeof sourceSchema>;

export const sourcesApi = defineMethods({
  'sources.list': {
    summary: 'Every source in the store (files, cloud accounts, demo, metrics).',
    req: z.object({}),
    res: z.object({ sources: z.array(sourceSchema) }),
  },
});
