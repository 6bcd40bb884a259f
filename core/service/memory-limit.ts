/**
 * DuckDB's `memory_limit` as a user setting: `--memory-limit SIZE`, else `HEADROOM_MEMORY_LIMIT`,
 * else the store's default (`DEFAULT_MEMORY_LIMIT`, 768MB: core/store/README.md, "CSV at the memory
 * limit"). Checked here, before DuckDB sees it (DuckDB reads "2GB extra" as 2GB and "none" as no
 * limit at all), so a mistake is a HeadroomError naming the flag or variable, and the data folder is
 * not opened.
 *
 * The syntax is DuckDB's for `memory_limit`, read by core/store `memoryLimitBytes`: a decimal number,
 * optional spaces, and a unit, case-insensitive. Decimal units are powers of 1000 (`KB`/`K`,
 * `MB`/`M`, `GB`/`G`, `TB`/`T`, and the spelled-out `kilobyte(s)` … `terabyte(s)`), binary ones
 * powers of 1024 (`KiB`, `MiB`, `GiB`, `TiB`); `B`/`byte(s)` are bytes. Percentages, exponents,
 * `none` and `-1` (unlimited) are refused.
 */
import { HeadroomError } from '../lib';
// Not '../store': its index loads DuckDB, and the desktop app's main process checks this setting too.
import { memoryLimitBytes } from '../store/memory-size';

export const MEMORY_LIMIT_ENV = 'HEADROOM_MEMORY_LIMIT';
/** Below this DuckDB has too little room for an import's staging next to its buffers. */
export const MIN_MEMORY_LIMIT_BYTES = 128e6;

export interface MemoryLimit {
  /** What DuckDB is given: whole bytes (`1610612736B`), so it reads exactly what was checked. */
  readonly setting: string;
  readonly bytes: number;
}

/**
 * Parses a size for `memory_limit`. `source` names where it came from in messages (`--memory-limit`
 * or `HEADROOM_MEMORY_LIMIT`).
 */
export function parseMemoryLimit(value: string, source: string): MemoryLimit {
  const shown = source.startsWith('--') ? `${source} "${value}"` : `${source}="${value}"`;
  const example = source.startsWith('--') ? `${source} 2GB` : `${source}=2GB`;
  const size = memoryLimitBytes(value);
  if (size === undefined) {
    throw new HeadroomError(
      'BAD_INPUT',
      `${shown} is not a memory size: give a number and a unit (KB, MB, GB, TB, or KiB, MiB, GiB, TiB), e.g. ${example} or ${source.startsWith('--') ? `${source} 1.5GiB` : `${source}=1.5GiB`}.`,
    );
  }
  const bytes = Math.floor(size);
  if (!Number.isSafeInteger(bytes)) throw new HeadroomError('BAD_INPUT', `${shown} is larger than any machine's memory: give the memory DuckDB may use, e.g. ${example}.`);
  if (bytes < MIN_MEMORY_LIMIT_BYTES) {
    throw new HeadroomError('BAD_INPUT', `${shown} is below the minimum of 128MB (DuckDB needs room for an import's staging next to its buffers): give at least 128MB, e.g. ${example}.`);
  }
  return { setting: `${bytes}B`, bytes };
}

export interface MemoryLimitInputs {
  /** The `--memory-limit` flag, if given. */
  readonly flag?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The DuckDB `memory_limit` to open the store with: `--memory-limit` (wins), else
 * `HEADROOM_MEMORY_LIMIT` (ignored when empty), else undefined (the store's default).
 */
export function resolveMemoryLimit(i: MemoryLimitInputs): string | undefined {
  if (i.flag !== undefined) return parseMemoryLimit(i.flag, '--memory-limit').setting;
  const env = i.env[MEMORY_LIMIT_ENV];
  if (env === undefined || env.trim() === '') return undefined;
  return parseMemoryLimit(env, MEMORY_LIMIT_ENV).setting;
}
