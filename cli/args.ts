/**
 * Shared argument parsing for commands, on node's util.parseArgs (strict). Every command gets the
 * global `--data-dir DIR`, `--memory-limit SIZE` and `-h/--help`; a usage error is a HeadroomError (exit 1) whose message
 * says what was wrong and shows the command's usage.
 */
import { homedir } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { dimensionSchema, type Req } from '../core/api';
import { type Day, HeadroomError, isDay, lineLogger, type Logger, type ProgressSink } from '../core/lib';
import { DIMENSIONS } from '../core/model';
import { openService, resolveDataDir, resolveMemoryLimit, type Service, type ServiceOptions } from '../core/service';
import type { CommandContext } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  'memory-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Thrown for a bad command line: exit 1 with the message and the usage. */
export function usageError(message: string, usage: string): HeadroomError {
  return new HeadroomError('BAD_INPUT', `${message}\n\n${usage}`);
}

/**
 * Parses `argv` with the command's options plus the global ones. `positionals` allows free
 * arguments (file paths). Unknown options, missing values, stray arguments and an empty --data-dir
 * are usage errors.
 */
export function parseCommandArgs<const O extends Options>(argv: readonly string[], usage: string, options: O, config: { positionals?: boolean } = {}) {
  const all = { ...GLOBAL_OPTIONS, ...options };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: all, allowPositionals: config.positionals ?? false, strict: true });
  } catch (e) {
    // node's text, cut before its hint about '--' (positional commands only) and always ending in a full stop
    const msg = (e instanceof Error ? e.message : String(e)).replace(/\. To specify a positional argument starting with a '-'.*$/s, '');
    throw usageError(msg.endsWith('.') ? msg : `${msg}.`, usage);
  }
  // an empty --data-dir (e.g. an unset shell variable) must not quietly mean the default folder
  const dataDir = (parsed.values as { 'data-dir'?: unknown })['data-dir'];
  if (typeof dataDir === 'string' && dataDir.trim() === '') throw usageError(`--data-dir "${dataDir}" is empty: give the data folder, e.g. --data-dir ~/headroom-data.`, usage);
  return parsed;
}

/** Splits `--by a,b --by c` into ['a','b','c'] (empty parts dropped). */
export function listOption(v: string | readonly string[] | undefined): string[] {
  if (v === undefined) return [];
  const parts = typeof v === 'string' ? [v] : [...v];
  return parts.flatMap((p) => p.split(',')).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The global options that take a value. */
const GLOBAL_VALUED = ['--data-dir', '--memory-limit'];

/**
 * One `DIM=VALUE` entry of a repeatable flag (`--filter`, `--scope`): the dimension must be one of
 * the API's or `tag:<key>`; `valueRequired` refuses an empty VALUE. A malformed entry or an unknown
 * dimension is a usage error naming the flag.
 */
export function dimensionValue(flag: string, entry: string, usage: string, o: { readonly valueRequired: boolean }): { dimension: string; value: string } {
  const eq = entry.indexOf('=');
  if (eq <= 0 || (o.valueRequired && eq === entry.length - 1)) throw usageError(`${flag} "${entry}" is not DIM=VALUE.`, usage);
  const dimension = entry.slice(0, eq).trim();
  if (!dimensionSchema.safeParse(dimension).success) throw usageError(`${flag} "${entry}": unknown dimension "${dimension}"; use ${DIMENSIONS.join(', ')} or tag:<key>.`, usage);
  return { dimension, value: entry.slice(eq + 1) };
}

/**
 * `--filter DIM=VALUE` (repeatable) as the cost queries' filters: the same DIM twice means either
 * value. A malformed entry or an unknown dimension is a usage error naming --filter.
 */
export function parseFilterFlags(raw: readonly string[], usage: string): NonNullable<Req<'summary'>['filters']> {
  const byDim = new Map<string, string[]>();
  for (const f of raw) {
    const { dimension, value } = dimensionValue('--filter', f, usage, { valueRequired: false });
    byDim.set(dimension, [...(byDim.get(dimension) ?? []), value]);
  }
  return [...byDim].map(([dimension, values]) => ({ dimension, values }) as NonNullable<Req<'summary'>['filters']>[number]);
}

/**
 * KEY=VALUE label flags, one parser for both spellings: `--labels env=prod,team=web` (`list: true`:
 * each value is a comma-separated list of pairs; empty parts are skipped) and `--label env=prod`
 * (`list: false`: repeatable, one pair each). Keys and values are trimmed; the key must not be empty,
 * the value may be; a key given twice keeps its last value. Anything else is a usage error naming
 * the flag, the value given and what to give, e.g.
 * `--labels "env=prod,web" must be KEY=VALUE pairs separated by commas, e.g. env=prod,team=web.`,
 * `--label "web" must be KEY=VALUE, e.g. env=prod.`
 */
export function labelsFlag(flag: string, raws: readonly string[], usage: string, o: { readonly list: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of raws) {
    const bad = (): HeadroomError => usageError(`${flag} "${raw}" must be ${o.list ? 'KEY=VALUE pairs separated by commas, e.g. env=prod,team=web' : 'KEY=VALUE, e.g. env=prod'}.`, usage);
    const parts = o.list ? raw.split(',').filter((p) => p.trim() !== '') : [raw];
    for (const part of parts) {
      const eq = part.indexOf('=');
      const key = eq < 0 ? '' : part.slice(0, eq).trim();
      if (key === '') throw bad();
      out[key] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

/** `--currency`: a three-letter code (any case), upper-cased; whether it is a real ISO 4217 code is the service's check. */
export function currencyFlag(raw: string, usage: string): string {
  const c = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw usageError(`--currency "${raw}" is not a three-letter ISO 4217 code such as USD, EUR or GBP.`, usage);
  return c;
}

/** Inclusive bounds of a whole-number flag; no `max` = no upper bound. */
export interface WholeBounds {
  readonly min: number;
  readonly max?: number;
}

const wholeRange = (b: WholeBounds): string => (b.max === undefined ? `of ${b.min} or more` : `from ${b.min} to ${b.max}`);

/**
 * A whole-number flag (`--seed`, `--paths`, `--port`…) within `min`…`max` (inclusive). Anything
 * else is a usage error naming the flag, the value given and the range, e.g.
 * `--paths "50" must be a whole number from 100 to 20000.`
 */
export function wholeNumberFlag(flag: string, raw: string, usage: string, b: WholeBounds): number {
  const t = raw.trim();
  const n = Number(t);
  if (!/^-?\d+$/.test(t) || n < b.min || (b.max !== undefined && n > b.max)) throw usageError(`${flag} "${raw}" must be a whole number ${wholeRange(b)}.`, usage);
  return n;
}

/**
 * A number of days written as days (`90`, `90d`) or weeks (`13w`), within `min`…`max` days. Anything
 * else is a usage error naming the flag, the value given and the range, e.g.
 * `--horizon "3m" must be a number of days (such as 90 or 90d) or weeks (13w), from 1 to 730 days.`
 */
export function daysFlag(flag: string, raw: string, usage: string, b: WholeBounds): number {
  const m = /^(\d+)\s*([dw]?)$/i.exec(raw.trim());
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'w' ? 7 : 1) : NaN;
  if (!Number.isSafeInteger(n) || n < b.min || (b.max !== undefined && n > b.max)) {
    throw usageError(`${flag} "${raw}" must be a number of days (such as 90 or 90d) or weeks (13w), ${b.max === undefined ? `${b.min} day${b.min === 1 ? '' : 's'} or more` : `from ${b.min} to ${b.max} days`}.`, usage);
  }
  return n;
}

/**
 * Bounds of a decimal-number flag: `above`/`below` exclusive, `min`/`max` inclusive; `hint` is
 * said after the range in the message (how to write the value, e.g. "0.3 = 30 %").
 */
export interface NumberBounds {
  readonly above?: number;
  readonly min?: number;
  readonly below?: number;
  readonly max?: number;
  readonly hint?: string;
}

function numberRange(b: NumberBounds): string {
  if (b.above === undefined && b.below === undefined && b.min !== undefined && b.max !== undefined) return ` from ${b.min} to ${b.max}`;
  const both = (b.above ?? b.min) !== undefined && (b.below ?? b.max) !== undefined;
  const lower = b.above !== undefined ? `above ${b.above}` : b.min !== undefined ? (both ? `at least ${b.min}` : `of ${b.min} or more`) : undefined;
  const upper = b.below !== undefined ? `below ${b.below}` : b.max !== undefined ? (both ? `at most ${b.max}` : `of ${b.max} or less`) : undefined;
  const parts = [lower, upper].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : ` ${parts.join(' and ')}`;
}

/**
 * A decimal-number flag (an amount, a fraction such as a discount or a utilization target) within
 * the bounds. Anything else is a usage error naming the flag, the value given, the range and the
 * hint, e.g. `--discount "30" must be a number above 0 and below 1 (0.3 = 30 %).`
 */
export function numberFlag(flag: string, raw: string, usage: string, b: NumberBounds = {}): number {
  const x = Number(raw);
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(x) &&
    (b.above === undefined || x > b.above) &&
    (b.min === undefined || x >= b.min) &&
    (b.below === undefined || x < b.below) &&
    (b.max === undefined || x <= b.max);
  if (!ok) throw usageError(`${flag} "${raw}" must be a number${numberRange(b)}${b.hint !== undefined ? ` (${b.hint})` : ''}.`, usage);
  return x;
}

/** A money amount (`--amount`, `--cost-per-unit`): a plain number within the bounds, the message saying how to write it. */
export function moneyFlag(flag: string, raw: string, usage: string, b: { readonly above: 0 } | { readonly min: 0 }): number {
  return numberFlag(flag, raw, usage, { ...b, hint: 'no currency sign or thousands separators' });
}

/**
 * A probability or fraction strictly between 0 and 1 (`--service-level`, `--discount`); `example`
 * shows the scale in the message, e.g. `--discount "30" must be a number above 0 and below 1 (0.3 = 30 %).`
 */
export function probabilityFlag(flag: string, raw: string, usage: string, example: number): number {
  return numberFlag(flag, raw, usage, { above: 0, below: 1, hint: `${example} = ${Math.round(example * 1000) / 10} %` });
}

/** `a, b or c`: the choices of a flag as a message says them. */
export const orList = (choices: readonly string[]): string => (choices.length <= 1 ? (choices[0] ?? '') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1) ?? ''}`);

/**
 * A flag that takes one of a fixed set of words (`--period month|quarter|year`, `--model`, `--format`).
 * `undefined` (the flag not given) is a usage error too: pass a default in for optional flags.
 * Messages: `--period "week" must be month, quarter or year.`, `--period is required: give month, quarter or year.`
 */
export function choiceFlag<const T extends string>(flag: string, raw: string | undefined, choices: readonly T[], usage: string): T {
  if (raw === undefined) throw usageError(`${flag} is required: give ${orList(choices)}.`, usage);
  const c = choices.find((x) => x === raw);
  if (c === undefined) throw usageError(`${flag} "${raw}" must be ${orList(choices)}.`, usage);
  return c;
}

/**
 * A comma-separated list of words from a fixed set (`--kinds month,quarter`, `--sections budgets`),
 * in the order given, each once. With `none`, the word "none" is the empty list; otherwise, and for
 * an empty list, a usage error naming the flag and the choices, e.g.
 * `--kinds: "week" is not one of month, quarter or year.`, `--kinds needs at least one of month, quarter or year.`
 */
export function choicesFlag<const T extends string>(flag: string, raw: string, choices: readonly T[], usage: string, o: { readonly none?: boolean } = {}): T[] {
  if (o.none && raw.trim() === 'none') return [];
  const orNone = o.none ? ' (or "none")' : '';
  const out: T[] = [];
  for (const part of listOption(raw)) {
    const c = choices.find((x) => x === part);
    if (c === undefined) throw usageError(`${flag}: "${part}" is not one of ${orList(choices)}${orNone}.`, usage);
    if (!out.includes(c)) out.push(c);
  }
  if (out.length === 0) throw usageError(`${flag} needs at least one of ${orList(choices)}${orNone}.`, usage);
  return out;
}

/**
 * An interval-levels flag (`--levels 80,95`): percentages strictly between 0 and 100, comma
 * separated, returned as given (in percent). Anything else is a usage error naming the flag and the
 * value, e.g. `--levels "80,120": give percentages between 0 and 100, comma separated, e.g. 80,95.`
 */
export function levelsFlag(flag: string, raw: string, usage: string): number[] {
  const levels = raw.split(',').map((s) => (s.trim() === '' ? NaN : Number(s.trim())));
  if (levels.some((l) => !(l > 0 && l < 100))) throw usageError(`${flag} "${raw}": give percentages between 0 and 100, comma separated, e.g. 80,95.`, usage);
  return levels;
}

/** A calendar-day flag (`--since`, `--from`, `--start`): a real date YYYY-MM-DD, or a usage error naming the flag and the value. */
export function dayFlag(flag: string, raw: string, usage: string): Day {
  if (!isDay(raw)) throw usageError(`${flag} "${raw}" is not a date: give a day as YYYY-MM-DD, e.g. 2026-03-31.`, usage);
  return raw;
}

/**
 * Moves global options written before the command words (`headroom --data-dir X summary`) after
 * them, so command lookup sees the command first.
 */
export function hoistGlobalOptions(argv: readonly string[]): string[] {
  const lead: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i] ?? '';
    if (GLOBAL_VALUED.includes(a) && i + 1 < argv.length) {
      lead.push(a, argv[i + 1] ?? '');
      i += 2;
    } else if (GLOBAL_VALUED.some((g) => a.startsWith(`${g}=`))) {
      lead.push(a);
      i += 1;
    } else break;
  }
  return [...argv.slice(i), ...lead];
}

/** The service's logger for a command: warnings and errors go to stderr as `headroom: warning: …`, so stdout stays the result. */
export function stderrLogger(ctx: Pick<CommandContext, 'stderr'>): Logger {
  return lineLogger((line) => void ctx.stderr.write(`${line}\n`), 'headroom: ');
}

/** The global options every command parses (`values` from `parseCommandArgs`). */
export interface GlobalFlags {
  readonly 'data-dir'?: string | undefined;
  readonly 'memory-limit'?: string | undefined;
}

/**
 * What a command opens the service with: the data folder (--data-dir, else HEADROOM_DATA_DIR, else
 * the OS default) and DuckDB's memory limit (--memory-limit, else HEADROOM_MEMORY_LIMIT, else the
 * store's default). A bad memory limit throws here, before the data folder is touched.
 */
export function serviceOptionsFor(ctx: Pick<CommandContext, 'env' | 'stderr'>, flags: GlobalFlags): ServiceOptions {
  const memoryLimit = resolveMemoryLimit({ flag: flags['memory-limit'], env: ctx.env });
  const dataDir = resolveDataDir({ flag: flags['data-dir'], env: ctx.env, platform: process.platform, homedir: homedir() });
  return { dataDir, logger: stderrLogger(ctx), ...(memoryLimit !== undefined ? { store: { memoryLimit } } : {}) };
}

/** Opens the service on the command's data folder (with its memory limit), runs `fn`, and always closes it. */
export async function withService<T>(ctx: CommandContext, flags: GlobalFlags, fn: (service: Service) => Promise<T>): Promise<T> {
  const service = await openService(serviceOptionsFor(ctx, flags));
  try {
    return await fn(service);
  } finally {
    await service.close();
  }
}

/** Handler context for a CLI call: the command's abort signal; progress is not shown. */
export function cliCallContext(ctx: CommandContext): { signal: AbortSignal; progress: () => void } {
  return { signal: ctx.signal, progress: () => {} };
}

/** Handler context for a long CLI call: progress events go to stderr as `label: message (done/total)`, so stdout stays the result. */
export function progressCallContext(ctx: CommandContext, label: string): { signal: AbortSignal; progress: ProgressSink } {
  return {
    signal: ctx.signal,
    progress: (p) => void ctx.stderr.write(`${label}: ${p.message ?? p.phase} (${p.done}/${p.total ?? '?'})\n`),
  };
}
