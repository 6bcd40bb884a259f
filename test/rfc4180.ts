/**
 * A tiny RFC 4180 CSV parser for tests: an independent route to a file's contents, so tests can
 * check importer totals against sums computed without DuckDB. Not for production use (whole file in memory).
 */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      cell = '';
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows as objects keyed by lower-cased header name (first occurrence wins). */
export function csvRecords(input: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(input);
  if (!header) return [];
  const keys = header.map((h) => h.trim().toLowerCase());
  return rows.map((r) => {
    const o: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (!(k in o)) o[k] = (r[i] ?? '').trim();
    });
    return o;
  });
}

/** A number from a cell; empty and NULL spellings are 0. */
export function num(s: string | undefined): number {
  if (s === undefined) return 0;
  const t = s.trim();
  if (t === '' || t.toLowerCase() === 'null') return 0;
  const n = Number(t);
  if (Number.isNaN(n)) throw new Error(`not a number: ${s}`);
  return n;
}
