/**
 * Test fixture for the service's budget and scenario tests: a service on a fresh data dir whose
 * clock reads `today` (09:00 UTC), with one `files` source holding, for each day of [start, today),
 * an Amazon EC2 usage row costing `cost(day)` and an Amazon S3 row of 10.
 */
import { addDays, type Day } from '../lib';
import type { ChargeRow } from '../model';
import { tempDir, usageRow } from '../store/testing/fixtures';
import { openService, type Service } from './service';

export async function openSeededService(prefix: string, start: Day, today: Day, cost: (d: Day) => number): Promise<{ service: Service; close(): Promise<void> }> {
  const { dir, cleanup } = tempDir(prefix);
  const service = await openService({ dataDir: dir, clock: () => new Date(`${today}T09:00:00Z`) });
  const src = await service.store.ensureSource({ name: 'test', kind: 'files' });
  const rows: ChargeRow[] = [];
  for (let d = start; d < today; d = addDays(d, 1)) {
    rows.push(usageRow(d, cost(d)));
    rows.push(usageRow(d, 10, { ServiceName: 'Amazon S3', ServiceCategory: 'Storage' }));
  }
  await service.store.replaceChargeRows({ sourceId: src.id, from: start, to: today, rows, format: 'test' });
  return {
    service,
    close: async () => {
      await service.close();
      cleanup();
    },
  };
}
