/**
 * `headroom import` end to end through the CLI's main(): every shared-data export imports with store
 * totals equal to an independent sum of the file's own columns, re-imports change nothing, bad input
 * exits 1 naming file, line and column and leaves the store as it was, and restated days replace.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { expectedTotals } from '../billing-rules';
import type { CurrencyTotal } from '../charges-harness';
import { parseCsv } from '../rfc4180';
import { sharedData } from '../shared-data';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, env: {}, signal: new AbortController().signal });
  return { code, out: out.text(), err: err.text() };
}

interface ImportJson {
  file: string;
  format: string;
  rows_read: number;
  rows_written: number;
  period: { start: string; end: string } | null;
  totals: { currency: string; billed_cost: number; effective_cost: number }[];
  warnings: string[];
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const dataDir = (): string[] => ['--data-dir', join(dir, 'data')];

async function importJson(...args: string[]): Promise<ImportJson[]> {
  const r = await run(['import', '--json', ...args, ...dataDir()]);
  if (r.code !== 0) throw new Error(`import failed (${r.code}): ${r.err}`);
  return r.out.trim().split('\n').map((l) => JSON.parse(l) as ImportJson);
}

async function storeTotals(): Promise<CurrencyTotal[]> {
  const r = await run(['summary', '--json', ...dataDir()]);
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out) as { totals: { currency: string; billed_cost: number; effective_cost: number }[] };
  return j.totals.map((t) => ({ currency: t.currency, billed: t.billed_cost, effective: t.effective_cost }));
}

/** Everything observable about the store: totals and per-source coverage. */
async function storeState(): Promise<string> {
  const s = await run(['sources', '--json', ...dataDir()]);
  return JSON.stringify({ totals: await storeTotals(), sources: s.out });
}

function expectTotalsClose(got: readonly CurrencyTotal[], want: readonly CurrencyTotal[]): void {
  expect(got.map((t) => t.currency)).toEqual(want.map((t) => t.currency));
  got.forEach((t, i) => {
    expect(t.billed).toBeCloseTo(want[i]?.billed ?? NaN, 8);
    expect(t.effective).toBeCloseTo(want[i]?.effective ?? NaN, 8);
  });
}

const SAMPLES: [path: string[], currency?: string][] = [
  [['focus', 'focus-1.0_sample_1000rows.csv']],
  [['aws', 'cur-legacy', 'focus-converters_sample-anonymous-aws-export-dataset.csv']],
  [['aws', 'cur-legacy', 'koku_test_cur_2018-06.csv']],
  [['aws', 'cur-legacy', 'koku_cur_2023-06_costcategory_savingsplan_NOK.csv']],
  [['aws', 'cur-legacy', 'koku_cur_2022-07_athena-snake-case.csv']],
  [['azure', 'exports', 'finops-toolkit_EA_ActualCost_Small.csv']],
  [['azure', 'exports', 'finops-toolkit_EA_AmortizedCost_Small.csv']],
  [['azure', 'exports', 'finops-toolkit_EA_NoRows_header-only.csv']],
  [['azure', 'exports', 'focus-converters_sample-anonymous-ea-export-dataset.csv']],
  [['azure', 'exports', 'koku_mca_camelCase_2023-08.csv']],
  [['azure', 'exports', 'koku_legacy_usage-details_2019-07.csv']],
  [['azure', 'exports', 'koku_ea_PascalCase_2020-09.csv'], 'USD'],
  [['gcp', 'exports', 'koku_gcp_bq-export_2020-10_tmp_example.csv']],
  [['gcp', 'exports', 'koku_gcp_bq-export_2020-11_with-credits.csv']],
  [['gcp', 'exports', 'koku_gcp_bq-export_2022-08_resource-level.csv']],
  [['gcp', 'exports', 'koku_gcp_legacy-file-export_2019-09.csv']],
  [['oci', 'focus-converters_oci_reports_cost-csv_0000000030000269.csv']],
];

describe('headroom import: every shared-data export', () => {
  for (const [parts, currency] of SAMPLES) {
    const name = parts[parts.length - 1] ?? '';
    it(`${name}: store totals equal the file's own columns; a second import changes nothing`, async () => {
      const path = sharedData(...parts);
      const extra = currency ? ['--currency', currency] : [];
      const [first] = await importJson(path, ...extra);
      const want = expectedTotals(path, currency);
      expectTotalsClose(await storeTotals(), want);
      expect(first?.rows_written).toBeGreaterThanOrEqual(first && first.rows_read > 0 ? 1 : 0);
      expect(Object.keys(first ?? {})).toEqual(['file', 'format', 'rows_read', 'rows_written', 'period', 'totals', 'warnings']);
      const before = await storeState();
      const [second] = await importJson(path, ...extra);
      expect(second?.rows_written).toBe(0);
      expect(await storeState()).toBe(before);
    });
  }
});

/** Rewrites one cell of one physical line of a CSV text (the line must not contain quoted newlines). */
function replaceCell(text: string, line: number, column: string, value: string): string {
  const lines = text.split('\n');
  const header = parseCsv(lines[0] ?? '')[0] ?? [];
  const idx = header.findIndex((h) => h.replace(/^\ufeff/, '') === column);
  const cells = parseCsv(lines[line - 1] ?? '')[0] ?? [];
  if (idx < 0 || cells.length !== header.length) throw new Error('bad test setup');
  cells[idx] = value;
  lines[line - 1] = cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
  return lines.join('\n');
}

describe('headroom import: bad input exits 1, names file, line and column, and leaves the store unchanged', () => {
  const FOCUS = (): string => readFileSync(sharedData('focus', 'focus-1.0_sample_1000rows.csv'), 'utf8');

  async function expectRefused(file: string, message: RegExp | string): Promise<string> {
    await importJson(sharedData('aws', 'cur-legacy', 'focus-converters_sample-anonymous-aws-export-dataset.csv'));
    const before = await storeState();
    const r = await run(['import', file, ...dataDir()]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toContain(message);
    else expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(await storeState()).toBe(before);
    return r.err;
  }

  it('an empty file', async () => {
    const f = join(dir, 'empty.csv');
    writeFileSync(f, '');
    await expectRefused(f, `${f}, line 1: the file is empty (0 bytes). Re-download the export`);
  });

  it('a binary file', async () => {
    const f = join(dir, 'export.csv');
    writeFileSync(f, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 0)]));
    await expectRefused(f, `${f}, line 3: this is not a text file (binary byte 0x00 at byte 8)`);
  });

  it('a truncated gzip of a real export', async () => {
    const f = join(dir, 'focus.csv.gz');
    const gz = gzipSync(readFileSync(sharedData('focus', 'focus-1.0_sample_1000rows.csv')));
    writeFileSync(f, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const err = await expectRefused(f, new RegExp(`^headroom: ${f.replaceAll('.', '\\.')}, line \\d+, column "[A-Za-z]+": the gzip data is cut off or corrupt here`));
    expect(err).toContain('download the file again');
  });

  it('a CSV that is no billing export', async () => {
    const f = sharedData('usage', 'nab', 'nyc_taxi.csv');
    await expectRefused(f, `${f}, line 1: this is not a billing export Headroom knows (the header starts "timestamp", "value")`);
  });

  it('a non-numeric cost', async () => {
    const f = join(dir, 'focus-bad-cost.csv');
    writeFileSync(f, replaceCell(FOCUS(), 500, 'BilledCost', 'abc'));
    await expectRefused(f, `${f}, line 500, column "BilledCost": "abc" is not a number`);
  });

  it('an unknown currency code', async () => {
    const f = join(dir, 'focus-bad-currency.csv');
    writeFileSync(f, replaceCell(FOCUS(), 321, 'BillingCurrency', 'XYZ'));
    await expectRefused(f, `${f}, line 321, column "BillingCurrency": "XYZ" is not an ISO 4217 currency code. Fix the cell, or pass --currency CODE`);
  });

  it('the koku EA fixture with the fake currency "MC", without --currency (the message says to pass it)', async () => {
    const f = sharedData('azure', 'exports', 'koku_ea_PascalCase_2020-09.csv');
    await expectRefused(f, `${f}, line 2, column "BillingCurrencyCode": "MC" is not an ISO 4217 currency code. Fix the cell, or pass --currency CODE (e.g. --currency USD) if you know the currency of the file.`);
  });

  it('a row with more cells than the header', async () => {
    const f = join(dir, 'focus-extra-cell.csv');
    const lines = FOCUS().split('\n');
    lines[776] = `${lines[776] ?? ''},"surplus"`;
    writeFileSync(f, lines.join('\n'));
    await expectRefused(f, `${f}, line 777, column 45 (after the last header column "Tags"): this row has 45 cells but the header has 44 columns`);
  });

  it('a gzip-compressed export imports like the plain file', async () => {
    const f = join(dir, 'focus.csv.gz');
    writeFileSync(f, gzipSync(readFileSync(sharedData('focus', 'focus-1.0_sample_1000rows.csv'))));
    const [r] = await importJson(f);
    expect(r?.format).toBe('focus-1.0');
    expectTotalsClose(await storeTotals(), expectedTotals(sharedData('focus', 'focus-1.0_sample_1000rows.csv')));
  });
});

describe('headroom import: restatement', () => {
  const FOCUS_PATH = (): string => sharedData('focus', 'focus-1.0_sample_1000rows.csv');

  /** Splits a CSV by a predicate on one column's value (header kept in both parts). */
  function split(path: string, column: string, first: (v: string) => boolean): [string, string] {
    const text = readFileSync(path, 'utf8');
    const [header, ...rows] = text.split('\n').filter((l) => l !== '');
    const names = parseCsv(header ?? '')[0] ?? [];
    const idx = names.indexOf(column);
    const a: string[] = [];
    const b: string[] = [];
    for (const l of rows) ((first((parseCsv(l)[0] ?? [])[idx] ?? '') ? a : b) as string[]).push(l);
    const pa = join(dir, 'first-half.csv');
    const pb = join(dir, 'second-half.csv');
    writeFileSync(pa, `${[header, ...a].join('\n')}\n`);
    writeFileSync(pb, `${[header, ...b].join('\n')}\n`);
    return [pa, pb];
  }

  it('the two halves of a month imported one after the other give the full totals, and the whole file after them changes nothing', async () => {
    const [a, b] = split(FOCUS_PATH(), 'ChargePeriodStart', (v) => v < '2024-09-16');
    const [ra, rb] = await importJson(a, b);
    expect(ra?.period?.end).toBe('2024-09-16');
    expect(rb?.period?.start).toBe('2024-09-16');
    const want = expectedTotals(FOCUS_PATH());
    expectTotalsClose(await storeTotals(), want);
    await importJson(FOCUS_PATH());
    expectTotalsClose(await storeTotals(), want);
  });

  it('month-to-date exports imported in sequence give the latest totals, restated days replaced', async () => {
    const cur = sharedData('aws', 'cur-legacy', 'focus-converters_sample-anonymous-aws-export-dataset.csv');
    const text = readFileSync(cur, 'utf8');
    const [header, ...rows] = text.split('\n').filter((l) => l !== '');
    const names = parseCsv(header ?? '')[0] ?? [];
    const start = names.indexOf('lineItem/UsageStartDate');
    const cost = names.indexOf('lineItem/UnblendedCost');
    const quote = (c: string): string => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
    // Export 1: days 1–5 with every cost doubled (an early estimate), export 2: days 1–10, export 3: the whole file.
    const mtd = (lastDay: string, factor: number): string => {
      const kept = rows.filter((l) => ((parseCsv(l)[0] ?? [])[start] ?? '').slice(0, 10) <= lastDay);
      return `${[header, ...kept.map((l) => {
        const cells = parseCsv(l)[0] ?? [];
        cells[cost] = String(Number(cells[cost]) * factor);
        return cells.map(quote).join(',');
      })].join('\n')}\n`;
    };
    const e1 = join(dir, 'mtd-05.csv');
    const e2 = join(dir, 'mtd-10.csv');
    writeFileSync(e1, mtd('2023-11-05', 2));
    writeFileSync(e2, mtd('2023-11-10', 1));
    await importJson(e1);
    const want1 = expectedTotals(e1, undefined, cur);
    expectTotalsClose(await storeTotals(), want1);
    await importJson(e2);
    expectTotalsClose(await storeTotals(), expectedTotals(e2, undefined, cur));
    await importJson(cur);
    expectTotalsClose(await storeTotals(), expectedTotals(cur));
    expect(expectedTotals(cur)[0]?.billed).not.toBeCloseTo(want1[0]?.billed ?? 0, 6);
  });
});

describe('headroom import --parts: the files of one export', () => {
  const CUR = (): string => sharedData('aws', 'cur-legacy', 'focus-converters_sample-anonymous-aws-export-dataset.csv');

  /** Splits a CSV's records round-robin into `n` part files (header in each), as a provider splits a large export: every part covers the same accounts and days. */
  function parts(path: string, n: number): string[] {
    const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
    return Array.from({ length: n }, (_, k) => {
      const p = join(dir, `export-0000${k + 1}.csv`);
      writeFileSync(p, `${[header, ...rows.filter((_r, i) => i % n === k)].join('\n')}\n`);
      return p;
    });
  }

  it('imported one after the other, each part replaces the days the part before wrote (and says so); with --parts the store holds the whole export', async () => {
    const ps = parts(CUR(), 3);
    const want = expectedTotals(CUR());
    const seq = await run(['import', ...ps, ...dataDir()]);
    expect(seq.code).toBe(0);
    expect(seq.out).toMatch(/export-00002\.csv: imported \d+ rows as \d+ daily rows[^\n]*\n(?: {2}[^\n]*\n)*? {2}replaced \d+ daily rows that earlier imports held for the same billing accounts and days/);
    const last = expectedTotals(ps[2] ?? '', undefined, CUR());
    expectTotalsClose(await storeTotals(), last);
    expect(last[0]?.billed).not.toBeCloseTo(want[0]?.billed ?? 0, 4);

    // The same parts again, together: one unit now, so the rows the sequence lost come back.
    const together = await run(['import', '--parts', ...ps, ...dataDir()]);
    expect(together.code).toBe(0);
    expect(together.out).toContain('3 files, the parts of one export, imported together in one transaction:');
    expectTotalsClose(await storeTotals(), want);

    // Again, or some of them: one earlier unit holds them all, nothing changes.
    const before = await storeState();
    const again = await importJson('--parts', ...ps);
    expect(again.map((r) => r.rows_written)).toEqual([0, 0, 0]);
    expect(Object.keys(again[0] ?? {})).toEqual(['file', 'format', 'rows_read', 'rows_written', 'period', 'totals', 'warnings']);
    await importJson('--parts', ps[0] ?? '', ps[2] ?? '');
    await importJson(ps[1] ?? '');
    expect(await storeState()).toBe(before);
  });

  it('into an empty store: each part is its own import with its own figures, the store totals equal the whole file', async () => {
    const ps = parts(CUR(), 2);
    const rs = await importJson('--parts', ...ps);
    expect(rs.map((r) => r.file)).toEqual(ps);
    rs.forEach((r, i) => expectTotalsClose(r.totals.map((t) => ({ currency: t.currency, billed: t.billed_cost, effective: t.effective_cost })), expectedTotals(ps[i] ?? '', undefined, CUR())));
    expectTotalsClose(await storeTotals(), expectedTotals(CUR()));
  });

  it('a bad cell in the last part: exit 1 naming that part, line and column, and nothing of any part is kept', async () => {
    await importJson(sharedData('focus', 'focus-1.0_sample_1000rows.csv'));
    const before = await storeState();
    const ps = parts(CUR(), 2);
    writeFileSync(ps[1] ?? '', replaceCell(readFileSync(ps[1] ?? '', 'utf8'), 3, 'lineItem/UnblendedCost', 'twelve'));
    const r = await run(['import', '--parts', ...ps, ...dataDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${ps[1]}, line 3, column "lineItem/UnblendedCost": "twelve"`);
    expect(await storeState()).toBe(before);
  });

  it('refuses parts of different formats, and the same content twice, keeping nothing', async () => {
    await importJson(sharedData('gcp', 'exports', 'koku_gcp_bq-export_2020-11_with-credits.csv'));
    const before = await storeState();
    const mixed = await run(['import', '--parts', CUR(), sharedData('focus', 'focus-1.0_sample_1000rows.csv'), ...dataDir()]);
    expect(mixed.code).toBe(1);
    expect(mixed.err).toMatch(/focus-1\.0_sample_1000rows\.csv is a focus-1\.0 export but .*focus-converters_sample-anonymous-aws-export-dataset\.csv is aws-cur-legacy: the parts of one export have one format/);
    const [p] = parts(CUR(), 1);
    const copy = join(dir, 'copy.csv');
    writeFileSync(copy, readFileSync(p ?? ''));
    const twice = await run(['import', '--parts', p ?? '', copy, ...dataDir()]);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain(`${copy} has the same content as ${p}`);
    expect(await storeState()).toBe(before);
  });

  it('a folder is refused with a message that says to list its files, and --parts for the parts of one export', async () => {
    const r = await run(['import', dir, ...dataDir()]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dir}: this is a folder, not a file. Give the paths of the billing export files in it`);
    expect(r.err).toContain('--parts');
  });
});
