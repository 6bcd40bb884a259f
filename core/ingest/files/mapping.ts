/**
 * What a converter produces: one SQL expression per charges column over the raw VARCHAR relation,
 * plus the cell checks and row warnings the planner evaluates before it hands the SELECT over.
 */
import type { ChargeColumn } from '../../model';
import { HeadroomError } from '../../lib';
import { ISO_4217_CODES } from './currencies';
import type { SourceColumn } from './source';
import { dec, lit, notNumber, text, utcTimestamp } from './sql';

/** Header lookup: case-insensitive, surrounding spaces ignored, first match wins. */
export class SourceColumns {
  private readonly byKey = new Map<string, SourceColumn>();
  constructor(readonly list: readonly SourceColumn[]) {
    for (const c of list) {
      const k = c.name.trim().toLowerCase();
      if (!this.byKey.has(k)) this.byKey.set(k, c);
    }
  }
  /** The first column whose name matches one of `names` (aliases, in order of preference). */
  find(...names: readonly string[]): SourceColumn | undefined {
    for (const n of names) {
      const c = this.byKey.get(n.toLowerCase());
      if (c) return c;
    }
    return undefined;
  }
  has(...names: readonly string[]): boolean {
    return names.every((n) => this.byKey.has(n.toLowerCase()));
  }
  /** Columns whose (lower-cased) name starts with `prefix`. */
  withPrefix(prefix: string): SourceColumn[] {
    const p = prefix.toLowerCase();
    return this.list.filter((c) => c.name.toLowerCase().startsWith(p));
  }
}

/** A per-row condition that makes the file unimportable; the first offending cell is reported. */
export interface CellCheck {
  /** The source column the message names. */
  readonly column: string;
  /** SQL boolean, true on a bad row. */
  readonly bad: string;
  /** SQL for the offending cell's text, quoted in the message. */
  readonly cell: string;
  /** What is wrong with the quoted cell, e.g. "is not a number". */
  readonly problem: string;
  /** What the user can do. */
  readonly fix: string;
}

/** A per-row deviation that real exports have: counted and reported as a warning, not a failure. */
export interface RowWarning {
  /** SQL boolean, true on a warned row. */
  readonly when: string;
  /**
   * `when` as `(group) AND (record)`, where `group` reads the row's daily-grain key (category,
   * charge class…) and `record` its other cells (costs): a planner that groups records first counts
   * `record` per record and applies `group` once per group.
   */
  readonly split?: { readonly group: string; readonly record: string };
  readonly message: (count: number) => string;
}

/** The charges columns as SQL expressions; `Tags` is a JSON object text (or NULL) at this stage. */
export type ChargeExprs = Readonly<Record<ChargeColumn, string>>;

export interface ChargeMapping {
  readonly format: string;
  readonly exprs: ChargeExprs;
  readonly checks: readonly CellCheck[];
  readonly warnings: readonly RowWarning[];
  /** File-level warnings known from the header alone. */
  readonly notes: readonly string[];
}

export interface ConvertOptions {
  /**
   * ISO 4217 code to use where the file has no currency column, or where a currency cell is not an
   * ISO 4217 code (each such case is reported as a warning). Without it those files are refused.
   */
  readonly currency?: string;
}

/** One billing format family. `detect` looks at the header only; `map` builds the expressions. */
export interface Converter {
  readonly id: string;
  /** Null spellings of this source besides the empty cell (each also matched lower- and upper-cased, exactly). */
  readonly nulls?: readonly string[];
  detect(cols: SourceColumns): string | undefined;
  map(b: MappingBuilder, format: string): ChargeMapping;
}

const ISO_LIST_SQL = `[${ISO_4217_CODES.map(lit).join(', ')}]`;

/** DuckDB types a typed (Parquet) column may have that are read as numbers without text. */
const NUMERIC_TYPE = /^(DECIMAL\(\d+,\s*\d+\)|DOUBLE|FLOAT|REAL|U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))$/;

/** The typed column's SQL when it holds numbers, else undefined (read through its text). */
function typedNumber(c: SourceColumn): string | undefined {
  return c.typed && NUMERIC_TYPE.test(c.typed.type) ? c.typed.sql : undefined;
}

/**
 * Whether every value of a typed number column fits DECIMAL(38,12), so that the cast cannot fail:
 * integers up to 64 bits, and decimals with at most 26 integer digits (a larger scale is rounded to
 * 12, which never fails). Floating point (NaN, infinity, 1e300) and 128-bit integers can overflow.
 */
function alwaysFitsMoney(c: SourceColumn): boolean {
  const type = c.typed?.type ?? '';
  const d = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  if (d) return Number(d[1]) - Number(d[2]) <= 26;
  return /^U?(TINYINT|SMALLINT|INTEGER|BIGINT)$/.test(type);
}

/** The UTC day of a typed timestamp or date column, else undefined (read through its text). */
function typedDay(c: SourceColumn): string | undefined {
  const t = c.typed;
  if (!t) return undefined;
  if (t.type === 'DATE') return t.sql;
  if (t.type === 'TIMESTAMP WITH TIME ZONE') return `CAST(timezone('UTC', ${t.sql}) AS DATE)`;
  if (/^TIMESTAMP(_NS|_MS|_S)?$/.test(t.type)) return `CAST(${t.sql} AS DATE)`;
  return undefined;
}

/** Collects checks while a converter builds its expressions, so every cell it reads is validated. */
export class MappingBuilder {
  readonly checks: CellCheck[] = [];
  readonly warnings: RowWarning[] = [];
  readonly notes: string[] = [];
  constructor(
    readonly cols: SourceColumns,
    readonly file: string,
    readonly options: ConvertOptions,
    /** Null spellings of this source besides the empty cell. */
    readonly nulls: readonly string[] = [],
  ) {}

  col(...names: readonly string[]): SourceColumn | undefined {
    return this.cols.find(...names);
  }

  /** The header must have one of `names`; otherwise the file is refused at line 1. */
  require(what: string, ...names: readonly string[]): SourceColumn {
    const c = this.cols.find(...names);
    if (!c)
      throw new HeadroomError('BAD_FILE', `${this.file}, line 1: the header has no ${names.map((n) => `"${n}"`).join(' or ')} column, which ${what} needs. Re-export the file with that column.`, {
        location: { file: this.file, line: 1, column: names[0] ?? '' },
      });
    return c;
  }

  /** Text of a cell with the source's null spellings as NULL; NULL when no column matches. */
  text(...names: readonly string[]): string {
    const c = this.cols.find(...names);
    return c ? text(c.sql, this.nulls) : 'NULL::VARCHAR';
  }

  /** Text of a given column. */
  textOf(c: SourceColumn | undefined): string {
    return c ? text(c.sql, this.nulls) : 'NULL::VARCHAR';
  }

  /** A decimal column; cells that are not numbers are refused. `required`: an empty cell is refused too. */
  money(c: SourceColumn | undefined, required: boolean): string {
    if (!c) return 'NULL::DECIMAL(38,12)';
    const n = typedNumber(c);
    if (n !== undefined) return this.typedNumber(c, n, required);
    const t = text(c.sql, this.nulls);
    this.checks.push({
      column: c.name,
      bad: required ? `(${t} IS NULL OR ${notNumber(t)})` : notNumber(t),
      cell: `COALESCE(${c.sql}, '')`,
      problem: required ? 'is not a number (this column must hold a plain decimal in every row)' : 'is not a number',
      fix: 'Billing exports write plain decimals such as 1234.56 (no currency symbols or thousands separators): fix the cell or re-export the file.',
    });
    return dec(t);
  }

  /**
   * A quantity (not money): parsed as DOUBLE, then stored as DECIMAL. DuckDB's text→DECIMAL(38,12)
   * cast is slow for texts with more decimals than the scale (`2.000000000000000`), and usage
   * amounts need no exact decimal arithmetic. Cells that are not numbers are refused.
   */
  quantity(c: SourceColumn | undefined): string {
    if (!c) return 'NULL::DECIMAL(38,12)';
    const n = typedNumber(c);
    if (n !== undefined) return this.typedNumber(c, n, false);
    const t = text(c.sql, this.nulls);
    const d = `TRY_CAST(${t} AS DOUBLE)`;
    this.checks.push({
      column: c.name,
      bad: `(${t} IS NOT NULL AND (${d} IS NULL OR isnan(${d}) OR isinf(${d})))`,
      cell: `COALESCE(${c.sql}, '')`,
      problem: 'is not a number',
      fix: 'Fix the cell or re-export the file.',
    });
    return `TRY_CAST(${d} AS DECIMAL(38,12))`;
  }

  /**
   * A number column the file types itself (Parquet DECIMAL, DOUBLE, integers): cast straight to
   * DECIMAL(38,12), no text round trip. Refused: a value that does not fit (or NaN/infinity), and an
   * empty cell when `required`.
   */
  private typedNumber(c: SourceColumn, sql: string, required: boolean): string {
    // A type whose every value fits needs no TRY_CAST, and its check is only the empty cell (the
    // planner evaluates both per record: ~0.1–0.3 s per 10M records on the bench's four money columns).
    const fits = alwaysFitsMoney(c);
    const d = fits ? `CAST(${sql} AS DECIMAL(38,12))` : `TRY_CAST(${sql} AS DECIMAL(38,12))`;
    if (fits && !required) return d;
    this.checks.push({
      column: c.name,
      bad: required ? `(${fits ? sql : d} IS NULL)` : `(${sql} IS NOT NULL AND ${d} IS NULL)`,
      cell: `COALESCE(${c.sql}, '')`,
      problem: required ? 'is not a number that fits DECIMAL(38,12) (this column must hold a number in every row)' : 'is not a number that fits DECIMAL(38,12)',
      fix: 'Fix the cell or re-export the file.',
    });
    return d;
  }

  /** A required timestamp column, as its UTC day. Cells that are not ISO 8601 date-times are refused. */
  utcDay(c: SourceColumn): string {
    const typed = typedDay(c);
    if (typed !== undefined) {
      this.checks.push({ column: c.name, bad: `(${typed} IS NULL)`, cell: `COALESCE(${c.sql}, '')`, problem: 'is empty (this column must hold a date-time in every row)', fix: 'Fix the cell or re-export the file.' });
      return typed;
    }
    const t = text(c.sql, this.nulls);
    this.checks.push({
      column: c.name,
      bad: `(${utcTimestamp(t)} IS NULL)`,
      cell: `COALESCE(${c.sql}, '')`,
      problem: 'is not a date-time (expected ISO 8601, e.g. 2024-09-01T00:00:00Z)',
      fix: 'Fix the cell or re-export the file.',
    });
    return `CAST(${utcTimestamp(t)} AS DATE)`;
  }

  /** An optional timestamp column that must parse when present (e.g. ChargePeriodEnd). */
  checkTimestamp(c: SourceColumn | undefined): void {
    if (!c || typedDay(c) !== undefined) return;
    const t = text(c.sql, this.nulls);
    this.checks.push({
      column: c.name,
      bad: `(${t} IS NOT NULL AND ${utcTimestamp(t)} IS NULL)`,
      cell: `COALESCE(${c.sql}, '')`,
      problem: 'is not a date-time (expected ISO 8601, e.g. 2024-09-01T00:00:00Z)',
      fix: 'Fix the cell or re-export the file.',
    });
  }

  /** A required day column with a custom parse expression (over the cell text). */
  day(c: SourceColumn, parse: (t: string) => string, expected: string): string {
    const t = text(c.sql, this.nulls);
    this.checks.push({
      column: c.name,
      bad: `(${parse(t)} IS NULL)`,
      cell: `COALESCE(${c.sql}, '')`,
      problem: `is not a date (expected ${expected})`,
      fix: 'Fix the cell or re-export the file.',
    });
    return parse(t);
  }

  /**
   * The billing currency: an ISO 4217 code (upper-cased). A missing column or a cell that is not a
   * code is refused unless `options.currency` says what the currency is.
   */
  currency(...names: readonly string[]): string {
    const c = this.cols.find(...names);
    const override = this.options.currency;
    if (!c) {
      if (override) {
        this.notes.push(`The file has no ${names.map((n) => `"${n}"`).join('/')} column: every row was imported in ${override}, as --currency says.`);
        return lit(override);
      }
      throw new HeadroomError(
        'BAD_FILE',
        `${this.file}, line 1: the header has no ${names.map((n) => `"${n}"`).join(' or ')} column, so the currency of the costs is unknown. Re-export the file with its currency column, or pass --currency CODE (e.g. --currency USD) if you know it.`,
        { location: { file: this.file, line: 1, column: names[0] ?? '' } },
      );
    }
    const t = `upper(trim(${text(c.sql, this.nulls)}))`;
    const valid = `list_contains(${ISO_LIST_SQL}, ${t})`;
    if (override) {
      this.warnings.push({
        when: `NOT COALESCE(${valid}, false)`,
        message: (n) => `${n} row(s) have a "${c.name}" cell that is not an ISO 4217 currency code: imported in ${override}, as --currency says.`,
      });
      return `CASE WHEN COALESCE(${valid}, false) THEN ${t} ELSE ${lit(override)} END`;
    }
    this.checks.push({
      column: c.name,
      bad: `NOT COALESCE(${valid}, false)`,
      cell: `COALESCE(${c.sql}, '')`,
      problem: 'is not an ISO 4217 currency code',
      fix: 'Fix the cell, or pass --currency CODE (e.g. --currency USD) if you know the currency of the file.',
    });
    return t;
  }

  /** A JSON object text column for tags; text that is not a JSON object is refused. */
  tagsJson(t: string, column: string, cellSql: string): string {
    this.checks.push({
      column,
      bad: `(${t} IS NOT NULL AND NOT COALESCE(json_valid(${t}) AND starts_with(ltrim(${t}), '{'), false))`,
      cell: `COALESCE(${cellSql}, '')`,
      problem: 'is not a JSON object of tags',
      fix: 'Tags must look like {"key": "value"}: fix the cell or re-export the file.',
    });
    return t;
  }

  /** A per-row warning: `when` as one SQL boolean, or as a key part and a record part (see RowWarning.split). */
  warn(when: string | { readonly group: string; readonly record: string }, message: (count: number) => string): void {
    if (typeof when === 'string') this.warnings.push({ when, message });
    else this.warnings.push({ when: `((${when.group}) AND (${when.record}))`, split: when, message });
  }

  build(format: string, exprs: ChargeExprs): ChargeMapping {
    return { format, exprs, checks: this.checks, warnings: this.warnings, notes: this.notes };
  }
}
