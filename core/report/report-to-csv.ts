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
import { orderByStatus } from './sections';

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
  const sec = r.sections;
  const row = (section: string, item: string, month: Cell, value: Cell, p10: Cell = null, p50: Cell = null, p90: Cell = null): void => void rows.push([section, item, month, value, p10, p50, p90]);
  for (const p of sec.capacity?.pools ?? []) {
    row('capacity_current', p.name, null, p.capacity);
    row('capacity_target', p.name, null, p.target);
    row('capacity_exhaustion', p.name, null, p.exhaustionProbability, p.exhaustion.p10, p.exhaustion.p50, p.exhaustion.p90);
    row('capacity_order_by', p.name, null, p.orderBy);
    const status = orderByStatus(p);
    if (status !== null) row('capacity_order_by_status', p.name, null, status);
    row('capacity_needed', p.name, null, p.neededCapacity);
    for (const x of p.recommendations) {
      if (x.kind === 'add_capacity') row('capacity_add', p.name, x.orderBy, x.add, null, null, null);
      else row('scaling', p.name, null, `${x.target} ${x.resource} min ${x.min} max ${x.max}; ${x.scheduled} scheduled action(s)`);
    }
  }
  if (sec.capacity?.note) row('capacity_note', '', null, sec.capacity.note);
  for (const c of sec.commitments?.recommendations ?? []) {
    row('commitment_savings', c.scope, null, c.hourlyCommitment, c.savings.p10, c.savings.p50, c.savings.p90);
    row('commitment_trailing_30d', c.scope, null, c.trailing30dCommitment, c.trailing30dSavings.p10, c.trailing30dSavings.p50, c.trailing30dSavings.p90);
    row('commitment_terms', c.scope, null, `${c.term}; discount ${c.discount}; break-even utilization ${c.breakEvenUtilization}; expected utilization ${c.expectedUtilization}`);
  }
  for (const e of sec.commitments?.expiring ?? []) row('commitment_expiring', e.id, e.expires, e.coveredPerHour);
  for (const n of sec.commitments?.notes ?? []) row('commitment_note', '', null, n);
  if (sec.commitments?.note) row('commitment_note', '', null, sec.commitments.note);
  for (const b of sec.budgets?.items ?? []) {
    row('budget', b.name, b.periodStart, b.amount, b.forecast.p10, b.forecast.p50, b.forecast.p90);
    row('budget_actual', b.name, b.periodStart, b.actual);
    row('budget_probability_over', b.name, b.periodStart, b.probabilityOver);
    row('budget_likely_breach', b.name, b.periodStart, b.likelyBreachDate);
  }
  if (sec.budgets?.note) row('budget_note', '', null, sec.budgets.note);
  for (const a of sec.anomalies?.top ?? []) {
    row('anomaly', a.scope, a.start, a.impact);
    row('anomaly_detail', a.scope, a.start, `end ${a.end}; expected ${a.expected}; actual ${a.actual}; severity ${a.severity}; label ${a.label ?? 'none'}${a.drivers.length > 0 ? `; drivers ${a.drivers.map((d) => `${d.name} ${d.impact}`).join(', ')}` : ''}${a.periodImpact ? `; month-end ${a.periodImpact.period} impact ${a.periodImpact.delta}${a.periodImpact.open ? ' (forecast)' : ''}` : ''}`);
  }
  if (sec.anomalies?.note) row('anomaly_note', '', null, sec.anomalies.note);
  for (const x of sec.scenarios?.items ?? []) {
    for (const m of x.months) {
      row('scenario_baseline', x.name, `${m.month}-01`, m.days, m.baseline.p10, m.baseline.p50, m.baseline.p90);
      row('scenario', x.name, `${m.month}-01`, m.days, m.scenario.p10, m.scenario.p50, m.scenario.p90);
    }
  }
  if (sec.scenarios?.note) row('scenario_note', '', null, sec.scenarios.note);
  for (const c of r.assumptions.coverage) {
    rows.push(['coverage', c.name, null, `${c.kind}; ${c.rows} rows; ${c.firstDay ?? '—'} to ${c.lastDay ?? '—'}; ${c.lagDays === null ? 'no data' : `${c.lagDays} day(s) behind`}; last import ${c.lastImportAt ?? 'never'}`, null, null, null]);
  }
  for (const a of r.assumptions.excludedAnomalies) row('excluded_anomaly', a.scope, a.start, `${a.label ?? ''} until ${a.end}; impact ${a.impact}`);
  for (const d of r.assumptions.scenarioDrivers) row('scenario_driver', d.scenario, null, d.driver);
  for (const n of r.assumptions.notes) rows.push(['assumption', 'note', null, n, null, null, null]);
  for (const w of r.model.warnings) rows.push(['assumption', 'model_warning', null, w, null, null, null]);
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The CSV as UTF-8 bytes. */
export function reportToCsv(r: Report): Uint8Array {
  return new TextEncoder().encode(reportToCsvText(r));
}
