// Exports a report in every format from the Reports page on the demo dataset, captures the browser
// downloads, and reads each file back with an independent reader: CSV parsed (RFC 4180), XLSX opened
// with exceljs, HTML parsed with a DOM (no external URLs), PDF through pdftotext. Totals are checked
// against the service's own `summary` for the same days.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
// @ts-expect-error jsdom ships no types; the DOM lib types what is used.
import { JSDOM as JSDOMUntyped } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/api';
import { parseCsv } from '../rfc4180';
import { apiCall } from './api';
import { appPerSpec, freshDir, haveChromium, screenshot } from './harness';
import { AppModel } from './pages/app';
import { ReportsModel } from './pages/reports';

const JSDOM = JSDOMUntyped as new (html: string) => { window: { document: Document } };
const TITLE = 'Quarterly cost review';

describe.skipIf(!haveChromium)('reports page: export every format', () => {
  const spec = appPerSpec('reports');
  let out: Awaited<ReturnType<typeof freshDir>>;
  beforeAll(async () => {
    out = await freshDir('reports-out');
  });
  afterAll(async () => {
    await out?.cleanup();
  });

  it('builds CSV, XLSX, HTML and PDF, downloads each, and every file holds the title, the stamp and the API total', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('reports');
    const page = new ReportsModel(spec.browser.page);
    // Actuals from the first day of the month a year before the data's end.
    const all = await apiCall(spec.served, 'summary', {});
    const end = new Date(`${all.period!.end}T00:00:00Z`);
    const from = new Date(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), 1)).toISOString().slice(0, 10);
    await page.choose({ from, horizon: 90, view: 'effective', title: TITLE });

    const save = async (format: 'csv' | 'xlsx' | 'html' | 'pdf'): Promise<{ bytes: Buffer; stamp: string; name: string }> => {
      await page.choose({ format });
      await page.build(format);
      const dl = await page.download();
      const name = await page.fileName();
      expect(dl.suggestedFilename()).toBe(name);
      expect(name.endsWith(`.${format}`)).toBe(true);
      const path = join(out.path, name);
      await dl.saveAs(path);
      return { bytes: await readFile(path), stamp: await page.stamp(), name };
    };

    // CSV: header, the stamp, and the sum of the monthly actuals = the API's total for the same days.
    const csv = await save('csv');
    const rows = parseCsv(csv.bytes.toString('utf8'));
    expect(rows[0]).toEqual(['section', 'item', 'month', 'value', 'p10', 'p50', 'p90']);
    expect(rows.find((r) => r[1] === 'stamp_sha256')?.[3]).toBe(csv.stamp);
    const through = /(\d{4}-\d{2}-\d{2})\.csv$/.exec(csv.name)?.[1];
    expect(through).toBeDefined();
    const dayAfter = new Date(Date.parse(`${through}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const api = await apiCall(spec.served, 'summary', { from: parseDay(from), to: parseDay(dayAfter) });
    expect(api.totals).toHaveLength(1);
    const apiTotal = api.totals[0]!.effective_cost;
    const csvTotal = rows.filter((r) => r[0] === 'actual' && r[1] === 'total').reduce((s, r) => s + Number(r[3]), 0);
    expect(csvTotal).toBeCloseTo(apiTotal, 2);
    expect(rows.filter((r) => r[0] === 'forecast' && r[1] === 'total').length).toBeGreaterThanOrEqual(3);

    // XLSX: the Actuals sheet's grand total (a SUM formula) carries the API's total as its result.
    const xlsx = await save('xlsx');
    expect(xlsx.stamp).toBe(csv.stamp);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Actuals')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const totalCol = header.indexOf('Total') + 1;
    const lastRow = ws.rowCount;
    expect(ws.getCell(lastRow, 1).value).toBe('Total');
    const cell = ws.getCell(lastRow, totalCol).value as { formula: string; result: number };
    expect(cell.formula).toMatch(/^SUM\(/);
    expect(cell.result).toBeCloseTo(apiTotal, 2);

    // HTML: the title, the stamp, no external URL anywhere, and the preview shows the same document.
    const html = await save('html');
    const doc = new JSDOM(html.bytes.toString('utf8')).window.document;
    expect(doc.querySelector('h1')?.textContent).toBe(TITLE);
    expect(doc.body.textContent).toContain(html.stamp);
    const urls = Array.from(doc.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => /^(href|src|xlink:href|action|srcset|poster|data)$/i.test(a.name)).map((a) => a.value));
    expect(urls.filter((u) => /^(https?:)?\/\//i.test(u.trim()))).toEqual([]);
    expect(doc.querySelectorAll('script[src], link[rel="stylesheet"], img[src^="http"]').length).toBe(0);
    expect(Array.from(doc.querySelectorAll('style')).map((s) => s.textContent ?? '').join('')).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    const frame = await page.previewFrame();
    expect(await frame.locator('h1').textContent()).toBe(TITLE);
    expect(await spec.browser.page.getByTestId('report-preview').getAttribute('sandbox')).toBe('');
    await screenshot(spec.browser.page, 'reports-html-light');

    // PDF: pdftotext finds the title and the actuals total as the document prints it.
    const pdf = await save('pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', join(out.path, pdf.name), '-'], { encoding: 'utf8' });
    expect(text).toContain(TITLE);
    // The last month's actual cost to date (the forecast table's first row) = the API's total for those days.
    const lastMonth = `${through!.slice(0, 7)}-01`;
    const monthApi = await apiCall(spec.served, 'summary', { from: parseDay(lastMonth), to: parseDay(dayAfter) });
    const monthTotal = monthApi.totals[0]!.effective_cost;
    expect(Number(rows.find((r) => r[0] === 'actual' && r[1] === 'total' && r[2] === lastMonth)?.[3])).toBeCloseTo(monthTotal, 2);
    expect(text).toMatch(new RegExp(`${lastMonth.slice(0, 7)}\\s+${monthTotal.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/[.,]/g, '\\$&')}\\s`));
    expect(pdf.stamp).toBe(csv.stamp);

    // After a PDF, the preview is built on request as HTML from the same inputs: same stamp, same title.
    await spec.browser.page.getByTestId('build-preview').click();
    expect(await spec.browser.page.getByTestId('preview-stamp-check').textContent()).toMatch(/same reproducibility stamp/);
    expect(await (await page.previewFrame()).locator('h1').textContent()).toBe(TITLE);
    await screenshot(spec.browser.page, 'reports-pdf-light');
    await app.setTheme('dark');
    await screenshot(spec.browser.page, 'reports-pdf-dark');
    await app.setTheme('light');
    expect(spec.browser.errors).toEqual([]);
  }, 900_000);
});
