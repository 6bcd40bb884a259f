/**
 * ARIMA speed and accuracy on M4 series (not a test): `npm run bench:arima -- --freq Hourly --count 10`.
 * Prints per-series chosen model, ms and sMAPE/MASE, then the averages. One core, sequential.
 * Options: --data DIR (default ../shared/data/m4), --freq Hourly|Weekly, --count N, --offset K,
 * --period P (default 24 Hourly, 1 Weekly), --exact (no CSS approximation), --model arima|mstl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoArima, forecastArima } from '../core/forecast/arima';
import { parseSeriesCsv } from '../core/forecast/series-csv';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : def;
};
const freq = opt('freq', 'Hourly');
const dir = opt('data', join(process.cwd(), '..', 'shared', 'data', 'm4'));
const count = Number(opt('count', '10'));
const offset = Number(opt('offset', '0'));
const H = freq === 'Hourly' ? 48 : freq === 'Weekly' ? 13 : 14;
const period = Number(opt('period', freq === 'Hourly' ? '24' : '1'));
const mMase = freq === 'Hourly' ? 24 : 1;
const exact = args.includes('--exact');

const train = parseSeriesCsv(readFileSync(join(dir, `${freq}-train.csv`), 'utf8'), `${freq}-train.csv`).series;
const test = parseSeriesCsv(readFileSync(join(dir, `${freq}-test.csv`), 'utf8'), `${freq}-test.csv`).series;
const testById = new Map(test.map((s) => [s.id, s.values]));

let sumS = 0;
let sumM = 0;
let sumMs = 0;
let cov95 = 0;
let k = 0;
for (const s of train.slice(offset, offset + count)) {
  const y = s.values;
  const actual = testById.get(s.id)!;
  const t0 = performance.now();
  const r = autoArima(y, period, exact ? { approximation: false } : {});
  const fc = forecastArima(r.fit, H, { levels: [0.95] });
  const ms = performance.now() - t0;
  let smape = 0;
  let mae = 0;
  let inside = 0;
  for (let h = 0; h < H; h++) {
    const a = actual[h]!;
    const f = fc.mean[h]!;
    smape += (200 * Math.abs(a - f)) / (Math.abs(a) + Math.abs(f));
    mae += Math.abs(a - f);
    if (a >= fc.intervals[0]!.lo[h]! && a <= fc.intervals[0]!.hi[h]!) inside++;
  }
  let scale = 0;
  for (let t = mMase; t < y.length; t++) scale += Math.abs(y[t]! - y[t - mMase]!);
  scale /= y.length - mMase;
  const mase = mae / H / scale;
  smape /= H;
  sumS += smape;
  sumM += mase;
  sumMs += ms;
  cov95 += inside / H;
  k++;
  const spec = r.fit.spec;
  console.log(`${s.id}\tn=${y.length}\tARIMA(${spec.p},${spec.d},${spec.q})(${spec.P},${spec.D},${spec.Q})${spec.constant ? '+c' : ''}\tvisited=${r.visited}\t${ms.toFixed(0)} ms\tsMAPE ${smape.toFixed(2)}\tMASE ${mase.toFixed(3)}`);
}
console.log(`${freq} ${k} series: sMAPE ${(sumS / k).toFixed(3)}  MASE ${(sumM / k).toFixed(3)}  cov95 ${(cov95 / k).toFixed(3)}  ${(sumMs / k).toFixed(0)} ms/series`);
