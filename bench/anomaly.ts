/**
 * bench:anomaly — the cost anomaly detector (core/plan/anomalies) on the labelled real series of
 * the Numenta Anomaly Benchmark in ../shared/data/usage/nab (windows from nab_anomaly_windows.json).
 * Each series is decomposed with its daily cycle (86 400 s / sampling step) when it spans more than
 * two days. Prints per series and overall: window recall (share of labelled windows with at least
 * one detected run starting inside) and precision (share of detected runs starting inside a window).
 * The NAB standard-profile score is not computed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectAnomalies } from '../core/plan';

const dir = join(import.meta.dirname, '..', '..', 'shared', 'data', 'usage', 'nab');
const windows = JSON.parse(readFileSync(join(dir, 'nab_anomaly_windows.json'), 'utf8')) as Record<string, [string, string][]>;
const threshold = Number(process.env['THRESHOLD'] ?? 5);
const ms = (s: string): number => Date.parse(`${s.slice(0, 19).replace(' ', 'T')}Z`);

let tw = 0, hitW = 0, runs = 0, goodRuns = 0;
const t0 = performance.now();
console.log(`threshold |robust z| ≥ ${threshold}`);
for (const [key, wins] of Object.entries(windows)) {
  const file = join(dir, key.split('/').pop()!);
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const ts = lines.map((l) => ms(l.split(',')[0]!));
  const ys = lines.map((l) => Number(l.split(',')[1]));
  const step = ((ts[ts.length - 1]! - ts[0]!) / (ts.length - 1)) / 1000;
  const daily = Math.round(86_400 / step);
  const det = detectAnomalies(ys, { threshold, periods: ys.length > 2 * daily ? [daily] : [] });
  const w = wins.map(([a, b]) => [ms(a), ms(b)] as const);
  const inside = (t: number): boolean => w.some(([a, b]) => t >= a && t <= b);
  const starts = det.anomalies.map((a) => ts[a.start]!);
  const good = starts.filter(inside).length;
  const hw = w.filter(([a, b]) => starts.some((t) => t >= a && t <= b)).length;
  tw += w.length; hitW += hw; runs += starts.length; goodRuns += good;
  console.log(`${key.padEnd(58)} n=${String(ys.length).padStart(5)} windows ${hw}/${w.length} runs ${good}/${starts.length} in windows`);
}
const p = runs > 0 ? goodRuns / runs : 0;
const r = tw > 0 ? hitW / tw : 0;
console.log(`\nprecision ${(100 * p).toFixed(1)} % (${goodRuns}/${runs} runs), recall ${(100 * r).toFixed(1)} % (${hitW}/${tw} windows), F1 ${(p + r > 0 ? (200 * p * r) / (p + r) : 0).toFixed(1)} %, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
