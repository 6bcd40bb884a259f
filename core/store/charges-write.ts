/**
 * The two ways charge rows enter the store, each one transaction (all or nothing):
 * - `importChargesFromSelect` / `importChargeParts`: a file import, or the files of one export
 *   imported together; the planner's SELECT reads each file with DuckDB's own readers inside the
 *   transaction, so a file never passes through JS memory.
 * - `replaceChargeRows`: connectors and the demo hand rows over; they replace exactly the source's
 *   rows in [from, to).
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { HeadroomError, isDay, isHeadroomError, type Day } from '../lib';
import { CHARGE_COLUMNS, type ChargeRow, type CurrencyTotal } from '../model';
import { inTransaction, isoTs, num, type Sql } from './db';
import type { ImportChargePartsRequest, ImportChargePartsResult, ImportChargesPart, ImportChargesRequest, ImportChargesResult, Period, ReplaceChargeRowsRequest, ReplaceChargeRowsResult } from './types';

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
  r: { id: number; unitId?: number; sourceId: number; file: string | null; sha: string | null; format: string; started: Date; finished: Date; rows: number; period: Period | null },
): Promise<void> {
  await tx.run(
    `INSERT INTO imports (id, unit_id, source_id, file, content_sha256, format, started_at, finished_at, rows, period_start, period_end, status)
     VALUES ($id, $unit, $source, $file, $sha, $format, CAST($started AS TIMESTAMP), CAST($finished AS TIMESTAMP), $rows, CAST($ps AS DATE), CAST($pe AS DATE), 'ok')`,
    {
      id: r.id,
      unit: r.unitId ?? r.id,
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
 * Imports one file's charges in one transaction: `importChargeParts` with the file as its only part.
 * Same source + same content hash → `unchanged`. Otherwise the SELECT's rows are inserted, then this
 * source's older rows for every (BillingAccountId, ChargePeriodStart) pair the new rows cover are
 * deleted: a newer export of the same days replaces them; days the file does not cover are kept.
 * Any error rolls everything back.
 */
export async function importChargesFromSelect(sql: Sql, req: ImportChargesRequest, now: () => Date): Promise<ImportChargesResult> {
  const { sourceId, signal, beforeCommit, ...part } = req;
  const r = await importChargeParts(sql, { sourceId, parts: [part], ...(signal ? { signal } : {}), ...(beforeCommit ? { beforeCommit } : {}) }, now);
  const only = r.parts[0];
  if (!only) throw new Error('importChargeParts returned no part');
  return { status: r.status, rowsReplaced: r.rowsReplaced, ...only };
}

/**
 * Imports the files of one export (the parts a provider splits a large export into) in one
 * transaction: every part's rows are inserted, each part its own import (lineage) in one unit, and
 * only then are the source's older rows deleted for every (BillingAccountId, ChargePeriodStart) pair
 * any part covers. Imported one after the other instead, a later part would replace the earlier
 * parts' rows of the days they share — and the parts of one export share all their days.
 *
 * `unchanged` when one earlier unit of this source holds every part's content (the same parts, or
 * more parts with them): importing again, or importing again some of the parts, changes nothing.
 * Parts that were imported only separately (each replacing the one before) are imported again, as
 * one unit, which puts their rows back. Any error rolls everything back.
 */
export async function importChargeParts(sql: Sql, req: ImportChargePartsRequest, now: () => Date): Promise<ImportChargePartsResult> {
  if (req.parts.length === 0) throw new Error('importChargeParts: no parts');
  const seen = new Map<string, string>();
  for (const part of req.parts) {
    const twin = seen.get(part.contentSha256);
    if (twin !== undefined) {
      throw new HeadroomError('BAD_INPUT', `${part.file} has the same content as ${twin}: the parts of an export are different files. Give each part once; nothing was imported.`, {
        location: { file: part.file },
      });
    }
    seen.set(part.contentSha256, part.file);
  }
  for (const part of req.parts) {
    for (const k of Object.keys(part.params ?? {})) {
      if (k.startsWith('hr_')) throw new Error(`importChargeParts: parameter name "${k}" is reserved (hr_ prefix)`);
    }
    if (!/^[0-9a-f]{64}$/.test(part.contentSha256)) throw new Error(`importChargeParts: contentSha256 must be 64 lower-case hex digits`);
  }
  throwIfAborted(req.signal);
  const started = now();
  // Row order inside `charges` means nothing; letting DuckDB drop it roughly halves the time and
  // memory of a large INSERT … SELECT (DuckDB performance guide, `preserve_insertion_order`). The
  // setting is not transactional, so it is set and reset outside the transaction.
  await sql.run(`SET preserve_insertion_order = false`);
  try {
    return await importTransaction(sql, req, started, now);
  } finally {
    await sql.run(`RESET preserve_insertion_order`);
  }
}

/** The earlier imports of one unit of `sourceId` that hold every one of `shas`, by hash; undefined when no unit holds them all. */
async function unitHolding(tx: Sql, sourceId: number, shas: readonly string[]): Promise<Map<string, { id: number; ps: string | null; pe: string | null; rows: number }> | undefined> {
  const params: Record<string, string | number> = { s: sourceId };
  const list = [...new Set(shas)].map((h, i) => {
    params[`h${i}`] = h;
    return `$h${i}`;
  });
  const rows = await tx.all<{ sha: string; id: number; ps: string | null; pe: string | null; rows: bigint }>(
    `WITH held AS (
       SELECT unit_id AS u, content_sha256 AS sha, min(id) AS id FROM imports
        WHERE source_id = $s AND content_sha256 IN (${list.join(', ')}) GROUP BY 1, 2),
     whole AS (SELECT min(u) AS u FROM (SELECT u FROM held GROUP BY u HAVING count(*) = ${list.length}))
     SELECT h.sha, i.id, CAST(i.period_start AS VARCHAR) AS ps, CAST(i.period_end AS VARCHAR) AS pe, i.rows
       FROM held AS h JOIN whole AS w ON h.u = w.u JOIN imports AS i ON i.id = h.id`,
    params,
  );
  if (rows.length === 0) return undefined;
  return new Map(rows.map((r) => [r.sha, { id: num(r.id), ps: r.ps, pe: r.pe, rows: num(r.rows) }]));
}

async function importTransaction(sql: Sql, req: ImportChargePartsRequest, started: Date, now: () => Date): Promise<ImportChargePartsResult> {
  return inTransaction(sql, async (tx) => {
    await requireSource(tx, req.sourceId);
    const held = await unitHolding(
      tx,
      req.sourceId,
      req.parts.map((p) => p.contentSha256),
    );
    if (held) {
      return {
        status: 'unchanged',
        rowsReplaced: 0,
        parts: req.parts.map((p) => {
          const e = held.get(p.contentSha256);
          return { importId: e?.id ?? 0, rowsWritten: 0, period: e?.ps && e.pe ? { start: e.ps as Day, end: e.pe as Day } : null, totals: [] };
        }),
      } satisfies ImportChargePartsResult;
    }
    const ids: number[] = [];
    for (const part of req.parts) {
      const importId = await nextImportId(tx);
      ids.push(importId);
      await insertPart(tx, req, part, importId);
    }
    throwIfAborted(req.signal);
    const mine = ids.join(', ');
    const replaced = await tx.all(
      `DELETE FROM charges AS c
        USING (SELECT DISTINCT BillingAccountId, ChargePeriodStart FROM charges WHERE import_id IN (${mine})) AS n
        WHERE c.source_id = $s AND c.import_id NOT IN (${mine})
          AND c.BillingAccountId IS NOT DISTINCT FROM n.BillingAccountId
          AND c.ChargePeriodStart = n.ChargePeriodStart`,
      { s: req.sourceId },
    );
    const parts: ImportChargePartsResult['parts'][number][] = [];
    for (const [i, part] of req.parts.entries()) {
      const importId = ids[i] ?? 0;
      const fig = await importFigures(tx, importId);
      await recordImport(tx, {
        id: importId,
        unitId: ids[0] ?? importId,
        sourceId: req.sourceId,
        file: part.file,
        sha: part.contentSha256,
        format: part.format,
        started,
        finished: now(),
        rows: fig.rows,
        period: fig.period,
      });
      parts.push({ importId, rowsWritten: fig.rows, period: fig.period, totals: fig.totals });
    }
    throwIfAborted(req.signal);
    await req.beforeCommit?.();
    return { status: 'imported', parts, rowsReplaced: deletedCount(replaced) };
  });
}

/** Inserts one part's rows as import `importId`; the part's SELECT failing names its file. */
async function insertPart(tx: Sql, req: ImportChargePartsRequest, part: ImportChargesPart, importId: number): Promise<void> {
  // The INSERT reads the whole file (for Parquet it is most of the import): cancelling interrupts it.
  const onAbort = (): void => tx.connection.interrupt();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await tx.run(
      `INSERT INTO charges (${QUOTED_COLUMNS}, source_id, import_id)
       SELECT ${QUOTED_COLUMNS}, $hr_source, $hr_import FROM (${part.selectSql}) AS hr_src`,
      { ...part.params, hr_source: req.sourceId, hr_import: importId },
    );
  } catch (e) {
    if (isHeadroomError(e)) throw e;
    throwIfAborted(req.signal);
    const msg = e instanceof Error ? e.message : String(e);
    // Not the file's fault (a grouped import of many wide daily groups needs the most memory): say so, as the planner does.
    if (/^Out of Memory Error/.test(msg)) {
      throw new HeadroomError(
        'UNAVAILABLE',
        `${part.file}: DuckDB ran out of its working memory (memory_limit) while writing this file's rows (${msg.split('\n')[0]}); nothing of it was imported. The file itself may be fine: retry once other imports or queries have finished, or give DuckDB more memory with --memory-limit or HEADROOM_MEMORY_LIMIT (e.g. 2GB; default 768MB).`,
        { cause: e, location: { file: part.file } },
      );
    }
    throw new HeadroomError('BAD_FILE', `${part.file}: could not import (${part.format}): ${msg.split('\n')[0]}. Nothing was imported.`, {
      cause: e,
      location: { file: part.file },
    });
  } finally {
    req.signal?.removeEventListener('abort', onAbort);
  }
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

