/**
 * Test fixtures for the service's tests: `openSeededService` (budget and scenario tests) and
 * `seedMetricPools` (capacity plans that fan their forecasts out to worker threads).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerContext } from '../api';
import { addDays, type Day } from '../lib';
import type { ChargeRow } from '../model';
import { tempDir, usageRow } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';

/**
 * Writes a metric CSV per pool k = 1, 2, 3 (240 daily values from 2025-05-01, `value(k, t)`: enough
 * for capacity.plan to fan its forecasts out to worker threads), imports each into the data folder
 * `dir` as metric `m<k>` and adds pool `p<k>` on it (capacity 200, target 0.8, 7-day lead time).
 */
export async function seedMetricPools(dir: string, value: (k: number, t: number) => number): Promise<void> {
  const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
  const seed = await openService({ dataDir: dir, forecastWorker: null });
  try {
    for (const k of [1, 2, 3]) {
      const csv = join(dir, `m${k}.csv`);
      const start = '2025-05-01' as Day;
      const rows = Array.from({ length: 240 }, (_, t) => `${addDays(start, t)}T12:00:00Z,${value(k, t).toFixed(3)}`);
      writeFileSync(csv, ['timestamp,value', ...rows].join('\n'));
      await dispatch(seed.handlers, 'metrics.import', { file: csv, name: `m${k}`, unit: '%' }, ctx);
      const pool = { name: `p${k}`, usage: { kind: 'metric', metric: `m${k}`, labels: {} }, capacity: [{ from: '1970-01-01', capacity: 200 }], target: 0.8, lead_time_days: 7, unit: '%', cost_per_unit: null, scaling: null };
      await dispatch(seed.handlers, 'pools.add', { pool }, ctx);
    }
  } finally {
    await seed.close();
  }
}

/**
 * A service on a fresh data dir whose clock reads `today` (09:00 UTC), with one `files` source
 * holding, for each day of [start, today), an Amazon EC2 usage row costing `cost(day)` and an
 * Amazon S3 row of 10.
 */
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
