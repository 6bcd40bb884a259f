/**
 * Small RFC 4180 helpers for the parts of a CSV file the planner reads in JavaScript: the header
 * record, and (only when reporting an error) the physical line where a given record starts.
 * The bulk of every file is read by DuckDB, never here.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * Parses the first record of `text` (RFC 4180: `,` separates, `"` quotes, `""` escapes a quote inside
 * quotes; a record ends at an unquoted CR, LF or CRLF). Returns the cells and the number of characters
 * consumed, or undefined when the text ends inside the first record (the header is longer than the
 * sample).
 */
export function parseFirstRecord(text: string): { cells: string[]; length: number } | undefined {
  const cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      cells.push(cell);
      const len = ch === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      return { cells, length: len };
    } else cell += ch;
  }
  return undefined;
}

/**
 * The 1-based physical line on which data record `record` (1-based, the header is record 0) starts,
 * counting newlines inside quoted cells. Streams the file (gunzipping if asked), stopping as soon as
 * the record is reached.
 */
export async function physicalLineOfRecord(path: string, gzip: boolean, record: number): Promise<number> {
  const raw = createReadStream(path);
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  let line = 1;
  let rec = 0;
  let inQuotes = false;
  let prevCr = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 0x22) inQuotes = !inQuotes;
        else if (b === 0x0a || b === 0x0d) {
          if (b === 0x0a && prevCr) {
            prevCr = false;
            continue;
          }
          prevCr = b === 0x0d;
          line++;
          if (!inQuotes) {
            rec++;
            if (rec === record) return line;
          }
          continue;
        }
        prevCr = false;
      }
    }
  } finally {
    raw.destroy();
  }
  return line;
}

/**
 * Reads a gzip stream until it fails and says where the readable data stops: the number of complete
 * physical lines and the 0-based cell index reached on the cut-off line (CSV quoting respected), so
 * a truncated download is reported with its line and column.
 */
export async function linesBeforeGzipError(path: string): Promise<{ lines: number; cell: number; error: string | undefined }> {
  const raw = createReadStream(path);
  const gunzip = createGunzip();
  let lines = 0;
  let cell = 0;
  let inQuotes = false;
  try {
    for await (const chunk of raw.pipe(gunzip) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 0x22) inQuotes = !inQuotes;
        else if (b === 0x2c && !inQuotes) cell++;
        else if (b === 0x0a) {
          lines++;
          if (!inQuotes) cell = 0;
        }
      }
    }
    return { lines, cell, error: undefined };
  } catch (e) {
    return { lines, cell, error: e instanceof Error ? e.message : String(e) };
  } finally {
    raw.destroy();
  }
}

/** What a full scan of a CSV file's record shapes found (see scanCsvShape). */
export interface CsvShape {
  readonly records: number;
  /** First record with more cells than the header: its start line and cell count. */
  readonly tooMany?: { readonly line: number; readonly cells: number };
  /** First record with two or more cells fewer than the header. */
  readonly tooFew?: { readonly line: number; readonly cells: number };
  /** Records exactly one cell short, and the line of the first. */
  readonly oneShort: number;
  readonly firstOneShortLine?: number;
  readonly crlf: number;
  readonly lf: number;
}

/**
 * Streams a CSV file and checks every record's cell count against the header's (RFC 4180 quoting,
 * CR, LF or CRLF line ends, even mixed). Used when DuckDB's strict parser cannot read a file whose
 * line endings are mixed, so such files keep the same structural checks.
 */
export async function scanCsvShape(path: string, gzip: boolean, headerCells: number): Promise<CsvShape> {
  const raw = createReadStream(path);
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  let line = 1;
  let recStart = 1;
  let rec = -1; // the header is record -1 → 0 after its end
  let cells = 1;
  let inQuotes = false;
  let prevCr = false;
  let empty = true;
  let tooMany: CsvShape['tooMany'];
  let tooFew: CsvShape['tooFew'];
  let oneShort = 0;
  let firstOneShortLine: number | undefined;
  let crlf = 0;
  let lf = 0;
  const endRecord = (): void => {
    if (rec >= 0 && !empty) {
      if (cells > headerCells && !tooMany) tooMany = { line: recStart, cells };
      else if (cells === headerCells - 1) {
        oneShort++;
        firstOneShortLine ??= recStart;
      } else if (cells < headerCells - 1 && !tooFew) tooFew = { line: recStart, cells };
    }
    if (!empty || rec < 0) rec++;
    cells = 1;
    empty = true;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === 0x0a && prevCr) {
          prevCr = false;
          crlf++;
          continue;
        }
        if (prevCr) lf++; // a lone CR ended the previous line
        prevCr = false;
        if (b === 0x22) {
          inQuotes = !inQuotes;
          empty = false;
        } else if (b === 0x2c && !inQuotes) {
          cells++;
          empty = false;
        } else if (b === 0x0a || b === 0x0d) {
          line++;
          if (b === 0x0d) prevCr = true;
          else lf++;
          if (!inQuotes) {
            endRecord();
            recStart = line;
          }
        } else empty = false;
      }
    }
  } finally {
    raw.destroy();
  }
  if (!empty) endRecord();
  return { records: Math.max(rec, 0), ...(tooMany ? { tooMany } : {}), ...(tooFew ? { tooFew } : {}), oneShort, ...(firstOneShortLine ? { firstOneShortLine } : {}), crlf, lf };
}

/**
 * The first line of a newline-delimited JSON file that is not a JSON object (1-based), with the
 * parser's complaint; undefined when every line parses. Streams the file; used only to explain a
 * failed read.
 */
export async function firstBadJsonLine(path: string, gzip: boolean): Promise<{ line: number; problem: string } | undefined> {
  const { createInterface } = await import('node:readline');
  const raw = createReadStream(path);
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const l of lines) {
      n++;
      const t = (n === 1 ? l.replace(/^\ufeff/, '') : l).trim();
      if (t === '') continue;
      try {
        const v = JSON.parse(t) as unknown;
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return { line: n, problem: 'is not a JSON object' };
      } catch (e) {
        return { line: n, problem: `is not valid JSON (${(e as Error).message})` };
      }
    }
  } finally {
    lines.close();
    raw.destroy();
  }
  return undefined;
}
