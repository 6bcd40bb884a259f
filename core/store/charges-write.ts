/**
 * The two ways charge rows enter the store, each one transaction (all or nothing):
 * - `importChargesFromSelect`: a file import; the planner's SELECT reads the file with DuckDB's own
 *   readers inside the transaction, so the file never passes through JS memory.
 * - `replaceChargeRows`: connectors and the demo hand rows over; they replace exactly the source's
 *   rows in [from, to).
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { HeadroomError, isDay, isHeadroomError, type Day } from '../lib';
import { CHARGE_COLUMNS, type ChargeRow, type CurrencyTotal } from '../model';
import { inTransaction, isoTs, num, type Sql } from './db';
import type { ImportChargesRequest, ImportChargesResult, Period, ReplaceChargeRowsRequest, ReplaceChargeRowsResult } from './types';

const QUOTED_COLUMNS = CHARGE_COLUMNS.map(([name]) => `"${name}"`).join(', ');

export async function requireSource(tx: Sql, sourceId: number): Promise<void> {
  const rows = await tx.all(`SELECT id FROM sources WHERE id = $id`, { id: sourceId });
  if (rows.length === 0) throw new HeadroomError('NOT_FOUND', `There is no source with id ${sourceId}. Run "headroom sources" to list them.`);
}

async function nextImportId(tx: Sql): Promise<number> {
  const rows = await tx.all<{ id: bigint }>(`SELECT nextval('imports_id_seq') AS id`);
  return num(rows[0]?.id);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: nothing was written.', { cause: signal.reason });
}

/** Totals per currency and the day span of one import's rows. */
async function importFigures(tx: Sql, importId: number): Promise<{ totals: CurrencyTotal[]; period: Period | null; rows: number }> {
  const totals = await tx.all<{ currency: string; billed: number; effective: number }>(
    `SELECT BillingCurrency AS currency, CAST(SUM(BilledCost) AS DOUBLE) AS billed, CAST(SUM(EffectiveCost) AS DOUBLE) AS effective
       FROM charges WHERE import_id = $i GROUP BY 1 ORDER BY 1`,
    { i: importId },
  );
  const span = await tx.all<{ first: string | null; last: string | null; n: bigint }>(
    `SELECT CAST(MIN(ChargePeriodStart) AS VARCHAR) AS first, CAST(MAX(ChargePeriodStart) + 1 AS VARCHAR) AS last, COUNT(*) AS n
       FROM charges WHERE import_id = $i`,
    { i: importId },
  );
  const s = span[0];
  return {
    totals: totals.map((t) => ({ currency: t.currency as CurrencyTotal['currency'], billed_cost: t.billed, effective_cost: t.effective })),
    period: s?.first && s.last ? { start: s.first as Day, end: s.last as Day } : null,
    rows: num(s?.n),
  };
}

async function recordImport(
  tx: Sql,
  r: { id: number; sourceId: number; file: string | null; sha: string | null; format: string; started: Date; finished: Date; rows: number; period: Period | null },
): Promise<void> {
  await tx.run(
    `INSERT INTO imports (id, source_id, file, content_sha256, format, started_at, finished_at, rows, period_start, period_end, status)
     VALUES ($id, $source, $file, $sha, $format, CAST($started AS TIMESTAMP), CAST($finished AS TIMESTAMP), $rows, CAST($ps AS DATE), CAST($pe AS DATE), 'ok')`,
    {
      id: r.id,
      source: r.sourceId,
      file: r.file,
      sha: r.sha,
      format: r.format,
      started: isoTs(r.started),
      finished: isoTs(r.finished),
      rows: r.rows,
      ps: r.period?.start ?? null,
      pe: r.period?.end ?? null,
    },
  );
}

function deletedCount(rows: Record<string, unknown>[]): number {
  const first = rows[0];
  return first ? num(Object.values(first)[0]) : 0;
}

/**
 * Imports one file's charges in one transaction. Same source + same content hash → `unchanged`.
 * Otherwise the SELECT's rows are inserted, then this source's older rows for every
 * (BillingAccountId, ChargePeriodStart) pair the new rows cover are deleted: a newer export of the
 * same days replaces them; days the file does not cover are kept. Any error rolls everything back.
 */
export async function importChargesFromSelect(sql: Sql, req: ImportChargesRequest, now: () => Date): Promise<ImportChargesResult> {
  const params = req.params ?? {};
  for (const k of Object.keys(params)) {
    if (k.startsWith('hr_')) throw new Error(`importChargesFromSelect: parameter name "${k}" is reserved (hr_ prefix)`);
  }
  if (!/^[0-9a-f]{64}$/.test(req.contentSha256)) throw new Error(`importChargesFromSelect: contentSha256 must be 64 lower-case hex digits`);
  throwIfAborted(req.signal);
  const started = now();
  // Row order inside `charges` means nothing; letting DuckDB drop it roughly halves the time and
  // memory of a large INSERT … SELECT (DuckDB performance guide, `preserve_insertion_order`). The
  // setting is not transactional, so it is set and reset outside the transaction.
  await sql.run(`SET preserve_insertion_order = false`);
  try {
    return await importTransaction(sql, req, params, started, now);
  } finally {
    await sql.run(`RESET preserve_insertion_order`);
  }
}

async function importTransaction(
  sql: Sql,
  req: ImportChargesRequest,
  params: Readonly<Record<string, string | number | boolean | null>>,
  started: Date,
  now: () => Date,
): Promise<ImportChargesResult> {
  return inTransaction(sql, async (tx) => {
    await requireSource(tx, req.sourceId);
    const prev = await tx.all<{ id: number; ps: string | null; pe: string | null }>(
      `SELECT id, CAST(period_start AS VARCHAR) AS ps, CAST(period_end AS VARCHAR) AS pe
         FROM imports WHERE source_id = $s AND content_sha256 = $h ORDER BY id LIMIT 1`,
      { s: req.sourceId, h: req.contentSha256 },
    );
    const p = prev[0];
    if (p) {
      return {
        status: 'unchanged',
        importId: num(p.id),
        rowsWritten: 0,
        rowsReplaced: 0,
        period: p.ps && p.pe ? { start: p.ps as Day, end: p.pe as Day } : null,
        totals: [],
      } satisfies ImportChargesResult;
    }
    const importId = await nextImportId(tx);
    // The INSERT reads the whole file (for Parquet it is most of the import): cancelling interrupts it.
    const onAbort = (): void => tx.connection.interrupt();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await tx.run(
        `INSERT INTO charges (${QUOTED_COLUMNS}, source_id, import_id)
         SELECT ${QUOTED_COLUMNS}, $hr_source, $hr_import FROM (${req.selectSql}) AS hr_src`,
        { ...params, hr_source: req.sourceId, hr_import: importId },
      );
    } catch (e) {
      if (isHeadroomError(e)) throw e;
      throwIfAborted(req.signal);
      const msg = e instanceof Error ? e.message : String(e);
      // Not the file's fault (a grouped import of many wide daily groups needs the most memory): say so, as the planner does.
      if (/^Out of Memory Error/.test(msg)) {
        throw new HeadroomError(
          'UNAVAILABLE',
          `${req.file}: DuckDB ran out of its working memory (memory_limit) while writing this file's rows (${msg.split('\n')[0]}); nothing of it was imported. The file itself may be fine: retry once other imports or queries have finished, or give DuckDB more memory with --memory-limit or HEADROOM_MEMORY_LIMIT (e.g. 2GB; default 768MB).`,
          { cause: e, location: { file: req.file } },
        );
      }
      throw new HeadroomError('BAD_FILE', `${req.file}: could not import (${req.format}): ${msg.split('\n')[0]}. Nothing was imported.`, {
        cause: e,
        location: { file: req.file },
      });
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
    throwIfAborted(req.signal);
    const replaced = await tx.all(
      `DELETE FROM charges AS c
        USING (SELECT DISTINCT BillingAccountId, ChargePeriodStart FROM charges WHERE import_id = $i) AS n
        WHERE c.source_id = $s AND c.import_id <> $i
          AND c.BillingAccountId IS NOT DISTINCT FROM n.BillingAccountId
          AND c.ChargePeriodStart = n.ChargePeriodStart`,
      { i: importId, s: req.sourceId },
    );
    const fig = await importFigures(tx, importId);
    await recordImport(tx, {
      id: importId,
      sourceId: req.sourceId,
      file: req.file,
      sha: req.contentSha256,
      format: req.format,
      started,
      finished: now(),
      rows: fig.rows,
      period: fig.period,
    });
    throwIfAborted(req.signal);
    await req.beforeCommit?.();
    return { status: 'imported', importId, rowsWritten: fig.rows, rowsReplaced: deletedCount(replaced), period: fig.period, totals: fig.totals };
  });
}

const STAGING = 'hr_charge_staging';
const MONEY_OR_QTY = new Set(['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity']);
/**
 * Tags travel as JSON text (one VARCHAR per row, NULL when there are none) and become the MAP in
 * the INSERT's one cast: building a DuckDB MAP value per row in JavaScript cost ~5 s of CPU for
 * the demo's 80k rows, the JSON text and the cast a fraction of that.
 */
const TAGS_FROM_JSON = `COALESCE(json_transform("Tags", '"MAP(VARCHAR, VARCHAR)"'), MAP()::MAP(VARCHAR, VARCHAR))`;

function tagsJson(tags: Readonly<Record<string, string>> | null | undefined): string | null {
  if (!tags) return null;
  for (const _ in tags) return JSON.stringify(tags);
  return null;
}

function appendRow(ap: DuckDBAppender, row: ChargeRow): void {
  for (const [name] of CHARGE_COLUMNS) {
    if (name === 'Tags') {
      const t = tagsJson(row.Tags);
      if (t === null) ap.appendNull();
      else ap.appendVarchar(t);
      continue;
    }
    const v = row[name];
    if (v === null || v === undefined) ap.appendNull();
    else ap.appendVarchar(String(v));
  }
  ap.endRow();
}

/**
 * Replaces exactly `sourceId`'s rows with ChargePeriodStart in [from, to) by `rows`, in one
 * transaction, through DuckDB's appender. A row outside [from, to) is refused (the caller would
 * otherwise overwrite days it does not own).
 */
export async function replaceChargeRows(sql: Sql, req: ReplaceChargeRowsRequest, now: () => Date): Promise<ReplaceChargeRowsResult> {
  if (!isDay(req.from) || !isDay(req.to) || req.from >= req.to) {
    throw new HeadroomError('BAD_INPUT', `replaceChargeRows: [${req.from}, ${req.to}) is not a day range (from < to, YYYY-MM-DD).`);
  }
  throwIfAborted(req.signal);
  return inTransaction(sql, (tx) => replaceChargeRowsIn(tx, req, now));
}

/**
 * The body of `replaceChargeRows` for a caller that already holds a transaction (the sync engine
 * commits a range's rows and its sync state together).
 */
export async function replaceChargeRowsIn(tx: Sql, req: ReplaceChargeRowsRequest, now: () => Date): Promise<ReplaceChargeRowsResult> {
  if (!isDay(req.from) || !isDay(req.to) || req.from >= req.to) {
    throw new HeadroomError('BAD_INPUT', `replaceChargeRows: [${req.from}, ${req.to}) is not a day range (from < to, YYYY-MM-DD).`);
  }
  const started = now();
  {
    await requireSource(tx, req.sourceId);
    const importId = await nextImportId(tx);
    const replaced = await tx.all(
      `DELETE FROM charges WHERE source_id = $s AND ChargePeriodStart >= CAST($from AS DATE) AND ChargePeriodStart < CAST($to AS DATE)`,
      { s: req.sourceId, from: req.from, to: req.to },
    );
    const stagingCols = CHARGE_COLUMNS.map(([name]) => `"${name}" VARCHAR`).join(', ');
    await tx.run(`CREATE OR REPLACE TEMP TABLE ${STAGING} (${stagingCols})`);
    const ap = await tx.connection.createAppender(STAGING, 'main', 'temp');
    let n = 0;
    try {
      for await (const row of req.rows) {
        const day = row.ChargePeriodStart;
        if (!isDay(day) || day < req.from || day >= req.to) {
          throw new HeadroomError('BAD_INPUT', `Charge row ${n + 1} has ChargePeriodStart "${day}", outside the range [${req.from}, ${req.to}) being replaced.`);
        }
        appendRow(ap, row);
        n++;
        if (n % 8192 === 0) throwIfAborted(req.signal);
      }
      ap.flushSync();
    } finally {
      ap.closeSync();
    }
    throwIfAborted(req.signal);
    const casts = CHARGE_COLUMNS.map(([name, type]) => (name === 'Tags' ? TAGS_FROM_JSON : MONEY_OR_QTY.has(name) || type !== 'VARCHAR' ? `CAST("${name}" AS ${type})` : `"${name}"`)).join(', ');
    try {
      await tx.run(`INSERT INTO charges (${QUOTED_COLUMNS}, source_id, import_id) SELECT ${casts}, $s, $i FROM ${STAGING}`, { s: req.sourceId, i: importId });
    } catch (e) {
      throw new HeadroomError('BAD_INPUT', `Charge rows for [${req.from}, ${req.to}) could not be stored: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`, { cause: e });
    }
    await tx.run(`DROP TABLE ${STAGING}`);
    const fig = await importFigures(tx, importId);
    await recordImport(tx, {
      id: importId,
      sourceId: req.sourceId,
      file: null,
      sha: null,
      format: req.format,
      started,
      finished: now(),
      rows: fig.rows,
      period: { start: req.from, end: req.to },
    });
    return { importId, rowsWritten: fig.rows, rowsReplaced: deletedCount(replaced), totals: fig.totals };
  }
}

