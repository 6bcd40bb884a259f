/**
 * `import.files`: plan each file with core/ingest/files (format detection; one DuckDB pass that reads,
 * maps, validates and, for CSV/NDJSON, stages the file at daily grain) on a scratch connection of the
 * store's DuckDB instance, then hand the plan's SELECT (over the staged rows, or for Parquet over the
 * file itself) to the store, which inserts them in one transaction with replace semantics, and drop
 * the staged rows. Files are imported in order; the first refused file stops the
 * call with its HeadroomError (files before it stay imported, each having been its own transaction).
 * With `parts` the files are one export's parts: all are planned first, then written in one
 * transaction (`importParts`), and a refused part keeps nothing of any.
 */
import { resolve } from 'node:path';
import type { FeatureHandlers, HandlerContext, ImportFileResult, importApi } from '../api';
import { HeadroomError } from '../lib';
import { assertFileUnchanged, isCurrencyCode, planFileImport, releaseFileImport, type FileImportPlan } from '../ingest/files';
import type { ImportChargesPart } from '../store';
import type { CurrencyCode } from '../model';
import type { ServiceDeps } from './context';

/** The source files are imported into when the caller names none. */
export const DEFAULT_FILE_SOURCE = 'files';

export function importHandlers(deps: ServiceDeps): FeatureHandlers<typeof importApi> {
  const { store, logger } = deps;
  return {
    'import.files': async (req, ctx) => {
      const currency = req.currency?.trim().toUpperCase();
      if (currency !== undefined && !isCurrencyCode(currency)) {
        throw new HeadroomError('BAD_INPUT', `--currency "${req.currency}" is not an ISO 4217 currency code (e.g. USD, EUR, NOK).`);
      }
      const source = await store.ensureSource({ name: req.source ?? DEFAULT_FILE_SOURCE, kind: 'files' });
      const options = { ...(currency ? { currency } : {}) };
      if (req.parts) return { results: await importParts(deps, source.id, req.paths, options, ctx) };
      const results: ImportFileResult[] = [];
      for (const [i, file] of req.paths.entries()) {
        if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: the remaining files were not imported.', { cause: ctx.signal.reason });
        ctx.progress({ phase: 'plan', done: i, total: req.paths.length, message: file });
        const path = resolve(file);
        const plan = await planFile(deps, path, file, options, ctx.signal);
        ctx.progress({ phase: 'import', done: i, total: req.paths.length, message: file });
        let r: Awaited<ReturnType<typeof store.importChargesFromSelect>>;
        try {
          r = await store.importChargesFromSelect({
            sourceId: source.id,
            ...storedPart(plan),
            signal: ctx.signal,
            // The plan describes the bytes it read (and a Parquet INSERT reads the file again): a file rewritten meanwhile is not committed.
            beforeCommit: () => assertFileUnchanged(path, file, plan.fileStat),
          });
        } finally {
          // The planner staged the file in memory (spilling to the data folder's temp files): free it.
          await store.withConnection((conn) => releaseFileImport(conn, plan));
        }
        logger.info('imported file', { file, format: plan.format, status: r.status, rows: r.rowsWritten });
        results.push(fileResult(plan, r.status, r.rowsWritten, r.rowsReplaced));
      }
      ctx.progress({ phase: 'done', done: req.paths.length, total: req.paths.length });
      return { results };
    },
  };
}

type PlanFileOptions = { readonly currency?: string };

/** Plans one file on a scratch connection; cancelling interrupts the planner's DuckDB queries (a multi-GB file takes a while). */
async function planFile({ store }: ServiceDeps, path: string, file: string, options: PlanFileOptions, signal: AbortSignal): Promise<FileImportPlan> {
  return store.withConnection(async (conn) => {
    const onAbort = (): void => conn.interrupt();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await planFileImport(conn, path, { displayName: file, ...options });
    } catch (e) {
      if (signal.aborted) throw new HeadroomError('CANCELLED', `Cancelled while reading ${file}: nothing of it was imported.`, { cause: e });
      throw e;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  });
}

/** What the store needs of a plan to write its rows. */
function storedPart(plan: FileImportPlan): ImportChargesPart {
  return { file: plan.file, contentSha256: plan.contentSha256, format: plan.format, selectSql: plan.selectSql, params: plan.params };
}

function fileResult(plan: FileImportPlan, status: 'imported' | 'unchanged', rowsWritten: number, rowsReplaced: number): ImportFileResult {
  return {
    file: plan.file,
    format: plan.format,
    rows_read: plan.rowsRead,
    rows_written: rowsWritten,
    rows_replaced: rowsReplaced,
    period: plan.period,
    totals: plan.totals.map((t) => ({ currency: t.currency as CurrencyCode, billed_cost: Number(t.billedCost), effective_cost: Number(t.effectiveCost) })),
    warnings: [...plan.warnings],
    status,
  };
}

/**
 * `parts`: the files are the parts of one export (a provider splits a large export into files that
 * all cover the same accounts and days). Every part is planned — checked, and a CSV staged — before
 * any is written, then the store writes them in one transaction, replacing older rows only once all
 * are in (one after the other, each part would replace the days the parts before it wrote). A part
 * refused, a part in another format than the first, or one changed before the commit: nothing of
 * any part is kept. CSV parts are staged together (DuckDB spills them to the data folder's temp files).
 */
async function importParts(deps: ServiceDeps, sourceId: number, paths: readonly string[], options: PlanFileOptions, ctx: HandlerContext): Promise<ImportFileResult[]> {
  const { store, logger } = deps;
  const plans: { plan: FileImportPlan; path: string }[] = [];
  try {
    for (const [i, file] of paths.entries()) {
      if (ctx.signal.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: none of the parts was imported.', { cause: ctx.signal.reason });
      ctx.progress({ phase: 'plan', done: i, total: paths.length, message: file });
      const path = resolve(file);
      const plan = await planFile(deps, path, file, options, ctx.signal);
      plans.push({ plan, path });
      const first = plans[0]?.plan;
      if (first && plan.format !== first.format) {
        throw new HeadroomError(
          'BAD_INPUT',
          `${file} is a ${plan.format} export but ${first.file} is ${first.format}: the parts of one export have one format. Import different exports without --parts; nothing was imported.`,
          { location: { file } },
        );
      }
    }
    ctx.progress({ phase: 'import', done: 0, total: paths.length, message: `${paths.length} parts` });
    const r = await store.importChargeParts({
      sourceId,
      parts: plans.map((p) => storedPart(p.plan)),
      signal: ctx.signal,
      beforeCommit: async () => {
        for (const { plan, path } of plans) await assertFileUnchanged(path, plan.file, plan.fileStat);
      },
    });
    logger.info('imported the parts of one export', { files: paths.length, status: r.status, rows: r.parts.reduce((n, p) => n + p.rowsWritten, 0) });
    // The rows replaced belong to the parts together: reported once, on the first.
    return plans.map(({ plan }, i) => fileResult(plan, r.status, r.parts[i]?.rowsWritten ?? 0, i === 0 ? r.rowsReplaced : 0));
  } finally {
    await store.withConnection(async (conn) => {
      for (const { plan } of plans) await releaseFileImport(conn, plan);
    });
  }
}
