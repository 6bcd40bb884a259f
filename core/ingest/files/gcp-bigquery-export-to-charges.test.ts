import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { EXPECTED_COLUMNS, independentTotals, memoryConnection, queryPlan, selectColumns, selectTotals } from '../../../test/charges-harness';
import { csvRecords, num } from '../../../test/rfc4180';
import { gcpFileRule, gcpRule } from '../../../test/billing-rules';
import { planFileImport } from './plan';

const FILES = ['koku_gcp_bq-export_2020-10_tmp_example.csv', 'koku_gcp_bq-export_2020-11_with-credits.csv', 'koku_gcp_bq-export_2022-08_resource-level.csv'];

describe('GCP billing exports', () => {
  for (const name of FILES) {
    it(`imports ${name} with totals equal to cost + credits computed independently`, async () => {
      const conn = await memoryConnection();
      const path = sharedData('gcp', 'exports', name);
      const plan = await planFileImport(conn, path);
      expect(plan.format).toBe('gcp-bigquery-export');
      expect(await selectColumns(conn, plan)).toEqual(EXPECTED_COLUMNS);
      const expected = independentTotals(path, gcpRule);
      const got = await selectTotals(conn, plan);
      expect(got.map((t) => t.currency)).toEqual(expected.map((t) => t.currency));
      got.forEach((t, i) => {
        expect(t.billed).toBeCloseTo(expected[i]?.billed ?? NaN, 9);
        expect(t.effective).toBeCloseTo(expected[i]?.effective ?? NaN, 9);
      });
    });
  }

  it('nets the FreeTrial credits against the cost (gross is positive, net is zero)', async () => {
    const conn = await memoryConnection();
    const path = sharedData('gcp', 'exports', 'koku_gcp_bq-export_2020-11_with-credits.csv');
    const gross = csvRecords(readFileSync(path, 'utf8')).reduce((s, r) => s + num(r['cost']), 0);
    expect(gross).toBeGreaterThan(0);
    const plan = await planFileImport(conn, path);
    expect(await selectTotals(conn, plan)).toEqual([{ currency: 'USD', billed: 0, effective: 0 }]);
  });

  it('aggregates hourly rows to UTC days and reads labels as tags', async () => {
    const conn = await memoryConnection();
    const plan = await planFileImport(conn, sharedData('gcp', 'exports', 'koku_gcp_bq-export_2020-10_tmp_example.csv'));
    expect(plan.period).toEqual({ start: '2020-10-01', end: '2020-10-05' });
    const rows = await queryPlan(conn, plan, (from) => `SELECT CAST(ChargePeriodStart AS VARCHAR) AS d, count(*) AS n FROM ${from} WHERE Tags['goog-resource-type'] = 'gce_instance' GROUP BY 1 ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    const days = rows.map((r) => r['d']);
    expect(new Set(days).size).toBe(days.length);
  });

  it('imports the same export as newline-delimited JSON (gzip) with the same totals', async () => {
    const conn = await memoryConnection();
    const csvPath = sharedData('gcp', 'exports', 'koku_gcp_bq-export_2020-11_with-credits.csv');
    // Build the native JSON shape from the CSV: nested records, credits as arrays, numbers as numbers.
    const lines = csvRecords(readFileSync(csvPath, 'utf8')).map((r) => {
      const nested: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) {
        const parts = k.split('.');
        let o = nested;
        for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
        const leaf = parts[parts.length - 1] as string;
        o[leaf] = k === 'credits' || k === 'labels' ? JSON.parse(v.replaceAll("'", '"').replaceAll('None', 'null')) : k === 'cost' ? Number(v) : v.replace('+00:00', ' UTC');
      }
      return JSON.stringify(nested);
    });
    const dir = mkdtempSync(join(tmpdir(), 'headroom-gcp-'));
    const path = join(dir, 'billing.json.gz');
    writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
    const plan = await planFileImport(conn, path);
    expect(plan.format).toBe('gcp-bigquery-export');
    expect(plan.rowsRead).toBe(25);
    const fromCsv = await selectTotals(conn, await planFileImport(conn, csvPath));
    expect(await selectTotals(conn, plan)).toEqual(fromCsv);
    const gross = await queryPlan(conn, plan, (from) => `SELECT count(*) AS n FROM ${from}`);
    expect(Number(gross[0]?.['n'])).toBe(14);
  });

  it('imports the deprecated file export: net = Cost + Credit1 Amount', async () => {
    const conn = await memoryConnection();
    const path = sharedData('gcp', 'exports', 'koku_gcp_legacy-file-export_2019-09.csv');
    const plan = await planFileImport(conn, path);
    expect(plan.format).toBe('gcp-file-export');
    expect(plan.period).toEqual({ start: '2019-09-16', end: '2019-09-17' });
    const expected = independentTotals(path, gcpFileRule);
    const got = await selectTotals(conn, plan);
    expect(got.map((t) => t.currency)).toEqual(['USD']);
    expect(got[0]?.billed).toBeCloseTo(expected[0]?.billed ?? NaN, 9);
    const gross = await queryPlan(conn, plan, (from) => `SELECT ServiceName AS s, count(*) AS n FROM ${from} GROUP BY 1 ORDER BY 1`);
    expect(gross.map((g) => g['s'])).toContain('compute-engine');
  });
});

describe('GCP newline-delimited JSON errors', () => {
  it('names the line of a record that is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-gcp-'));
    const path = join(dir, 'billing.json');
    const good = JSON.stringify({ billing_account_id: 'A', service: { description: 'Compute Engine' }, usage_start_time: '2020-11-09 23:00:00 UTC', cost: 1, currency: 'USD', credits: [] });
    writeFileSync(path, [good, good, '{"billing_account_id": "A", "cost": ', good, ''].join('\n'));
    const conn = await memoryConnection();
    await expect(planFileImport(conn, path)).rejects.toThrow(`${path}, line 3: this line is not a JSON object`);
    // Past the 64 KiB the planner sniffs, DuckDB meets the bad line; the message still names it.
    const big = join(dir, 'big.json');
    const lines = Array.from({ length: 2000 }, () => good);
    lines[1499] = '{"billing_account_id": "A", "cost": ';
    writeFileSync(big, `${lines.join('\n')}\n`);
    await expect(planFileImport(conn, big)).rejects.toThrow(`${big}, line 1500: this line is not valid JSON`);
  });
});
