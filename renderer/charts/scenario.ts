/** Chart rows for the scenario comparison: whole months, each baseline and each scenario with its P10–P90 band. */

export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface ScenarioInput {
  readonly name: string;
  /** Scenarios with the same baseline key (scope and currency) share one baseline. */
  readonly baselineKey: string;
  readonly baselineLabel: string;
  /** Its colour: the scenario's place in the whole comparison (the swatch its table rows show), default its place on this chart. */
  readonly colorIndex?: number;
  readonly months: readonly { readonly month: string; readonly days: number; readonly baseline: Band; readonly scenario: Band }[];
}

export interface ScenarioSeriesKey {
  readonly key: string;
  readonly label: string;
  readonly kind: 'baseline' | 'scenario';
  /** For a scenario: its colour's index (scenarioColor). */
  readonly colorIndex?: number;
}

export interface ScenarioRows {
  readonly rows: readonly Record<string, string | number | readonly [number, number]>[];
  readonly keys: readonly ScenarioSeriesKey[];
  /** Months left out because the horizon covers only part of them. */
  readonly partial: readonly { readonly month: string; readonly days: number }[];
}

/** Days in a `YYYY-MM` month. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * One row per whole month of the horizon (`month`), with `b<i>` / `b<i>band` for each distinct
 * baseline and `s<i>` / `s<i>band` for each scenario (P50 and [P10, P90]). Partial months at the
 * ends of the horizon are left out (a 5-day month next to full ones reads as a collapse) and listed.
 */
export function scenarioRows(scenarios: readonly ScenarioInput[]): ScenarioRows {
  const baselines: ScenarioInput[] = [];
  for (const s of scenarios) if (!baselines.some((b) => b.baselineKey === s.baselineKey)) baselines.push(s);
  const months = new Map<string, Record<string, string | number | readonly [number, number]>>();
  const partial = new Map<string, number>();
  const row = (month: string): Record<string, string | number | readonly [number, number]> => {
    let r = months.get(month);
    if (!r) months.set(month, (r = { month }));
    return r;
  };
  baselines.forEach((b, i) => {
    for (const m of b.months) {
      if (m.days < daysInMonth(m.month)) { partial.set(m.month, m.days); continue; }
      const r = row(m.month);
      r[`b${i}`] = m.baseline.p50;
      r[`b${i}band`] = [m.baseline.p10, m.baseline.p90];
    }
  });
  scenarios.forEach((s, i) => {
    for (const m of s.months) {
      if (m.days < daysInMonth(m.month)) continue;
      const r = row(m.month);
      r[`s${i}`] = m.scenario.p50;
      r[`s${i}band`] = [m.scenario.p10, m.scenario.p90];
    }
  });
  const keys: ScenarioSeriesKey[] = [
    ...baselines.map((b, i) => ({ key: `b${i}`, label: baselines.length === 1 ? 'Baseline' : `Baseline (${b.baselineLabel})`, kind: 'baseline' as const })),
    ...scenarios.map((s, i) => ({ key: `s${i}`, label: s.name, kind: 'scenario' as const, colorIndex: s.colorIndex ?? i })),
  ];
  const rows = [...months.values()].sort((a, b) => (String(a['month']) < String(b['month']) ? -1 : 1));
  return { rows, keys, partial: [...partial.entries()].map(([month, days]) => ({ month, days })).sort((a, b) => (a.month < b.month ? -1 : 1)) };
}

/** A compared scenario as the page has it: its chart input, its currency and the budgets the service matched to it (same scope and currency). */
export interface ScenarioChartSource {
  readonly input: ScenarioInput;
  readonly currency: string;
  readonly budgets: readonly { readonly name: string; readonly period: 'month' | 'quarter' | 'year'; readonly amount: number }[];
}

export interface ScenarioCurrencyChart {
  readonly currency: string;
  /** The scenarios billed in this currency, each keeping its colour from the whole comparison. */
  readonly scenarios: readonly ScenarioInput[];
  /** The monthly budgets of these scenarios only (lines on this chart's axis), one per name. */
  readonly budgets: readonly { readonly name: string; readonly amount: number }[];
}

/**
 * One chart per currency, in the order currencies first appear: amounts in different currencies
 * never share an axis, and a budget line is drawn only on the chart of its own currency. Each
 * scenario keeps the colour of its place in `sources` (the totals and budget tables' swatches).
 */
export function scenarioCharts(sources: readonly ScenarioChartSource[]): ScenarioCurrencyChart[] {
  const charts = new Map<string, { scenarios: ScenarioInput[]; budgets: { name: string; amount: number }[] }>();
  sources.forEach((s, i) => {
    let c = charts.get(s.currency);
    if (!c) charts.set(s.currency, (c = { scenarios: [], budgets: [] }));
    c.scenarios.push({ ...s.input, colorIndex: s.input.colorIndex ?? i });
    for (const b of s.budgets) if (b.period === 'month' && !c.budgets.some((x) => x.name === b.name)) c.budgets.push({ name: b.name, amount: b.amount });
  });
  return [...charts.entries()].map(([currency, c]) => ({ currency, ...c }));
}
