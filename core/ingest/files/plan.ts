/**
 * The file-import planner: inspects a billing file, detects its format from the header, and reads it
 * in DuckDB (streaming): every cell mapped, cast and checked on the same row. A CSV or NDJSON file is
 * read once into a staged in-memory table of its mapped records (grouped to daily grain by the
 * returned SELECT, unless every record is already its own daily group). A Parquet file whose first
 * records hold several records per daily group (an hourly export) is read once into a staged table
 * already at daily grain; any other Parquet file (cheap to read twice) is only aggregated per
 * currency and staged nowhere, and the SELECT reads it again (without a GROUP BY when its records are
 * one per daily group). It returns a DuckDB SELECT that yields exactly the columns of CHARGE_COLUMNS
 * in order (over the staged table, or reading the Parquet file at daily grain itself); the store runs it inside its import transaction, and the
 * caller drops any staged table with `releaseFileImport`. No row of the file ever sits in JavaScript
 * memory, and a refused file is read once more only to name its first bad cell.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { HeadroomError, isHeadroomError, type Day } from '../../lib';
import { CHARGE_COLUMNS, type ChargeColumn } from '../../model';
import { firstBadJsonLine, linesBeforeGzipError, physicalLineOfRecord, scanCsvShape } from './csv-text';
import { detectFormat } from './detect';
import { MappingBuilder, SourceColumns, type ChargeMapping, type ConvertOptions, type RowWarning } from './mapping';
import { openRawSource, type RawSource, type ReadOptions } from './source';
import { DECIMAL, ident } from './sql';

/** Cost totals of one currency in a file, as exact decimal strings. */
export interface FileTotal {
  readonly currency: string;
  readonly billedCost: string;
  readonly effectiveCost: string;
}

export interface FileImportPlan {
  /** The path as given. */
  readonly file: string;
  /** The detected format, e.g. `focus-1.0`, `aws-cur-legacy`, `azure-ea`, `gcp-bigquery-export`. */
  readonly format: string;
  /** DuckDB SELECT yielding exactly CHARGE_COLUMNS, in order, one row per day and dimension set. */
  readonly selectSql: string;
  /** Data records in the file (the header is not counted). */
  readonly rowsRead: number;
  /** First charge day and the day after the last one (exclusive end), or null for a file without rows. */
  readonly period: { readonly start: Day; readonly end: Day } | null;
  /** Billed and effective cost per currency, as the SELECT will yield them. */
  readonly totals: readonly FileTotal[];
  /** Deviations the file has that were tolerated (each says what was done). */
  readonly warnings: readonly string[];
  /** Parameters `selectSql` needs bound (a Parquet file read again: `file`, its path; none for a staged file); the SQL holds no file name. */
  readonly params: Readonly<Record<string, string>>;
  /**
   * The staged table `selectSql` reads (in the instance-wide in-memory database `hr_import_stage`):
   * the file's records read, mapped and validated in one pass (CSV and NDJSON: not yet grouped, `selectSql` groups them;
   * hourly-like Parquet: already at daily grain). Drop it with `releaseFileImport` once the store has run `selectSql`
   * (or given up). For a Parquet file read again by `selectSql` nothing is staged (dropping it is a no-op).
   */
  readonly stagingTable: string;
  /** SHA-256 of the file's bytes (hex), for idempotent re-imports. */
  readonly contentSha256: string;
  /** The file's size and modification time when planning began (see `assertFileUnchanged`). */
  readonly fileStat: FileStat;
}

export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Throws BAD_FILE when the file's size or modification time differ from `since` (the plan's): the
 * plan's hash, checks and totals describe the bytes it read, and a Parquet import's INSERT reads
 * the file again, so a file rewritten in between (an export still being downloaded or replaced)
 * must not be committed. Call it inside the import transaction, before the commit.
 */
export async function assertFileUnchanged(path: string, file: string, since: FileStat): Promise<void> {
  const now = await stat(path).catch(() => undefined);
  if (now && now.size === since.size && now.mtimeMs === since.mtimeMs) return;
  throw new HeadroomError(
    'BAD_FILE',
    `${file}: the file changed while it was being imported (${now ? 'its size or modification time differ from when it was read' : 'it is gone'}). Nothing of it was imported: import it again once it is complete.`,
    { location: { file } },
  );
}

export interface PlanOptions extends ConvertOptions {
  /** How the file is named in messages and in the plan (defaults to the path). */
  readonly displayName?: string;
}

/** SHA-256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) h.update(chunk);
  return h.digest('hex');
}

const MONEY_SUM = (e: string): string => `CAST(sum(${e}) AS ${DECIMAL})`;

/** The in-memory database (attached once per DuckDB instance, shared by its connections) holding staged files. */
const STAGE_DB = 'hr_import_stage';
const SUMMED: ReadonlySet<ChargeColumn> = new Set<ChargeColumn>(['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity']);

/**
 * Parquet whose records are not one per daily group: the mapped records aggregated to daily grain
 * (sums per key). Tags stay JSON text until `finalSelect`.
 */
function stageSelect(source: RawSource, mapping: ChargeMapping): string {
  const inner = mappedSelect(source, mapping, {}, false);
  return `SELECT\n  ${DAILY_COLUMNS.join(',\n  ')}\nFROM (\n  ${inner}\n) AS mapped\nGROUP BY ${KEY_COLUMNS.join(', ')}`;
}

/** The daily-grain key columns: every charges column except the summed ones. */
const KEY_COLUMNS = CHARGE_COLUMNS.filter(([name]) => !SUMMED.has(name)).map(([name]) => ident(name));

/** CHARGE_COLUMNS of a GROUP BY over KEY_COLUMNS: keys typed, money summed, Tags still JSON text. */
const DAILY_COLUMNS = CHARGE_COLUMNS.map(([name, type]) => {
  if (SUMMED.has(name)) return `${MONEY_SUM(ident(name))} AS ${ident(name)}`;
  if (name === 'Tags') return `"Tags"`;
  return `CAST(${ident(name)} AS ${type}) AS ${ident(name)}`;
});

/**
 * The figures per currency (records, day span, cost totals, failing and warned records) of a staged
 * table; `records` is its record count expression, `count(flag)` counts a flag column's records.
 */
function stagedFigureColumns(m: ChargeMapping, records: string, count: (flag: string) => string): string[] {
  return [
    'BillingCurrency AS currency',
    `${records} AS n`,
    'CAST(min(ChargePeriodStart) AS VARCHAR) AS start',
    'CAST(max(ChargePeriodStart) AS VARCHAR) AS last',
    `CAST(${MONEY_SUM('BilledCost')} AS VARCHAR) AS billed`,
    `CAST(${MONEY_SUM('EffectiveCost')} AS VARCHAR) AS effective`,
    `${count('__bad')} AS bad`,
    ...m.warnings.map((_w, i) => `${count(`__w${i}`)} AS w${i}`),
  ];
}

/**
 * Runs `fn` with DuckDB free to drop row order: a staged table's order means nothing (a refused file
 * is read again to find its first bad cell), and without it DuckDB appends from every thread at once
 * instead of buffering batches to keep file order. The setting is per connection and not
 * transactional: reset whatever happens.
 */
async function withoutInsertionOrder(conn: DuckDBConnection, fn: () => Promise<unknown>): Promise<void> {
  await conn.run(`SET preserve_insertion_order = false`);
  try {
    await fn();
  } finally {
    await conn.run(`RESET preserve_insertion_order`);
  }
}

/**
 * Parquet whose records are already one per daily group (`directFigures` proved it): the mapped
 * records as they are, typed like `stageSelect`'s output, without its GROUP BY. Each group holding one
 * record, its sums are the record's own values, so the rows are exactly the ones the GROUP BY would
 * yield; skipping the hash aggregation saves ~1 CPU s per million records (core/store/README.md).
 */
function recordSelect(source: RawSource, mapping: ChargeMapping): string {
  const outer = CHARGE_COLUMNS.map(([name, type]) => (name === 'Tags' ? `"Tags"` : `CAST(${ident(name)} AS ${SUMMED.has(name) ? DECIMAL : type}) AS ${ident(name)}`));
  return `SELECT\n  ${outer.join(',\n  ')}\nFROM (\n  ${mappedSelect(source, mapping, {}, false)}\n) AS mapped`;
}

/** Records `directFigures` first looks at to tell whether a file may already be at daily grain. */
const DISTINCT_SAMPLE = 100_000;

/** Every record of the file mapped to CHARGE_COLUMNS, with (when `flags`) `__bad` and `__w<i>` per record (`read.rowNumber`: the relation's `__rn` can be filtered on). */
function mappedSelect(source: RawSource, mapping: ChargeMapping, read: StageRead & { rowNumber?: boolean }, flags: boolean): string {
  const inner = CHARGE_COLUMNS.map(([name]) => `${mapping.exprs[name]} AS ${ident(name)}`);
  if (flags) {
    const bad = mapping.checks.length > 0 ? mapping.checks.map((c) => `(${c.bad})`).join(' OR ') : 'false';
    inner.push(`${bad} AS __bad`, ...mapping.warnings.map((w, i) => `(${w.when}) AS __w${i}`));
  }
  return `SELECT\n    ${inner.join(',\n    ')}\n  FROM ${source.relation(read)}`;
}

/**
 * Parquet only: the file's figures per currency (records, day span, cost totals, failing and warned
 * records) in one streaming aggregate over the mapped records, without staging them. Reading a
 * Parquet file again is cheap (columnar, compressed), so the store's INSERT reads it a second time
 * straight into `charges` rather than the planner materialising every daily row in a staged table
 * first (for a file of distinct daily rows that doubled the rows written). CSV and NDJSON are staged
 * (`stage`): parsing them is the expensive part, so they are read once. With `tryDistinct` (the
 * first records share no daily group) it also counts distinct key hashes over the whole file: as many
 * as records proves every record its own daily group, and the INSERT then skips its GROUP BY.
 */
async function directFigures(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, tryDistinct: boolean): Promise<{ agg: Aggregate[]; oneRecordPerGroup: boolean }> {
  // Nothing is staged, but `releaseFileImport` (and the refusal path) drop the plan's table name in the stage database.
  await conn.run(`ATTACH IF NOT EXISTS ':memory:' AS ${STAGE_DB}`);
  const keyHash = `hash(${KEY_COLUMNS.join(', ')})`;
  const cols = [
    `CAST("BillingCurrency" AS VARCHAR) AS currency`,
    'count(*) AS n',
    `CAST(min(CAST("ChargePeriodStart" AS DATE)) AS VARCHAR) AS start`,
    `CAST(max(CAST("ChargePeriodStart" AS DATE)) AS VARCHAR) AS last`,
    `CAST(${MONEY_SUM('"BilledCost"')} AS VARCHAR) AS billed`,
    `CAST(${MONEY_SUM('"EffectiveCost"')} AS VARCHAR) AS effective`,
    'count_if(__bad) AS bad',
    ...m.warnings.map((_w, i) => `count_if(__w${i}) AS w${i}`),
    // The key includes the currency, so the per-currency counts add up to the file's.
    ...(tryDistinct ? [`count(DISTINCT ${keyHash}) AS keys`] : []),
  ];
  const r = await conn.runAndReadAll(`SELECT ${cols.join(', ')} FROM (${mappedSelect(source, m, {}, true)}) AS mapped GROUP BY 1`, { file: source.path });
  const rows = r.getRowObjectsJson();
  const oneRecordPerGroup = tryDistinct && rows.every((row) => Number(row['keys']) === Number(row['n']));
  return { agg: aggregates(rows, m), oneRecordPerGroup };
}

/**
 * A Parquet file whose first records hold at least this many records per daily group on average (an
 * hourly export: up to 24) is staged at daily grain in one read (`stageGrouped`); with fewer it is
 * checked and then grouped by the store's INSERT, both reading the file. Staging writes every daily
 * row twice (staged, then stored) but reads the file once: measured at 24 records per group it takes
 * a third off a 10M-record import, at 2 it added ~40 % (core/store/README.md, "Hourly Parquet in one read").
 */
const STAGE_GROUPED_MIN_RECORDS_PER_GROUP = 4;

/**
 * Parquet only: the records and distinct daily keys among the first records. Equal keys hash
 * equally, so as many distinct key hashes as records means that no two of them share a daily group
 * (a hash collision only makes the file look grouped, which is safe); fewer tells roughly how many
 * records a daily group holds. It settles the common case of an hourly export before the whole file
 * is hashed.
 */
async function sampleKeys(conn: DuckDBConnection, source: RawSource, m: ChargeMapping): Promise<{ records: number; keys: number }> {
  const keyHash = `hash(${KEY_COLUMNS.join(', ')})`;
  const first = `${mappedSelect(source, m, { rowNumber: true }, false)} WHERE __rn <= ${DISTINCT_SAMPLE}`;
  const r = await conn.runAndReadAll(`SELECT count(*) AS records, count(DISTINCT ${keyHash}) AS keys FROM (${first}) AS mapped`, { file: source.path });
  const row = r.getRowObjectsJson()[0] ?? {};
  return { records: Number(row['records'] ?? 0), keys: Number(row['keys'] ?? 0) };
}

/** The raw relation's column names (`"c<i>"`, `"t<i>"` for typed Parquet columns) that a mapping expression reads. */
function rawRefs(source: RawSource, sql: string): string[] {
  return source.columns.map((c) => c.typed?.sql ?? c.sql).filter((name) => sql.includes(name));
}

/**
 * Parquet whose records share daily groups (an hourly export): read once into a staged table of
 * daily-grain rows, each with its record, failing-record and warned-record counts; the figures come
 * from that table (a 24th of the file's records for an hourly export), and the store's INSERT reads
 * it rather than the file, so the file is read once, not twice (checks, then the INSERT's GROUP BY).
 *
 * The read aggregates the raw cells, not the mapped ones: records are grouped by the raw columns the
 * key expressions read (and by the mapped charge day, which turns hourly timestamps into days), with
 * sums of the mapped money, record counts, and counts of the checks and warnings that read anything
 * else (the money cells, the timestamps). The key expressions, and the checks and warnings that read
 * key columns only, then run once per group instead of once per record, and a second GROUP BY merges
 * groups whose raw keys map to the same charge (`''` and `NULL`, `usage` and `Usage`). Every key
 * expression is a function of the raw cells it reads, so the rows, sums and counts are exactly the
 * one-level aggregation's (core/store/README.md has the figures).
 */
async function stageGrouped(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, table: string): Promise<Aggregate[]> {
  await conn.run(`ATTACH IF NOT EXISTS ':memory:' AS ${STAGE_DB}`);
  await conn.run(`DROP TABLE IF EXISTS ${table}`);
  const day: ChargeColumn = 'ChargePeriodStart';
  const keyNames = CHARGE_COLUMNS.filter(([name]) => !SUMMED.has(name)).map(([name]) => name);
  const rawKeys = [...new Set(keyNames.filter((k) => k !== day).flatMap((k) => rawRefs(source, m.exprs[k])))];
  const rawKeySet = new Set(rawKeys);
  const perGroup = (sql: string): boolean => rawRefs(source, sql).every((r) => rawKeySet.has(r));
  const groupChecks = m.checks.filter((c) => perGroup(c.bad)).map((c) => `(${c.bad})`);
  const recordChecks = m.checks.filter((c) => !perGroup(c.bad)).map((c) => `(${c.bad})`);
  // A warning is counted per group when it reads key columns only; one split into a key part and a
  // record part has the record part counted per record and the key part applied per group.
  const warnAt = (w: RowWarning): 'group' | 'split' | 'record' => (perGroup(w.when) ? 'group' : w.split && perGroup(w.split.group) ? 'split' : 'record');
  const first = [
    ...rawKeys,
    `${m.exprs[day]} AS __day`,
    ...[...SUMMED].map((s) => `${MONEY_SUM(m.exprs[s])} AS ${ident(s)}`),
    'count(*) AS __n',
    `count_if(${recordChecks.length > 0 ? recordChecks.join(' OR ') : 'false'}) AS __rbad`,
    ...m.warnings.map((w, i) => `${warnAt(w) === 'group' ? 'NULL' : `count_if(${warnAt(w) === 'split' ? w.split?.record : w.when})`} AS __w${i}`),
  ];
  const groupBy = [...rawKeys.map((_k, i) => String(i + 1)), String(rawKeys.length + 1)];
  const l1 = `SELECT ${first.join(', ')} FROM ${source.relation({})} GROUP BY ${groupBy.join(', ')}`;
  const mapped = [
    ...keyNames.map((k) => `${k === day ? '__day' : m.exprs[k]} AS ${ident(k)}`),
    ...[...SUMMED].map((s) => ident(s)),
    '__n',
    groupChecks.length > 0 ? `CASE WHEN ${groupChecks.join(' OR ')} THEN __n ELSE __rbad END AS __bad` : '__rbad AS __bad',
    ...m.warnings.map((w, i) => {
      const at = warnAt(w);
      if (at === 'group') return `CASE WHEN ${w.when} THEN __n ELSE 0 END AS __w${i}`;
      return at === 'split' ? `CASE WHEN ${w.split?.group} THEN __w${i} ELSE 0 END AS __w${i}` : `__w${i}`;
    }),
  ];
  const counts = ['sum(__n) AS __n', 'sum(__bad) AS __bad', ...m.warnings.map((_w, i) => `sum(__w${i}) AS __w${i}`)];
  await withoutInsertionOrder(conn, () =>
    conn.run(
      `CREATE TABLE ${table} AS SELECT ${[...DAILY_COLUMNS, ...counts].join(', ')} FROM (SELECT ${mapped.join(', ')} FROM (${l1}) AS raw) AS mapped GROUP BY ${KEY_COLUMNS.join(', ')}`,
      { file: source.path },
    ),
  );
  const cols = stagedFigureColumns(m, 'sum(__n)', (flag) => `sum(${flag})`);
  const r = await conn.runAndReadAll(`SELECT ${cols.join(', ')} FROM ${table} GROUP BY 1`);
  return aggregates(r.getRowObjectsJson(), m);
}

/**
 * `stageGrouped`, or undefined when DuckDB runs out of memory doing it: its grouped read and staged
 * table need more memory than the two-read path, whose INSERT groups the file straight into the store
 * (at memory_limit 128MB a 10M-record hourly file ran out staged and imports in two reads), so
 * the caller falls back to that path.
 */
async function stageGroupedUnlessOutOfMemory(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, table: string): Promise<Aggregate[] | undefined> {
  try {
    return await stageGrouped(conn, source, m, table);
  } catch (e) {
    if (!/^Out of Memory Error/.test(e instanceof Error ? e.message : String(e))) throw e;
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
    return undefined;
  }
}

function aggregates(rows: Record<string, unknown>[], m: ChargeMapping): Aggregate[] {
  return rows.map((row) => ({
    currency: row['currency'] === null ? null : String(row['currency']),
    n: Number(row['n']),
    start: row['start'] === null ? null : String(row['start']),
    last: row['last'] === null ? null : String(row['last']),
    billed: row['billed'] === null ? null : String(row['billed']),
    effective: row['effective'] === null ? null : String(row['effective']),
    bad: Number(row['bad']),
    warns: m.warnings.map((_w, i) => Number(row[`w${i}`])),
    ...(row['keys'] === undefined ? {} : { keys: Number(row['keys']) }),
  }));
}

/** The SELECT handed to the store: the staged rows as CHARGE_COLUMNS in order, Tags as MAP(VARCHAR, VARCHAR). */
function finalSelect(from: string): string {
  const cols = CHARGE_COLUMNS.map(([name]) =>
    name === 'Tags' ? `COALESCE(json_transform("Tags", '"MAP(VARCHAR, VARCHAR)"'), MAP()::MAP(VARCHAR, VARCHAR)) AS "Tags"` : ident(name),
  );
  return `SELECT ${cols.join(', ')} FROM ${from}`;
}

type StageRead = ReadOptions & { rejects?: { table: string; scan: string } };

interface Aggregate {
  readonly currency: string | null;
  readonly n: number;
  readonly start: string | null;
  readonly last: string | null;
  readonly billed: string | null;
  readonly effective: string | null;
  /** Records failing any cell check. */
  readonly bad: number;
  readonly warns: number[];
  /** Distinct daily-grain key hashes (when counted): equal to `n` when every record is its own daily group. */
  readonly keys?: number;
}

/** The staged records' columns: CHARGE_COLUMNS typed as `stageSelect` yields them (Tags still JSON text), then `__bad`, `__w<i>`. */
function typedRecordColumns(m: ChargeMapping): string[] {
  const cols = CHARGE_COLUMNS.map(([name, type]) => (name === 'Tags' ? `"Tags"` : `CAST(${ident(name)} AS ${SUMMED.has(name) ? DECIMAL : type}) AS ${ident(name)}`));
  return [...cols, '__bad', ...m.warnings.map((_w, i) => `__w${i}`)];
}

/**
 * (Re)creates the staged table from the file and returns its figures per currency. The table holds
 * the file's records, mapped, typed and flagged, not yet grouped: writing them is a streaming append
 * that DuckDB spills freely. Grouping them to daily grain while reading the file did not scale: the
 * hash aggregation of a file of (nearly) distinct daily rows — 23 text keys per row — takes ~90 % of
 * `memory_limit` and spills gigabytes, while DuckDB's bookkeeping for the spilled data (~5 % of it,
 * outside the aggregation's share) and the CSV reader's buffers must fit in the rest: a 10M-row CSV
 * ran out of memory at 1 GB in one run of two (core/store/README.md, "CSV at the memory limit").
 * The figures' `keys` (distinct key hashes) tell the final SELECT whether it must group at all.
 */
async function stage(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, read: StageRead, table: string): Promise<Aggregate[]> {
  await conn.run(`ATTACH IF NOT EXISTS ':memory:' AS ${STAGE_DB}`);
  await conn.run(`DROP TABLE IF EXISTS ${table}`);
  await withoutInsertionOrder(conn, () =>
    conn.run(`CREATE TABLE ${table} AS SELECT ${typedRecordColumns(m).join(', ')} FROM (${mappedSelect(source, m, read, true)}) AS mapped`, { file: source.path }),
  );
  const cols = [
    ...stagedFigureColumns(m, 'count(*)', (flag) => `count_if(${flag})`),
    // Equal keys hash equally, so as many distinct hashes as records proves every record is its own
    // daily group (a collision only makes the file look grouped, which is safe). The key includes
    // the currency, so the per-currency counts add up to the file's.
    `count(DISTINCT hash(${KEY_COLUMNS.join(', ')})) AS keys`,
  ];
  const r = await conn.runAndReadAll(`SELECT ${cols.join(', ')} FROM ${table} GROUP BY 1`);
  return aggregates(r.getRowObjectsJson(), m);
}

/** The staged records at daily grain: as they are when each is its own daily group, else grouped (sums per key). */
function stagedDaily(table: string, ungrouped: boolean): string {
  if (ungrouped) return `SELECT ${CHARGE_COLUMNS.map(([name]) => ident(name)).join(', ')} FROM ${table}`;
  const cols = CHARGE_COLUMNS.map(([name]) => (SUMMED.has(name) ? `${MONEY_SUM(ident(name))} AS ${ident(name)}` : ident(name)));
  return `SELECT ${cols.join(', ')} FROM ${table} GROUP BY ${KEY_COLUMNS.join(', ')}`;
}

/** Drops the staged table of a plan (after the store ran its SELECT, or gave up). Safe to call twice. */
export async function releaseFileImport(conn: DuckDBConnection, plan: Pick<FileImportPlan, 'stagingTable'>): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${plan.stagingTable}`);
}

/** Finds the first bad cell of the failing checks and throws the HeadroomError that names it. */
async function reportFirstBadCell(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, file: string, read: ReadOptions): Promise<never> {
  const failing = m.checks.map((_c, i) => i);
  const firsts = failing.map((i) => `min(CASE WHEN ${m.checks[i]?.bad} THEN __rn END) AS r${i}`);
  const r = await conn.runAndReadAll(`SELECT ${firsts.join(', ')} FROM ${source.relation({ ...read, rowNumber: true })}`, { file: source.path });
  const row = r.getRowObjectsJson()[0] ?? {};
  let best: { i: number; rn: number } | undefined;
  for (const i of failing) {
    const v = row[`r${i}`];
    if (v === null || v === undefined) continue;
    const rn = Number(v);
    if (!best || rn < best.rn) best = { i, rn };
  }
  if (!best) throw new Error('a check failed in the aggregate but no failing row was found');
  const check = m.checks[best.i];
  if (!check) throw new Error('check index out of range');
  const cellR = await conn.runAndReadAll(`SELECT CAST(${check.cell} AS VARCHAR) AS cell FROM ${source.relation({ ...read, rowNumber: true })} WHERE __rn = ${best.rn}`, { file: source.path });
  const cell = String(cellR.getRowObjectsJson()[0]?.['cell'] ?? '');
  const line = source.kind === 'csv' ? await physicalLineOfRecord(source.path, source.gzip, best.rn) : best.rn;
  const unit = source.kind === 'parquet' ? 'row' : 'line';
  throw new HeadroomError('BAD_INPUT', `${file}, ${unit} ${line}, column "${check.column}": ${JSON.stringify(cell)} ${check.problem}. ${check.fix}`, {
    location: { file, line, column: check.column },
  });
}

/** Throws the HeadroomError naming the line (and CSV column) where a gzip stream is cut off or corrupt. */
async function assertGzipComplete(source: RawSource, file: string): Promise<void> {
  const g = await linesBeforeGzipError(source.path);
  if (g.error === undefined) return;
  const line = g.lines + 1;
  const column = source.kind === 'csv' ? source.columns[g.cell]?.name : undefined;
  throw new HeadroomError(
    'BAD_FILE',
    `${file}, line ${line}${column === undefined ? '' : `, column "${column}"`}: the gzip data is cut off or corrupt here (${g.error}); the data before it was readable. The download was probably incomplete: download the file again.`,
    { location: { file, line, ...(column === undefined ? {} : { column }) } },
  );
}

/** Turns a DuckDB read error into a HeadroomError that names the file and, where known, the line. */
async function readError(e: unknown, source: RawSource, file: string): Promise<HeadroomError> {
  if (isHeadroomError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (source.gzip) await assertGzipComplete(source, file);
  if (source.kind === 'ndjson') {
    const bad = await firstBadJsonLine(source.path, source.gzip);
    if (bad) {
      return new HeadroomError('BAD_FILE', `${file}, line ${bad.line}: this line ${bad.problem}. Newline-delimited JSON exports hold one JSON object per line: fix the line or re-export the file.`, {
        location: { file, line: bad.line },
        cause: e,
      });
    }
  }
  const first = msg.split('\n')[0] ?? msg;
  // Not the file's fault: say so rather than suggest the file is broken.
  if (/^Out of Memory Error/.test(first)) {
    return new HeadroomError(
      'UNAVAILABLE',
      `${file}: DuckDB ran out of its working memory (memory_limit) while reading this file (${first}); nothing of it was imported. The file itself may be fine: retry once other imports or queries have finished, or give DuckDB more memory with --memory-limit or HEADROOM_MEMORY_LIMIT (e.g. 2GB; default 768MB).`,
      { location: { file }, cause: e },
    );
  }
  const m = /CSV Error on Line: (\d+)/.exec(msg);
  const detail = /Original Line:[\s\S]*?\n(.*?)\n/.exec(msg)?.[1];
  if (m) {
    const line = Number(m[1]);
    return new HeadroomError('BAD_FILE', `${file}, line ${line}: this line is not valid CSV (${first.replace(/^.*?Error: /, '')}${detail ? `; ${detail}` : ''}). Fix the line or re-export the file.`, { location: { file, line }, cause: e });
  }
  return new HeadroomError('BAD_FILE', `${file}: the file cannot be read as ${source.kind === 'parquet' ? 'Parquet' : source.kind === 'ndjson' ? 'newline-delimited JSON' : 'CSV'} (${first}). Check that it is a complete billing export.`, {
    location: { file },
    cause: e,
  });
}

interface Reject {
  readonly line: number;
  readonly columnIdx: number;
  readonly type: string;
  readonly message: string;
}

/** Stages a CSV file with malformed rows recorded in a rejects table instead of failing the read. */
async function csvPass(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, table: string): Promise<{ agg: Aggregate[]; rejects: Reject[] }> {
  const id = randomUUID().replaceAll('-', '');
  const rejects = { table: `headroom_rejects_${id}`, scan: `headroom_scans_${id}` };
  try {
    const agg = await stage(conn, source, m, { rejects }, table);
    const r = await conn.runAndReadAll(`SELECT line, column_idx, error_type, error_message FROM ${ident(rejects.table)} ORDER BY line`);
    const rows = r.getRowObjectsJson().map((x) => ({ line: Number(x['line']), columnIdx: Number(x['column_idx']), type: String(x['error_type']), message: String(x['error_message']) }));
    return { agg, rejects: rows };
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${ident(rejects.table)}`).catch(() => undefined);
    await conn.run(`DROP TABLE IF EXISTS ${ident(rejects.scan)}`).catch(() => undefined);
  }
}

function tooManyCells(file: string, line: number, cells: string | number, source: RawSource): HeadroomError {
  const lastCol = source.columns[source.columns.length - 1]?.name ?? '';
  return new HeadroomError(
    'BAD_INPUT',
    `${file}, line ${line}, column ${cells} (after the last header column "${lastCol}"): this row has ${cells} cells but the header has ${source.columns.length} columns. A cell probably holds an unquoted comma: quote it or re-export the file.`,
    { location: { file, line, column: lastCol } },
  );
}

function cutOffRow(file: string, line: number, cells: string | number, columnIdx: number, source: RawSource): HeadroomError {
  const col = source.columns[columnIdx]?.name ?? '?';
  return new HeadroomError('BAD_INPUT', `${file}, line ${line}, column "${col}": this row has ${cells} cells but the header has ${source.columns.length} columns (the row is cut off from column "${col}" on). Re-export the file.`, {
    location: { file, line, column: col },
  });
}

/**
 * The structure + content pass of a CSV file. Malformed rows are refused with their line; rows one
 * cell short are read with null padding (warning). Files DuckDB's strict parser cannot read because
 * their line endings are mixed are checked record by record in JS and read in non-strict mode.
 */
async function readCsvStructure(conn: DuckDBConnection, source: RawSource, mapping: ChargeMapping, file: string, table: string): Promise<{ agg: Aggregate[]; read: ReadOptions; warnings: string[] }> {
  const lastCol = source.columns[source.columns.length - 1]?.name ?? '';
  const oneShortWarning = (n: string | number, line: number | undefined): string =>
    `${n} row(s) (first at line ${line ?? '?'}) have one cell fewer than the header: the trailing column "${lastCol}" was taken as empty.`;
  let pass: { agg: Aggregate[]; rejects: Reject[] };
  try {
    pass = await csvPass(conn, source, mapping, table);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (!msg.includes('state machine reached an invalid state')) throw e;
    const shape = await scanCsvShape(source.path, source.gzip, source.columns.length);
    if (shape.tooMany) throw tooManyCells(file, shape.tooMany.line, shape.tooMany.cells, source);
    if (shape.tooFew) throw cutOffRow(file, shape.tooFew.line, shape.tooFew.cells, shape.tooFew.cells, source);
    if (shape.crlf === 0 || shape.lf === 0) throw e;
    const read: ReadOptions = { lenient: true, nullPadding: shape.oneShort > 0 };
    const warnings = [`The file mixes CRLF and LF line endings (${shape.crlf} and ${shape.lf} lines): every record was checked against the header and the file was read leniently.`];
    if (shape.oneShort > 0) warnings.push(oneShortWarning(shape.oneShort, shape.firstOneShortLine));
    return { agg: await stage(conn, source, mapping, read, table), read, warnings };
  }
  const fatal = pass.rejects.find((r) => !(r.type === 'MISSING COLUMNS' && r.columnIdx === source.columns.length - 1));
  if (fatal) {
    const found = /Found: (\d+)/.exec(fatal.message)?.[1] ?? '?';
    if (fatal.type === 'TOO MANY COLUMNS') throw tooManyCells(file, fatal.line, found, source);
    if (fatal.type === 'MISSING COLUMNS') throw cutOffRow(file, fatal.line, found, fatal.columnIdx, source);
    throw new HeadroomError('BAD_INPUT', `${file}, line ${fatal.line}: this line is not valid CSV (${fatal.type.toLowerCase()}: ${fatal.message}). Fix the line or re-export the file.`, { location: { file, line: fatal.line } });
  }
  if (pass.rejects.length === 0) return { agg: pass.agg, read: {}, warnings: [] };
  // Read again with null padding (any other malformed row fails this read with its line); the rows
  // the strict pass skipped are exactly the ones one cell short.
  const read: ReadOptions = { nullPadding: true };
  const agg = await stage(conn, source, mapping, read, table);
  const count = (a: Aggregate[]): number => a.reduce((s, x) => s + x.n, 0);
  return { agg, read, warnings: [oneShortWarning(count(agg) - count(pass.agg), pass.rejects[0]?.line)] };
}

/**
 * Plans the import of one billing file: detects the format, validates it, and returns the SELECT
 * the store runs. Throws a HeadroomError naming the file, line and column for input it refuses.
 */
export async function planFileImport(conn: DuckDBConnection, path: string, options: PlanOptions = {}): Promise<FileImportPlan> {
  const file = options.displayName ?? path;
  const before = await stat(path).catch(() => undefined);
  const opened = await openRawSource(conn, path, file);
  const cols = new SourceColumns(opened.columns);
  const { converter, format } = detectFormat(cols, file);
  // The source's own null spellings: handled by the CSV reader when it can, else in SQL per cell.
  const nulls = [...new Set((converter.nulls ?? []).flatMap((n) => [n, n.toLowerCase(), n.toUpperCase()]))];
  const readerNulls = nulls.length > 0 ? opened.withNullStrings(nulls) : undefined;
  const source = readerNulls ?? opened;
  const builder = new MappingBuilder(cols, file, options, readerNulls ? [] : nulls);
  const mapping = converter.map(builder, format);
  const warnings: string[] = [...mapping.notes];
  // Hashing and (for gzip) checking the whole compressed stream run in JS while DuckDB validates:
  // DuckDB reads a truncated gzip stream up to the cut without complaint, so the plan is only
  // returned (or a bad cell reported) once zlib has verified the trailer's CRC and length.
  const sha = fileSha256(path);
  const gzipCheck = opened.gzip ? assertGzipComplete(opened, file) : Promise.resolve();
  sha.catch(() => undefined);
  gzipCheck.catch(() => undefined);

  const table = `${STAGE_DB}.main.${ident(`file_${randomUUID().replaceAll('-', '')}`)}`;
  try {
    let agg: Aggregate[];
    let read: ReadOptions = {};
    let direct = false;
    let grouped = false;
    let ungrouped = false;
    try {
      if (source.kind === 'csv') {
        const r = await readCsvStructure(conn, source, mapping, file, table);
        agg = r.agg;
        read = r.read;
        warnings.push(...r.warnings);
      } else if (source.kind === 'parquet') {
        const sample = await sampleKeys(conn, source, mapping);
        const staged =
          sample.keys > 0 && sample.records >= STAGE_GROUPED_MIN_RECORDS_PER_GROUP * sample.keys ? await stageGroupedUnlessOutOfMemory(conn, source, mapping, table) : undefined;
        if (staged) {
          agg = staged;
          grouped = true;
        } else {
          const d = await directFigures(conn, source, mapping, sample.keys === sample.records);
          agg = d.agg;
          ungrouped = d.oneRecordPerGroup;
          direct = true;
        }
      } else {
        agg = await stage(conn, source, mapping, {}, table);
      }
    } catch (e) {
      await gzipCheck;
      throw await readError(e, source, file);
    }
    await gzipCheck;
    if (!direct && !grouped) ungrouped = agg.every((a) => a.keys === a.n);

    if (agg.some((a) => a.bad > 0)) {
      // Only a refused file pays for this second read: it finds the first bad record in file order.
      await conn.run(`DROP TABLE IF EXISTS ${table}`);
      try {
        await reportFirstBadCell(conn, source, mapping, file, read);
      } catch (e) {
        throw await readError(e, source, file);
      }
    }

    mapping.warnings.forEach((w, i) => {
      const n = agg.reduce((s, a) => s + (a.warns[i] ?? 0), 0);
      if (n > 0) warnings.push(w.message(n));
    });
    const rowsRead = agg.reduce((s, a) => s + a.n, 0);
    if (rowsRead === 0) warnings.push('The file has a header but no rows: nothing to import.');
    const starts = agg.map((a) => a.start).filter((d): d is string => d !== null).sort();
    const lasts = agg.map((a) => a.last).filter((d): d is string => d !== null).sort();
    const start = starts[0];
    const last = lasts[lasts.length - 1];
    const period = start !== undefined && last !== undefined ? { start: start as Day, end: nextDay(last) } : null;
    const totals = agg
      .filter((a) => a.currency !== null && a.n > 0)
      .map((a) => ({ currency: a.currency ?? '', billedCost: a.billed ?? '0', effectiveCost: a.effective ?? '0' }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
    return {
      file,
      format: mapping.format,
      selectSql: finalSelect(`(${direct ? (ungrouped ? recordSelect(source, mapping) : stageSelect(source, mapping)) : stagedDaily(table, ungrouped || grouped)}) AS daily`),
      params: direct ? { file: source.path } : {},
      stagingTable: table,
      rowsRead,
      period,
      totals,
      warnings,
      contentSha256: await sha,
      fileStat: { size: before?.size ?? -1, mtimeMs: before?.mtimeMs ?? -1 },
    };
  } catch (e) {
    await conn.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    throw e;
  }
}

function nextDay(d: string): Day {
  const t = Date.parse(`${d}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10) as Day;
}


