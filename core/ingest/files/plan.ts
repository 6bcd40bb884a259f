/**
 * The file-import planner: inspects a billing file, detects its format from the header, validates
 * every cell the import will read (in DuckDB, streaming), and returns a DuckDB SELECT that yields the
 * file's charges at daily grain, exactly the columns of CHARGE_COLUMNS in order. The store runs that
 * SELECT inside its import transaction; no row of the file ever sits in JavaScript memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { HeadroomError, isHeadroomError, type Day } from '../../lib';
import { CHARGE_COLUMNS, type ChargeColumn } from '../../model';
import { firstBadJsonLine, linesBeforeGzipError, physicalLineOfRecord, scanCsvShape } from './csv-text';
import { detectFormat } from './detect';
import { MappingBuilder, SourceColumns, type ChargeMapping, type ConvertOptions } from './mapping';
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
  /** Parameters `selectSql` needs bound (`$file`: the path); the SQL itself holds no file name. */
  readonly params: { readonly file: string };
  /** SHA-256 of the file's bytes (hex), for idempotent re-imports. */
  readonly contentSha256: string;
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

/** The SELECT handed to the store: daily grain, CHARGE_COLUMNS in order, Tags as MAP(VARCHAR, VARCHAR). */
function buildSelect(source: RawSource, mapping: ChargeMapping, read: ReadOptions): string {
  const summed: ReadonlySet<ChargeColumn> = new Set<ChargeColumn>(['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity']);
  const inner = CHARGE_COLUMNS.map(([name]) => `${mapping.exprs[name]} AS ${ident(name)}`).join(',\n    ');
  const keys = CHARGE_COLUMNS.filter(([name]) => !summed.has(name)).map(([name]) => ident(name));
  const outer = CHARGE_COLUMNS.map(([name, type]) => {
    if (summed.has(name)) return `${MONEY_SUM(ident(name))} AS ${ident(name)}`;
    if (name === 'Tags') return `COALESCE(json_transform("Tags", '"MAP(VARCHAR, VARCHAR)"'), MAP()::MAP(VARCHAR, VARCHAR)) AS "Tags"`;
    return `CAST(${ident(name)} AS ${type}) AS ${ident(name)}`;
  }).join(',\n  ');
  return `SELECT\n  ${outer}\nFROM (\n  SELECT\n    ${inner}\n  FROM ${source.relation(read)}\n) AS mapped\nGROUP BY ${keys.join(', ')}`;
}

interface Aggregate {
  readonly currency: string | null;
  readonly n: number;
  readonly start: string | null;
  readonly last: string | null;
  readonly billed: string | null;
  readonly effective: string | null;
  readonly checks: number[];
  readonly warns: number[];
}

async function aggregate(conn: DuckDBConnection, path: string, relation: string, m: ChargeMapping): Promise<Aggregate[]> {
  const e = m.exprs;
  const cols = [
    `${e.BillingCurrency} AS currency`,
    'count(*) AS n',
    `CAST(min(${e.ChargePeriodStart}) AS VARCHAR) AS start`,
    `CAST(max(${e.ChargePeriodStart}) AS VARCHAR) AS last`,
    `CAST(${MONEY_SUM(e.BilledCost)} AS VARCHAR) AS billed`,
    `CAST(${MONEY_SUM(e.EffectiveCost)} AS VARCHAR) AS effective`,
    ...m.checks.map((c, i) => `count_if(${c.bad}) AS k${i}`),
    ...m.warnings.map((w, i) => `count_if(${w.when}) AS w${i}`),
  ];
  const r = await conn.runAndReadAll(`SELECT ${cols.join(', ')} FROM ${relation} GROUP BY 1`, { file: path });
  return r.getRowObjectsJson().map((row) => ({
    currency: row['currency'] === null ? null : String(row['currency']),
    n: Number(row['n']),
    start: row['start'] === null ? null : String(row['start']),
    last: row['last'] === null ? null : String(row['last']),
    billed: row['billed'] === null ? null : String(row['billed']),
    effective: row['effective'] === null ? null : String(row['effective']),
    checks: m.checks.map((_c, i) => Number(row[`k${i}`])),
    warns: m.warnings.map((_w, i) => Number(row[`w${i}`])),
  }));
}

/** Finds the first bad cell of the failing checks and throws the HeadroomError that names it. */
async function reportFirstBadCell(conn: DuckDBConnection, source: RawSource, m: ChargeMapping, failing: number[], file: string, read: ReadOptions): Promise<never> {
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
  const m = /CSV Error on Line: (\d+)/.exec(msg);
  const first = msg.split('\n')[0] ?? msg;
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

/** Runs the structure+content pass of a CSV file: malformed rows go to a rejects table. */
async function csvPass(conn: DuckDBConnection, source: RawSource, m: ChargeMapping): Promise<{ agg: Aggregate[]; rejects: Reject[] }> {
  const id = randomUUID().replaceAll('-', '');
  const rejects = { table: `headroom_rejects_${id}`, scan: `headroom_scans_${id}` };
  try {
    const agg = await aggregate(conn, source.path, source.relation({ rejects }), m);
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
async function readCsvStructure(conn: DuckDBConnection, source: RawSource, mapping: ChargeMapping, file: string): Promise<{ agg: Aggregate[]; read: ReadOptions; warnings: string[] }> {
  const lastCol = source.columns[source.columns.length - 1]?.name ?? '';
  const oneShortWarning = (n: string | number, line: number | undefined): string =>
    `${n} row(s) (first at line ${line ?? '?'}) have one cell fewer than the header: the trailing column "${lastCol}" was taken as empty.`;
  let pass: { agg: Aggregate[]; rejects: Reject[] };
  try {
    pass = await csvPass(conn, source, mapping);
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
    return { agg: await aggregate(conn, source.path, source.relation(read), mapping), read, warnings };
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
  const agg = await aggregate(conn, source.path, source.relation(read), mapping);
  const count = (a: Aggregate[]): number => a.reduce((s, x) => s + x.n, 0);
  return { agg, read, warnings: [oneShortWarning(count(agg) - count(pass.agg), pass.rejects[0]?.line)] };
}

/**
 * Plans the import of one billing file: detects the format, validates it, and returns the SELECT
 * the store runs. Throws a HeadroomError naming the file, line and column for input it refuses.
 */
export async function planFileImport(conn: DuckDBConnection, path: string, options: PlanOptions = {}): Promise<FileImportPlan> {
  const file = options.displayName ?? path;
  const opened = await openRawSource(conn, path, file);
  const cols = new SourceColumns(opened.columns);
  const { converter, format } = detectFormat(cols, file);
  // The source's own null spellings: handled by the CSV reader when it can, else in SQL per cell.
  const nulls = converter.nulls ?? [];
  const readerNulls = nulls.length > 0 ? opened.withNullStrings([...new Set(nulls.flatMap((n) => [n, n.toLowerCase(), n.toUpperCase()]))]) : undefined;
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

  let agg: Aggregate[];
  let read: ReadOptions = {};
  try {
    if (source.kind === 'csv') {
      const r = await readCsvStructure(conn, source, mapping, file);
      agg = r.agg;
      read = r.read;
      warnings.push(...r.warnings);
    } else {
      agg = await aggregate(conn, source.path, source.relation(), mapping);
    }
  } catch (e) {
    await gzipCheck;
    throw await readError(e, source, file);
  }
  await gzipCheck;

  const failing = mapping.checks.map((_c, i) => i).filter((i) => agg.some((a) => (a.checks[i] ?? 0) > 0));
  if (failing.length > 0) {
    try {
      await reportFirstBadCell(conn, source, mapping, failing, file, read);
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
    selectSql: buildSelect(source, mapping, read),
    params: { file: path },
    rowsRead,
    period,
    totals,
    warnings,
    contentSha256: await sha,
  };
}

function nextDay(d: string): Day {
  const t = Date.parse(`${d}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10) as Day;
}


