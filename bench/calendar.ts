/**
 * Calendar effects on the demo dataset (not a test): `npm run bench:calendar [-- --from 2024-12-01
 * --to 2026-10-01 --every 14 --horizon 42]`.
 *
 * Loads the demo dataset (core/ingest/demo: a US e-commerce shop whose traffic follows the retail
 * calendar, Black Friday and Cyber Monday included) into a temp data folder, then for every
 * forecast origin from --from to --to, --every days apart, forecasts the total amortized spend
 * --horizon days ahead the way every cost forecast does (core/service/forecast-basis: usage model +
 * recurring projection, `auto`, a planning forecast), once with the holiday calendar's effects
 * (the default, US retail) and once without, and scores both against what the demo then charged
 * (one-time charges, which no forecast projects, left out). Printed per origin and overall: error of
 * the horizon total, daily MAPE, and the share of days outside the 80 % interval (nominal 0.20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addDays, daysBetween, type Day } from '../core/lib';
import { openService } from '../core/service';
import { forecastCostBasis, loadCostBasis, type CostBasisSeries } from '../core/service/forecast-basis';

const { values: opts } = parseArgs({
  options: {
    from: { type: 'string', default: '2024-12-01' },
    to: { type: 'string', default: '2026-10-01' },
    every: { type: 'string', default: '14' },
    horizon: { type: 'string', default: '42' },
  },
  strict: true,
});
const horizon = Number(opts.horizon);
const every = Number(opts.every);

const dir = mkdtempSync(join(tmpdir(), 'hr-bench-calendar-'));
try {
  const service = await openService({ dataDir: dir });
  await service.handlers['demo.load']({}, { signal: new AbortController().signal, progress: () => undefined });
  const basis = (await loadCostBasis(service.store, { view: 'effective' })).series[0];
  if (!basis) throw new Error('the demo dataset loaded no cost series');
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  type Score = { totalErr: number; mape: number; outside: number };
  const score = (b: CostBasisSeries, o: number): Score => {
    const actual = b.total.slice(o, o + horizon).map((v, i) => v - (basis.oneTime[o + i] ?? 0));
    const f = forecastCostBasis(b, { historyEnd: o, horizon, period: 7, planning: true, levels: [0.8] });
    const iv = f.intervals[0]!;
    return {
      totalErr: (sum(f.mean) / sum(actual) - 1) * 100,
      mape: (100 * sum(actual.map((a, t) => Math.abs(a - (f.mean[t] as number)) / a))) / horizon,
      outside: actual.filter((a, t) => a < (iv.lo[t] as number) || a > (iv.hi[t] as number)).length / horizon,
    };
  };
  const totals = { with: [] as Score[], without: [] as Score[] };
  console.log(`bench:calendar — demo total amortized spend, horizon ${horizon} days, origins ${opts.from} to ${opts.to} every ${every} days`);
  console.log('| origin | total error % without → with | daily MAPE % without → with | outside 80 % without → with |');
  console.log('|---|---|---|---|');
  for (let d = opts.from as Day; d <= (opts.to as Day); d = addDays(d, every)) {
    const o = daysBetween(basis.start, d);
    if (o <= 0 || o + horizon > basis.total.length) continue;
    const w = score(basis, o);
    const n = score({ ...basis, holidays: undefined }, o);
    totals.with.push(w);
    totals.without.push(n);
    console.log(`| ${d} | ${n.totalErr.toFixed(1)} → ${w.totalErr.toFixed(1)} | ${n.mape.toFixed(1)} → ${w.mape.toFixed(1)} | ${n.outside.toFixed(2)} → ${w.outside.toFixed(2)} |`);
  }
  const mean = (xs: Score[], f: (s: Score) => number): string => (sum(xs.map(f)) / xs.length).toFixed(3);
  console.log(`\n${totals.with.length} origins. Mean |total error| %: ${mean(totals.without, (s) => Math.abs(s.totalErr))} → ${mean(totals.with, (s) => Math.abs(s.totalErr))}; mean daily MAPE %: ${mean(totals.without, (s) => s.mape)} → ${mean(totals.with, (s) => s.mape)}; share outside the 80 % interval (nominal 0.200): ${mean(totals.without, (s) => s.outside)} → ${mean(totals.with, (s) => s.outside)}`);
  await service.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
