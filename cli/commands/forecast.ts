import { readFileSync } from 'node:fs';
import { HeadroomError } from '../../core/lib';
import { MODEL_NAMES, type ModelName, parseSeriesCsv } from '../../core/forecast';
import { type BatchJob, runBatch } from '../../core/forecast/batch';
import { choiceFlag, levelsFlag, parseCommandArgs, usageError, wholeNumberFlag } from '../args';
import type { Command, CommandContext } from '../command';

const USAGE = `Usage: headroom forecast --series-csv FILE --horizon H --period P [--model M] [--levels 80,95] [--seed N] [--workers N] [--json]

Forecasts every series in FILE, which is either
  - the M4 layout: one row per series, the id in the first column, then the values in time order
    (a header row such as "V1","V2",… is skipped; trailing empty cells are ignored), or
  - long format: columns id,date,value (one row per observation; each series sorted by date).
Empty, NA and NaN cells are missing values: they are interpolated by the model and listed in the card.

  --horizon H      steps ahead (whole number ≥ 1)
  --period P       seasonal period: 24 hourly, 7 daily, 12 monthly, 1 none
  --model M        ${MODEL_NAMES.join('|')} (default auto: per-series backtest over
                   ETS, Theta, ARIMA, seasonal naive and their combinations, calibrated intervals)
  --levels L       interval levels in percent, comma separated (default 80,95)
  --seed N         seed of the simulated paths (default 1)
  --workers N      worker threads (default: the number of cores; 0 = this thread)
  --json           print {"forecasts":[{"id","model","mean","intervals":[{"level","lo","hi"}],"card"}]}
                   (levels in percent, as given); otherwise a table per series`;

export interface ForecastFlags {
  readonly file: string;
  readonly horizon: number;
  readonly period: number;
  readonly model: ModelName;
  readonly levels: readonly number[];
  readonly seed: number;
  readonly workers: number | undefined;
  readonly json: boolean;
}

/** Forecast's own options (plus the global ones every command takes). */
const OPTIONS = {
  'series-csv': { type: 'string' },
  horizon: { type: 'string' },
  period: { type: 'string' },
  model: { type: 'string' },
  levels: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * Parses the flags with the shared `parseCommandArgs` (unknown options and missing values read as
 * in every command); a HeadroomError (exit 1) names the bad flag and what to use. `undefined` for
 * `-h/--help`.
 */
export function parseForecastFlags(argv: readonly string[]): ForecastFlags | undefined {
  const { values } = parseCommandArgs(argv, USAGE, OPTIONS);
  if (values.help) return undefined;
  const file = values['series-csv'];
  if (file === undefined || file === '') throw usageError('--series-csv FILE is required.', USAGE);
  if (values.horizon === undefined) throw usageError('--horizon H is required.', USAGE);
  if (values.period === undefined) throw usageError('--period P is required (1 when the data has no seasonal cycle).', USAGE);
  return {
    file,
    horizon: wholeNumberFlag('--horizon', values.horizon, USAGE, { min: 1 }),
    period: wholeNumberFlag('--period', values.period, USAGE, { min: 1 }),
    model: values.model === undefined ? 'auto' : choiceFlag('--model', values.model, MODEL_NAMES, USAGE),
    levels: values.levels === undefined ? [80, 95] : levelsFlag('--levels', values.levels, USAGE),
    seed: values.seed === undefined ? 1 : wholeNumberFlag('--seed', values.seed, USAGE, { min: 0 }),
    workers: values.workers === undefined ? undefined : wholeNumberFlag('--workers', values.workers, USAGE, { min: 0 }),
    json: values.json ?? false,
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HeadroomError(code === 'ENOENT' ? 'NOT_FOUND' : 'BAD_FILE', `Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}. Check the path given to --series-csv.`, { cause: e, location: { file } });
  }
}

const num = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toFixed(3)) : 'NaN');

export const forecastCommand: Command = {
  words: ['forecast'],
  summary: 'forecast series from a CSV file (M4 layout or id,date,value) with intervals and model cards',
  usage: USAGE,
  async run(ctx: CommandContext): Promise<number> {
    const flags = parseForecastFlags(ctx.argv);
    if (flags === undefined) {
      ctx.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const parsed = parseSeriesCsv(readText(flags.file), flags.file);
    if (parsed.series.length === 0) throw new HeadroomError('BAD_FILE', `${flags.file} holds no series: expected one row per series (id, values…) or columns id,date,value.`, { location: { file: flags.file } });
    for (const w of parsed.warnings) ctx.stderr.write(`headroom: warning: ${w}\n`);
    const jobs: BatchJob[] = parsed.series.map((s) => ({
      id: s.id,
      values: s.values,
      options: { period: flags.period, horizon: flags.horizon, model: flags.model, levels: flags.levels.map((l) => l / 100), seed: flags.seed },
    }));
    const workers = flags.workers ?? (jobs.length >= 8 ? undefined : 0);
    const results = await runBatch(jobs, { ...(workers !== undefined ? { workers } : {}), signal: ctx.signal });
    const out: unknown[] = [];
    const table: string[] = [];
    let failed = 0;
    for (const r of results) {
      if (!r.ok) {
        failed++;
        ctx.stderr.write(`headroom: warning: ${r.id}: not forecast: ${r.error}\n`);
        continue;
      }
      const fc = r.forecast;
      for (const w of fc.card.warnings) ctx.stderr.write(`headroom: warning: ${r.id}: ${w}\n`);
      const intervals = fc.intervals.map((iv) => ({ level: Math.round(iv.level * 1000) / 10, lo: iv.lo, hi: iv.hi }));
      if (flags.json) out.push({ id: r.id, model: fc.card.spec, mean: fc.mean, intervals, card: fc.card });
      else {
        table.push(`${r.id}  ${fc.card.spec}${fc.card.backtest ? `  (backtest MASE ${num(fc.card.backtest.mase)})` : ''}`);
        const head = ['h', 'mean', ...intervals.flatMap((iv) => [`lo${iv.level}`, `hi${iv.level}`])];
        const rows = fc.mean.map((m, t) => [String(t + 1), num(m), ...intervals.flatMap((iv) => [num(iv.lo[t] as number), num(iv.hi[t] as number)])]);
        const width = head.map((hd, j) => Math.max(hd.length, ...rows.map((row) => (row[j] as string).length)));
        const fmt = (row: readonly string[]): string => `  ${row.map((c, j) => c.padStart(width[j] as number)).join('  ')}`;
        table.push(fmt(head), ...rows.map(fmt), '');
      }
    }
    if (failed === results.length) throw new HeadroomError('BAD_INPUT', `No series in ${flags.file} could be forecast (see the warnings above).`);
    ctx.stdout.write(flags.json ? `${JSON.stringify({ forecasts: out }, jsonNumber)}\n` : `${table.join('\n')}\n`);
    return 0;
  },
};

/** JSON has no NaN/Infinity: they become null. */
function jsonNumber(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
