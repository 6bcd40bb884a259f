import { HeadroomError } from '../lib';

/** One series read from a CSV: id and values in time order (NaN = missing). */
export interface CsvSeries {
  readonly id: string;
  readonly values: readonly number[];
  /** Dates of the long format, in order (absent for the M4 layout). */
  readonly dates?: readonly string[];
  /** 1-based line of the series' first row, for messages. */
  readonly line: number;
}

export interface ParsedSeriesCsv {
  readonly layout: 'wide' | 'long';
  readonly series: readonly CsvSeries[];
  /** Non-fatal notes (missing cells inside a series…). */
  readonly warnings: readonly string[];
}

/** Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes, CRLF). Returns each record's 1-based line. */
export function parseCsvRecords(text: string, file = 'input'): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      if (i >= n) {
        if (quoted) {
          throw new HeadroomError('BAD_FILE', `${file}, line ${start}: a quoted field is never closed (missing "). Check the quotes on that line.`, { location: { file, line: start } });
        }
        fields.push(field);
        break;
      }
      const c = text[i] as string;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          if (c === '\n') line++;
          field += c;
          i++;
        }
      } else if (c === '"') {
        quoted = true;
        i++;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        i++;
      } else if (c === '\n' || c === '\r') {
        fields.push(field);
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        field += c;
        i++;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) out.push({ fields, line: start });
  }
  return out;
}

const MISSING = new Set(['', 'na', 'nan', 'null']);

function cell(raw: string, file: string, line: number, column: string): number {
  const s = raw.trim();
  if (MISSING.has(s.toLowerCase())) return Number.NaN;
  const v = Number(s);
  if (!Number.isFinite(v)) {
    throw new HeadroomError('BAD_FILE', `${file}, line ${line}, column "${column}": "${raw}" is not a number. Fix the cell or leave it empty for a missing value.`, {
      location: { file, line, column },
    });
  }
  return v;
}

/**
 * Reads series from CSV text in either layout:
 * - **wide** (the M4 layout): one row per series, the id in the first column, then the values in
 *   time order; trailing empty cells are padding; a header row (`"V1","V2",…`) is skipped;
 * - **long**: a header with `id`, `date` (or `ds`/`timestamp`) and `value` (or `y`) columns, one row per
 *   observation; each series is sorted by date.
 * Missing values (empty, NA, NaN) inside a series become NaN and are reported in `warnings`.
 */
export function parseSeriesCsv(text: string, file = 'input'): ParsedSeriesCsv {
  const recs = parseCsvRecords(text, file);
  if (recs.length === 0) throw new HeadroomError('BAD_FILE', `${file} is empty: expected one series per row (id, values…) or columns id,date,value.`, { location: { file } });
  const header = (recs[0] as { fields: string[] }).fields.map((h) => h.trim().toLowerCase());
  const idCol = header.findIndex((h) => h === 'id' || h === 'series' || h === 'unique_id');
  const dateCol = header.findIndex((h) => h === 'date' || h === 'ds' || h === 'timestamp' || h === 'time');
  const valueCol = header.findIndex((h) => h === 'value' || h === 'y');
  const warnings: string[] = [];
  if (idCol >= 0 && dateCol >= 0 && valueCol >= 0) {
    const names = (recs[0] as { fields: string[] }).fields;
    const by = new Map<string, { rows: { date: string; value: number }[]; line: number }>();
    for (const r of recs.slice(1)) {
      const id = (r.fields[idCol] ?? '').trim();
      if (id === '') throw new HeadroomError('BAD_FILE', `${file}, line ${r.line}, column "${names[idCol]}": the series id is empty.`, { location: { file, line: r.line, column: names[idCol] } });
      const date = (r.fields[dateCol] ?? '').trim();
      const value = cell(r.fields[valueCol] ?? '', file, r.line, names[valueCol] as string);
      let e = by.get(id);
      if (!e) by.set(id, (e = { rows: [], line: r.line }));
      e.rows.push({ date, value });
    }
    const series: CsvSeries[] = [];
    for (const [id, e] of by) {
      e.rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const values = e.rows.map((r) => r.value);
      const miss = values.filter((v) => Number.isNaN(v)).length;
      if (miss > 0) warnings.push(`${id}: ${miss} missing value(s) will be interpolated by the model.`);
      series.push({ id, values, dates: e.rows.map((r) => r.date), line: e.line });
    }
    return { layout: 'long', series, warnings };
  }
  // Wide (M4) layout. The first row is a header when its value cells are not numbers.
  const first = recs[0] as { fields: string[]; line: number };
  const isHeader = first.fields.slice(1).some((f) => f.trim() !== '' && !Number.isFinite(Number(f.trim())) && !MISSING.has(f.trim().toLowerCase()));
  const colName = (j: number): string => (isHeader ? (first.fields[j] ?? `column ${j + 1}`) : `column ${j + 1}`);
  const series: CsvSeries[] = [];
  for (const r of isHeader ? recs.slice(1) : recs) {
    const id = (r.fields[0] ?? '').trim();
    if (id === '') throw new HeadroomError('BAD_FILE', `${file}, line ${r.line}, column "${colName(0)}": the series id is empty.`, { location: { file, line: r.line, column: colName(0) } });
    let last = r.fields.length - 1;
    while (last > 0 && (r.fields[last] ?? '').trim() === '') last--;
    const values: number[] = [];
    for (let j = 1; j <= last; j++) values.push(cell(r.fields[j] ?? '', file, r.line, colName(j)));
    const miss = values.filter((v) => Number.isNaN(v)).length;
    if (miss > 0) warnings.push(`${id} (line ${r.line}): ${miss} missing value(s) will be interpolated by the model.`);
    series.push({ id, values, line: r.line });
  }
  return { layout: 'wide', series, warnings };
}
