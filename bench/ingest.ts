/**
 * Import throughput and memory (not a test): `npm run bench:ingest [-- --rows 1000000,10000000]`.
 *
 * For each size it generates a FOCUS 1.2 file with the full column set (read from
 * ../shared/data/focus/focus-1.2_columns.json) as CSV and as Parquet, with DuckDB SQL, in a temp
 * folder. Each file is then measured in fresh child processes:
 *   - import: the real path — the service's `import.files` use case: `planFileImport`
 *     (core/ingest/files: sha256, sniff, detect, validate every cell), then
 *     `Store.importChargesFromSelect` (one transaction);
 *   - bare daily-grain: one DuckDB query (`read_csv` / `read_parquet`) doing the aggregation the
 *     import's SELECT does — daily grain over the stored FOCUS columns, money summed as DECIMAL —
 *     without validation or storage; the import/bare ratio is the headline figure;
 *   - bare totals: the cheapest query that still reads every row (rows and billed/effective totals
 *     per currency, the figures the import reports), for reference;
 *   - bare daily-grain stored: the same aggregation written into a table of a fresh DuckDB database
 *     file (same memory limit and storage format as the store), for reference: what any import into
 *     a DuckDB table costs before Headroom's own work (validation, content hash, lineage, replacing
 *     restated days). The goal is measured against the bare daily-grain query, which writes nothing.
 * Each child samples `process.memoryUsage().rss` every 25 ms and DuckDB's own accounting
 * (`duckdb_memory()`) every 100 ms, and reports its CPU time (user + system, all threads). Printed
 * per file and as a closing table per format and size: seconds, rows/s, peak RSS, peak DuckDB
 * memory, and the import/bare throughput ratio (goal ≥ 0.5; peak RSS < 1.5 GB at 10M rows), by wall
 * clock and by CPU time (steadier than wall clock on a machine shared with other jobs). Generated
 * files are deleted once measured (a 10M-row CSV is ~5.7 GB) unless --dir or --keep is given.
 *
 * Options: --rows N[,N…] (default 1000000,10000000), --formats csv,parquet, --memory-limit (default: the store's, 768MB),
 * --threads N (DuckDB threads, default all cores), --dir DIR (keep generated files there), --keep,
 * --shape distinct|hourly|pairs (default distinct: every row its own daily group, the import's worst
 * case for rows written; hourly: 24 hourly rows per resource and day; pairs: every daily group holds
 * exactly 2 records — two half-day rows of a resource-day — so ~N/2 groups: the store's GROUP BY path
 * at its widest, see `generator`).
 *
 * Totals check: after each import the child reads the store's own `charges` rows back (rows and
 * billed/effective sums per currency, exact DECIMAL text); the parent prints `totals check: OK` only
 * when they equal the bare daily-grain query's groups and sums to the last decimal, else
 * `totals check: MISMATCH` and the run exits 1.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Progress } from '../core/lib';
import { CHARGE_COLUMNS } from '../core/model';
import { openService } from '../core/service';
import { DEFAULT_MEMORY_LIMIT, STORAGE_VERSION } from '../core/store';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = resolve(SCRIPT, '..', '..');

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000,10000000' },
    formats: { type: 'string', default: 'csv,parquet' },
    'memory-limit': { type: 'string', default: DEFAULT_MEMORY_LIMIT },
    threads: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    shape: { type: 'string', default: 'distinct' },
    child: { type: 'string' },
    file: { type: 'string' },
    kind: { type: 'string' },
  },
  strict: true,
});

// ---------------------------------------------------------------------------------------------
// Measurement (children)

interface Measured {
  readonly seconds: number;
  /** CPU seconds (user + system, all threads) the child spent on the measured work. */
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly peakRss: number;
  readonly peakDuckdb: number;
  readonly detail: Record<string, number | string>;
}

function duckdbConfig(): Record<string, string> {
  const c: Record<string, string> = { memory_limit: opts['memory-limit'] };
  if (opts.threads) c['threads'] = opts.threads;
  return c;
}

/** CPU seconds (user + system, every thread of this process) since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

/** Samples RSS and DuckDB memory until stopped; returns the peaks. */
function sampler(withConn: (fn: (c: DuckDBConnection) => Promise<void>) => Promise<void>): { stop: () => Promise<{ rss: number; duckdb: number }> } {
  let rss = process.memoryUsage().rss;
  let duck = 0;
  let running = true;
  const t1 = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage().rss);
  }, 25);
  const loop = withConn(async (c) => {
    while (running) {
      const r = await c.runAndReadAll(`SELECT CAST(COALESCE(SUM(memory_usage_bytes), 0) AS DOUBLE) AS b FROM duckdb_memory()`);
      duck = Math.max(duck, Number(r.getRowObjectsJS()[0]?.['b'] ?? 0));
      rss = Math.max(rss, process.memoryUsage().rss);
      await new Promise((res) => setTimeout(res, 100));
    }
  });
  return {
    async stop() {
      running = false;
      clearInterval(t1);
      await loop;
      rss = Math.max(rss, process.memoryUsage().rss);
      return { rss, duckdb: duck };
    },
  };
}

/** Daily-grain aggregation over the file's own columns: the work the import's SELECT does, minus validation and storage. */
const BARE_DAILY_KEYS = CHARGE_COLUMNS.filter(([n]) => !['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity'].includes(n)).map(([n]) =>
  n === 'ChargePeriodStart' ? `CAST(CAST("ChargePeriodStart" AS TIMESTAMP) AS DATE) AS "ChargePeriodStart"` : `"${n}"`,
);

type BareMode = 'totals' | 'daily' | 'stored';

async function childBare(file: string, kind: string, mode: BareMode): Promise<Measured> {
  // Like the store (whose database file gives it `<db>.tmp/`), the bare query may spill past memory_limit.
  const spill = mkdtempSync(join(tmpdir(), 'headroom-bench-spill-'));
  try {
    return await bareQuery(file, kind, mode, spill);
  } finally {
    rmSync(spill, { recursive: true, force: true });
  }
}

async function bareQuery(file: string, kind: string, mode: BareMode, spill: string): Promise<Measured> {
  const stored = mode === 'stored';
  const inst = stored
    ? await DuckDBInstance.create(join(spill, 'bare.duckdb'), { ...duckdbConfig(), storage_compatibility_version: STORAGE_VERSION })
    : await DuckDBInstance.create(':memory:', { ...duckdbConfig(), temp_directory: spill });
  const conn = await inst.connect();
  const s = sampler(async (fn) => {
    const c = await inst.connect();
    try {
      await fn(c);
    } finally {
      c.closeSync();
    }
  });
  const reader = kind === 'parquet' ? `read_parquet($file)` : `read_csv($file, header = true, all_varchar = true, nullstr = 'NULL')`;
  const money = (c: string): string => `CAST("${c}" AS DECIMAL(38,12))`;
  const daily = `SELECT ${BARE_DAILY_KEYS.join(', ')}, SUM(${money('BilledCost')}) AS "BilledCost", SUM(${money('EffectiveCost')}) AS "EffectiveCost",
                 SUM(${money('ListCost')}) AS l, SUM(${money('ConsumedQuantity')}) AS q, COUNT(*) AS n
            FROM ${reader} GROUP BY ALL`;
  const from = mode === 'totals' ? reader : stored ? 'daily' : `(${daily})`;
  const count = mode === 'totals' ? 'COUNT(*)' : 'SUM(n) + 0 * SUM(l) + 0 * SUM(q)';
  // Daily-grain groups per currency (the rows the store should hold); the totals mode has none.
  const groups = mode === 'totals' ? 'NULL' : 'COUNT(*)';
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  if (stored) {
    // Like the store's import: row order means nothing (DuckDB performance guide).
    await conn.run(`SET preserve_insertion_order = false`);
    await conn.run(`CREATE TABLE daily AS ${daily}`, { file });
  }
  const r = await conn.runAndReadAll(
    `SELECT BillingCurrency AS currency, CAST(${count} AS BIGINT) AS n, CAST(${groups} AS VARCHAR) AS groups,
            CAST(SUM(${mode === 'totals' ? money('BilledCost') : '"BilledCost"'}) AS VARCHAR) AS billed,
            CAST(SUM(${mode === 'totals' ? money('EffectiveCost') : '"EffectiveCost"'}) AS VARCHAR) AS effective
       FROM ${from} GROUP BY 1 ORDER BY 1`,
    stored ? undefined : { file },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(c0);
  const peaks = await s.stop();
  const rows = r.getRowObjectsJS();
  conn.closeSync();
  inst.closeSync();
  return {
    seconds,
    cpuSeconds,
    rows: rows.reduce((a, x) => a + Number(x['n']), 0),
    peakRss: peaks.rss,
    peakDuckdb: peaks.duckdb,
    detail: Object.fromEntries(
      rows.flatMap((x) => {
        const cur = String(x['currency']);
        const sums: [string, string][] = [
          [`billed_${cur}`, String(x['billed'])],
          [`effective_${cur}`, String(x['effective'])],
        ];
        return mode === 'totals' ? sums : [[`groups_${cur}`, String(x['groups'])], ...sums];
      }),
    ),
  };
}

async function childImport(file: string): Promise<Measured> {
  const dataDir = mkdtempSync(join(tmpdir(), 'headroom-bench-store-'));
  try {
    const service = await openService({ dataDir, store: { memoryLimit: opts['memory-limit'], ...(opts.threads ? { threads: Number(opts.threads) } : {}) } });
    const phases: Record<string, number> = {};
    let last = performance.now();
    const progress = (p: Progress): void => {
      const now = performance.now();
      phases[`${p.phase}_s`] = round((phases[`${p.phase}_s`] ?? 0) + (now - last) / 1000);
      last = now;
    };
    const s = sampler((fn) => service.store.withConnection(fn));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = t0;
    // The real path: the `import.files` use case (plan with core/ingest/files, then the store's import transaction).
    const res = await service.handlers['import.files']({ paths: [file], source: 'bench' }, { signal: new AbortController().signal, progress });
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSince(c0);
    const peaks = await s.stop();
    const r = res.results[0];
    if (!r) throw new Error('import.files returned no result');
    // Not timed: what the store holds, exactly (DECIMAL sums as text), for the parent's totals check.
    const held: Record<string, string> = {};
    await service.store.withConnection(async (c) => {
      const q = await c.runAndReadAll(
        `SELECT BillingCurrency AS currency, COUNT(*) AS n, CAST(SUM(BilledCost) AS VARCHAR) AS billed, CAST(SUM(EffectiveCost) AS VARCHAR) AS effective FROM charges GROUP BY 1`,
      );
      for (const x of q.getRowObjectsJson()) {
        const cur = String(x['currency']);
        held[`groups_${cur}`] = String(x['n']);
        held[`billed_${cur}`] = String(x['billed']);
        held[`effective_${cur}`] = String(x['effective']);
      }
    });
    await service.close();
    return {
      seconds,
      cpuSeconds,
      rows: r.rows_read,
      peakRss: peaks.rss,
      peakDuckdb: peaks.duckdb,
      detail: {
        // Progress marks the start of each phase: `plan_s` is the time before planning (nothing),
        // `import_s` the planning time, `done_s` the store transaction.
        planner_s: phases['import_s'] ?? 0,
        store_s: phases['done_s'] ?? 0,
        rows_written: r.rows_written,
        format: r.format,
        ...held,
      },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Generation (parent)

interface FocusColumn {
  ColumnId: string;
  DataType: string;
}

function focusColumns(): FocusColumn[] {
  const path = join(REPO, '..', 'shared', 'data', 'focus', 'focus-1.2_columns.json');
  const j = JSON.parse(readFileSync(path, 'utf8')) as { columns: FocusColumn[] };
  return j.columns;
}

/** How generated rows relate to each other (see `--shape`). */
type Shape = 'distinct' | 'hourly' | 'pairs';
const SHAPES: readonly Shape[] = ['distinct', 'hourly', 'pairs'];

/** Resources in the `hourly` shape: each one has 24 hourly rows per day. */
const HOURLY_RESOURCES = 20_000;

/**
 * SQL expression for one FOCUS column of generated row `i` (a BIGINT from range()).
 * `distinct`: every attribute is hashed from the row number on its own, so almost every row is its
 * own daily group (the daily-grain store holds as many rows as the file: the import's worst case).
 * `hourly`: row i is hour i % 24 of resource (i / 24) % 20,000 on day i / 480,000; a resource's
 * attributes (account, service, region, SKU, tags, currency …) are hashed from the resource, so 24
 * rows make one daily row, as in an hourly export of a real fleet.
 * `pairs`: rows 2g and 2g + 1 are the two half-day rows (00:00–12:00 and 12:00–24:00) of daily
 * group g; every attribute, the day included, is hashed from g as `hourly` hashes from the resource,
 * so each daily group holds exactly 2 records and a file of N rows has ~N/2 groups (two groups
 * sharing every hashed key is as unlikely as in `distinct`): the store's GROUP BY path with the most
 * groups of wide text keys, which must spill under the memory limit. Costs vary per row in every shape.
 */
function generator(c: FocusColumn, parquet: boolean, shape: Shape): string {
  const key = shape === 'hourly' ? `(i // 24 % ${HOURLY_RESOURCES})` : shape === 'pairs' ? '(i // 2)' : 'i';
  const h = (salt: number, mod: number): string => `(hash(${key} * ${salt} + ${salt}) % ${mod})`;
  const hc = (salt: number, mod: number): string => `(hash(i * ${salt} + ${salt}) % ${mod})`;
  const day = shape === 'hourly' ? `(DATE '2025-01-01' + CAST(i // ${24 * HOURLY_RESOURCES} % 90 AS INTEGER))` : `(DATE '2025-01-01' + CAST(${h(7, 90)} AS INTEGER))`;
  const hour =
    shape === 'hourly' ? `(CAST(i % 24 AS INTEGER) * INTERVAL 1 HOUR)` : shape === 'pairs' ? `(CAST(i % 2 AS INTEGER) * INTERVAL 12 HOUR)` : `(CAST(${h(11, 24)} AS INTEGER) * INTERVAL 1 HOUR)`;
  const span = shape === 'pairs' ? 'INTERVAL 12 HOUR' : 'INTERVAL 1 HOUR';
  const ts = (e: string): string => (parquet ? `CAST(${e} AS TIMESTAMP)` : `strftime(${e}, '%Y-%m-%d %H:%M:%S')`);
  const money = (e: string): string => (parquet ? `CAST(${e} AS DECIMAL(20,10))` : `CAST(CAST(${e} AS DECIMAL(20,10)) AS VARCHAR)`);
  const billed = `(${hc(13, 10_000_000)} / 1e6 - CASE WHEN ${hc(17, 50)} = 0 THEN 5 ELSE 0 END)`;
  switch (c.ColumnId) {
    case 'BilledCost':
      return money(billed);
    case 'EffectiveCost':
      return money(`${billed} * 0.8`);
    case 'ListCost':
      return money(`${billed} * 1.1`);
    case 'ContractedCost':
      return money(billed);
    case 'ListUnitPrice':
    case 'ContractedUnitPrice':
      return money(`${hc(19, 100000)} / 1e5`);
    case 'ConsumedQuantity':
    case 'PricingQuantity':
      return money(`${hc(23, 1000000)} / 1e3`);
    case 'CommitmentDiscountQuantity':
    case 'CapacityReservationId':
    case 'CapacityReservationStatus':
    case 'CommitmentDiscountCategory':
    case 'CommitmentDiscountId':
    case 'CommitmentDiscountName':
    case 'CommitmentDiscountStatus':
    case 'CommitmentDiscountType':
    case 'CommitmentDiscountUnit':
    case 'ChargeClass':
    case 'SkuPriceDetails':
      return `CAST(NULL AS ${parquet && c.DataType === 'Decimal' ? 'DECIMAL(20,10)' : 'VARCHAR'})`;
    case 'BillingAccountId':
      return `'10000000000' || CAST(${h(29, 3)} AS VARCHAR)`;
    case 'BillingAccountName':
      return `'Payer ' || CAST(${h(29, 3)} AS VARCHAR)`;
    case 'BillingAccountType':
      return `'Billing Account'`;
    case 'SubAccountId':
      return `'2000000000' || CAST(${h(31, 40)} AS VARCHAR)`;
    case 'SubAccountName':
      return `'team-' || CAST(${h(31, 40)} AS VARCHAR)`;
    case 'SubAccountType':
      return `'Account'`;
    case 'BillingCurrency':
      return `CASE WHEN ${h(37, 10)} = 0 THEN 'EUR' ELSE 'USD' END`;
    case 'PricingCurrency':
      return `'USD'`;
    case 'BillingPeriodStart':
      return ts(`CAST(date_trunc('month', ${day}) AS TIMESTAMP)`);
    case 'BillingPeriodEnd':
      return ts(`CAST(date_trunc('month', ${day}) + INTERVAL 1 MONTH AS TIMESTAMP)`);
    case 'ChargePeriodStart':
      return ts(`CAST(${day} AS TIMESTAMP) + ${hour}`);
    case 'ChargePeriodEnd':
      return ts(`CAST(${day} AS TIMESTAMP) + ${hour} + ${span}`);
    case 'ChargeCategory':
      return `CASE WHEN ${h(41, 100)} < 95 THEN 'Usage' WHEN ${h(41, 100)} < 98 THEN 'Tax' ELSE 'Credit' END`;
    case 'ChargeFrequency':
      return `'Usage-Based'`;
    case 'ChargeDescription':
      return `'Usage of service ' || CAST(${h(43, 25)} AS VARCHAR)`;
    case 'PricingCategory':
      return `'Standard'`;
    case 'PricingUnit':
    case 'ConsumedUnit':
      return `'Hours'`;
    case 'ProviderName':
    case 'PublisherName':
    case 'InvoiceIssuerName':
    case 'ServiceProviderName':
    case 'HostProviderName':
      return `'AWS'`;
    case 'RegionId':
      return `'region-' || CAST(${h(47, 12)} AS VARCHAR)`;
    case 'RegionName':
      return `'Region ' || CAST(${h(47, 12)} AS VARCHAR)`;
    case 'AvailabilityZone':
      return `'zone-' || CAST(${h(53, 36)} AS VARCHAR)`;
    case 'ResourceId':
      return `'arn:resource/' || CAST(${h(59, 20000)} AS VARCHAR)`;
    case 'ResourceName':
      return `'res-' || CAST(${h(59, 20000)} AS VARCHAR)`;
    case 'ResourceType':
      return `'Instance'`;
    case 'ServiceName':
      return `'Service ' || CAST(${h(43, 25)} AS VARCHAR)`;
    case 'ServiceCategory':
      return `'Compute'`;
    case 'ServiceSubcategory':
      return `'Virtual Machines'`;
    case 'SkuId':
      return `'SKU' || CAST(${h(61, 500)} AS VARCHAR)`;
    case 'SkuMeter':
      return `'Compute Usage'`;
    case 'SkuPriceId':
      return `'SKU' || CAST(${h(61, 500)} AS VARCHAR) || '.P'`;
    case 'Tags':
      return `'{"env": "' || CASE WHEN ${h(67, 3)} = 0 THEN 'prod' WHEN ${h(67, 3)} = 1 THEN 'dev' ELSE 'test' END || '", "team": "t' || CAST(${h(31, 40)} AS VARCHAR) || '"}'`;
    default:
      if (c.DataType === 'Decimal') return money('0');
      if (c.DataType === 'Date/Time') return ts(`TIMESTAMP '2025-01-01 00:00:00'`);
      return `CAST(NULL AS VARCHAR)`;
  }
}

async function generate(dir: string, rows: number, kind: 'csv' | 'parquet', shape: Shape): Promise<string> {
  const file = join(dir, `focus-1.2-${rows}${shape === 'distinct' ? '' : `-${shape}`}.${kind}`);
  if (existsSync(file)) return file;
  const inst = await DuckDBInstance.create(':memory:', duckdbConfig());
  const conn = await inst.connect();
  const cols = focusColumns();
  const select = `SELECT ${cols.map((c) => `${generator(c, kind === 'parquet', shape)} AS "${c.ColumnId}"`).join(', ')} FROM range(${rows}) AS t(i)`;
  await conn.run(`SET preserve_insertion_order = false`);
  const tmp = `${file}.part`;
  if (kind === 'csv') await conn.run(`COPY (${select}) TO '${tmp.replaceAll("'", "''")}' (FORMAT csv, HEADER true, NULLSTR 'NULL')`);
  else await conn.run(`COPY (${select}) TO '${tmp.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`);
  conn.closeSync();
  inst.closeSync();
  renameSync(tmp, file);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Parent: orchestrate, print

function runChild(mode: 'bare-totals' | 'bare-daily' | 'bare-stored' | 'import', file: string, kind: string): Promise<Measured> {
  const args = [...process.execArgv, SCRIPT, '--child', mode, '--file', file, '--kind', kind, '--memory-limit', opts['memory-limit'], ...(opts.threads ? ['--threads', opts.threads] : [])];
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', rej);
    p.on('close', (code) => {
      if (code !== 0) return rej(new Error(`${mode} child for ${file} exited with ${code}: ${out}`));
      const last = out.trim().split('\n').pop() ?? '';
      res(JSON.parse(last) as Measured);
    });
  });
}

const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;
const round = (x: number): number => Math.round(x * 100) / 100;

interface Row {
  readonly kind: string;
  readonly n: number;
  readonly imp: Measured;
  readonly daily: Measured;
  readonly totals: Measured;
  readonly stored: Measured;
}

const rate = (m: Measured): number => m.rows / m.seconds;
const fmtRate = (m: Measured): string => Math.round(rate(m)).toLocaleString('en-US');

/** The summary table: one line per format and size; ratios are import/bare daily-grain (wall clock and CPU time). */
function table(rows: readonly Row[]): string {
  const head = ['format', 'rows', 'import s', 'import rows/s', 'bare s', 'bare rows/s', 'ratio', 'ratio (CPU)', 'import peak RSS', 'bare peak RSS', 'bare totals s', 'bare stored s', 'ratio to stored (CPU)'];
  const body = rows.map((r) => [
    r.kind,
    r.n.toLocaleString('en-US'),
    r.imp.seconds.toFixed(1),
    fmtRate(r.imp),
    r.daily.seconds.toFixed(1),
    fmtRate(r.daily),
    (rate(r.imp) / rate(r.daily)).toFixed(2),
    (r.daily.cpuSeconds / r.imp.cpuSeconds).toFixed(2),
    mb(r.imp.peakRss),
    mb(r.daily.peakRss),
    r.totals.seconds.toFixed(1),
    r.stored.seconds.toFixed(1),
    `${(rate(r.imp) / rate(r.stored)).toFixed(2)} (${(r.stored.cpuSeconds / r.imp.cpuSeconds).toFixed(2)})`,
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i < 1 ? c.padEnd(width[i] ?? 0) : c.padStart(width[i] ?? 0))).join(' | ')} |`;
  return [line(head), `|${width.map((w, i) => (i < 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

/**
 * null when the store's rows and billed/effective sums per currency (read back after the import)
 * equal the bare daily-grain query's groups and sums exactly, else what differs.
 */
function totalsCheck(imp: Measured, daily: Measured): string | null {
  const keys = (d: Record<string, number | string>): string[] => Object.keys(d).filter((k) => /^(groups|billed|effective)_/.test(k));
  const all = [...new Set([...keys(imp.detail), ...keys(daily.detail)])].sort();
  const diff = all.filter((k) => String(imp.detail[k]) !== String(daily.detail[k])).map((k) => `${k}: store ${String(imp.detail[k])} vs bare ${String(daily.detail[k])}`);
  return all.length === 0 ? 'no totals' : diff.length > 0 ? diff.join('; ') : null;
}

async function parent(): Promise<void> {
  const sizes = opts.rows.split(',').map((s) => Number(s.replaceAll('_', '')));
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--rows takes positive integers: ${opts.rows}`);
  const kinds = opts.formats.split(',').map((s) => s.trim()) as ('csv' | 'parquet')[];
  if (kinds.some((k) => k !== 'csv' && k !== 'parquet')) throw new Error(`--formats takes csv and/or parquet: ${opts.formats}`);
  const shape = opts.shape as Shape;
  if (!SHAPES.includes(shape)) throw new Error(`--shape takes ${SHAPES.join(', ')}: ${opts.shape}`);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'headroom-bench-'));
  console.log(`bench:ingest — FOCUS 1.2 files (shape ${shape}) in ${dir}; DuckDB memory_limit ${opts['memory-limit']}${opts.threads ? `, threads ${opts.threads}` : ''}`);
  const results: Row[] = [];
  try {
    for (const n of sizes) {
      for (const kind of kinds) {
        const g0 = performance.now();
        const file = await generate(dir, n, kind, shape);
        console.log(`generated ${file} (${mb(statSync(file).size)}) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
        const totals = await runChild('bare-totals', file, kind);
        const daily = await runChild('bare-daily', file, kind);
        const stored = await runChild('bare-stored', file, kind);
        const imp = await runChild('import', file, kind);
        const fig = (label: string, m: Measured): string =>
          `${label} ${m.seconds.toFixed(2)} s (CPU ${m.cpuSeconds.toFixed(1)} s), ${fmtRate(m)} rows/s, peak RSS ${mb(m.peakRss)}, DuckDB ${mb(m.peakDuckdb)}`;
        console.log(
          [
            `${kind.padEnd(7)} ${String(n).padStart(9)} rows`,
            fig('import', imp),
            fig('bare daily-grain', daily),
            fig('bare totals', totals),
            fig('bare daily-grain stored', stored),
            `ratio import/bare daily-grain ${(rate(imp) / rate(daily)).toFixed(2)} (CPU time ${(daily.cpuSeconds / imp.cpuSeconds).toFixed(2)}), import/bare totals ${(rate(imp) / rate(totals)).toFixed(2)}, import/bare daily-grain stored ${(rate(imp) / rate(stored)).toFixed(2)} (CPU time ${(stored.cpuSeconds / imp.cpuSeconds).toFixed(2)})`,
            `import phases: ${JSON.stringify(imp.detail)}`,
            `bare totals:   ${JSON.stringify(totals.detail)}`,
            `bare daily:    ${JSON.stringify(daily.detail)}`,
            `bare stored:   ${JSON.stringify(stored.detail)}`,
          ].join('\n  '),
        );
        const check = totalsCheck(imp, daily);
        console.log(`  totals check: ${check === null ? 'OK (the store holds the bare query\'s groups and sums, to the last decimal)' : `MISMATCH ${check}`}`);
        if (check !== null) process.exitCode = 1;
        results.push({ kind, n, imp, daily, totals, stored });
        // A 10M-row CSV is several GB: drop each generated file once measured unless asked to keep it.
        if (!opts.keep && !opts.dir) rmSync(file, { force: true });
      }
    }
    console.log('\nsummary (goal: ratio ≥ 0.50; import peak RSS < 1.5 GB at 10M rows). ratio = import rows/s ÷ bare daily-grain rows/s, same run; ratio (CPU) = bare CPU s ÷ import CPU s; ratio to stored: the same against the daily grain written to a DuckDB table (reference, not the goal)');
    console.log(table(results));
  } finally {
    if (!opts.keep && !opts.dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function child(): Promise<void> {
  const file = opts.file;
  if (!file) throw new Error('--child needs --file');
  const kind = opts.kind ?? 'csv';
  const bare: Readonly<Record<string, BareMode>> = { 'bare-totals': 'totals', 'bare-daily': 'daily', 'bare-stored': 'stored' };
  const mode = opts.child ? bare[opts.child] : undefined;
  const m = mode ? await childBare(file, kind, mode) : await childImport(file);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

await (opts.child ? child() : parent());
