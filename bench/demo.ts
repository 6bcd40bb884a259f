/**
 * Demo dataset speed: `npm run bench:demo [-- --runs N]`. Prints the generator's wall and CPU time
 * per run (three years, ~80k rows), rows per second, and the time to load it into a fresh store
 * with `headroom demo`'s use case (charges, metrics, pools).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SEED, generateDemo, seededRandom } from '../core/ingest/demo';
import { dayOf } from '../core/lib';
import { loadDemo, openService } from '../core/service';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const asOf = dayOf(new Date());

const times: { wall: number; cpu: number; rows: number }[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const d = generateDemo({ asOf, random: seededRandom(DEMO_SEED) });
  const c = process.cpuUsage(c0);
  times.push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, rows: d.charges.length });
}
const best = times.reduce((a, b) => (b.cpu < a.cpu ? b : a));
console.log(`generate  runs ${runs}  rows ${best.rows}  best wall ${best.wall.toFixed(0)} ms  best cpu ${best.cpu.toFixed(0)} ms  ${Math.round(best.rows / (best.cpu / 1000)).toLocaleString('en-US')} rows/s (cpu)`);

const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-demo-'));
try {
  const service = await openService({ dataDir: dir });
  try {
    const t0 = performance.now();
    const res = await loadDemo(service, { asOf });
    console.log(`load      rows ${res.rows_written}  metric points ${res.metric_points}  wall ${(performance.now() - t0).toFixed(0)} ms  peak rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  } finally {
    await service.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
