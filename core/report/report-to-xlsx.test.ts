import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildReport } from './model';
import { colLetter, reportToXlsx } from './report-to-xlsx';
import { sampleInput } from './testing';

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('report XLSX', () => {
  const r = buildReport(sampleInput());

  it('has the four sheets with frozen headers', async () => {
    const wb = await read(await reportToXlsx(r));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Forecast', 'Actuals', 'Assumptions']);
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('forecast sheet: quantiles per month, variance and totals as formulas with their results', async () => {
    const ws = (await read(await reportToXlsx(r))).getWorksheet('Forecast')!;
    // Independently: Feb totals 4879..4935 step 14 (P50 4907), March 26·(200..204) (P50 5252).
    expect(ws.getCell('A2').value).toBe('2026-02');
    expect(ws.getCell('B2').value).toBe(2079);
    expect(ws.getCell('E2').value).toBe(4907);
    expect(ws.getCell('E3').value).toBe(5252);
    expect(ws.getCell('D3').value).toBeCloseTo(26 * 200.4, 6);
    // exceljs reads a cached result of 0 back as absent.
    expect(ws.getCell('H2').value).toMatchObject({ formula: 'G2-E2' });
    expect((ws.getCell('H2').value as { result?: number }).result ?? 0).toBe(0);
    expect(ws.getCell('J3').value).toMatchObject({ formula: 'F3-D3' });
    expect((ws.getCell('J3').value as { result: number }).result).toBeCloseTo(26 * 3.2, 6);
    expect(ws.getCell('A4').value).toBe('Total');
    expect(ws.getCell('E4').value).toEqual({ formula: 'SUM(E2:E3)', result: 4907 + 5252 });
    expect(ws.getCell('G4').value).toMatchObject({ formula: 'SUM(G2:G3)' });
    expect(ws.getCell('I4').value).toMatchObject({ formula: 'IF(E4=0,"",H4/E4)' });
    expect(ws.getCell('E2').numFmt).toBe('#,##0.00');
  });

  it('actuals sheet: month × service with SUM formulas; hostile names stay text', async () => {
    const ws = (await read(await reportToXlsx(r))).getWorksheet('Actuals')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Month', 'Amazon EC2', 'Amazon S3', '=HYPERLINK("http://x.example","click")', 'Total']);
    expect(typeof ws.getCell('D1').value).toBe('string');
    expect(ws.getCell('B2').value).toBe(3565);
    expect(ws.getCell('E2').value).toEqual({ formula: 'SUM(B2:D2)', result: 3565 + 310 + 31 });
    expect(ws.getCell('B4').value).toEqual({ formula: 'SUM(B2:B3)', result: 3565 + 1925 });
    expect(ws.getCell('E4').value).toEqual({ formula: 'SUM(E2:E3)', result: r.actuals.total });
  });

  it('summary and assumptions carry the stamp, model and coverage', async () => {
    const wb = await read(await reportToXlsx(r));
    const s = wb.getWorksheet('Summary')!;
    const rows = new Map<string, unknown>();
    s.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('Reproducibility stamp (sha256)')).toBe(r.stamp);
    expect(rows.get('Scope')).toBe('provider=AWS');
    expect(rows.get('Actual total')).toBe(r.actuals.total);
    const a = wb.getWorksheet('Assumptions')!;
    const details: string[] = [];
    a.eachRow((row) => details.push(`${String(row.getCell(2).value)}|${String(row.getCell(3).value)}`));
    expect(details).toContain('Specification|ETS(A,N,A)');
    expect(details).toContain('Parameter alpha|0.3');
    expect(details.some((d) => d.startsWith('aws-cur|files; 135 rows; 2026-01-01 to 2026-02-14'))).toBe(true);
  });

  it('column letters', () => {
    expect([1, 26, 27, 52, 703].map(colLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
