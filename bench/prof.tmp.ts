import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../core/store';
import { planFileImport } from '../core/ingest/files';
import { CHARGE_COLUMNS } from '../core/model';
const file = process.argv[2]!;
const dir = mkdtempSync(join(tmpdir(), 'hr-prof-'));
const store = await Store.open(dir, {});
let t = performance.now();
let cpu = process.cpuUsage();
const lap = (l: string) => { const n = performance.now(); const c = process.cpuUsage(cpu); console.log(l.padEnd(30), ((n - t) / 1000).toFixed(2), 'cpu', ((c.user + c.system) / 1e6).toFixed(2)); t = n; cpu = process.cpuUsage(); };
const plan = await store.withConnection((c) => planFileImport(c, file));
lap('plan');
const Q = CHARGE_COLUMNS.map(([n]) => `"${n}"`).join(', ');
await store.withConnection(async (c) => {
  await c.run(`SET preserve_insertion_order = false`); lap('x');
  await c.run(`BEGIN`);
  await c.run(`INSERT INTO charges (${Q}, source_id, import_id) SELECT ${Q}, 1, 1 FROM (${plan.selectSql})`); lap('insert');
  await c.run(`DELETE FROM charges AS c
        USING (SELECT DISTINCT BillingAccountId, ChargePeriodStart FROM charges WHERE import_id = 1) AS n
        WHERE c.source_id = 1 AND c.import_id <> 1
          AND c.BillingAccountId IS NOT DISTINCT FROM n.BillingAccountId
          AND c.ChargePeriodStart = n.ChargePeriodStart`); lap('delete');
  await c.run(`SELECT BillingCurrency AS currency, CAST(SUM(BilledCost) AS DOUBLE) AS billed, CAST(SUM(EffectiveCost) AS DOUBLE) AS effective
       FROM charges WHERE import_id = 1 GROUP BY 1 ORDER BY 1`); lap('figures1');
  await c.run(`SELECT CAST(MIN(ChargePeriodStart) AS VARCHAR) AS first, CAST(MAX(ChargePeriodStart) + 1 AS VARCHAR) AS last, COUNT(*) AS n
       FROM charges WHERE import_id = 1`); lap('figures2');
  await c.run(`COMMIT`); lap('commit');
  await c.run(`CHECKPOINT`); lap('checkpoint');
});
await store.close(); lap('close');
