import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeadroomError, type Day } from '../lib';
import { CHARGE_COLUMNS, type ChargeRow } from '../model';
import { MIGRATIONS, type Migration } from './migrations';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { memoryLimitBytes } from './memory-size';
import { DB_FILE, STORAGE_VERSION, openStore, type Store } from './store';
import { TEST_SELECT, days, makeCharges, sumMicros, tempDir, writeChargesCsv, type TestCharge } from './testing/fixtures';

let dir: string;
let cleanup: () => void;
let store: Store;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = await openStore(dir, { clock: () => new Date('2026-01-01T00:00:00Z') });
});
afterEach(async () => {
  await store.close();
  cleanup();
});

async function counts(s: Store): Promise<{ charges: number; imports: number; totals: string }> {
  return s.read(async (sql) => {
    const c = await sql.all(`SELECT COUNT(*) AS n FROM charges`);
    const i = await sql.all(`SELECT COUNT(*) AS n FROM imports`);
    const t = await sql.all(
      `SELECT BillingCurrency AS c, CAST(SUM(BilledCost) AS VARCHAR) AS b, CAST(SUM(EffectiveCost) AS VARCHAR) AS e FROM charges GROUP BY 1 ORDER BY 1`,
    );
    return { charges: Number(c[0]?.['n']), imports: Number(i[0]?.['n']), totals: JSON.stringify(t) };
  });
}

/** Store totals in micro-units, read as exact decimal strings. */
async function storeMicros(s: Store, where = 'TRUE'): Promise<Map<string, { billed: number; effective: number }>> {
  const rows = await s.read((sql) =>
    sql.all(
      `SELECT BillingCurrency AS c, CAST(SUM(BilledCost) * 1000000 AS BIGINT) AS b, CAST(SUM(EffectiveCost) * 1000000 AS BIGINT) AS e FROM charges WHERE ${where} GROUP BY 1`,
    ),
  );
  return new Map(rows.map((r) => [String(r['c']), { billed: Number(r['b']), effective: Number(r['e']) }]));
}

async function importFile(s: Store, sourceId: number, f: { file: string; sha: string }) {
  return s.importChargesFromSelect({ sourceId, file: f.file, contentSha256: f.sha, format: 'test-focus', selectSql: TEST_SELECT, params: { file: f.file } });
}

describe('DuckDB threads', () => {
  const threadsOf = (s: Store): Promise<number> => s.read(async (sql) => Number((await sql.all(`SELECT CAST(current_setting('threads') AS INTEGER) AS t`))[0]?.['t']));

  it('reads memory settings as DuckDB does', () => {
    expect(memoryLimitBytes('768MB')).toBe(768_000_000);
    expect(memoryLimitBytes('1GiB')).toBe(2 ** 30);
    expect(memoryLimitBytes(' 1.5 gb ')).toBe(1_500_000_000);
    expect(memoryLimitBytes('512KiB')).toBe(512 * 1024);
    expect(memoryLimitBytes('lots')).toBeUndefined();
  });

  it('are capped at one per 125 MB of memory_limit unless given', async () => {
    const plain = await DuckDBInstance.create(':memory:');
    const conn = await plain.connect();
    const cores = Number((await conn.runAndReadAll(`SELECT CAST(current_setting('threads') AS INTEGER) AS t`)).getRowObjectsJson()[0]?.['t']);
    conn.closeSync();
    plain.closeSync();
    await store.close();
    const at = async (options: { memoryLimit: string; threads?: number }): Promise<number> => {
      const s = await openStore(dir, options);
      try {
        return await threadsOf(s);
      } finally {
        await s.close();
      }
    };
    expect(await at({ memoryLimit: '200MB' })).toBe(1);
    expect(await at({ memoryLimit: '768MB' })).toBe(Math.min(cores, 6));
    expect(await at({ memoryLimit: '64GB' })).toBe(cores);
    expect(await at({ memoryLimit: '200MB', threads: 3 })).toBe(3);
    store = await openStore(dir);
  });
});

describe('migrations', () => {
  it('are applied once and recorded; reopening applies nothing', async () => {
    const versions = await store.read((sql) => sql.all(`SELECT version, name FROM schema_migrations ORDER BY version`));
    expect(versions.map((v) => Number(v['version']))).toEqual(MIGRATIONS.map((m) => m.version));
    await store.close();
    store = await openStore(dir);
    const again = await store.read((sql) => sql.all(`SELECT COUNT(*) AS n FROM schema_migrations`));
    expect(Number(again[0]?.['n'])).toBe(MIGRATIONS.length);
  });

  it('create a charges table with exactly CHARGE_COLUMNS plus lineage', async () => {
    const cols = await store.read((sql) => sql.all(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'charges' ORDER BY ordinal_position`));
    const expected = [...CHARGE_COLUMNS.map(([n, t]) => [n, t.replace('MAP(VARCHAR, VARCHAR)', 'MAP(VARCHAR, VARCHAR)')]), ['source_id', 'INTEGER'], ['import_id', 'INTEGER']];
    expect(cols.map((c) => [c['column_name'], c['data_type']])).toEqual(expected);
  });

  it('roll back a failing migration entirely and apply the good ones', async () => {
    const { dir: d2, cleanup: c2 } = tempDir();
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    const bad: Migration = {
      version: newest + 1,
      name: 'half-done',
      async up(tx) {
        await tx.run(`CREATE TABLE budgets (id INTEGER)`);
        await tx.run(`SELECT * FROM no_such_table`);
      },
    };
    await expect(openStore(d2, { migrations: [...MIGRATIONS, bad] })).rejects.toThrow(new RegExp(`migration ${newest + 1}-half-done failed`));
    const s2 = await openStore(d2);
    const t = await s2.read((sql) => sql.all(`SELECT table_name FROM information_schema.tables WHERE table_name = 'budgets'`));
    expect(t).toEqual([]);
    const v = await s2.read((sql) => sql.all(`SELECT max(version) AS v FROM schema_migrations`));
    expect(Number(v[0]?.['v'])).toBe(newest);
    await s2.close();
    c2();
  });

  it('004 makes every earlier import a unit of its own: re-importing a file imported before the migration changes nothing', async () => {
    const { dir: d2, cleanup: c2 } = tempDir();
    try {
      let s2 = await openStore(d2, { migrations: MIGRATIONS.filter((m) => m.version < 4) });
      const src = await s2.ensureSource({ name: 'files', kind: 'files' });
      const f = writeChargesCsv(d2, 'before.csv', makeCharges(5, ['111'], days('2025-01-01', 3)));
      // The import row as a Headroom before migration 4 wrote it (its INSERT has no unit_id).
      await s2.write((sql) =>
        sql.run(
          `INSERT INTO imports (id, source_id, file, content_sha256, format, started_at, finished_at, rows, period_start, period_end, status)
           VALUES (7, $s, $f, $h, 'test-focus', now()::TIMESTAMP, now()::TIMESTAMP, 15, DATE '2025-01-01', DATE '2025-01-04', 'ok')`,
          { s: src.id, f: f.file, h: f.sha },
        ),
      );
      const first = { importId: 7 };
      await s2.close();
      s2 = await openStore(d2);
      const units = await s2.read((sql) => sql.all(`SELECT id, unit_id FROM imports`));
      expect(units.map((u) => [Number(u['id']), Number(u['unit_id'])])).toEqual([[first.importId, first.importId]]);
      const again = await importFile(s2, src.id, f);
      expect([again.status, again.importId, again.rowsWritten]).toEqual(['unchanged', first.importId, 0]);
      await s2.close();
    } finally {
      c2();
    }
  });

  it('refuse a data folder written by a newer schema', async () => {
    await store.write((sql) => sql.run(`INSERT INTO schema_migrations VALUES (999, 'future', now()::TIMESTAMP)`));
    await store.close();
    await expect(openStore(dir)).rejects.toThrow(/newer Headroom/);
    store = await openStore(dir, { migrations: [...MIGRATIONS, { version: 999, name: 'future', up: async () => {} }] });
  });
});

/** The storage format DuckDB records for the store's database file, e.g. `v1.3.0+`. */
async function storageVersion(s: Store): Promise<string> {
  const rows = await s.read((sql) => sql.all<{ tags: { key: string; value: string }[] }>(`SELECT tags FROM duckdb_databases() WHERE NOT internal`));
  return rows[0]?.tags.find((t) => t.key === 'storage_version')?.value ?? '';
}

describe('storage format', () => {
  it('a new data folder is written in STORAGE_VERSION', async () => {
    expect(await storageVersion(store)).toBe(`${STORAGE_VERSION}+`);
  });

  it('a folder written in DuckDB\'s default format (before STORAGE_VERSION) still opens, migrates, imports and keeps its data', async () => {
    const { dir: d2, cleanup: c2 } = tempDir();
    try {
      // The database file as a Headroom before STORAGE_VERSION created it: DuckDB's default format.
      const inst = await DuckDBInstance.create(join(d2, DB_FILE));
      const conn = await inst.connect();
      await conn.run(`CREATE TABLE hr_probe (x INTEGER)`);
      await conn.run(`CHECKPOINT`);
      conn.closeSync();
      inst.closeSync();
      let s2 = await openStore(d2);
      expect(await storageVersion(s2)).toBe('v1.0.0+');
      const src = await s2.ensureSource({ name: 'files', kind: 'files' });
      const rows = makeCharges(21, ['111', '222'], days('2025-01-01', 5));
      const r = await importFile(s2, src.id, writeChargesCsv(d2, 'old.csv', rows));
      expect(r.rowsWritten).toBe(rows.length);
      expect(await storeMicros(s2)).toEqual(sumMicros(rows));
      await s2.close();
      s2 = await openStore(d2);
      expect(await storageVersion(s2)).toBe('v1.0.0+');
      expect(await storeMicros(s2)).toEqual(sumMicros(rows));
      await s2.close();
    } finally {
      c2();
    }
  });
});

describe('sources', () => {
  it('ensureSource is get-or-create by name and refuses secret-looking settings', async () => {
    const a = await store.ensureSource({ name: 'files', kind: 'files', settings: { folder: '/x' } });
    const b = await store.ensureSource({ name: 'files', kind: 'files' });
    expect(b.id).toBe(a.id);
    expect(b.settings).toEqual({ folder: '/x' });
    await expect(store.ensureSource({ name: 'files', kind: 'aws' })).rejects.toThrow(/already exists with kind "files"/);
    await expect(store.ensureSource({ name: 'aws', kind: 'aws', settings: { secretAccessKey: 'x' } })).rejects.toThrow(/looks like a secret/);
    expect((await store.listSources()).map((s) => s.name)).toEqual(['files']);
  });
});

describe('importChargesFromSelect', () => {
  it('imports a file, reports totals equal to independent sums, and a re-import is unchanged', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const rows = [...makeCharges(1, ['111', '222'], days('2025-01-01', 10)), ...makeCharges(2, ['333'], days('2025-01-01', 3), 'EUR')];
    const f = writeChargesCsv(dir, 'jan.csv', rows);
    const r = await importFile(store, src.id, f);
    const expected = sumMicros(rows);
    expect(r.status).toBe('imported');
    expect(r.rowsWritten).toBe(rows.length);
    expect(r.period).toEqual({ start: '2025-01-01', end: '2025-01-11' });
    expect(r.totals.map((t) => t.currency)).toEqual(['EUR', 'USD']);
    for (const t of r.totals) {
      const e = expected.get(t.currency);
      expect(t.billed_cost).toBeCloseTo((e?.billed ?? NaN) / 1e6, 6);
      expect(t.effective_cost).toBeCloseTo((e?.effective ?? NaN) / 1e6, 6);
    }
    expect(await storeMicros(store)).toEqual(expected);
    const before = await counts(store);
    const again = await importFile(store, src.id, f);
    expect(again).toMatchObject({ status: 'unchanged', rowsWritten: 0, importId: r.importId, period: r.period });
    expect(await counts(store)).toEqual(before);
  });

  it('a newer export of the same account and days replaces them; other accounts and days stay', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const first = makeCharges(1, ['111', '222'], days('2025-01-01', 10));
    await importFile(store, src.id, writeChargesCsv(dir, 'mtd-1.csv', first));
    // Restatement: account 111 for Jan 5..12 (overlaps days 5..10, adds 11..12).
    const restated = makeCharges(9, ['111'], days('2025-01-05', 8));
    const r = await importFile(store, src.id, writeChargesCsv(dir, 'mtd-2.csv', restated));
    const kept = first.filter((c) => !(c.account === '111' && c.day >= '2025-01-05'));
    expect(r.rowsReplaced).toBe(first.length - kept.length);
    expect(await storeMicros(store)).toEqual(sumMicros([...kept, ...restated]));
  });

  it('two halves of a month imported one after the other both stay', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const h1 = makeCharges(3, ['111'], days('2025-02-01', 14));
    const h2 = makeCharges(4, ['111'], days('2025-02-15', 14));
    await importFile(store, src.id, writeChargesCsv(dir, 'h1.csv', h1));
    const r2 = await importFile(store, src.id, writeChargesCsv(dir, 'h2.csv', h2));
    expect(r2.rowsReplaced).toBe(0);
    expect(await storeMicros(store)).toEqual(sumMicros([...h1, ...h2]));
  });

  it('the same file for another source is a separate import', async () => {
    const a = await store.ensureSource({ name: 'a', kind: 'files' });
    const b = await store.ensureSource({ name: 'b', kind: 'files' });
    const rows = makeCharges(5, ['111'], days('2025-03-01', 2));
    const f = writeChargesCsv(dir, 'x.csv', rows);
    await importFile(store, a.id, f);
    const rb = await importFile(store, b.id, f);
    expect(rb.status).toBe('imported');
    const t = sumMicros(rows).get('USD');
    expect((await storeMicros(store)).get('USD')).toEqual({ billed: (t?.billed ?? 0) * 2, effective: (t?.effective ?? 0) * 2 });
  });

  it('a SELECT failing part-way leaves the store unchanged and reports the file', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    await importFile(store, src.id, writeChargesCsv(dir, 'good.csv', makeCharges(6, ['111'], days('2025-01-01', 5))));
    const before = await counts(store);
    // Same account and days (would replace) plus a bad cost on the last line.
    const rows = makeCharges(7, ['111'], days('2025-01-01', 400));
    const bad = writeChargesCsv(dir, 'bad.csv', rows, ['AWS,111,2025-01-02T00:00:00Z,x,,Usage,12abc,1,USD,"{}"']);
    const err = await importFile(store, src.id, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).code).toBe('BAD_FILE');
    expect((err as HeadroomError).message).toContain('bad.csv');
    expect(await counts(store)).toEqual(before);
    const missing = await importFile(store, src.id, { file: `${dir}/nope.csv`, sha: 'a'.repeat(64) }).catch((e: unknown) => e);
    expect((missing as HeadroomError).code).toBe('BAD_FILE');
    expect(await counts(store)).toEqual(before);
  });

  it('reports DuckDB running out of memory during the INSERT as UNAVAILABLE, not as a bad file, and keeps nothing', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    await importFile(store, src.id, writeChargesCsv(dir, 'good.csv', makeCharges(6, ['111'], days('2025-01-01', 5))));
    const before = await counts(store);
    await store.close();
    store = await openStore(dir, { memoryLimit: '32MB', threads: 1 });
    // One aggregate value of ~100 MB (3M md5 strings joined): its state cannot spill, so a 32 MB limit refuses it whatever the machine.
    const cols = CHARGE_COLUMNS.map(([name, type]) =>
      name === 'ChargePeriodStart' ? `DATE '2025-01-01' AS "${name}"` : name === 'BillingCurrency' ? `'USD' AS "${name}"` : name === 'ResourceId' ? `s AS "${name}"` : ['BilledCost', 'EffectiveCost'].includes(name) ? `CAST(1 AS ${type}) AS "${name}"` : `CAST(NULL AS ${type}) AS "${name}"`,
    );
    const selectSql = `SELECT ${cols.join(', ')} FROM (SELECT string_agg(md5(CAST(i AS VARCHAR)), ',') AS s FROM range(3000000) AS t(i))`;
    const err = await store.importChargesFromSelect({ sourceId: src.id, file: 'big.csv', contentSha256: 'c'.repeat(64), format: 't', selectSql }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HeadroomError);
    expect((err as HeadroomError).code).toBe('UNAVAILABLE');
    expect((err as HeadroomError).message).toMatch(/^big\.csv: DuckDB ran out of its working memory \(memory_limit\) while writing this file's rows \(Out of Memory Error: .*\); nothing of it was imported\./);
    expect((err as HeadroomError).message).toContain('give DuckDB more memory with --memory-limit or HEADROOM_MEMORY_LIMIT (e.g. 2GB');
    expect(await counts(store)).toEqual(before);
  });

  it('refuses rows without a currency (NOT NULL) and rolls back', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const f = writeChargesCsv(dir, 'nocur.csv', [], ['AWS,111,2025-01-02T00:00:00Z,x,,Usage,1,1,,"{}"']);
    await expect(importFile(store, src.id, f)).rejects.toThrow(/BillingCurrency/);
    expect(await counts(store)).toEqual({ charges: 0, imports: 0, totals: '[]' });
  });

  it('a cancelled import keeps nothing', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const f = writeChargesCsv(dir, 'c.csv', makeCharges(8, ['111'], days('2025-01-01', 3)));
    const ac = new AbortController();
    ac.abort();
    await expect(store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 't', selectSql: TEST_SELECT, params: { file: f.file }, signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await counts(store)).charges).toBe(0);
  });

  it('beforeCommit runs after the rows are written; throwing rolls the import back', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const rows = makeCharges(18, ['111'], days('2025-01-01', 4));
    const f = writeChargesCsv(dir, 'hook.csv', rows);
    let seen = -1;
    const beforeCommit = async (): Promise<void> => {
      seen = (await counts(store)).charges; // the read connection sees committed rows only
      throw new HeadroomError('BAD_FILE', 'hook.csv changed');
    };
    await expect(store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 't', selectSql: TEST_SELECT, params: { file: f.file }, beforeCommit })).rejects.toThrow('hook.csv changed');
    expect(seen).toBe(0);
    expect(await counts(store)).toEqual({ charges: 0, imports: 0, totals: '[]' });
    const ok = await store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 't', selectSql: TEST_SELECT, params: { file: f.file }, beforeCommit: async () => {} });
    expect(ok.rowsWritten).toBe(rows.length);
  });

  it('cancelling during the INSERT interrupts it and keeps nothing', async () => {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const f = writeChargesCsv(dir, 'before.csv', makeCharges(17, ['111'], days('2025-01-01', 3)));
    await importFile(store, src.id, f);
    const before = await counts(store);
    // A SELECT that would run for minutes: 2 billion rows, each its own group.
    const cols = CHARGE_COLUMNS.map(([name, type]) =>
      name === 'ChargePeriodStart' ? `DATE '2025-01-01' AS "${name}"` : name === 'BillingCurrency' ? `'USD' AS "${name}"` : name === 'ResourceId' ? `CAST(i AS VARCHAR) AS "${name}"` : ['BilledCost', 'EffectiveCost'].includes(name) ? `CAST(1 AS ${type}) AS "${name}"` : `CAST(NULL AS ${type}) AS "${name}"`,
    );
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 300);
    await expect(
      store.importChargesFromSelect({ sourceId: src.id, file: 'huge', contentSha256: 'b'.repeat(64), format: 't', selectSql: `SELECT ${cols.join(', ')} FROM range(2000000000) AS t(i)`, signal: ac.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(await counts(store)).toEqual(before);
  });
});

function toRow(c: TestCharge): ChargeRow {
  const dec = (m: number): string => (m / 1e6).toFixed(6);
  return {
    ProviderName: 'AWS',
    BillingAccountId: c.account,
    BillingAccountName: null,
    SubAccountId: null,
    SubAccountName: null,
    ChargePeriodStart: c.day as Day,
    ServiceName: c.service,
    ServiceCategory: null,
    RegionId: c.region,
    ResourceId: null,
    SkuId: null,
    ChargeCategory: 'Usage',
    ChargeClass: null,
    ChargeFrequency: 'Usage-Based',
    PricingCategory: null,
    CommitmentDiscountId: null,
    CommitmentDiscountType: null,
    CommitmentDiscountStatus: null,
    BilledCost: dec(c.billedMicros) as ChargeRow['BilledCost'],
    EffectiveCost: dec(c.effectiveMicros) as ChargeRow['EffectiveCost'],
    ListCost: null,
    BillingCurrency: c.currency as ChargeRow['BillingCurrency'],
    ConsumedQuantity: null,
    ConsumedUnit: null,
    Tags: c.tags,
  };
}

describe('replaceChargeRows', () => {
  it('replaces exactly the source rows in [from, to)', async () => {
    const demo = await store.ensureSource({ name: 'demo', kind: 'demo' });
    const other = await store.ensureSource({ name: 'files', kind: 'files' });
    const otherRows = makeCharges(11, ['111'], days('2025-01-01', 31));
    await importFile(store, other.id, writeChargesCsv(dir, 'o.csv', otherRows));
    const jan = makeCharges(12, ['d1'], days('2025-01-01', 31));
    const r1 = await store.replaceChargeRows({ sourceId: demo.id, from: '2025-01-01' as Day, to: '2025-02-01' as Day, rows: jan.map(toRow), format: 'demo' });
    expect(r1.rowsWritten).toBe(jan.length);
    // Re-sync Jan 10..20 with new figures (as an async iterable).
    const mid = makeCharges(13, ['d1'], days('2025-01-10', 10));
    async function* gen(): AsyncIterable<ChargeRow> {
      for (const c of mid) yield toRow(c);
    }
    const r2 = await store.replaceChargeRows({ sourceId: demo.id, from: '2025-01-10' as Day, to: '2025-01-20' as Day, rows: gen(), format: 'demo' });
    const keptJan = jan.filter((c) => c.day < '2025-01-10' || c.day >= '2025-01-20');
    expect(r2.rowsReplaced).toBe(jan.length - keptJan.length);
    expect(await storeMicros(store, `source_id = ${demo.id}`)).toEqual(sumMicros([...keptJan, ...mid]));
    expect(await storeMicros(store, `source_id = ${other.id}`)).toEqual(sumMicros(otherRows));
    const tags = await store.read((sql) => sql.all(`SELECT count(*) AS n FROM charges WHERE source_id = ${demo.id} AND map_extract_value(Tags, 'team') = 'core'`));
    expect(Number(tags[0]?.['n'])).toBe([...keptJan, ...mid].filter((c) => c.tags['team'] === 'core').length);
  });

  it('keeps tags exactly: quotes, backslashes, unicode, empty values, keys differing by a space; no tags = empty map', async () => {
    const demo = await store.ensureSource({ name: 'demo', kind: 'demo' });
    const tagSets: Record<string, string>[] = [{ team: 'a"b\\c', 'env ': 'prod', env: 'dev', 'ключ': 'значение ✓', empty: '' }, {}, { 'a,b': '{"x":1}', newline: 'l1\nl2' }];
    const rows = tagSets.map((t, i) => toRow({ ...makeCharges(16, ['d1'], days('2025-01-01', 1))[0]!, day: `2025-01-0${i + 1}` as Day, tags: t }));
    await store.replaceChargeRows({ sourceId: demo.id, from: '2025-01-01' as Day, to: '2025-01-04' as Day, rows, format: 'demo' });
    const got = await store.read((sql) => sql.all(`SELECT CAST(ChargePeriodStart AS VARCHAR) AS d, CAST(to_json(Tags) AS VARCHAR) AS t, cardinality(Tags) AS n FROM charges WHERE source_id = ${demo.id} ORDER BY 1`));
    expect(got.map((r) => JSON.parse(String(r['t'])))).toEqual(tagSets);
    expect(got.map((r) => Number(r['n']))).toEqual(tagSets.map((t) => Object.keys(t).length));
  });

  it('refuses a row outside the range and keeps nothing', async () => {
    const demo = await store.ensureSource({ name: 'demo', kind: 'demo' });
    const rows = makeCharges(14, ['d1'], days('2025-01-01', 5)).map(toRow);
    await store.replaceChargeRows({ sourceId: demo.id, from: '2025-01-01' as Day, to: '2025-01-06' as Day, rows, format: 'demo' });
    const before = await counts(store);
    const bad = makeCharges(15, ['d1'], days('2025-01-01', 6)).map(toRow);
    await expect(store.replaceChargeRows({ sourceId: demo.id, from: '2025-01-01' as Day, to: '2025-01-06' as Day, rows: bad, format: 'demo' })).rejects.toThrow(/outside the range/);
    const badCost = rows.map((r, i) => (i === 3 ? { ...r, BilledCost: 'abc' as ChargeRow['BilledCost'] } : r));
    await expect(store.replaceChargeRows({ sourceId: demo.id, from: '2025-01-01' as Day, to: '2025-01-06' as Day, rows: badCost, format: 'demo' })).rejects.toThrow(/could not be stored/);
    expect(await counts(store)).toEqual(before);
    await expect(store.replaceChargeRows({ sourceId: 99, from: '2025-01-01' as Day, to: '2025-01-06' as Day, rows: [], format: 'demo' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('kv', () => {
  it('kvUpdate sets and removes keys of a namespace in one transaction: all or nothing', async () => {
    await store.kvSet('ns', 'a', { x: 1 });
    await store.kvSet('ns', 'b', { x: 2 });
    await store.kvSet('other', 'a', { x: 3 });
    await store.kvUpdate('ns', { remove: ['a'], set: [{ key: 'c', value: [1, 2] }, { key: 'b', value: 'two' }] });
    expect(await store.kvList('ns')).toEqual([{ key: 'b', value: 'two' }, { key: 'c', value: [1, 2] }]);
    expect(await store.kvList('other')).toEqual([{ key: 'a', value: { x: 3 } }]);
    // A value JSON cannot write (a BigInt) fails the update after the removal: nothing changes.
    await expect(store.kvUpdate('ns', { remove: ['b', 'c'], set: [{ key: 'd', value: 1n }] })).rejects.toThrow(/BigInt/);
    expect(await store.kvList('ns')).toEqual([{ key: 'b', value: 'two' }, { key: 'c', value: [1, 2] }]);
  });
});
