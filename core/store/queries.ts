/** Aggregate queries over `charges`: daily series by any dimensions, totals per currency, coverage. */
import { HeadroomError, addDays, daysBetween, isDay, type Day } from '../lib';
import type { CostView, CurrencyTotal, Dimension } from '../model';
import { num, type Sql } from './db';
import { Params, dimensionSql, parseDimension } from './dimensions';
import { listSources } from './sources';
import type { ChargeQuery, DailySeriesQuery, DailySeriesResult, GroupDailySeries, GroupKey, GroupTotal, Period, SourceCoverage, SummaryResult } from './types';

function checkDay(name: string, d: string | undefined): void {
  if (d !== undefined && !isDay(d)) throw new HeadroomError('BAD_INPUT', `--${name} "${d}" is not a date: use YYYY-MM-DD.`);
}

/** WHERE clause for a charge query; every value is a bound parameter. */
export function chargeWhere(q: ChargeQuery, params: Params): string {
  checkDay('from', q.from);
  checkDay('to', q.to);
  if (q.from && q.to && q.from >= q.to) throw new HeadroomError('BAD_INPUT', `The range is empty: --from ${q.from} must be before --to ${q.to} (to is exclusive).`);
  const parts: string[] = ['TRUE'];
  if (q.from) parts.push(`ChargePeriodStart >= CAST(${params.add(q.from)} AS DATE)`);
  if (q.to) parts.push(`ChargePeriodStart < CAST(${params.add(q.to)} AS DATE)`);
  if (q.sourceIds) {
    parts.push(q.sourceIds.length === 0 ? 'FALSE' : `source_id IN (${q.sourceIds.map((id) => params.add(id)).join(', ')})`);
  }
  for (const f of q.filters ?? []) {
    const expr = dimensionSql(parseDimension(f.dimension), params);
    const vals = f.values.filter((v): v is string => v !== null);
    const alts: string[] = [];
    if (vals.length > 0) alts.push(`${expr} IN (${vals.map((v) => params.add(v)).join(', ')})`);
    if (f.values.includes(null)) alts.push(`${expr} IS NULL`);
    parts.push(alts.length === 0 ? 'FALSE' : `(${alts.join(' OR ')})`);
  }
  return parts.join(' AND ');
}

const costColumn = (view: CostView): string => (view === 'billed' ? 'BilledCost' : 'EffectiveCost');

function groupKey(by: readonly Dimension[], row: Record<string, unknown>): GroupKey {
  const key: Record<string, string | null> = {};
  by.forEach((d, i) => {
    const v = row[`g${i}`];
    key[d] = v === null || v === undefined ? null : String(v);
  });
  return key;
}

function uniqueDims(by: readonly string[] | undefined): Dimension[] {
  const out: Dimension[] = [];
  for (const d of by ?? []) {
    const dim = parseDimension(d);
    if (!out.includes(dim)) out.push(dim);
  }
  return out;
}

/** Daily cost series per currency and group, dense over the period (days without rows are 0). */
export async function dailySeries(sql: Sql, q: DailySeriesQuery): Promise<DailySeriesResult> {
  const view = q.view ?? 'effective';
  const by = uniqueDims(q.by);
  const params = new Params();
  const groupExprs = by.map((d, i) => `${dimensionSql(d, params)} AS g${i}`);
  const where = chargeWhere(q, params);
  const rows = await sql.all(
    `SELECT CAST(ChargePeriodStart AS VARCHAR) AS day, BillingCurrency AS currency${groupExprs.map((g) => `, ${g}`).join('')},
            CAST(SUM(${costColumn(view)}) AS DOUBLE) AS cost
       FROM charges WHERE ${where} GROUP BY ALL ORDER BY ALL`,
    params.values,
  );
  if (rows.length === 0) {
    const period = q.from && q.to ? { start: q.from, end: q.to } : null;
    return { view, period, series: [] };
  }
  let first = q.from;
  let last = q.to;
  if (!first || !last) {
    const days = rows.map((r) => String(r['day']));
    first ??= days.reduce((a, b) => (a < b ? a : b)) as Day;
    last ??= addDays(days.reduce((a, b) => (a > b ? a : b)) as Day, 1);
  }
  const length = Math.max(0, daysBetween(first, last));
  const byKey = new Map<string, { currency: string; group: GroupKey; values: number[] }>();
  for (const r of rows) {
    const currency = String(r['currency']);
    const group = groupKey(by, r);
    const k = JSON.stringify([currency, by.map((d) => group[d] ?? null)]);
    let s = byKey.get(k);
    if (!s) {
      s = { currency, group, values: new Array<number>(length).fill(0) };
      byKey.set(k, s);
    }
    const i = daysBetween(first, String(r['day']) as Day);
    if (i >= 0 && i < length) s.values[i] = (s.values[i] ?? 0) + num(r['cost']);
  }
  const series: GroupDailySeries[] = [...byKey.values()].map((s) => ({
    currency: s.currency,
    group: s.group,
    start: first,
    values: s.values,
    total: s.values.reduce((a, b) => a + b, 0),
  }));
  series.sort((a, b) => a.currency.localeCompare(b.currency) || b.total - a.total);
  return { view, period: { start: first, end: last }, series };
}

/** Billed and effective totals per currency, plus the same per group when `by` is given. */
export async function summary(sql: Sql, q: ChargeQuery & { readonly by?: readonly Dimension[] }): Promise<SummaryResult> {
  const by = uniqueDims(q.by);
  const totalsParams = new Params();
  const totalsWhere = chargeWhere(q, totalsParams);
  const totalRows = await sql.all<{ currency: string; billed: number; effective: number; first: string | null; last: string | null }>(
    `SELECT BillingCurrency AS currency, CAST(SUM(BilledCost) AS DOUBLE) AS billed, CAST(SUM(EffectiveCost) AS DOUBLE) AS effective,
            CAST(MIN(ChargePeriodStart) AS VARCHAR) AS first, CAST(MAX(ChargePeriodStart) + 1 AS VARCHAR) AS last
       FROM charges WHERE ${totalsWhere} GROUP BY 1 ORDER BY 1`,
    totalsParams.values,
  );
  const totals: CurrencyTotal[] = totalRows.map((r) => ({ currency: r.currency as CurrencyTotal['currency'], billed_cost: r.billed, effective_cost: r.effective }));
  let period: Period | null = null;
  if (totalRows.length > 0) {
    const start = q.from ?? (totalRows.map((r) => r.first ?? '').reduce((a, b) => (a < b ? a : b)) as Day);
    const end = q.to ?? (totalRows.map((r) => r.last ?? '').reduce((a, b) => (a > b ? a : b)) as Day);
    period = { start, end };
  } else if (q.from && q.to) {
    period = { start: q.from, end: q.to };
  }
  let groups: GroupTotal[] = [];
  if (by.length > 0) {
    const params = new Params();
    const groupExprs = by.map((d, i) => `${dimensionSql(d, params)} AS g${i}`);
    const where = chargeWhere(q, params);
    const rows = await sql.all(
      `SELECT BillingCurrency AS currency, ${groupExprs.join(', ')},
              CAST(SUM(BilledCost) AS DOUBLE) AS billed, CAST(SUM(EffectiveCost) AS DOUBLE) AS effective
         FROM charges WHERE ${where} GROUP BY ALL ORDER BY currency, effective DESC${by.map((_, i) => `, g${i} NULLS LAST`).join('')}`,
      params.values,
    );
    groups = rows.map((r) => ({
      currency: String(r['currency']) as CurrencyTotal['currency'],
      group: groupKey(by, r),
      billed_cost: num(r['billed']),
      effective_cost: num(r['effective']),
    }));
  }
  return { period, totals, groups };
}

/** Per source: charge rows and day span, metric points, imports and the last import time. */
export async function coverage(sql: Sql): Promise<SourceCoverage[]> {
  const sources = await listSources(sql);
  const charges = await sql.all(
    `SELECT source_id, COUNT(*) AS n, CAST(MIN(ChargePeriodStart) AS VARCHAR) AS first, CAST(MAX(ChargePeriodStart) AS VARCHAR) AS last,
            list_sort(list(DISTINCT BillingCurrency)) AS currencies
       FROM charges GROUP BY source_id`,
  );
  const metrics = await sql.all(
    `SELECT source_id, COUNT(*) AS n, COUNT(DISTINCT (name, series_key)) AS series,
            strftime(MIN(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(MAX(ts), '%Y-%m-%dT%H:%M:%S.%gZ') AS last
       FROM metrics GROUP BY source_id`,
  );
  const imports = await sql.all(
    `SELECT source_id, COUNT(*) AS n, strftime(MAX(finished_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS last FROM imports GROUP BY source_id`,
  );
  const bySource = (rows: Record<string, unknown>[]): Map<number, Record<string, unknown>> => new Map(rows.map((r) => [num(r['source_id']), r]));
  const c = bySource(charges);
  const m = bySource(metrics);
  const i = bySource(imports);
  return sources.map((source) => {
    const cr = c.get(source.id);
    const mr = m.get(source.id);
    const ir = i.get(source.id);
    return {
      source,
      charges: {
        rows: num(cr?.['n']),
        firstDay: (cr?.['first'] as Day | undefined) ?? null,
        lastDay: (cr?.['last'] as Day | undefined) ?? null,
        currencies: ((cr?.['currencies'] as string[] | undefined) ?? []).map(String),
      },
      metrics: {
        points: num(mr?.['n']),
        series: num(mr?.['series']),
        firstTs: (mr?.['first'] as string | undefined) ?? null,
        lastTs: (mr?.['last'] as string | undefined) ?? null,
      },
      imports: num(ir?.['n']),
      lastImportAt: (ir?.['last'] as string | undefined) ?? null,
    };
  });
}
