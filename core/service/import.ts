/**
 * `import.files`: plan each file with core/ingest/files (format detection; one DuckDB pass that reads,
 * maps, validates and, for CSV/NDJSON, stages the file at daily grain) on a scratch connection of the
 * store's DuckDB instance, then hand the plan's SELECT (over the staged rows, or for Parquet over the
 * file itself) to the store, which inserts them in one transaction with replace semantics, and drop
 * the staged rows. Files are imported in order; the first refused file stops the
 * call with its HeadroomError (files before it stay imported, each having been its own transaction).
 */
import { resolve } from 'node:path';
import type { FeatureHandlers, ImportFileResult, importApi } from '../api';
import { HeadroomError } from '../lib';
import { assertFileUnchanged, isCurrencyCode, planFileImport, releaseFileImport } from '../ingest/files';
import type { CurrencyCode } from '../model';
import type { ServiceDeps } from './context';

/** The source files are imported into when the caller names none. */
export const DEFAULT_FILE_SOURCE = 'files';

export function importHandlers({ store, logger }: ServiceDeps): FeatureHandlers<typeof importApi> {
  return {
    'import.files': async (req, ctx) => {
      const currency = req.currency?.trim().toUpperCase();
      if (currency !== undefined && !isCurrencyCode(currency)) {
        throw new HeadroomError('BAD_INPUT', `--currency "${req.currency}" is not an ISO 4217 currency code (e.g. USD, EUR, NOK).`);
      }
      const source = await store.ensureSource({ name: req.source ?? DEFAULT_FILE_SOURCE, kind: 'files' });
      const results: ImportFileResult[] = [];
      for (const [i, file] of req.paths.entries()) {
        if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: the remaining files were not imported.', { cause: ctx.signal.reason });
        ctx.progress({ phase: 'plan', done: i, total: req.paths.length, message: file });
        const path = resolve(file);
        const plan = await store.withConnection(async (conn) => {
          // Cancelling interrupts the planner's DuckDB queries (a multi-GB file takes a while).
          const onAbort = (): void => conn.interrupt();
          ctx.signal.addEventListener('abort', onAbort, { once: true });
          try {
            return await planFileImport(conn, path, { displayName: file, ...(currency ? { currency } : {}) });
          } catch (e) {
            if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', `Cancelled while reading ${file}: nothing of it was imported.`, { cause: e });
            throw e;
          } finally {
            ctx.signal.removeEventListener('abort', onAbort);
          }
        });
        ctx.progress({ phase: 'import', done: i, total: req.paths.length, message: file });
        let r: Awaited<ReturnType<typeof store.importChargesFromSelect>>;
        try {
          r = await store.importChargesFromSelect({
            sourceId: source.id,
            file,
            contentSha256: plan.contentSha256,
            format: plan.format,
            selectSql: plan.selectSql,
            params: plan.params,
            signal: ctx.signal,
            // The plan describes the bytes it read (and a Parquet INSERT reads the file again): a file rewritten meanwhile is not committed.
            beforeCommit: () => assertFileUnchanged(path, file, plan.fileStat),
          });
        } finally {
          // The planner staged the file in memory (spilling to the data folder's temp files): free it.
          await store.withConnection((conn) => releaseFileImport(conn, plan));
        }
        logger.info('imported file', { file, format: plan.format, status: r.status, rows: r.rowsWritten });
        results.push({
          file,
          format: plan.format,
          rows_read: plan.rowsRead,
          rows_written: r.rowsWritten,
          period: plan.period,
          totals: plan.totals.map((t) => ({ currency: t.currency as CurrencyCode, billed_cost: Number(t.billedCost), effective_cost: Number(t.effectiveCost) })),
          warnings: [...plan.warnings],
          status: r.status,
        });
      }
      ctx.progress({ phase: 'done', done: req.paths.length, total: req.paths.length });
      return { results };
    },
  };
}
