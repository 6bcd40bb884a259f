import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { EXPECTED_COLUMNS, memoryConnection, queryPlan, selectColumns, selectTotals } from '../../../test/charges-harness';
import { expectedTotals } from '../../../test/billing-rules';
import { isHeadroomError } from '../../lib';
import { planFileImport, releaseFileImport } from './plan';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'headroom-plan-'));

/**
 * A CSV of this many distinct daily rows (~60 MB, ~2 s) against this DuckDB memory_limit: the former
 * group-while-reading staging ran out of memory on it at 96 MB and 128 MB; the records staging passes at both.
 */
const ROWS_OVER_LIMIT = 200_000;
const MEMORY_LIMIT = '128MB';

const FOCUS_HEADER = 'BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ProviderName,BillingAccountId,Tags';

describe('planFileImport', () => {
  it('reports the physical line of a bad cell, counting newlines inside quoted cells', async () => {
    const f = join(tmp(), 'multiline.csv');
    writeFileSync(f, [`${FOCUS_HEADER},ChargeDescription`, '1.5,1.5,USD,Usage,2024-09-01T00:00:00Z,AWS,1,,"two\nlines"', '2.5,2.5,USD,Usage,2024-09-01T00:00:00Z,AWS,1,,', 'x1,1,USD,Usage,2024-09-02T00:00:00Z,AWS,1,,', ''].join('\n'));
    const conn = await memoryConnection();
    await expect(planFileImport(conn, f)).rejects.toThrow(`${f}, line 5, column "BilledCost": "x1" is not a number`);
  });

  it('refuses tags that are not a JSON object, naming the cell', async () => {
    const f = join(tmp(), 'tags.csv');
    writeFileSync(f, [FOCUS_HEADER, '1,1,USD,Usage,2024-09-01T00:00:00Z,AWS,1,{oops', ''].join('\n'));
    const conn = await memoryConnection();
    await expect(planFileImport(conn, f)).rejects.toThrow(`${f}, line 2, column "Tags": "{oops" is not a JSON object of tags`);
  });

  it('reads Parquet (typed columns) with the same totals as the CSV', async () => {
    const conn = await memoryConnection();
    const csv = sharedData('focus', 'focus-1.0_sample_1000rows.csv');
    const f = join(tmp(), 'focus.parquet');
    await conn.run(`COPY (SELECT * FROM read_csv($csv, nullstr='NULL')) TO '${f}' (FORMAT parquet)`, { csv });
    const plan = await planFileImport(conn, f);
    expect(plan.format).toBe('focus-1.0');
    expect(plan.rowsRead).toBe(1000);
    expect(await selectColumns(conn, plan)).toEqual(EXPECTED_COLUMNS);
    const want = expectedTotals(csv);
    const got = await selectTotals(conn, plan);
    expect(got[0]?.billed).toBeCloseTo(want[0]?.billed ?? NaN, 9);
    expect(got[0]?.effective).toBeCloseTo(want[0]?.effective ?? NaN, 9);
  });

  it('reads a Parquet file whose records are already one per daily group without a GROUP BY, yielding the rows grouping would', async () => {
    const conn = await memoryConnection();
    const dir = tmp();
    // 120,000 records (more than the first-records sample) whose keys are distinct: the record
    // number is in ResourceId. `dupAt` gives one record the key of the record 30 before it (same day,
    // currency and tags), beyond the sample, so only the check over the whole file can see it.
    const records = (dupAt: number): string => `SELECT CAST((i % 997) / 100 AS DECIMAL(18,4)) AS BilledCost, CAST((i % 991) / 100 AS DECIMAL(18,4)) AS EffectiveCost,
        CASE WHEN i % 5 = 0 THEN 'EUR' ELSE 'USD' END AS BillingCurrency, 'Usage' AS ChargeCategory,
        TIMESTAMP '2024-09-01 00:00:00' + INTERVAL (i % 30) DAY + INTERVAL (i % 24) HOUR AS ChargePeriodStart, 'AWS' AS ProviderName, '1' AS BillingAccountId,
        'r' || CAST(CASE WHEN i = ${dupAt} THEN i - 30 ELSE i END AS VARCHAR) AS ResourceId,
        CASE WHEN i % 3 = 0 THEN NULL ELSE '{"env": "e' || CAST(i % 2 AS VARCHAR) || '"}' END AS Tags
      FROM range(120000) AS t(i)`;
    const fingerprint = async (plan: Awaited<ReturnType<typeof planFileImport>>) =>
      (await queryPlan(conn, plan, (from) => `SELECT count(*) AS n, CAST(sum(hash(COLUMNS(*))) AS VARCHAR) AS h, CAST(sum(BilledCost) AS VARCHAR) AS b, CAST(sum(EffectiveCost) AS VARCHAR) AS e FROM ${from}`))[0];
    for (const [dupAt, rows] of [[-1, 120_000], [119_999, 119_999]] as const) {
      const pq = join(dir, `d${dupAt}.parquet`);
      const csv = join(dir, `d${dupAt}.csv`);
      await conn.run(`COPY (${records(dupAt)}) TO '${pq}' (FORMAT parquet)`);
      await conn.run(`COPY (${records(dupAt)}) TO '${csv}' (FORMAT csv, HEADER true)`);
      const plan = await planFileImport(conn, pq);
      expect(plan.rowsRead).toBe(120_000);
      expect(plan.selectSql.includes('GROUP BY')).toBe(dupAt >= 0);
      const got = await fingerprint(plan);
      expect(got?.['n']).toBe(String(rows));
      // The CSV of the same records is staged, grouped only when needed: the same rows, to the last bit.
      const csvPlan = await planFileImport(conn, csv);
      expect(csvPlan.selectSql.includes('GROUP BY')).toBe(dupAt >= 0);
      expect(got).toEqual(await fingerprint(csvPlan));
    }
    // An hourly file (24 records per group) is grouped.
    const hourly = join(dir, 'hourly.parquet');
    await conn.run(`COPY (SELECT * REPLACE ('r' || CAST(i // 24 AS VARCHAR) AS ResourceId, TIMESTAMP '2024-09-01 00:00:00' + INTERVAL (i // 24 % 30) DAY + INTERVAL (i % 24) HOUR AS ChargePeriodStart,
        CASE WHEN i // 24 % 5 = 0 THEN 'EUR' ELSE 'USD' END AS BillingCurrency, NULL AS Tags) FROM (${records(-1).replace('FROM range(120000) AS t(i)', ', i FROM range(2400) AS t(i)')})) TO '${hourly}' (FORMAT parquet)`);
    const h = await planFileImport(conn, hourly);
    // Staged at daily grain in one read (stageGrouped): the SELECT reads the staged table, not the file.
    expect(h.selectSql).toContain(h.stagingTable);
    expect(h.params).toEqual({});
    expect((await fingerprint(h))?.['n']).toBe('100');
  });

  it('stages every sample export, as Parquet with five records per daily row, at daily grain in one read: the rows the CSV gives, with five times the sums and warnings', async () => {
    const conn = await memoryConnection();
    const dir = tmp();
    const files = [
      sharedData('focus', 'focus-1.0_sample_1000rows.csv'),
      ...['aws/cur-legacy', 'azure/exports', 'gcp/exports', 'oci'].flatMap((d) => readdirSync(sharedData(...d.split('/'))).map((n) => sharedData(...d.split('/'), n))),
    ].filter((f) => f.endsWith('.csv') && !f.includes('NoRows'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    const keys = EXPECTED_COLUMNS.map(([n]) => n).filter((n) => !['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity'].includes(n));
    const money = (c: string, times: number): string => `CAST(CAST("${c}" AS DECIMAL(38,12)) * ${times} AS DECIMAL(38,12))`;
    // One hash per daily row over its key and its sums (multiplied back for the CSV), summed: equal
    // only when both plans yield the same rows.
    const fingerprint = async (plan: Awaited<ReturnType<typeof planFileImport>>, times: number) =>
      (
        await queryPlan(
          conn,
          plan,
          (from) =>
            `SELECT count(*) AS n, CAST(sum(hash(${keys.map((k) => `"${k}"`).join(', ')}, ${['BilledCost', 'EffectiveCost', 'ListCost', 'ConsumedQuantity'].map((c) => money(c, times)).join(', ')})) AS VARCHAR) AS h FROM ${from}`,
        )
      )[0];
    let refused = 0;
    const times5 = (w: string): string => w.replace(/^(\d+) /, (_m, n: string) => `${Number(n) * 5} `);
    for (const csv of files) {
      const base = csv.split('/').pop() ?? csv;
      const pq = join(dir, `${base}.parquet`);
      // Every cell as text, as in the CSV; each record five times (the planner's sample then sees ≥ 4 records per daily group).
      await conn.run(`COPY (SELECT r.* FROM read_csv($csv, all_varchar = true, header = true, null_padding = true, delim = ',', quote = '"', escape = '"', strict_mode = false) AS r, range(5)) TO '${pq}' (FORMAT parquet)`, { csv });
      const refusal = await planFileImport(conn, csv).then(
        () => undefined,
        (e: unknown) => (isHeadroomError(e) ? e : Promise.reject(e)),
      );
      if (refusal) {
        // Refused as CSV (e.g. Azure's "MC" currency without --currency): refused as Parquet too, naming the same column.
        await expect(planFileImport(conn, pq), base).rejects.toThrow(`column "${refusal.location?.column ?? ''}"`);
        refused++;
        continue;
      }
      const fromCsv = await planFileImport(conn, csv);
      const fromParquet = await planFileImport(conn, pq);
      expect(fromParquet.selectSql, base).toContain(fromParquet.stagingTable);
      expect(fromParquet.format, base).toBe(fromCsv.format);
      expect(fromParquet.rowsRead, base).toBe(5 * fromCsv.rowsRead);
      expect(fromParquet.period, base).toEqual(fromCsv.period);
      expect(await fingerprint(fromParquet, 1), base).toEqual(await fingerprint(fromCsv, 5));
      const rowWarnings = (ws: readonly string[]): string[] => ws.filter((w) => /^\d+ /.test(w) && !w.includes('one cell fewer'));
      expect(rowWarnings(fromParquet.warnings), base).toEqual(rowWarnings(fromCsv.warnings).map(times5));
    }
    expect(refused).toBeLessThanOrEqual(2);
  });

  it('groups raw spellings that map to one charge into one daily row, counts warnings per record and names a bad key cell by row, in an hourly Parquet file', async () => {
    const conn = await memoryConnection();
    const dir = tmp();
    // 8 resources × 2 days × 24 hours. ChargeCategory alternates "usage"/"Usage" and ChargeClass
    // ""/"NULL" within a resource-day (each pair maps to one value); hour 3 of every Usage day is a
    // negative cost, warned unless ChargeClass says Correction (resources 6 and 7).
    const hourly = (badCurrencyAt: number): string => `SELECT
        CAST(CASE WHEN i % 24 = 3 THEN -1 ELSE 2 END AS DECIMAL(18,4)) AS BilledCost, CAST(CASE WHEN i % 24 = 3 THEN -1 ELSE 2 END AS DECIMAL(18,4)) AS EffectiveCost,
        CASE WHEN i = ${badCurrencyAt} THEN 'XYZ' ELSE 'USD' END AS BillingCurrency,
        CASE WHEN i % 2 = 0 THEN 'usage' ELSE 'Usage' END AS ChargeCategory,
        CASE WHEN i // 48 >= 6 THEN 'Correction' WHEN i % 3 = 0 THEN '' ELSE 'NULL' END AS ChargeClass,
        TIMESTAMP '2024-09-01 00:00:00' + INTERVAL (i // 24 % 2) DAY + INTERVAL (i % 24) HOUR AS ChargePeriodStart,
        'AWS' AS ProviderName, '1' AS BillingAccountId, 'r' || CAST(i // 48 AS VARCHAR) AS ResourceId,
        CASE WHEN i % 2 = 0 THEN '' ELSE 'NULL' END AS Tags
      FROM range(384) AS t(i)`;
    const pq = join(dir, 'hourly.parquet');
    await conn.run(`COPY (${hourly(-1)}) TO '${pq}' (FORMAT parquet)`);
    const plan = await planFileImport(conn, pq);
    expect(plan.selectSql).toContain(plan.stagingTable);
    const rows = await queryPlan(conn, plan, (from) => `SELECT ResourceId AS r, CAST(ChargePeriodStart AS VARCHAR) AS d, ChargeCategory AS c, ChargeClass AS k, CAST(BilledCost AS DOUBLE) AS b, cardinality(Tags) AS t FROM ${from} ORDER BY 1, 2`);
    expect(rows).toHaveLength(16);
    expect(rows[0]).toEqual({ r: 'r0', d: '2024-09-01', c: 'Usage', k: null, b: 45, t: '0' });
    expect(rows[15]).toEqual({ r: 'r7', d: '2024-09-02', c: 'Usage', k: 'Correction', b: 45, t: '0' });
    expect(plan.warnings).toEqual([expect.stringMatching(/^12 Usage row\(s\) have a negative cost but no ChargeClass "Correction"/)]);
    const bad = join(dir, 'hourly-bad.parquet');
    await conn.run(`COPY (${hourly(200)}) TO '${bad}' (FORMAT parquet)`);
    await expect(planFileImport(conn, bad)).rejects.toThrow(`${bad}, row 201, column "BillingCurrency": "XYZ" is not an ISO 4217 currency code`);
  });

  it('stages a CSV of distinct daily rows far larger than DuckDB memory_limit without running out of memory', async () => {
    // Grouping while reading (the former staging) ran such a file out of memory: the wide hash
    // aggregation takes ~90 % of the limit, and the CSV reader's buffers plus DuckDB's bookkeeping
    // for the spilled groups did not fit in the rest (core/store/README.md, "CSV at the memory limit").
    const dir = tmp();
    const f = join(dir, 'wide.csv');
    const n = ROWS_OVER_LIMIT;
    const gen = await memoryConnection();
    await gen.run(`COPY (SELECT CAST((i % 997) / 100 AS DECIMAL(18,4)) AS BilledCost, CAST((i % 991) / 100 AS DECIMAL(18,4)) AS EffectiveCost,
        CASE WHEN i % 5 = 0 THEN 'EUR' ELSE 'USD' END AS BillingCurrency, 'Usage' AS ChargeCategory,
        TIMESTAMP '2024-09-01 00:00:00' + INTERVAL (i % 30) DAY AS ChargePeriodStart, 'AWS' AS ProviderName, '1' AS BillingAccountId,
        'arn:aws:ec2:eu-west-1:123456789012:instance/i-' || md5(CAST(i AS VARCHAR)) || md5(CAST(i + 1 AS VARCHAR)) AS ResourceId,
        'sub-account-' || md5(CAST(i % 1000 AS VARCHAR)) AS SubAccountId, 'Amazon Elastic Compute Cloud ' || CAST(i % 50 AS VARCHAR) AS ServiceName,
        '{"team": "t' || md5(CAST(i AS VARCHAR)) || '", "env": "e' || CAST(i % 2 AS VARCHAR) || '"}' AS Tags
      FROM range(${n}) AS t(i)) TO '${f}' (FORMAT csv, HEADER true)`);
    const inst = await DuckDBInstance.create(join(dir, 'x.duckdb'), { memory_limit: MEMORY_LIMIT, threads: '2' });
    const conn = await inst.connect();
    try {
      const plan = await planFileImport(conn, f);
      expect(plan.rowsRead).toBe(n);
      expect(plan.selectSql).not.toContain('GROUP BY');
      const got = await queryPlan(conn, plan, (from) => `SELECT count(*) AS n, CAST(sum(BilledCost) AS VARCHAR) AS b FROM ${from}`);
      const want = await gen.runAndReadAll(`SELECT CAST(sum(CAST((i % 997) / 100 AS DECIMAL(18,4))) AS DECIMAL(38,12)) AS b FROM range(${n}) AS t(i)`);
      expect(got[0]).toEqual({ n: String(n), b: String(want.getRowObjectsJson()[0]?.['b']) });
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });

  it('reports running out of DuckDB memory as UNAVAILABLE, not as a bad file', async () => {
    const dir = tmp();
    const f = join(dir, 'ok.csv');
    writeFileSync(f, [FOCUS_HEADER, ...Array.from({ length: 2000 }, (_x, i) => `1.5,1.5,USD,Usage,2024-09-01T00:00:00Z,AWS,${i},`), ''].join('\n'));
    // 8 MB CSV buffers cannot be pinned under a 4 MB limit.
    const inst = await DuckDBInstance.create(join(dir, 'x.duckdb'), { memory_limit: '4MB', threads: '1' });
    const conn = await inst.connect();
    try {
      const e: unknown = await planFileImport(conn, f).catch((x: unknown) => x);
      expect(isHeadroomError(e) && e.code).toBe('UNAVAILABLE');
      expect(String(e)).toContain(`${f}: DuckDB ran out of its working memory`);
      expect(String(e)).toContain('give DuckDB more memory with --memory-limit or HEADROOM_MEMORY_LIMIT (e.g. 2GB');
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  });

  it('reads an hourly Parquet file twice instead of staging it when staging runs out of DuckDB memory, with the same rows', async () => {
    const dir = tmp();
    const f = join(dir, 'hourly.parquet');
    // 400,000 records, 4 per daily group: 100,000 staged rows of long resource, SKU and tag texts.
    const gen = await memoryConnection();
    await gen.run(`COPY (SELECT CAST(1.5 AS DECIMAL(18,4)) AS BilledCost, CAST(1.25 AS DECIMAL(18,4)) AS EffectiveCost, 'USD' AS BillingCurrency, 'Usage' AS ChargeCategory,
        TIMESTAMP '2024-09-01' + INTERVAL (i % 4) HOUR AS ChargePeriodStart, 'AWS' AS ProviderName, '1' AS BillingAccountId,
        'arn:aws:ec2:us-east-1:123456789012:instance/i-' || md5(CAST(i // 4 AS VARCHAR)) AS ResourceId, 'sku-' || md5(CAST(i // 4 * 7 AS VARCHAR)) AS SkuId,
        '{"team": "' || md5(CAST(i // 4 * 3 AS VARCHAR)) || '"}' AS Tags
      FROM range(400000) AS t(i)) TO '${f}' (FORMAT parquet)`);
    const plans = [];
    // At 64MB the staged read runs out of memory (measured: it needs about 128MB); at 256MB it fits.
    for (const limit of ['64MB', '256MB']) {
      const inst = await DuckDBInstance.create(':memory:', { memory_limit: limit, threads: '1', temp_directory: join(dir, `tmp-${limit}`) });
      const conn = await inst.connect();
      try {
        const plan = await planFileImport(conn, f);
        expect(plan.rowsRead).toBe(400_000);
        expect(plan.totals).toEqual([{ currency: 'USD', billedCost: '600000.000000000000', effectiveCost: '500000.000000000000' }]);
        // A SELECT that reads the file groups it as the store's INSERT would (into the store, which spills; here on a roomier connection).
        const rows = await queryPlan(plan.params['file'] ? gen : conn, plan, (from) => `SELECT count(*) AS n, CAST(sum(hash(ResourceId, SkuId, Tags, BilledCost)) AS VARCHAR) AS h FROM ${from}`);
        plans.push({ twoReads: plan.params['file'] === f, rows: rows[0] });
        await releaseFileImport(conn, plan);
      } finally {
        conn.closeSync();
        inst.closeSync();
      }
    }
    expect(plans.map((p) => p.twoReads)).toEqual([true, false]);
    expect(plans[0]?.rows).toEqual({ n: '100000', h: expect.any(String) });
    expect(plans[0]?.rows).toEqual(plans[1]?.rows);
  });

  it('reports a bad Parquet cell by row number', async () => {
    const conn = await memoryConnection();
    const f = join(tmp(), 'bad.parquet');
    await conn.run(`COPY (SELECT * FROM (VALUES ('1', '1', 'USD', 'Usage', '2024-09-01', 'AWS', '1'), ('abc', '1', 'USD', 'Usage', '2024-09-01', 'AWS', '1')) t(BilledCost, EffectiveCost, BillingCurrency, ChargeCategory, ChargePeriodStart, ProviderName, BillingAccountId)) TO '${f}' (FORMAT parquet)`);
    await expect(planFileImport(conn, f)).rejects.toThrow(`${f}, row 2, column "BilledCost": "abc" is not a number`);
  });

  it('reads a CUR 2.0 CSV export (snake_case, resource_tags as a JSON map)', async () => {
    const f = join(tmp(), 'cur2.csv');
    writeFileSync(
      f,
      [
        'bill_payer_account_id,bill_payer_account_name,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_unblended_cost,line_item_currency_code,savings_plan_savings_plan_effective_cost,savings_plan_savings_plan_a_r_n,product,resource_tags',
        '111122223333,Payer,444455556666,Usage,2025-01-01T00:00:00Z,10,USD,,,"{""product_name"": ""Amazon EC2""}","{""user_env"": ""prod""}"',
        '111122223333,Payer,444455556666,SavingsPlanCoveredUsage,2025-01-01T01:00:00Z,4,USD,2.5,arn:aws:savingsplans::1:savingsplan/x,{},{}',
        '111122223333,Payer,444455556666,SavingsPlanNegation,2025-01-01T01:00:00Z,-4,USD,,arn:aws:savingsplans::1:savingsplan/x,{},{}',
        '',
      ].join('\n'),
    );
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, f);
    expect(plan.format).toBe('aws-cur-2.0');
    expect(await selectTotals(conn, plan)).toEqual([{ currency: 'USD', billed: 10, effective: 12.5 }]);
    const rows = await queryPlan(conn, plan, (from) => `SELECT ServiceName AS s, Tags['user_env'] AS env, BillingAccountName AS payer FROM ${from} WHERE ChargeCategory = 'Usage' AND PricingCategory = 'Standard'`);
    expect(rows).toEqual([{ s: 'Amazon EC2', env: 'prod', payer: 'Payer' }]);
  });

  it('refuses a zip archive with what to do', async () => {
    const f = join(tmp(), 'cur.csv.zip');
    writeFileSync(f, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 1)]));
    const conn = await memoryConnection();
    await expect(planFileImport(conn, f)).rejects.toThrow(`${f}, line 1: this is a zip archive (or an Excel workbook), not an export file. Unzip it`);
  });

  it('refuses UTF-16 text with what to do', async () => {
    const f = join(tmp(), 'export.csv');
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('BilledCost,ChargePeriodStart\n', 'utf16le')]));
    const conn = await memoryConnection();
    await expect(planFileImport(conn, f)).rejects.toThrow(`${f}, line 1: this file is UTF-16 text`);
  });

  it('refuses a header no converter knows, at line 1', async () => {
    const f = join(tmp(), 'other.csv');
    writeFileSync(f, 'a,b\n1,2\n');
    const conn = await memoryConnection();
    const e = await planFileImport(conn, f).catch((x: unknown) => x);
    expect(isHeadroomError(e) && e.code).toBe('UNKNOWN_FORMAT');
    expect(isHeadroomError(e) && e.location).toEqual({ file: f, line: 1 });
  });

  it('every FOCUS spec example either imports with totals equal to its columns or is refused naming the file and the cell', async () => {
    const root = sharedData('focus', 'spec-examples');
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.csv')) files.push(p);
      }
    };
    walk(root);
    expect(files).toHaveLength(26);
    const conn = await memoryConnection();
    for (const f of files) {
      try {
        const plan = await planFileImport(conn, f);
        const got = await selectTotals(conn, plan);
        const want = expectedTotals(f);
        expect(got.map((t) => t.currency)).toEqual(want.map((t) => t.currency));
        got.forEach((t, i) => expect(t.billed).toBeCloseTo(want[i]?.billed ?? NaN, 9));
      } catch (e) {
        if (!isHeadroomError(e)) throw e;
        // The message names the file and the cell (line + column) or the missing header column.
        expect(e.message.startsWith(`${f}, line `)).toBe(true);
        expect(e.location?.file).toBe(f);
        expect(e.location?.line).toBeGreaterThanOrEqual(1);
        expect(e.location?.column).toBeTruthy();
      }
    }
    // The commitment examples import once the currency they leave out is given.
    const noCurrency = files.filter((f) => !readFileSync(f, 'utf8').includes('BillingCurrency'));
    const hour30 = noCurrency.filter((f) => readFileSync(f, 'utf8').includes('T30:'));
    for (const f of hour30) await expect(planFileImport(conn, f, { currency: 'USD' })).rejects.toThrow(/, line \d+, column "ChargePeriodEnd": "2023-02-01T30:00:00Z" is not a date-time/);
    const withCurrency = noCurrency.filter((f) => !hour30.includes(f));
    expect(withCurrency.length).toBeGreaterThan(5);
    for (const f of withCurrency) {
      const plan = await planFileImport(conn, f, { currency: 'USD' });
      const got = await selectTotals(conn, plan);
      const want = expectedTotals(f, 'USD');
      expect(got[0]?.billed).toBeCloseTo(want[0]?.billed ?? NaN, 9);
      expect(got[0]?.effective).toBeCloseTo(want[0]?.effective ?? NaN, 9);
    }
  });

  it('names the exact physical line of a bad cell deep in a large file (quoted newlines before it)', async () => {
    const conn = await memoryConnection();
    const f = join(tmp(), 'large.csv');
    // 60,000 records; every 1,000th has a two-line quoted ChargeDescription; record 50,000 (0-based) has a bad BilledCost.
    await conn.run(`COPY (SELECT CASE WHEN i = 50000 THEN '12,5' ELSE '1.5' END AS BilledCost, '1.5' AS EffectiveCost, 'USD' AS BillingCurrency,
        'Usage' AS ChargeCategory, '2024-09-0' || CAST(1 + i % 9 AS VARCHAR) || 'T00:00:00Z' AS ChargePeriodStart, 'AWS' AS ProviderName, '1' AS BillingAccountId,
        CASE WHEN i % 1000 = 0 THEN 'two' || chr(10) || 'lines' ELSE 'one line' END AS ChargeDescription
      FROM range(60000) t(i)) TO '${f}' (FORMAT csv, HEADER true)`);
    // Header (line 1) + 50,000 records before it + one extra line for each of the 50 two-line records among them.
    await expect(planFileImport(conn, f)).rejects.toThrow(`${f}, line 50052, column "BilledCost": "12,5" is not a number`);
    const p = join(tmp(), 'large.parquet');
    await conn.run(`COPY (SELECT * FROM read_csv('${f}', all_varchar = true)) TO '${p}' (FORMAT parquet, ROW_GROUP_SIZE 16384)`);
    await expect(planFileImport(conn, p)).rejects.toThrow(`${p}, row 50001, column "BilledCost": "12,5" is not a number`);
  });

  it('reads typed Parquet columns (DECIMAL, TIMESTAMP WITH TIME ZONE) without text, and refuses an empty required one by row', async () => {
    const conn = await memoryConnection();
    const f = join(tmp(), 'typed.parquet');
    await conn.run(`SET TimeZone = 'UTC'`);
    await conn.run(`COPY (SELECT * FROM (VALUES
        (CAST(1.25 AS DECIMAL(18,4)), CAST(1.0 AS DOUBLE), 'usd', 'Usage', TIMESTAMPTZ '2024-09-01 23:30:00-02:00', 'AWS', '1'),
        (CAST(2.5 AS DECIMAL(18,4)), CAST(2.0 AS DOUBLE), 'USD', 'Tax', TIMESTAMPTZ '2024-09-02 00:30:00+00:00', 'AWS', '1'))
      t(BilledCost, EffectiveCost, BillingCurrency, ChargeCategory, ChargePeriodStart, ProviderName, BillingAccountId)) TO '${f}' (FORMAT parquet)`);
    const plan = await planFileImport(conn, f);
    expect(plan.totals).toEqual([{ currency: 'USD', billedCost: '3.750000000000', effectiveCost: '3.000000000000' }]);
    // 23:30 at -02:00 is 01:30 UTC the next day: both rows fall on 2024-09-02.
    expect(plan.period).toEqual({ start: '2024-09-02', end: '2024-09-03' });
    const g = join(tmp(), 'typed-null.parquet');
    await conn.run(`COPY (SELECT * FROM (VALUES (CAST(1.25 AS DECIMAL(18,4)), 'USD', 'Usage', TIMESTAMP '2024-09-01 00:00:00'), (NULL, 'USD', 'Usage', TIMESTAMP '2024-09-01 00:00:00'))
      t(BilledCost, BillingCurrency, ChargeCategory, ChargePeriodStart)) TO '${g}' (FORMAT parquet)`);
    const h = join(tmp(), 'typed-both.parquet');
    await conn.run(`COPY (SELECT BilledCost, BilledCost AS EffectiveCost, * EXCLUDE (BilledCost) FROM read_parquet('${g}')) TO '${h}' (FORMAT parquet)`);
    await expect(planFileImport(conn, h)).rejects.toThrow(`${h}, row 2, column "BilledCost": "" is not a number that fits DECIMAL(38,12) (this column must hold a number in every row)`);
    // Types whose every value fits DECIMAL(38,12) are cast without a check (64-bit integers, DECIMAL with ≤ 26
    // integer digits); wider ones are still checked: 10^30 in a DECIMAL(38,0) ListCost does not fit.
    const wide = (listCost: string): string => `COPY (SELECT * FROM (VALUES (CAST(1.25 AS DECIMAL(18,4)), CAST(1.25 AS DECIMAL(18,4)), ${listCost}, 'USD', 'Usage', TIMESTAMP '2024-09-01 00:00:00'))
      t(BilledCost, EffectiveCost, ListCost, BillingCurrency, ChargeCategory, ChargePeriodStart)) TO`;
    const fits = join(tmp(), 'fits.parquet');
    await conn.run(`${wide('CAST(9223372036854775807 AS BIGINT)')} '${fits}' (FORMAT parquet)`);
    expect(await queryPlan(conn, await planFileImport(conn, fits), (from) => `SELECT CAST(ListCost AS VARCHAR) AS l FROM ${from}`)).toEqual([{ l: '9223372036854775807.000000000000' }]);
    const tooWide = join(tmp(), 'too-wide.parquet');
    await conn.run(`${wide("CAST('1000000000000000000000000000000' AS DECIMAL(38,0))")} '${tooWide}' (FORMAT parquet)`);
    await expect(planFileImport(conn, tooWide)).rejects.toThrow(`${tooWide}, row 1, column "ListCost": "1000000000000000000000000000000" is not a number that fits DECIMAL(38,12)`);
  });
});
