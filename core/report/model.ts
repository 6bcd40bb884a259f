/**
 * The report model (issue 8): everything a rendered report shows, as plain data. Pure: the
 * service queries the store and runs the forecast, then hands the slices here.
 */
import { createHash } from 'node:crypto';
import { addDays, daysBetween, endOfMonthExclusive, startOfMonth, type Day } from '../lib';
import type { ModelCard } from '../forecast';
import { buildSections, type AnomalyItem, type ReportSections, type SectionsInput } from './sections';

/** Bumped when the report's content or the stamp's recipe changes. */
export const REPORT_VERSION = 2;

export interface ReportScope {
  readonly dimension: string;
  readonly value: string;
}

export interface SourceCoverageInput {
  readonly name: string;
  readonly kind: string;
  readonly rows: number;
  readonly firstDay: Day | null;
  readonly lastDay: Day | null;
  readonly lastImportAt: string | null;
}

export interface ReportInput {
  readonly title: string;
  /** ISO timestamp; shown, not part of the stamp. */
  readonly generatedAt: string;
  readonly scope: readonly ReportScope[];
  readonly currency: string;
  readonly view: 'effective' | 'billed';
  /** Daily cost of the scope: values[i] is the cost on start + i days (last value = last day with data). */
  readonly daily: { readonly start: Day; readonly values: readonly number[] };
  /** Daily cost of each service over the same days (same start and length as `daily`). */
  readonly services: readonly { readonly name: string; readonly values: readonly number[] }[];
  /** Forecast sample paths starting the day after the last actual day; every path has the same length. */
  readonly paths: readonly (readonly number[])[];
  readonly card: ModelCard;
  readonly coverage: readonly SourceCoverageInput[];
  /** How many services `actuals.services` lists before "Other". */
  readonly topServices?: number;
  /** Capacity, commitments, budgets, anomalies and scenarios, as far as the service computed them. */
  readonly sections?: SectionsInput;
  /** Labelled anomalies whose days were excluded from the forecast's training. */
  readonly excludedAnomalies?: readonly AnomalyItem[];
  /** How the cost forecast is composed, in words (shown under assumptions). */
  readonly basisNotes?: readonly string[];
  /** How many anomalies the report lists (largest |impact| first); default 10. */
  readonly topAnomalies?: number;
}

export interface SourceCoverage extends SourceCoverageInput {
  /** Whole days between the source's last day and the report's last actual day (0 = up to date), null without data. */
  readonly lagDays: number | null;
}

export interface MonthActual {
  /** First day of the month. */
  readonly month: Day;
  readonly days: number;
  readonly cost: number;
}

export interface ServiceActual {
  readonly name: string;
  readonly total: number;
  /** Per month, aligned with `actuals.months`. */
  readonly byMonth: readonly number[];
}

export interface MonthForecast {
  readonly month: Day;
  /** Days of the month already observed, and their cost (the partial current month). */
  readonly actualDays: number;
  readonly actual: number;
  readonly forecastDays: number;
  /** Quantiles of the month total (actual + forecast), over the sample paths. */
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly mean: number;
}

export interface Report {
  readonly version: number;
  readonly title: string;
  readonly generatedAt: string;
  readonly scope: readonly ReportScope[];
  readonly currency: string;
  readonly view: 'effective' | 'billed';
  /** Actual days [start, end) and forecast days [end, forecastEnd). */
  readonly period: { readonly start: Day; readonly end: Day; readonly forecastEnd: Day };
  readonly actuals: { readonly total: number; readonly months: readonly MonthActual[]; readonly services: readonly ServiceActual[] };
  readonly forecast: { readonly paths: number; readonly horizonDays: number; readonly months: readonly MonthForecast[] };
  readonly model: {
    readonly requested: string;
    readonly family: string;
    readonly spec: string;
    readonly params: Readonly<Record<string, number>>;
    readonly seed: number;
    readonly period: number;
    readonly trainingDays: number;
    readonly backtest: ModelCard['backtest'] | null;
    readonly levels: readonly number[];
    readonly candidates: readonly { readonly model: string; readonly spec: string; readonly score: number }[];
    readonly calibration: readonly { readonly level: number; readonly factor: number }[];
    readonly members: readonly string[];
    /** Training days excluded (labelled anomalies, missing values) and interpolated by the model. */
    readonly excludedDays: number;
    /** How the cost forecast is composed (usage model, recurring projection, one-time charges, exclusions), in sentences. */
    readonly basis: readonly string[];
    readonly warnings: readonly string[];
  };
  readonly sections: ReportSections;
  readonly assumptions: {
    readonly coverage: readonly SourceCoverage[];
    readonly excludedAnomalies: readonly AnomalyItem[];
    readonly scenarioDrivers: readonly { readonly scenario: string; readonly driver: string }[];
    readonly notes: readonly string[];
  };
  /** sha256 (hex) of the canonical JSON of the input slice and the model specification. */
  readonly stamp: string;
}

/**
 * Quantile of a sample, Hyndman & Fan (1996) definition 7 (linear interpolation between order
 * statistics, the default of R and NumPy): h = (n − 1)p, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 */
export function quantile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.min(lo + 1, n - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/**
 * JSON with object keys sorted at every level (RFC 8785-style canonical ordering; numbers use
 * JavaScript's shortest round-trip form), so equal data always hashes equal.
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
    return JSON.stringify(v) ?? 'null';
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** The reproducibility stamp: what went in (data slice, model spec and parameters, versions). */
export function reportStamp(input: ReportInput): string {
  const c = input.card;
  const recipe = {
    reportVersion: REPORT_VERSION,
    scope: input.scope,
    currency: input.currency,
    view: input.view,
    daily: input.daily,
    services: input.services,
    model: { requested: c.requested, family: c.family, spec: c.spec, params: c.params, seed: c.seed, period: c.period, horizon: c.horizon, excluded: c.excluded },
    paths: input.paths.length,
    horizon: input.paths[0]?.length ?? 0,
    sections: input.sections ?? {},
    excludedAnomalies: input.excludedAnomalies ?? [],
    ...(input.basisNotes ? { basis: input.basisNotes } : {}),
  };
  return createHash('sha256').update(canonicalJson(recipe)).digest('hex');
}

/** Group days [start, start + n) into calendar months. */
function months(start: Day, n: number): { month: Day; from: number; to: number }[] {
  const out: { month: Day; from: number; to: number }[] = [];
  let i = 0;
  while (i < n) {
    const day = addDays(start, i);
    const next = Math.min(n, i + daysBetween(day, endOfMonthExclusive(day)));
    out.push({ month: startOfMonth(day), from: i, to: next });
    i = next;
  }
  return out;
}

const sum = (xs: readonly number[], from = 0, to = xs.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i] ?? 0;
  return s;
};

export function buildReport(input: ReportInput): Report {
  const { daily, paths } = input;
  const n = daily.values.length;
  const end = addDays(daily.start, n);
  const horizon = paths[0]?.length ?? 0;
  const am = months(daily.start, n);
  const actualMonths: MonthActual[] = am.map((m) => ({ month: m.month, days: m.to - m.from, cost: sum(daily.values, m.from, m.to) }));
  const top = input.topServices ?? 10;
  const ranked = input.services
    .map((s) => ({ name: s.name, total: sum(s.values), byMonth: am.map((m) => sum(s.values, m.from, m.to)) }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const services: ServiceActual[] = ranked.slice(0, top);
  if (ranked.length > top) {
    const rest = ranked.slice(top);
    services.push({ name: 'Other', total: sum(rest.map((r) => r.total)), byMonth: am.map((_, j) => sum(rest.map((r) => r.byMonth[j] ?? 0))) });
  }
  // Forecast months: the partial month in progress adds its actual days to every path.
  const fm = months(end, horizon);
  const last = actualMonths[actualMonths.length - 1];
  const forecastMonths: MonthForecast[] = fm.map((m) => {
    const carried = last !== undefined && last.month === m.month ? last : undefined;
    const base = carried?.cost ?? 0;
    const totals = paths.map((p) => base + sum(p, m.from, m.to)).sort((a, b) => a - b);
    return {
      month: m.month,
      actualDays: carried?.days ?? 0,
      actual: base,
      forecastDays: m.to - m.from,
      p10: quantile(totals, 0.1),
      p50: quantile(totals, 0.5),
      p90: quantile(totals, 0.9),
      mean: totals.length === 0 ? NaN : sum(totals) / totals.length,
    };
  });
  const c = input.card;
  const notes: string[] = [
    `Costs are ${input.view === 'effective' ? 'EffectiveCost (amortized: commitment purchases spread over their term)' : 'BilledCost (as invoiced)'} in ${input.currency}; other currencies are left out.`,
    `The forecast is the ${c.spec} model fitted on ${c.trainingWindow.n} days of daily ${input.basisNotes ? 'usage-based cost (recurring fees projected from their terms are added to every path; one-time charges are left out)' : 'cost'} with a ${c.period}-day season; monthly P10/P50/P90 are quantiles of ${paths.length} simulated sample paths summed per month (seed ${c.seed}).`,
  ];
  for (const b of input.basisNotes ?? []) notes.push(b);
  const excludedAnomalies = [...(input.excludedAnomalies ?? [])];
  if (c.excluded.length > 0) {
    notes.push(
      `${c.excluded.length} day(s) were excluded from training and replaced by the model's interpolation${excludedAnomalies.length > 0 ? `: the days of the ${excludedAnomalies.length} labelled anomal${excludedAnomalies.length === 1 ? 'y' : 'ies'} under Excluded anomalies, and any day without data` : ' (days without data)'}.`,
    );
  }
  const sections = buildSections(input.sections ?? {}, input.topAnomalies ?? 10);
  const scenarioDrivers = (sections.scenarios?.items ?? []).flatMap((s) => s.drivers.map((driver) => ({ scenario: s.name, driver })));
  if (sections.capacity || sections.commitments) {
    notes.push('Capacity pools and commitment recommendations cover every source in the data folder; anomalies, budgets and scenarios are those inside this scope.');
  }
  return {
    version: REPORT_VERSION,
    title: input.title,
    generatedAt: input.generatedAt,
    scope: input.scope.map((s) => ({ ...s })),
    currency: input.currency,
    view: input.view,
    period: { start: daily.start, end, forecastEnd: addDays(end, horizon) },
    actuals: { total: sum(daily.values), months: actualMonths, services },
    forecast: { paths: paths.length, horizonDays: horizon, months: forecastMonths },
    model: {
      requested: c.requested,
      family: c.family,
      spec: c.spec,
      params: { ...c.params },
      seed: c.seed,
      period: c.period,
      trainingDays: c.trainingWindow.n,
      backtest: c.backtest ?? null,
      levels: [...c.levels],
      candidates: (c.candidates ?? []).map((x) => ({ model: x.model, spec: x.spec, score: x.score })),
      calibration: (c.calibration ?? []).map((x) => ({ level: x.level, factor: x.factor })),
      members: (c.members ?? []).map((m) => m.spec),
      excludedDays: c.excluded.length,
      basis: [...(input.basisNotes ?? [])],
      warnings: [...c.warnings],
    },
    sections,
    assumptions: {
      coverage: input.coverage.map((x) => ({ ...x, lagDays: x.lastDay === null ? null : Math.max(0, daysBetween(x.lastDay, addDays(end, -1))) })),
      excludedAnomalies,
      scenarioDrivers,
      notes,
    },
    stamp: reportStamp(input),
  };
}

/** The scope as text: `service=Amazon EC2, region=us-east-1`, or `all charges`. */
export const scopeText = (scope: readonly ReportScope[]): string => (scope.length === 0 ? 'all charges' : scope.map((s) => `${s.dimension}=${s.value}`).join(', '));
