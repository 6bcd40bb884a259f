import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test/cli-harness';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../../core/forecast';
import { sharedData } from '../../test/shared-data';
import { forecastCommand } from './forecast';

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'headroom-forecast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

interface JsonOut {
  forecasts: { id: string; model: string; mean: number[]; intervals: { level: number; lo: number[]; hi: number[] }[]; card: { warnings: string[]; period: number; excluded: number[] } }[];
}

describe('headroom forecast', () => {
  it('reads the M4 layout (real M4 hourly rows: quoted, ragged) and prints the JSON shape', async () => {
    // The header and the first two series of M4 Hourly-train.csv, byte for byte.
    const lines = readFileSync(sharedData('m4', 'Hourly-train.csv'), 'utf8').split('\n').slice(0, 3);
    const p = file('m4.csv', `${lines.join('\n')}\n`);
    const r = await run(['forecast', '--series-csv', p, '--horizon', '48', '--period', '24', '--model', 'snaive', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as JsonOut;
    expect(j.forecasts.map((f) => f.id)).toEqual(['H1', 'H2']);
    const h1 = parseSeriesCsv(lines.join('\n')).series[0]!.values;
    expect(h1).toHaveLength(700);
    const last = h1.slice(-24);
    expect(j.forecasts[0]!.mean).toEqual([...last, ...last]);
    expect(j.forecasts[0]!.model).toBe('SNaive[24]');
    expect(j.forecasts[0]!.intervals.map((i) => i.level)).toEqual([80, 95]);
    expect(j.forecasts[0]!.intervals[1]!.lo).toHaveLength(48);
  });

  it('reads long format id,date,value in date order and prints a table', async () => {
    const rows = ['id,date,value'];
    for (const id of ['a', 'b']) for (let d = 28; d >= 1; d--) rows.push(`${id},2025-02-${String(d).padStart(2, '0')},${id === 'a' ? d : 100 - d}`);
    const p = file('long.csv', `${rows.join('\n')}\n`);
    const r = await run(['forecast', '--series-csv', p, '--horizon', '3', '--period', '7', '--model', 'naive', '--levels', '90']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^a {2}Naive/m);
    expect(r.out).toMatch(/lo90\s+hi90/);
    const json = await run(['forecast', '--series-csv', p, '--horizon', '3', '--period', '7', '--model', 'naive', '--json']);
    const j = JSON.parse(json.out) as JsonOut;
    expect(j.forecasts[0]!.mean).toEqual([28, 28, 28]);
    expect(j.forecasts[1]!.mean).toEqual([72, 72, 72]);
  });

  it('a non-numeric cell is an error naming file, line and column', async () => {
    const p = file('bad.csv', '"V1","V2","V3","V4"\n"S1","1","2","3"\n"S2","4","x5","6"\n');
    const r = await run(['forecast', '--series-csv', p, '--horizon', '2', '--period', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}, line 3, column "V3": "x5" is not a number`);
  });

  it('short, all-zero and NaN series give warnings, not crashes', async () => {
    const zeros = Array(30).fill('0').join(',');
    const short = Array.from({ length: 20 }, (_, t) => String(10 + (t % 12))).join(',');
    const withNa = Array.from({ length: 40 }, (_, t) => (t === 10 ? 'NaN' : t === 20 ? '' : String(50 + (t % 12)))).join(',');
    const p = file('edge.csv', `zero,${zeros}\nshort,${short}\nnan,${withNa}\ntiny,5\n`);
    const r = await run(['forecast', '--series-csv', p, '--horizon', '4', '--period', '12', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as JsonOut;
    const by = new Map(j.forecasts.map((f) => [f.id, f]));
    expect(by.get('zero')!.mean).toEqual([0, 0, 0, 0]);
    expect(r.err).toMatch(/zero: .*all zeros/);
    expect(by.get('short')!.card.period).toBe(1);
    expect(r.err).toMatch(/short: .*fewer than two seasons/);
    expect(by.get('nan')!.card.excluded).toEqual([10, 20]);
    expect(by.get('nan')!.mean.every((v) => Number.isFinite(v))).toBe(true);
    expect(r.err).toMatch(/nan .*2 missing value/);
    expect(by.has('tiny')).toBe(false);
    expect(r.err).toMatch(/tiny: not forecast: .*at least 2/);
  });

  it('bad flags exit 1 with usage', async () => {
    const required = await run(['forecast', '--horizon', '3', '--period', '1']);
    expect([required.code, required.out, required.err]).toEqual([1, '', `headroom: --series-csv FILE is required.\n\n${forecastCommand.usage}\n`]);
    expect((await run(['forecast', '--series-csv=', '--horizon', '3', '--period', '1'])).err).toBe(`headroom: --series-csv FILE is required.\n\n${forecastCommand.usage}\n`);
    expect((await run(['forecast', '--series-csv', 'x.csv', '--period', '1'])).err).toBe(`headroom: --horizon H is required.\n\n${forecastCommand.usage}\n`);
    expect((await run(['forecast', '--series-csv', 'x.csv', '--horizon', '3'])).err).toBe(`headroom: --period P is required (1 when the data has no seasonal cycle).\n\n${forecastCommand.usage}\n`);
    const zero = await run(['forecast', '--series-csv', 'x.csv', '--horizon', '0', '--period', '1']);
    expect(zero.code).toBe(1);
    expect(zero.err).toContain('--horizon "0" must be a whole number of 1 or more.');
    const levels = await run(['forecast', '--series-csv', 'x.csv', '--horizon', '3', '--period', '1', '--levels', '80,120']);
    expect([levels.code, levels.out]).toEqual([1, '']);
    expect(levels.err).toContain('--levels "80,120": give percentages between 0 and 100, comma separated, e.g. 80,95.');
    const seed = await run(['forecast', '--series-csv', 'x.csv', '--horizon', '3', '--period', '1', '--seed=-1']);
    expect(seed.code).toBe(1);
    expect(seed.err).toContain('--seed "-1" must be a whole number of 0 or more.');
    expect((await run(['forecast', '--series-csv', join(dir, 'missing.csv'), '--horizon', '3', '--period', '1'])).err).toMatch(/no such file/);
    const model = await run(['forecast', '--series-csv', 'x.csv', '--horizon', '3', '--period', '1', '--model', 'prophet']);
    expect(model.code).toBe(1);
    expect(model.err).toContain('headroom: --model "prophet" must be auto, ets, theta, arima, snaive, naive, naive2, drift, combo, mstl, theta-standard, theta-optimized or theta-dynamic.\n\nUsage: headroom forecast');
  });

  it('unknown options and missing values exit 1 as in every command (blank line, then the usage); --help prints the usage', async () => {
    const p = file('one.csv', 'a,1,2,3,4,5,6\n');
    const cases: [string[], string][] = [
      [['--series-csv', p, '--horizon', '3', '--period', '1', '--horizn', '4'], "Unknown option '--horizn'."],
      [['--series-csv', p, '--period', '1', '--horizon'], "Option '--horizon <value>' argument missing."],
      [['--horizon', '3', '--period', '1', '--series-csv'], "Option '--series-csv <value>' argument missing."],
      [['--series-csv', p, '--horizon', '3', '--period', '1', '--json=yes'], "Option '--json' does not take an argument."],
      [['--series-csv', p, '--horizon', '3', '--period', '1', 'extra'], "Unexpected argument 'extra'. This command does not take positional arguments."],
    ];
    for (const [args, message] of cases) {
      const r = await run(['forecast', ...args]);
      expect({ args, code: r.code, out: r.out, err: r.err }).toEqual({ args, code: 1, out: '', err: `headroom: ${message}\n\n${forecastCommand.usage}\n` });
    }
    expect(await run(['forecast', '--help'])).toEqual({ code: 0, out: `${forecastCommand.usage}\n`, err: '' });
  });
});
