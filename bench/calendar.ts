/**
 * Calendar effects on the demo dataset (not a test): `npm run bench:calendar [-- --from 2024-12-01
 * --to 2026-10-01 --every 14 --horizon 42]`.
 *
 * Loads the demo dataset (core/ingest/demo: a US e-commerce shop whose traffic follows the retail
 * calendar, Black Friday and Cyber Monday included) into a temp data folder, then for every
 * forecast origin from --from to --to, --every days apart, forecasts the total amortized spend
 * --horizon days ahead the way every cost forecast does (core/service/forecast-basis: usage model +
 * recurring projection, `auto`, a planning forecast) four ways — without calendar effects or
 * yearly profile, with the holiday calendar's effects (US retail) only, with both the calendar
 * effects and the yearly profile (core/forecast/yearly.ts), and with both fitted on log values
 * (core/forecast/transform.ts; the default of daily cost forecasts) — and
 * scores them against what the demo then charged (one-time charges, which no forecast projects,
 * left out). Printed per origin and overall, and over the origins from 1 November to 15 December
 * (the forecasts that cross the retail season): error of the horizon total, daily MAPE, and the
 * share of days outside the 80 % interval (nominal 0.20).
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
  const score = (b: CostBasisSeries, o: number, yearly: boolean, log: boolean): Score => {
    const actual = b.total.slice(o, o + horizon).map((v, i) => v - (basis.oneTime[o + i] ?? 0));
    const f = forecastCostBasis(b, { historyEnd: o, horizon, period: 7, planning: true, levels: [0.8], yearly, log });
    const iv = f.intervals[0]!;
    return {
      totalErr: (sum(f.mean) / sum(actual) - 1) * 100,
      mape: (100 * sum(actual.map((a, t) => Math.abs(a - (f.mean[t] as number)) / a))) / horizon,
      outside: actual.filter((a, t) => a < (iv.lo[t] as number) || a > (iv.hi[t] as number)).length / horizon,
    };
  };
  const configs = [
    { name: 'none', basis: { ...basis, holidays: undefined }, yearly: false, log: false },
    { name: 'calendar', basis, yearly: false, log: false },
    { name: 'calendar + yearly', basis, yearly: true, log: false },
    { name: 'calendar + yearly + log', basis, yearly: true, log: true },
  ] as const;
  const totals: Score[][] = configs.map(() => []);
  const season: Score[][] = configs.map(() => []);
  console.log(`bench:calendar — demo total amortized spend, horizon ${horizon} days, origins ${opts.from} to ${opts.to} every ${every} days`);
  console.log(`Each cell: ${configs.map((c) => c.name).join(' → ')}`);
  console.log('| origin | total error % | daily MAPE % | outside 80 % |');
  console.log('|---|---|---|---|');
  const cell = (xs: Score[], f: (s: Score) => number, digits: number): string => xs.map((x) => f(x).toFixed(digits)).join(' → ');
  for (let d = opts.from as Day; d <= (opts.to as Day); d = addDays(d, every)) {
    const o = daysBetween(basis.start, d);
    if (o <= 0 || o + horizon > basis.total.length) continue;
    const s = configs.map((c) => score(c.basis, o, c.yearly, c.log));
    s.forEach((x, i) => totals[i]!.push(x));
    // Origins from 1 November to 15 December: the forecasts that cross the retail season.
    const md = d.slice(5);
    if (md >= '11-01' && md <= '12-15') s.forEach((x, i) => season[i]!.push(x));
    console.log(`| ${d} | ${cell(s, (x) => x.totalErr, 1)} | ${cell(s, (x) => x.mape, 1)} | ${cell(s, (x) => x.outside, 2)} |`);
  }
  const mean = (xs: Score[], f: (s: Score) => number): string => (sum(xs.map(f)) / xs.length).toFixed(3);
  const line = (label: string, sets: Score[][]): string =>
    `${label} (${sets[0]!.length} origins, ${configs.map((c) => c.name).join(' → ')}): mean |total error| % ${sets.map((x) => mean(x, (s) => Math.abs(s.totalErr))).join(' → ')}; mean total error % ${sets.map((x) => mean(x, (s) => s.totalErr)).join(' → ')}; mean daily MAPE % ${sets.map((x) => mean(x, (s) => s.mape)).join(' → ')}; share outside the 80 % interval (nominal 0.200) ${sets.map((x) => mean(x, (s) => s.outside)).join(' → ')}`;
  console.log(`\n${line('All origins', totals)}`);
  console.log(line('Origins 1 Nov – 15 Dec', season));
  await service.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
