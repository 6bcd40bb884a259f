/**
 * CSV rendering of a report (issue 8): one table in RFC 4180 form (CRLF line ends, every field
 * with a comma, quote, CR or LF enclosed in double quotes, quotes doubled), seven columns on every
 * line: `section,item,month,value,p10,p50,p90`.
 *
 * Formula injection: text cells come from cloud accounts (service names, tags, source names) and
 * are hostile. Following OWASP's "CSV Injection" guidance, a text cell that starts with `=`, `+`,
 * `-`, `@`, a tab (0x09) or a carriage return (0x0D) is prefixed with a single quote `'` so that
 * spreadsheet programs show it as text instead of evaluating it, and the cell is then quoted as
 * RFC 4180 requires. Numbers the report computes are written as plain numeric literals (a
 * negative cost stays `-12.5`, which a spreadsheet reads as a number, not as a formula).
 */
import { scopeText, type Report } from './model';

export const CSV_HEADER = ['section', 'item', 'month', 'value', 'p10', 'p50', 'p90'] as const;

type Cell = string | number | null;

const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Neutralise a text cell against formula injection (OWASP): prefix `'` when it starts with = + - @ TAB CR. */
export function neutralise(text: string): string {
  return text.length > 0 && DANGEROUS_FIRST.has(text[0] as string) ? `'${text}` : text;
}

function field(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(Math.round(c * 1e6) / 1e6) : '';
  const t = neutralise(c);
  return /[",\r\n]/.test(t) || t !== c ? `"${t.replace(/"/g, '""')}"` : t;
}

export function reportToCsvText(r: Report): string {
  const rows: Cell[][] = [[...CSV_HEADER]];
  const meta = (item: string, value: Cell): void => void rows.push(['meta', item, null, value, null, null, null]);
  meta('title', r.title);
  meta('generated_at', r.generatedAt);
  meta('scope', scopeText(r.scope));
  meta('currency', r.currency);
  meta('cost_view', r.view);
  meta('actual_from', r.period.start);
  meta('actual_to_exclusive', r.period.end);
  meta('forecast_to_exclusive', r.period.forecastEnd);
  meta('model', r.model.spec);
  meta('sample_paths', r.forecast.paths);
  meta('seed', r.model.seed);
  meta('stamp_sha256', r.stamp);
  for (const m of r.actuals.months) rows.push(['actual', 'total', m.month, m.cost, null, null, null]);
  for (const s of r.actuals.services) r.actuals.months.forEach((m, j) => rows.push(['actual_service', s.name, m.month, s.byMonth[j] ?? 0, null, null, null]));
  for (const f of r.forecast.months) rows.push(['forecast', 'total', f.month, f.mean, f.p10, f.p50, f.p90]);
  for (const c of r.assumptions.coverage) {
    rows.push(['coverage', c.name, null, `${c.kind}; ${c.rows} rows; ${c.firstDay ?? '—'} to ${c.lastDay ?? '—'}; last import ${c.lastImportAt ?? 'never'}`, null, null, null]);
  }
  for (const n of r.assumptions.notes) rows.push(['assumption', 'note', null, n, null, null, null]);
  for (const w of r.model.warnings) rows.push(['assumption', 'model_warning', null, w, null, null, null]);
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The CSV as UTF-8 bytes. */
export function reportToCsv(r: Report): Uint8Array {
  return new TextEncoder().encode(reportToCsvText(r));
}
