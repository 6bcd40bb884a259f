/** Metric points (utilization, vCPUs in use, requests): write by replacing a series' time range; read raw or resampled. */
import { MAP, VARCHAR, mapValue, timestampValue } from '@duckdb/node-api';
import { HeadroomError } from '../lib';
import type { MetricPoint } from '../model';
import { inTransaction, isoTs, num, type Sql } from './db';
import { requireSource } from './charges-write';
import { ensureSourceIn, setSourceSettingsIn } from './sources';
import { Params } from './dimensions';
import type { MetricCatalogEntry, MetricQuery, MetricSeries, ReplaceMetricPointsRequest, ReplaceMetricPointsResult, ReplaceSourceMetricsRequest, ReplaceSourceMetricsResult } from './types';

const LABELS_TYPE = MAP(VARCHAR, VARCHAR);
const TS_OUT = `'%Y-%m-%dT%H:%M:%S.%gZ'`;

/** Canonical identity of a label set: sorted [key, value] pairs as JSON. */
export function seriesKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Milliseconds since the epoch of an ISO timestamp or a YYYY-MM-DD day (UTC); BAD_INPUT otherwise. */
export function parseTs(what: string, s: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (!Number.isFinite(ms)) throw new HeadroomError('BAD_INPUT', `${what} "${s}" is not an ISO timestamp (e.g. 2025-01-31T12:00:00Z).`);
  return ms;
}

export async function replaceMetricPoints(sql: Sql, req: ReplaceMetricPointsRequest): Promise<ReplaceMetricPointsResult> {
  const from = parseTs('from', req.from);
  const to = parseTs('to', req.to);
  if (from >= to) throw new HeadroomError('BAD_INPUT', `replaceMetricPoints: [${req.from}, ${req.to}) is empty.`);
  if (req.name.trim() === '') throw new HeadroomError('BAD_INPUT', 'A metric needs a name.');
  const key = seriesKey(req.labels);
  return inTransaction(sql, async (tx) => {
    await requireSource(tx, req.sourceId);
    const del = await tx.all(
      `DELETE FROM metrics WHERE source_id = $s AND name = $n AND series_key = $k AND ts >= CAST($from AS TIMESTAMP) AND ts < CAST($to AS TIMESTAMP)`,
      { s: req.sourceId, n: req.name, k: key, from: isoTs(new Date(from)), to: isoTs(new Date(to)) },
    );
    const n = await appendSeries(tx, req.sourceId, req, { from, to, text: `[${req.from}, ${req.to})` }, req.signal);
    return { pointsWritten: n, pointsReplaced: num(del[0] ? Object.values(del[0])[0] : 0) };
  });
}

/**
 * Appends one series' points (validated: timestamp, inside [from, to), finite value) to the open
 * transaction `tx`. Throws BAD_INPUT naming the point and the metric; CANCELLED when `signal` aborts.
 * The caller's transaction is rolled back on any throw, so nothing of the write remains.
 */
async function appendSeries(
  tx: Sql,
  sourceId: number,
  s: { readonly name: string; readonly unit: string; readonly labels: Readonly<Record<string, string>>; readonly points: Iterable<MetricPoint> | AsyncIterable<MetricPoint> },
  range: { readonly from: number; readonly to: number; readonly text: string },
  signal: AbortSignal | undefined,
): Promise<number> {
  if (s.name.trim() === '') throw new HeadroomError('BAD_INPUT', 'A metric needs a name.');
  const key = seriesKey(s.labels);
  const labels = mapValue(Object.entries(s.labels).map(([k, v]) => ({ key: k, value: v })));
  const what = `metric "${s.name}"${Object.keys(s.labels).length > 0 ? ` ${key}` : ''}`;
  const ap = await tx.connection.createAppender('metrics');
  let n = 0;
  try {
    for await (const p of s.points) {
      const ms = parseTs(`Point ${n + 1} of ${what}`, p.ts);
      if (ms < range.from || ms >= range.to) throw new HeadroomError('BAD_INPUT', `Point ${n + 1} of ${what} at ${p.ts} is outside ${range.text}.`);
      if (!Number.isFinite(p.value)) throw new HeadroomError('BAD_INPUT', `Point ${n + 1} of ${what} at ${p.ts} has no finite value.`);
      ap.appendInteger(sourceId);
      ap.appendVarchar(s.name);
      ap.appendVarchar(key);
      ap.appendValue(labels, LABELS_TYPE);
      ap.appendTimestamp(timestampValue(BigInt(ms) * 1000n));
      ap.appendDouble(p.value);
      ap.appendVarchar(s.unit);
      ap.endRow();
      n++;
      if (n % 8192 === 0 && signal?.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: nothing was written.');
    }
    ap.flushSync();
  } finally {
    ap.closeSync();
  }
  if (signal?.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: nothing was written.');
  return n;
}

/**
 * Replaces a source's metric points with a set of series in **one** transaction (a metric file
 * import, a Prometheus sync): the source is created if new, its points — all of them, or only those
 * of the metric names written (`replace: 'names'`), within `range` when given — are deleted, and
 * every series is appended. Any
 * bad point in any series, or a cancellation, rolls the whole write back: the metrics table and the
 * sources are as they were. Writing the same set again gives the same rows (idempotent).
 */
export async function replaceSourceMetrics(sql: Sql, req: ReplaceSourceMetricsRequest, now: () => Date): Promise<ReplaceSourceMetricsResult> {
  const range = req.range === undefined ? undefined : { from: parseTs('from', req.range.from), to: parseTs('to', req.range.to) };
  if (range && range.from >= range.to) throw new HeadroomError('BAD_INPUT', `replaceSourceMetrics: [${req.range?.from}, ${req.range?.to}) is empty.`);
  return inTransaction(sql, async (tx) => {
    let source = await ensureSourceIn(tx, req.source, now);
    // Replacing all of a source's points re-describes it: the settings are the request's (a
    // Prometheus source's query and URL, a file's layout), not the ones it was created with.
    if (range === undefined && req.replace !== 'names' && req.source.settings !== undefined) {
      await setSourceSettingsIn(tx, source.id, req.source.settings);
      source = { ...source, settings: { ...req.source.settings } };
    }
    let del: Record<string, unknown>[];
    if (range === undefined && req.replace !== 'names') {
      del = await tx.all(`DELETE FROM metrics WHERE source_id = $s`, { s: source.id });
    } else {
      const names = [...new Set(req.series.map((x) => x.name))];
      const params = new Params();
      const within = range === undefined ? '' : ` AND ts >= CAST(${params.add(isoTs(new Date(range.from)))} AS TIMESTAMP) AND ts < CAST(${params.add(isoTs(new Date(range.to)))} AS TIMESTAMP)`;
      del = names.length === 0 ? [] : await tx.all(
        `DELETE FROM metrics WHERE source_id = ${params.add(source.id)} AND name IN (${names.map((x) => params.add(x)).join(', ')})${within}`,
        params.values,
      );
    }
    const bounds = range === undefined ? { from: -Infinity, to: Infinity, text: 'any time' } : { ...range, text: `[${req.range?.from}, ${req.range?.to})` };
    let written = 0;
    for (const x of req.series) written += await appendSeries(tx, source.id, x, bounds, req.signal);
    return { source, pointsWritten: written, pointsReplaced: num(del[0] ? Object.values(del[0])[0] : 0) };
  });
}

function mapToRecord(v: unknown): Record<string, string> {
  // DuckDB's JS converter returns MAP as an array of { key, value }.
  const out: Record<string, string> = {};
  if (Array.isArray(v)) for (const e of v as { key: unknown; value: unknown }[]) out[String(e.key)] = String(e.value);
  return out;
}

const AGG_SQL: Readonly<Record<NonNullable<MetricQuery['agg']>, string>> = {
  mean: 'avg(value)',
  max: 'max(value)',
  min: 'min(value)',
  sum: 'sum(value)',
  p95: 'quantile_cont(value, 0.95)',
};

/** One series per (source, label set) for the metric name; raw points or resampled per hour/day. */
export async function metricSeries(sql: Sql, q: MetricQuery): Promise<MetricSeries[]> {
  const params = new Params();
  const where: string[] = [`name = ${params.add(q.name)}`];
  if (q.sourceId !== undefined) where.push(`source_id = ${params.add(q.sourceId)}`);
  if (q.from !== undefined) where.push(`ts >= CAST(${params.add(isoTs(new Date(parseTs('from', q.from))))} AS TIMESTAMP)`);
  if (q.to !== undefined) where.push(`ts < CAST(${params.add(isoTs(new Date(parseTs('to', q.to))))} AS TIMESTAMP)`);
  for (const [k, v] of Object.entries(q.labels ?? {})) where.push(`map_extract_value(labels, ${params.add(k)}) = ${params.add(v)}`);
  const step = q.step ?? 'raw';
  if (step !== 'raw' && step !== 'hour' && step !== 'day') throw new HeadroomError('BAD_INPUT', `Unknown step "${String(step)}": use raw, hour or day.`);
  const agg = AGG_SQL[q.agg ?? 'mean'];
  if (agg === undefined) throw new HeadroomError('BAD_INPUT', `Unknown aggregation "${String(q.agg)}": use mean, max, min, sum or p95.`);
  const inner =
    step === 'raw'
      ? `SELECT source_id, series_key, labels, unit, ts AS t, value AS v FROM metrics WHERE ${where.join(' AND ')}`
      : `SELECT source_id, series_key, any_value(labels) AS labels, any_value(unit) AS unit, date_trunc('${step}', ts) AS t, ${agg} AS v
           FROM metrics WHERE ${where.join(' AND ')} GROUP BY source_id, series_key, t`;
  const rows = await sql.all(
    `SELECT source_id, series_key, any_value(labels) AS labels, any_value(unit) AS unit,
            list(struct_pack(ts := strftime(t, ${TS_OUT}), v := v) ORDER BY t) AS points
       FROM (${inner}) GROUP BY source_id, series_key ORDER BY source_id, series_key`,
    params.values,
  );
  return rows.map((r) => ({
    sourceId: num(r['source_id']),
    name: q.name,
    unit: String(r['unit']),
    labels: mapToRecord(r['labels']),
    points: ((r['points'] as { ts: string; v: number }[] | null) ?? []).map((p): MetricPoint => ({ ts: p.ts, value: Number(p.v) })),
  }));
}

/** Which metric series exist, with their units, labels, point counts and spans. */
export async function metricCatalog(sql: Sql): Promise<MetricCatalogEntry[]> {
  const rows = await sql.all(
    `SELECT source_id, name, any_value(unit) AS unit, any_value(labels) AS labels, COUNT(*) AS n,
            strftime(MIN(ts), ${TS_OUT}) AS first, strftime(MAX(ts), ${TS_OUT}) AS last
       FROM metrics GROUP BY source_id, name, series_key ORDER BY source_id, name, series_key`,
  );
  return rows.map((r) => ({
    sourceId: num(r['source_id']),
    name: String(r['name']),
    unit: String(r['unit']),
    labels: mapToRecord(r['labels']),
    points: num(r['n']),
    firstTs: String(r['first']),
    lastTs: String(r['last']),
  }));
}
