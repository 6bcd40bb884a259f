/**
 * Sync bookkeeping for cloud connectors: which days of a source are committed and final, and the
 * provider's own forecasts. `commitSyncRange` writes a range's charges and its day states in one
 * transaction, so a crash leaves either both or neither — which is what makes a sync resumable.
 */
import { dayRange, type Day } from '../lib';
import { replaceChargeRowsIn } from './charges-write';
import { inTransaction, isoTs, type Sql } from './db';
import { kvSet } from './kv';
import type { ReplaceChargeRowsRequest, ReplaceChargeRowsResult } from './types';

export interface CommitSyncRangeRequest extends ReplaceChargeRowsRequest {
  /** Days in [from, to) the provider still reports as estimated/open: the next sync re-fetches them. */
  readonly openDays: readonly Day[];
  /** Connector hints to keep with the source (page size, groups per day), stored in kv `sync-learned`. */
  readonly learned?: unknown;
}

export interface SyncDayState {
  readonly day: Day;
  readonly final: boolean;
}

export async function commitSyncRange(sql: Sql, req: CommitSyncRangeRequest, now: () => Date): Promise<ReplaceChargeRowsResult> {
  return inTransaction(sql, async (tx) => {
    const res = await replaceChargeRowsIn(tx, req, now);
    const open = new Set(req.openDays);
    await tx.run(`DELETE FROM sync_days WHERE source_id = $s AND day >= CAST($from AS DATE) AND day < CAST($to AS DATE)`, { s: req.sourceId, from: req.from, to: req.to });
    const at = isoTs(now());
    const days = dayRange(req.from, req.to);
    // One INSERT per range: VALUES lists are bound, never interpolated.
    const values = days.map((_, i) => `($s, CAST($d${i} AS DATE), $f${i}, CAST($at AS TIMESTAMP), $imp)`).join(', ');
    const params: Record<string, string | number | boolean> = { s: req.sourceId, at, imp: res.importId };
    days.forEach((d, i) => {
      params[`d${i}`] = d;
      params[`f${i}`] = !open.has(d);
    });
    if (days.length > 0) await tx.run(`INSERT INTO sync_days VALUES ${values}`, params);
    if (req.learned !== undefined) await kvSet(tx, 'sync-learned', String(req.sourceId), req.learned, now);
    return res;
  });
}

/** Committed days of a source in [from, to) with their finality. */
export async function syncDays(sql: Sql, sourceId: number, from: Day, to: Day): Promise<SyncDayState[]> {
  const rows = await sql.all<{ day: string; final: boolean }>(
    `SELECT CAST(day AS VARCHAR) AS day, final FROM sync_days WHERE source_id = $s AND day >= CAST($from AS DATE) AND day < CAST($to AS DATE) ORDER BY day`,
    { s: sourceId, from, to },
  );
  return rows.map((r) => ({ day: r.day as Day, final: Boolean(r.final) }));
}

export interface ProviderForecastRecord {
  readonly provider: string;
  readonly metric: string;
  readonly currency: string;
  readonly level?: number;
  readonly points: readonly { readonly from: Day; readonly to: Day; readonly mean: number; readonly lo?: number; readonly hi?: number }[];
}

/** Replaces the source's stored provider forecast (the latest one is what the UI shows). */
export async function replaceProviderForecast(sql: Sql, sourceId: number, f: ProviderForecastRecord, now: () => Date): Promise<void> {
  await inTransaction(sql, async (tx) => {
    await tx.run(`DELETE FROM provider_forecasts WHERE source_id = $s AND metric = $m`, { s: sourceId, m: f.metric });
    const at = isoTs(now());
    for (const p of f.points) {
      await tx.run(
        `INSERT INTO provider_forecasts VALUES ($s, CAST($at AS TIMESTAMP), $prov, $m, $cur, $lvl, CAST($ps AS DATE), CAST($pe AS DATE), $mean, $lo, $hi)`,
        { s: sourceId, at, prov: f.provider, m: f.metric, cur: f.currency, lvl: f.level ?? null, ps: p.from, pe: p.to, mean: p.mean, lo: p.lo ?? null, hi: p.hi ?? null },
      );
    }
  });
}

export interface StoredProviderForecast extends ProviderForecastRecord {
  readonly fetchedAt: string;
}

export async function providerForecasts(sql: Sql, sourceId: number): Promise<StoredProviderForecast[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT strftime(fetched_at, '%Y-%m-%dT%H:%M:%SZ') AS at, provider, metric, currency, level, CAST(period_start AS VARCHAR) AS ps, CAST(period_end AS VARCHAR) AS pe, mean, lo, hi
       FROM provider_forecasts WHERE source_id = $s ORDER BY metric, period_start`,
    { s: sourceId },
  );
  const by = new Map<string, StoredProviderForecast & { points: { from: Day; to: Day; mean: number; lo?: number; hi?: number }[] }>();
  for (const r of rows) {
    const metric = String(r['metric']);
    let f = by.get(metric);
    if (!f) {
      f = { provider: String(r['provider']), metric, currency: String(r['currency']), fetchedAt: String(r['at']), points: [], ...(r['level'] === null ? {} : { level: Number(r['level']) }) };
      by.set(metric, f);
    }
    f.points.push({ from: r['ps'] as Day, to: r['pe'] as Day, mean: Number(r['mean']), ...(r['lo'] === null ? {} : { lo: Number(r['lo']) }), ...(r['hi'] === null ? {} : { hi: Number(r['hi']) }) });
  }
  return [...by.values()];
}
