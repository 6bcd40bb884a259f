/**
 * Reports (issue 8): the scope's daily cost and per-service cost from the store, the forecast's
 * sample paths from core/forecast, coverage per source, then core/report builds and renders.
 */
import { addDays, dayOf, daysBetween, HeadroomError, type Day } from '../lib';
import { COST_TRAINING_DAYS, type FeatureHandlers, type HandlerContext, type ReportFormat, type Req, type reportsApi } from '../api';
import { buildReport, reportToCsv, reportToHtml, reportToHtmlText, reportToXlsx, scopeText, type Report } from '../report';
import type { ServiceDeps } from './context';
import { forecastCostBasis, loadCostBasis } from './forecast-basis';
import { htmlToPdf } from './pdf';
import { planSections, REPORT_SECTIONS, scanReportAnomalies, type ReportSectionName } from './report-sections';

/** Training window (and, for reports, the actuals shown): the one every cost forecast uses. */
const MAX_HISTORY_DAYS = COST_TRAINING_DAYS;

const MIME: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export async function renderReport(r: Report, format: ReportFormat): Promise<Uint8Array> {
  if (format === 'csv') return reportToCsv(r);
  if (format === 'xlsx') return reportToXlsx(r);
  if (format === 'pdf') return htmlToPdf(reportToHtmlText(r), r.title);
  return reportToHtml(r);
}

export interface AssembledReport {
  readonly report: Report;
  readonly warnings: readonly string[];
  readonly dataThrough: Day;
  readonly sections: readonly ReportSectionName[];
  readonly excludedAnomalies: number;
  /** Emits the report's next progress step. */
  readonly progress: (message: string) => void;
  readonly steps: number;
}

/** Reads the data, scans anomalies, forecasts, runs the plans and builds the report model (no rendering). */
export async function assembleReport(deps: ServiceDeps, req: Req<'reports.build'>, ctx: HandlerContext): Promise<AssembledReport> {
  const { store, clock } = deps;
  const today = dayOf(clock());
  const filters = req.scope.map((s) => ({ dimension: s.dimension, values: [s.value] }));
  const include = new Set<ReportSectionName>(req.sections ?? REPORT_SECTIONS);
  const steps = 3 + include.size;
  let step = 0;
  const progress = (message: string): void => ctx.progress({ phase: 'report', done: step++, total: steps, message });
  const checkCancel = (): void => {
    if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', 'The report was cancelled.');
  };
  // The plans report their own progress in their own units: the report shows its steps only.
  const sub = { signal: ctx.signal, progress: (): void => {} };
  progress('reading costs');
  const res = await loadCostBasis(store, { filters, view: req.view, ...(req.from ? { from: req.from } : {}) });
  const total = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const ranked = [...res.series].sort((a, b) => total(b.total) - total(a.total));
  const basis = req.currency ? res.series.find((s) => s.currency === req.currency) : ranked[0];
  const series = basis ? { currency: basis.currency, start: basis.start, values: basis.total } : undefined;
  if (!basis || !series || series.values.length === 0) {
    const have = res.series.map((s) => s.currency);
    throw new HeadroomError(
      'NOT_FOUND',
      `No ${req.currency ?? ''}${req.currency ? ' ' : ''}cost data for ${scopeText(req.scope)}${req.from ? ` from ${req.from}` : ''} before ${today}.${have.length > 0 ? ` The scope has data in ${have.join(', ')}: pass one of those with --currency.` : ' Check the scope values (headroom summary --by …) or import data first.'}`,
    );
  }
  const warnings: string[] = [];
  if (res.series.length > 1) warnings.push(`The scope has costs in ${res.series.length} currencies; the report shows ${series.currency} only.`);
  // Dense values from series.start to the data's last day; stop before today (a day in progress
  // is incomplete) and keep at most three years.
  const lastIdx = Math.min(series.values.length - 1, daysBetween(series.start, today) - 1);
  if (lastIdx < 1) throw new HeadroomError('NOT_FOUND', `The cost data for ${scopeText(req.scope)} starts on ${series.start}: a report needs at least two complete days before today (${today}).`);
  // Every currency's series shares the store's first day: the actuals shown start at this
  // currency's first day with cost, not with months of another currency's days as zeros.
  const earliest = Math.max(0, lastIdx + 1 - MAX_HISTORY_DAYS);
  const firstCost = series.values.findIndex((v, i) => i >= earliest && i <= lastIdx && v !== 0);
  if (firstCost < 0) {
    // Nothing but zeros in the window: a report of them (and a forecast of zero) would mislead.
    const lastCost = series.values.findLastIndex((v, i) => i <= lastIdx && v !== 0);
    // Every series of the basis shares its first day, so the window's indices hold for each.
    const others = res.series.filter((x) => x.currency !== series.currency && x.total.slice(earliest, lastIdx + 1).some((v) => v !== 0)).map((x) => x.currency);
    throw new HeadroomError(
      'NOT_FOUND',
      `No ${series.currency} cost for ${scopeText(req.scope)} from ${addDays(series.start, earliest)} to ${addDays(series.start, lastIdx)} (a report covers at most the last ${MAX_HISTORY_DAYS} days before today)${lastCost >= 0 ? `: its last day with cost is ${addDays(series.start, lastCost)}` : ''}.${others.length > 0 ? ` The scope has cost in that window in ${others.join(', ')}: pass one of those with --currency.` : ''}`,
    );
  }
  const from = firstCost;
  const start: Day = addDays(series.start, from);
  const end: Day = addDays(series.start, lastIdx + 1);
  const values = series.values.slice(from, lastIdx + 1);
  const bySvc = await store.dailySeries({ filters, view: req.view, from: start, to: end, by: ['service'] });
  const services = bySvc.series
    .filter((s) => s.currency === series.currency)
    .map((s) => {
      const off = daysBetween(start, s.start);
      const v = Array.from({ length: values.length }, (_, i) => s.values[i - off] ?? 0);
      return { name: s.group['service'] ?? '(no service)', values: v };
    });
  checkCancel();
  // Anomalies first: labelled ones (expected, planned, incident) are one-offs, so their days
  // are left out of the forecast's training and listed under assumptions.
  const anomalies = include.has('anomalies') ? (progress('scanning anomalies'), await scanReportAnomalies(deps, req.scope, series.currency, sub)) : null;
  const excluded = (anomalies?.labelled ?? []).filter((a) => a.end >= start && a.start < end);
  checkCancel();
  progress('forecasting');
  // The forecast basis (usage model + recurring projection, one-time charges out); the labelled
  // anomalies listed in the report are the days it leaves out of training (without the anomalies
  // section, every stored label whose scope overlaps the report's).
  const f = forecastCostBasis(basis, {
    historyEnd: lastIdx + 1,
    maxHistoryDays: MAX_HISTORY_DAYS,
    period: 7,
    horizon: req.horizon_days,
    paths: req.paths,
    seed: 1,
    planning: true,
    ...(anomalies ? { exclusions: excluded.map((a) => ({ start: a.start, end: a.end, reason: `anomaly labelled ${a.item.label ?? 'by the user'} (${a.item.scope})` })) } : {}),
  });
  checkCancel();
  const planned = await planSections(deps, { scope: req.scope, horizonDays: req.horizon_days, include, onStep: (name) => (checkCancel(), progress(`planning ${name}`)) }, sub);
  const coverage = (await store.coverage()).map((c) => ({
    name: c.source.name,
    kind: c.source.kind,
    rows: c.charges.rows,
    firstDay: c.charges.firstDay,
    lastDay: c.charges.lastDay,
    lastImportAt: c.lastImportAt,
  }));
  const report = buildReport({
    title: req.title ?? `Cost forecast — ${scopeText(req.scope)}`,
    generatedAt: clock().toISOString(),
    scope: req.scope,
    currency: series.currency,
    view: req.view,
    daily: { start, values },
    services,
    paths: (f.paths ?? []).map((p) => [...p]),
    card: f.card,
    basisNotes: f.composition.notes,
    coverage,
    sections: { ...planned, ...(anomalies ? { anomalies: { items: anomalies.items, ...(anomalies.note ? { note: anomalies.note } : {}) } } : {}) },
    excludedAnomalies: excluded.map((a) => a.item),
  });
  return {
    report,
    warnings: [...warnings, ...f.card.warnings],
    dataThrough: addDays(end, -1),
    sections: REPORT_SECTIONS.filter((s) => include.has(s)),
    excludedAnomalies: excluded.length,
    progress,
    steps,
  };
}

export function reportsHandlers(deps: ServiceDeps): FeatureHandlers<typeof reportsApi> {
  return {
    'reports.build': async (req, ctx) => {
      const a = await assembleReport(deps, req, ctx);
      a.progress(`rendering ${req.format}`);
      const bytes = await renderReport(a.report, req.format);
      ctx.progress({ phase: 'report', done: a.steps, total: a.steps, message: 'done' });
      return {
        format: req.format,
        mime: MIME[req.format],
        base64: Buffer.from(bytes).toString('base64'),
        bytes: bytes.length,
        stamp: a.report.stamp,
        currency: a.report.currency,
        data_through: a.dataThrough,
        model: a.report.model.spec,
        warnings: [...a.warnings],
        sections: [...a.sections],
        excluded_anomalies: a.excludedAnomalies,
      };
    },
  };
}
