/**
 * The Headroom store: one DuckDB file (`headroom.duckdb`) in the data folder.
 *
 * Concurrency: DuckDB locks the file, so ONE process at a time may open a data folder (the
 * desktop app's worker or one CLI command); a second process gets an UNAVAILABLE error. Inside the
 * process, writes run one at a time on a write connection (each one transaction), and reads run on
 * a separate connection so they only ever see committed data and never wait for a long import.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { HeadroomError } from '../lib';
import type { Dimension } from '../model';
import { importChargeParts, importChargesFromSelect, replaceChargeRows } from './charges-write';
import { Lane, inTransaction, sqlOn, type Sql } from './db';
import { kvDelete, kvGet, kvList, kvSet } from './kv';
import { metricCatalog, metricSeries, replaceMetricPoints, replaceSourceMetrics } from './metrics';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { coverage, dailySeries, summary } from './queries';
import { ensureSource, getSource, listSources, removeSource, updateSourceSettings } from './sources';
import { commitSyncRange, providerForecasts, replaceProviderForecast, syncDays, type CommitSyncRangeRequest, type ProviderForecastRecord, type StoredProviderForecast, type SyncDayState } from './sync-state';
import type { Day } from '../lib';
import { memoryLimitBytes } from './memory-size';
import type {
  ChargeQuery,
  DailySeriesQuery,
  DailySeriesResult,
  ImportChargePartsRequest,
  ImportChargePartsResult,
  ImportChargesRequest,
  ImportChargesResult,
  MetricCatalogEntry,
  MetricQuery,
  MetricSeries,
  NewSource,
  ReplaceChargeRowsRequest,
  ReplaceChargeRowsResult,
  ReplaceMetricPointsRequest,
  ReplaceMetricPointsResult,
  ReplaceSourceMetricsRequest,
  ReplaceSourceMetricsResult,
  SourceCoverage,
  SourceRecord,
  SourceSettings,
  SummaryResult,
} from './types';

export const DB_FILE = 'headroom.duckdb';
/**
 * Memory DuckDB needs per worker thread at the least: "as a rule of thumb, DuckDB requires a minimum
 * of 125 MB of memory per thread" (DuckDB docs, Guides › Performance › Environment, "Minimum Required
 * Memory"). Without `StoreOptions.threads` the store caps DuckDB's default (one thread per core) at
 * `memory_limit` ÷ this: per-thread buffers (8 MB CSV buffers, hash-table partitions) scale with the
 * threads while the limit does not, and at 768 MB with 32 threads a 1M-row CSV import ran out of
 * memory while reading the file; 6 threads (the cap at 768 MB) and 8 import the 10M-row files
 * (core/store/README.md, "Mostly distinct rows").
 */
export const MIN_BYTES_PER_THREAD = 125_000_000;

/**
 * DuckDB's default `memory_limit`. The process holds more than DuckDB's accounting: Node and the
 * loaded app (~260 MiB before any query) plus allocator slack (~100–300 MiB under a large import).
 * At 1 GB a 10M-row CSV import peaked at 1416–1556 MiB RSS; at 768 MB at 1130–1236 MiB, in the same
 * CPU time (core/store/README.md, "CSV at the memory limit"), under the 1.5 GB goal.
 */
export const DEFAULT_MEMORY_LIMIT = '768MB';
/**
 * The DuckDB storage format a new data folder is written in (`storage_compatibility_version`).
 * DuckDB's default keeps files readable by DuckDB 0.10 (storage `v1.0.0+`), which leaves out the
 * string compression added in 1.3 (`DICT_FSST`: dictionary and FSST in one scheme, analysed once
 * instead of twice). Writing 1M distinct daily charge rows cost ~3.3 CPU s at the default and
 * ~2.2 CPU s at v1.3.0, for the same file size (core/store/README.md, "Import speed"). Only Headroom
 * (bundling DuckDB 1.5) reads the file, so nothing older has to. A file keeps the format it was
 * created with: a data folder written before this setting still opens (and imports at the old speed).
 */
export const STORAGE_VERSION = 'v1.3.0';

export interface StoreOptions {
  /**
   * DuckDB `memory_limit`, e.g. `2GB`. Default `DEFAULT_MEMORY_LIMIT` (768 MB): a desktop app shares the machine, and DuckDB
   * spills large imports and aggregations to `<db>.tmp/` instead of growing past it.
   */
  readonly memoryLimit?: string;
  /** DuckDB worker threads. Default: DuckDB's (one per core), at most `memory_limit` ÷ `MIN_BYTES_PER_THREAD` (at least 1). */
  readonly threads?: number;
  readonly clock?: () => Date;
  /** Migrations to apply; tests only. Default: MIGRATIONS. */
  readonly migrations?: readonly Migration[];
}

/** Lowers DuckDB's thread count (instance-wide) to what `memoryLimit` can hold (`MIN_BYTES_PER_THREAD`). */
async function capThreads(conn: DuckDBConnection, memoryLimit: string): Promise<void> {
  const bytes = memoryLimitBytes(memoryLimit);
  if (bytes === undefined) return;
  const cap = Math.max(1, Math.floor(bytes / MIN_BYTES_PER_THREAD));
  const r = await conn.runAndReadAll(`SELECT CAST(current_setting('threads') AS INTEGER) AS t`);
  const threads = Number(r.getRowObjectsJson()[0]?.['t']);
  if (threads > cap) await conn.run(`SET GLOBAL threads = ${cap}`);
}

export class Store {
  private closed = false;
  private readonly writeLane = new Lane();
  private readonly readLane = new Lane();
  private readonly scratch = new Set<Promise<unknown>>();
  private readonly writer: Sql;
  private readonly reader: Sql;

  private constructor(
    readonly dataDir: string,
    readonly path: string,
    private readonly instance: DuckDBInstance,
    writeConn: DuckDBConnection,
    readConn: DuckDBConnection,
    private readonly now: () => Date,
  ) {
    this.writer = sqlOn(writeConn);
    this.reader = sqlOn(readConn);
  }

  /** Opens (creating if needed) `<dataDir>/headroom.duckdb` and applies pending migrations. */
  static async open(dataDir: string, options: StoreOptions = {}): Promise<Store> {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, DB_FILE);
    const config: Record<string, string> = {};
    config['memory_limit'] = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
    config['storage_compatibility_version'] = STORAGE_VERSION;
    if (options.threads) config['threads'] = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/lock/i.test(msg)) {
        throw new HeadroomError('UNAVAILABLE', `The data folder ${dataDir} is in use by another Headroom process (the app or another command). Close it and retry, or choose another folder with --data-dir.`, { cause: e });
      }
      throw new HeadroomError('UNAVAILABLE', `Could not open the Headroom database ${path}: ${msg}`, { cause: e });
    }
    const writeConn = await instance.connect();
    const readConn = await instance.connect();
    if (!options.threads) {
      try {
        await capThreads(writeConn, config['memory_limit']);
      } catch (e) {
        writeConn.closeSync();
        readConn.closeSync();
        instance.closeSync();
        throw e;
      }
    }
    const now = options.clock ?? ((): Date => new Date());
    const store = new Store(dataDir, path, instance, writeConn, readConn, now);
    try {
      await migrate(store.writer, options.migrations ?? MIGRATIONS, now);
    } catch (e) {
      store.closeNow();
      throw e;
    }
    return store;
  }

  private check(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  /** Runs `fn` on the write connection, alone. Use `transaction` for anything that writes. */
  write<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.writeCounted(fn, true);
  }

  private dataWriteCount = 0;
  /**
   * Goes up when a write other than a kv one starts and again when it ends: two equal readings, with
   * no write running, mean the charges, metrics and sources did not change in between (this process
   * holds the data folder's lock, so no other writes it). Lets a feature keep a result derived from
   * the data (core/service's anomaly scan) until the data changes.
   */
  get dataWrites(): number {
    return this.dataWriteCount;
  }

  private writeCounted<T>(fn: (sql: Sql) => Promise<T>, data: boolean): Promise<T> {
    this.check();
    return this.writeLane.run(async () => {
      if (data) this.dataWriteCount++;
      try {
        return await fn(this.writer);
      } finally {
        if (data) this.dataWriteCount++;
      }
    });
  }

  /** Runs `fn` on the read connection (sees committed data only). */
  read<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    this.check();
    return this.readLane.run(() => fn(this.reader));
  }

  /**
   * Runs `fn` on a fresh connection of its own (closed afterwards), e.g. for the file planner's
   * sniffing and validation passes, so they neither block nor see the import transaction. Never
   * write the store's tables through it: writes go through the methods below or `transaction`.
   */
  async withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.check();
    const conn = await this.instance.connect();
    const work = (async () => {
      try {
        return await fn(conn);
      } finally {
        conn.closeSync();
      }
    })();
    this.scratch.add(work);
    try {
      return await work;
    } finally {
      this.scratch.delete(work);
    }
  }

  /** One transaction on the write connection: for feature modules that persist their own tables. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.write((sql) => inTransaction(sql, fn));
  }

  // Sources
  listSources(): Promise<SourceRecord[]> {
    return this.read((sql) => listSources(sql));
  }
  getSource(idOrName: number | string): Promise<SourceRecord | undefined> {
    return this.read((sql) => getSource(sql, idOrName));
  }
  ensureSource(s: NewSource): Promise<SourceRecord> {
    return this.write((sql) => ensureSource(sql, s, this.now));
  }
  updateSourceSettings(id: number, settings: SourceSettings): Promise<SourceRecord> {
    return this.write((sql) => updateSourceSettings(sql, id, settings));
  }
  removeSource(id: number): Promise<{ charges: number; metrics: number }> {
    return this.write((sql) => removeSource(sql, id));
  }

  // Writes
  importChargesFromSelect(req: ImportChargesRequest): Promise<ImportChargesResult> {
    return this.write((sql) => importChargesFromSelect(sql, req, this.now));
  }
  /** The files of one export (its parts), in one transaction: see charges-write.ts `importChargeParts`. */
  importChargeParts(req: ImportChargePartsRequest): Promise<ImportChargePartsResult> {
    return this.write((sql) => importChargeParts(sql, req, this.now));
  }
  replaceChargeRows(req: ReplaceChargeRowsRequest): Promise<ReplaceChargeRowsResult> {
    return this.write((sql) => replaceChargeRows(sql, req, this.now));
  }
  /** A sync's range: its charges and day states in one transaction (core/service/sync.ts). */
  commitSyncRange(req: CommitSyncRangeRequest): Promise<ReplaceChargeRowsResult> {
    return this.write((sql) => commitSyncRange(sql, req, this.now));
  }
  syncDays(sourceId: number, from: Day, to: Day): Promise<SyncDayState[]> {
    return this.read((sql) => syncDays(sql, sourceId, from, to));
  }
  replaceProviderForecast(sourceId: number, f: ProviderForecastRecord): Promise<void> {
    return this.write((sql) => replaceProviderForecast(sql, sourceId, f, this.now));
  }
  providerForecasts(sourceId: number): Promise<StoredProviderForecast[]> {
    return this.read((sql) => providerForecasts(sql, sourceId));
  }
  replaceMetricPoints(req: ReplaceMetricPointsRequest): Promise<ReplaceMetricPointsResult> {
    return this.write((sql) => replaceMetricPoints(sql, req));
  }
  /** A metric file import or sync: its source and all its series in one transaction (all or nothing). */
  replaceSourceMetrics(req: ReplaceSourceMetricsRequest): Promise<ReplaceSourceMetricsResult> {
    return this.write((sql) => replaceSourceMetrics(sql, req, this.now));
  }

  // Queries
  dailySeries(q: DailySeriesQuery): Promise<DailySeriesResult> {
    return this.read((sql) => dailySeries(sql, q));
  }
  summary(q: ChargeQuery & { readonly by?: readonly Dimension[] }): Promise<SummaryResult> {
    return this.read((sql) => summary(sql, q));
  }
  coverage(): Promise<SourceCoverage[]> {
    return this.read((sql) => coverage(sql));
  }
  metricSeries(q: MetricQuery): Promise<MetricSeries[]> {
    return this.read((sql) => metricSeries(sql, q));
  }
  metricCatalog(): Promise<MetricCatalogEntry[]> {
    return this.read((sql) => metricCatalog(sql));
  }

  // Key/value settings
  kvGet<T = unknown>(namespace: string, key: string): Promise<T | undefined> {
    return this.read((sql) => kvGet<T>(sql, namespace, key));
  }
  kvSet(namespace: string, key: string, value: unknown): Promise<void> {
    return this.writeCounted((sql) => kvSet(sql, namespace, key, value, this.now), false);
  }
  kvDelete(namespace: string, key: string): Promise<void> {
    return this.writeCounted((sql) => kvDelete(sql, namespace, key), false);
  }
  /** Sets and deletes several keys of a namespace in one transaction (all or nothing). */
  kvUpdate(namespace: string, o: { readonly set?: readonly { readonly key: string; readonly value: unknown }[]; readonly remove?: readonly string[] }): Promise<void> {
    return this.writeCounted(
      (sql) =>
        inTransaction(sql, async (tx) => {
          for (const key of o.remove ?? []) await kvDelete(tx, namespace, key);
          for (const e of o.set ?? []) await kvSet(tx, namespace, e.key, e.value, this.now);
        }),
      false,
    );
  }
  kvList(namespace: string): Promise<{ key: string; value: unknown }[]> {
    return this.read((sql) => kvList(sql, namespace));
  }

  /** Waits for queued work, then closes the connections and the file (releasing the lock). */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([this.writeLane.idle(), this.readLane.idle(), ...[...this.scratch].map((p) => p.catch(() => undefined))]);
    this.closeNow();
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    this.writer.connection.closeSync();
    this.reader.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Opens the store in `dataDir` (created if missing) and runs migrations. One process at a time per folder. */
export function openStore(dataDir: string, options?: StoreOptions): Promise<Store> {
  return Store.open(dataDir, options);
}
