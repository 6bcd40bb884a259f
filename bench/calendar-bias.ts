/**
 * Where bench:calendar's error comes from (not a test): `npm run bench:calendar-bias [-- --plain
 * --noyearly --nocal --models ets,theta …]`. For the same origins and planning forecasts as
 * bench:calendar (calendar effects, yearly profile and log scale on, as every daily cost forecast),
 * prints per origin the error of the horizon total (%, + = over-forecast) split into the usage model
 * and the recurring projection (in % of the total), the usage model's error in the first and the
 * sixth week (a level error shows in both, a slope error grows from one to the other) and the model
 * `auto` chose; then each `auto` candidate forecast alone on the same training values with the same
 * options. `--plain` fits on the original scale (`log: false`), `--noyearly` without the yearly
 * profile, `--nocal` without the holiday calendar. Means over all origins at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addDays, daysBetween, type Day } from '../core/lib';
import { openService } from '../core/service';
import { forecastCostBasis, loadCostBasis, planningLookahead } from '../core/service/forecast-basis';
import { calendarKeys } from '../core/service/calendar';
import { forecastSeries, type ModelName } from '../core/forecast';

const { values: opts } = parseArgs({
  options: {
    from: { type: 'string', default: '2024-12-01' },
    to: { type: 'string', default: '2026-10-01' },
    every: { type: 'string', default: '14' },
    horizon: { type: 'string', default: '42' },
    models: { type: 'string', default: 'ets,theta-dynamic,theta,arima,snaive,mstl' },
    noyearly: { type: 'boolean', default: false },
    nocal: { type: 'boolean', default: false },
    plain: { type: 'boolean', default: false },
  },
  strict: true,
});
const horizon = Number(opts.horizon);
const every = Number(opts.every);
const models = (opts.models as string).split(',').filter(Boolean) as ModelName[];
const yearly = !opts.noyearly;
const dir = mkdtempSync(join(tmpdir(), 'hr-bench-bias-'));
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const pct = (f: number, a: number): number => (f / a - 1) * 100;
try {
  const service = await openService({ dataDir: dir });
  await service.handlers['demo.load']({}, { signal: new AbortController().signal, progress: () => undefined });
  const basis0 = (await loadCostBasis(service.store, { view: 'effective' })).series[0]!;
  const basis = opts.nocal ? { ...basis0, holidays: undefined } : basis0;
  const agg: Record<string, number[]> = {};
  const push = (k: string, v: number): void => void (agg[k] ??= []).push(v);
  for (let d = opts.from as Day; d <= (opts.to as Day); d = addDays(d, every)) {
    const o = daysBetween(basis.start, d);
    if (o <= 0 || o + horizon > basis.total.length) continue;
    const f = forecastCostBasis(basis, { historyEnd: o, horizon, period: 7, planning: true, levels: [0.8], yearly, log: !opts.plain });
    const actualTotal = basis.total.slice(o, o + horizon).map((v, i) => v - (basis.oneTime[o + i] ?? 0));
    const actualUsage = basis.usage.slice(o, o + horizon);
    const actualRec = actualTotal.map((v, t) => v - (actualUsage[t] as number));
    const totErr = pct(sum(f.mean), sum(actualTotal));
    const usageErr = pct(sum(f.usage.mean), sum(actualUsage));
    const recErr = sum(f.recurring) - sum(actualRec);
    const w1 = pct(sum(f.usage.mean.slice(0, 7)), sum(actualUsage.slice(0, 7)));
    const w6 = pct(sum(f.usage.mean.slice(35, 42)), sum(actualUsage.slice(35, 42)));
    push('total', totErr);
    push('usage', usageErr);
    push('usage.w1', w1);
    push('usage.w6', w6);
    push('recurring/total %', (100 * recErr) / sum(actualTotal));
    const line = [`${d} tot ${totErr.toFixed(2)} usage ${usageErr.toFixed(2)} (w1 ${w1.toFixed(2)} w6 ${w6.toFixed(2)}) rec ${((100 * recErr) / sum(actualTotal)).toFixed(2)}%tot | ${f.card.spec}`];
    // each candidate alone, same options as the usage model (calendar keys, yearly), same lookahead
    const train = basis.usage.slice(0, o);
    const la = planningLookahead(horizon, o, 7);
    const cal = basis.holidays ? calendarKeys(basis.holidays, basis.start, o + la) : undefined;
    for (const m of models) {
      try {
        const g = forecastSeries(train, { period: 7, horizon: la, model: m, levels: [0.8], ...(cal ? { calendar: cal } : {}), yearly, log: !opts.plain });
        const e = pct(sum(g.mean.slice(0, horizon)), sum(actualUsage));
        const e1 = pct(sum(g.mean.slice(0, 7)), sum(actualUsage.slice(0, 7)));
        const e6 = pct(sum(g.mean.slice(35, 42)), sum(actualUsage.slice(35, 42)));
        push(m, e);
        push(`${m}.w1`, e1);
        push(`${m}.w6`, e6);
        const p = g.card.params;
        const extra = m === 'ets' ? ` β=${(p['beta'] ?? NaN).toExponential(1)} φ=${p['phi'] ?? '-'}` : m === 'theta' ? ` drift=${(p['drift'] ?? NaN).toFixed(2)}` : '';
        line.push(`   ${m.padEnd(13)} ${e.toFixed(2).padStart(6)} (w1 ${e1.toFixed(2)} w6 ${e6.toFixed(2)}) ${g.card.spec}${extra}`);
      } catch (err) {
        line.push(`   ${m} failed ${(err as Error).message}`);
      }
    }
    console.log(line.join('\n'));
  }
  console.log('\nMeans over origins (bias %, + = over-forecast):');
  for (const [k, v] of Object.entries(agg)) console.log(`${k.padEnd(20)} mean ${(sum(v) / v.length).toFixed(3)}  mean|.| ${(sum(v.map(Math.abs)) / v.length).toFixed(3)}  n ${v.length}`);
  await service.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
