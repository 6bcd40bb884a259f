/**
 * Opening a billing file: what it is (CSV, gzip-compressed CSV, Parquet, newline-delimited JSON), its
 * header, and the DuckDB relation that reads it with every column as VARCHAR. Only the first 64 KiB
 * are read in JavaScript (to sniff the kind and the header); DuckDB streams the rest.
 */
import { open, stat } from 'node:fs/promises';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { HeadroomError } from '../../lib';
import { parseFirstRecord } from './csv-text';
import { ident, lit } from './sql';

/** The named parameter every relation reads the file path from (bound by whoever runs the SQL). */
export const FILE_PARAM = '$file';

/**
 * The CSV reader's buffer (bytes per buffer; DuckDB's default is 32 MB, 16 × its 2 MB `max_line_size`,
 * which a buffer must exceed). Each reading thread holds one or two buffers, pinned inside the
 * `memory_limit` next to whatever the query builds (core/store/README.md, "CSV at the memory limit").
 * 8 MB buffers parse as fast (1M-row staging: 5.6–5.9 s vs 6.0–6.1 s) and hold 16 MiB instead of 61 MiB.
 */
export const CSV_BUFFER_BYTES = 8 * 1024 * 1024;

/** One column of the raw relation: the header name as written and the SQL naming its VARCHAR column. */
export interface SourceColumn {
  readonly name: string;
  /** The cell as VARCHAR (a column of the relation, or a cast of its typed column). */
  readonly sql: string;
  /**
   * Parquet columns of a scalar non-text type: the column as the file types it (`DECIMAL(20,10)`,
   * `TIMESTAMP`, …), so numbers and timestamps are read without a round trip through text.
   */
  readonly typed?: { readonly sql: string; readonly type: string };
}

export type SourceKind = 'csv' | 'parquet' | 'ndjson';

/** How a CSV file must be read: found out by the planner's structure pass. */
export interface ReadOptions {
  /** Rows one cell short get NULL for the missing trailing cell. */
  readonly nullPadding?: boolean;
  /** DuckDB's non-strict mode: for files with mixed CRLF/LF line ends (structure checked in JS). */
  readonly lenient?: boolean;
}

export interface RawSource {
  readonly path: string;
  readonly kind: SourceKind;
  readonly gzip: boolean;
  readonly columns: readonly SourceColumn[];
  /**
   * The DuckDB relation (a FROM-clause item) yielding the columns as VARCHAR. `rowNumber` adds `__rn`,
   * the 1-based record number in file order; `nullPadding` reads CSV rows that are short of cells
   * with NULLs for the missing trailing cells; `rejects` records malformed CSV rows in a temp table
   * instead of failing.
   */
  relation(opts?: ReadOptions & { rowNumber?: boolean; rejects?: { table: string; scan: string } }): string;
  /** How a record number is named in messages: CSV counts physical lines (header = line 1). */
  readonly unit: 'line' | 'row';
  /**
   * The same source with extra null spellings (`NULL`, `null`) read as NULL by DuckDB's CSV reader
   * itself (cheaper than per-cell SQL). Returns undefined for kinds whose reader has no such option.
   */
  withNullStrings(nulls: readonly string[]): RawSource | undefined;
}

const SAMPLE = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = 'PAR1';
const ZIP_MAGIC = 'PK\x03\x04';

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function badFile(file: string, message: string, line?: number): HeadroomError {
  return new HeadroomError('BAD_FILE', `${file}${line === undefined ? '' : `, line ${line}`}: ${message}`, { location: { file, ...(line === undefined ? {} : { line }) } });
}

/** Line number (1-based) of byte offset `at` in `buf`. */
function lineAt(buf: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** Rejects content that is not text: NUL bytes or invalid UTF-8 in the sample. */
function assertText(file: string, sample: Buffer, truncatedAtEnd: boolean): string {
  const nul = sample.indexOf(0);
  if (nul >= 0) throw badFile(file, `this is not a text file (binary byte 0x00 at byte ${nul}). Headroom imports CSV (optionally .gz), Parquet and newline-delimited JSON billing exports: check that you picked the export file itself.`, lineAt(sample, nul));
  // A multi-byte character may be cut at the sample's end: ignore up to 3 trailing bytes there.
  const body = truncatedAtEnd ? sample.subarray(0, Math.max(0, sample.length - 3)) : sample;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (_e) {
    throw badFile(file, 'this file is not UTF-8 text. Billing exports are UTF-8 CSV or JSON: re-export the file, or convert it to UTF-8.');
  }
  return new TextDecoder('utf-8').decode(sample);
}

/** Inspects the file and returns the raw VARCHAR relation that reads it. */
export async function openRawSource(conn: DuckDBConnection, path: string, file: string): Promise<RawSource> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw badFile(file, st.isDirectory() ? 'this is a folder, not a file. Give the paths of the billing export files in it (e.g. folder/*.csv.gz); when they are the parts of one export, import them together with --parts.' : 'this is not a file. Give the path of a billing export file.');
    size = st.size;
  } catch (e) {
    if (e instanceof HeadroomError) throw e;
    throw new HeadroomError('NOT_FOUND', `${file}: cannot read the file (${(e as Error).message}). Check the path.`, { location: { file }, cause: e });
  }
  if (size === 0) throw badFile(file, 'the file is empty (0 bytes). Re-download the export: a billing export has at least a header line.', 1);
  const head = await readHead(path, SAMPLE);
  if (head.subarray(0, 4).toString('latin1') === PARQUET_MAGIC) return openParquet(conn, path, file);
  if (head.subarray(0, 4).toString('latin1') === ZIP_MAGIC) {
    throw badFile(file, 'this is a zip archive (or an Excel workbook), not an export file. Unzip it and import the CSV inside, or save the sheet as CSV.', 1);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw badFile(file, 'this file is UTF-16 text (as Excel saves "Unicode text"). Save or export it as UTF-8 CSV and import that.', 1);
  }
  const gzip = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  let sample: Buffer;
  let sampleIsWhole = size <= SAMPLE;
  if (gzip) {
    try {
      sample = gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch (e) {
      throw badFile(file, `the gzip data is corrupt at its start (${(e as Error).message}). Re-download the file.`, 1);
    }
    sampleIsWhole = false;
    if (sample.length === 0) throw badFile(file, 'the gzip file holds no data. Re-download the export.', 1);
  } else sample = head;
  let text = assertText(file, sample, !sampleIsWhole);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstChar = text.trimStart()[0];
  if (firstChar === '{') return openNdjson(path, file, gzip, text);
  return openCsv(path, file, gzip, text, sampleIsWhole);
}

function openCsv(path: string, file: string, gzip: boolean, text: string, sampleIsWhole: boolean, nullStrings: readonly string[] = []): RawSource {
  const rec = parseFirstRecord(sampleIsWhole && !/[\r\n]$/.test(text) ? `${text}\n` : text);
  if (!rec) throw badFile(file, 'the first line is longer than 64 KiB or never ends: this is not a CSV billing export.', 1);
  const names = rec.cells.map((c) => c.trim());
  if (names.length > 0 && names[0] !== undefined && names[0].charCodeAt(0) === 0xfeff) names[0] = names[0].slice(1);
  if (names.every((n) => n === '')) throw badFile(file, 'the header line is empty. Re-export the file with its header.', 1);
  const columns = names.map((name, i) => ({ name, sql: ident(`c${i}`) }));
  const colSpec = `{${columns.map((_c, i) => `${lit(`c${i}`)}: 'VARCHAR'`).join(', ')}}`;
  const relation: RawSource['relation'] = (opts = {}) => {
    const o = [
      FILE_PARAM,
      'auto_detect=false',
      'header=true',
      "delim=','",
      `quote='"'`,
      `escape='"'`,
      `columns=${colSpec}`,
      `compression=${gzip ? "'gzip'" : "'none'"}`,
      `buffer_size=${CSV_BUFFER_BYTES}`,
    ];
    if (nullStrings.length > 0) o.push(`nullstr=[${['', ...nullStrings].map(lit).join(', ')}]`);
    if (opts.nullPadding) o.push('null_padding=true');
    if (opts.lenient) o.push('strict_mode=false');
    if (opts.rowNumber || opts.nullPadding) o.push('parallel=false');
    if (opts.rejects) o.push('store_rejects=true', `rejects_table=${lit(opts.rejects.table)}`, `rejects_scan=${lit(opts.rejects.scan)}`, 'rejects_limit=100');
    const read = `read_csv(${o.join(', ')})`;
    return opts.rowNumber ? `(SELECT *, row_number() OVER () AS __rn FROM ${read})` : read;
  };
  return { path, kind: 'csv', gzip, columns, relation, unit: 'line', withNullStrings: (nulls) => openCsv(path, file, gzip, text, sampleIsWhole, [...nullStrings, ...nulls]) };
}

/** Flattens an object's keys to dotted paths (nested objects only; arrays and scalars are leaves). */
function flattenKeys(o: Record<string, unknown>, prefix: string[], out: Map<string, string[]>): void {
  for (const [k, v] of Object.entries(o)) {
    const p = [...prefix, k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenKeys(v as Record<string, unknown>, p, out);
    else if (!out.has(p.join('.'))) out.set(p.join('.'), p);
  }
}

function openNdjson(path: string, file: string, gzip: boolean, text: string): RawSource {
  const keys = new Map<string, string[]>();
  const lines = text.split('\n');
  // The last line of the sample may be cut: parse only complete lines (all of them when the sample is whole).
  let parsed = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (l === '') continue;
    try {
      const o = JSON.parse(l) as unknown;
      if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new Error('not an object');
      flattenKeys(o as Record<string, unknown>, [], keys);
      parsed++;
    } catch (_e) {
      if (i === lines.length - 1 && parsed > 0) break;
      throw badFile(file, 'this line is not a JSON object. Newline-delimited JSON billing exports hold one JSON object per line.', i + 1);
    }
  }
  const columns = [...keys.values()].map((p, i) => ({ name: p.join('.'), sql: ident(`c${i}`), path: p }));
  const relation: RawSource['relation'] = (opts = {}) => {
    const sel = columns.map((c) => `json_extract_string(json, ${lit(`$.${c.path.map((s) => `"${s.replaceAll('"', '\\"')}"`).join('.')}`)}) AS ${c.sql}`);
    const rn = opts.rowNumber ? ', row_number() OVER () AS __rn' : '';
    return `(SELECT ${sel.join(', ')}${rn} FROM read_ndjson_objects(${FILE_PARAM}, compression=${gzip ? "'gzip'" : "'none'"}))`;
  };
  return { path, kind: 'ndjson', gzip, columns: columns.map(({ name, sql }) => ({ name, sql })), relation, unit: 'line', withNullStrings: () => undefined };
}

async function openParquet(conn: DuckDBConnection, path: string, file: string): Promise<RawSource> {
  let described: { name: string; type: string }[];
  try {
    const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${FILE_PARAM})`, { file: path });
    described = r.getRowObjectsJson().map((row) => ({ name: String(row['column_name']), type: String(row['column_type']) }));
  } catch (e) {
    throw badFile(file, `this Parquet file cannot be read (${(e as Error).message.split('\n')[0]}). Re-download or re-export it.`);
  }
  // Text columns are read as they are; nested ones (MAP, STRUCT, lists) as JSON text; numbers and
  // timestamps keep their type (`typed`) and are cast to text only where an expression wants text.
  const columns = described.map((d, i) => {
    const nested = /^(MAP|STRUCT|UNION)\(|\]$/.test(d.type);
    if (d.type === 'VARCHAR') return { name: d.name, sql: ident(`c${i}`), select: `${ident(d.name)} AS ${ident(`c${i}`)}` };
    if (nested) return { name: d.name, sql: ident(`c${i}`), select: `CAST(to_json(${ident(d.name)}) AS VARCHAR) AS ${ident(`c${i}`)}` };
    return { name: d.name, sql: `CAST(${ident(`t${i}`)} AS VARCHAR)`, typed: { sql: ident(`t${i}`), type: d.type }, select: `${ident(d.name)} AS ${ident(`t${i}`)}` };
  });
  const relation: RawSource['relation'] = (opts = {}) => {
    const rn = opts.rowNumber ? ', file_row_number + 1 AS __rn' : '';
    return `(SELECT ${columns.map((c) => c.select).join(', ')}${rn} FROM read_parquet(${FILE_PARAM}${opts.rowNumber ? ', file_row_number=true' : ''}))`;
  };
  return { path, kind: 'parquet', gzip: false, columns: columns.map(({ name, sql, typed }) => (typed ? { name, sql, typed } : { name, sql })), relation, unit: 'row', withNullStrings: () => undefined };
}
