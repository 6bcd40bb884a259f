/**
 * CSV for "export this view": RFC 4180 (CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF; quotes doubled). Text cells starting with `=`, `+`, `-`, `@`, tab or CR are
 * prefixed with `'` so spreadsheets do not run them as formulas (OWASP "CSV Injection"): tag
 * values and resource names come from cloud-account users and are hostile input. Numbers are
 * written as numbers, unformatted, so they stay numbers in a spreadsheet.
 */
export type Cell = string | number | null | undefined;

const DANGEROUS = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = DANGEROUS.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Starts a browser download of `text` as `filename` (works in the desktop app too). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
