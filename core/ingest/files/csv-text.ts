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
 * Counts the complete physical lines that can be read before a gzip stream fails, so a truncated
 * download is reported with the line where the data stops.
 */
export async function linesBeforeGzipError(path: string): Promise<{ lines: number; error: string | undefined }> {
  const raw = createReadStream(path);
  const gunzip = createGunzip();
  let lines = 0;
  try {
    for await (const chunk of raw.pipe(gunzip) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lines++;
    }
    return { lines, error: undefined };
  } catch (e) {
    return { lines, error: e instanceof Error ? e.message : String(e) };
  } finally {
    raw.destroy();
  }
}
