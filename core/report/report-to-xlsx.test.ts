import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildReport } from './model';
import { colLetter, moneyFormat, reportToXlsx } from './report-to-xlsx';
import type { SectionsInput } from './sections';
import { commitmentCurrencySections, lateOrderSections, poolCurrencySections, sampleAnomalies, sampleInput, sampleInputInCurrency, sampleInputWithSections, sampleSections } from './testing';

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
    expect(rows.get('Actual total')).toEqual({ formula: "'Actuals'!E4", result: r.actuals.total });
    const a = wb.getWorksheet('Assumptions')!;
    const details: string[] = [];
    a.eachRow((row) => details.push(`${String(row.getCell(2).value)}|${String(row.getCell(3).value)}`));
    expect(details).toContain('Specification|ETS(A,N,A)');
    expect(details).toContain('Parameter alpha|0.3');
    expect(details.some((d) => d.startsWith('aws-cur|files; 135 rows; 2026-01-01 to 2026-02-14'))).toBe(true);
  });

  it("the summary's actual and forecast totals are the Actuals and Forecast sheets' totals (linked), to the cent", async () => {
    // Each month's P50 rounds down (…4907.0021, …5252.0039) while their sum rounds up (10159.006):
    // the summary must show the Forecast sheet's total of the amounts shown, 10159.00, not 10159.01.
    const paths = Array.from({ length: 5 }, (_, k) => Array.from({ length: 40 }, () => 200 + k + 0.00015));
    const wb = await read(await reportToXlsx(buildReport(sampleInput({ paths }))));
    const fc = wb.getWorksheet('Forecast')!;
    expect(fc.getCell('E4').value).toEqual({ formula: 'SUM(E2:E3)', result: 10159 });
    const rows = new Map<string, unknown>();
    wb.getWorksheet('Summary')!.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('Forecast months: sum of P50')).toEqual({ formula: "'Forecast'!E4", result: 10159 });
    expect(rows.get('Actual total')).toEqual({ formula: "'Actuals'!E4", result: (wb.getWorksheet('Actuals')!.getCell('E4').value as { result: number }).result });
  });

  it('column letters', () => {
    expect([1, 26, 27, 52, 703].map(colLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  describe("money cells in each currency's own minor unit (ISO 4217)", () => {
    it('number formats: #,##0.00 for USD and EUR, #,##0 for JPY and KRW, #,##0.000 for KWD and BHD, #,##0.00 for an unknown code', () => {
      expect(['USD', 'EUR', 'JPY', 'KRW', 'KWD', 'BHD', 'XYZ'].map(moneyFormat)).toEqual(['#,##0.00', '#,##0.00', '#,##0', '#,##0', '#,##0.000', '#,##0.000', '#,##0.00']);
    });

    it('a JPY report: whole-yen format on every money cell and whole-yen figures in its own tables', async () => {
      const wb = await read(await reportToXlsx(buildReport(sampleInputInCurrency('JPY'))));
      const fc = wb.getWorksheet('Forecast')!;
      // USD writes 26 · 200.4 = 5210.4 here; yen have no decimals.
      expect(fc.getCell('D3').value).toBe(5210);
      expect(fc.getCell('D2').value).toBe(4885); // 4879 + 0.4 · 14 = 4884.6
      for (const a of ['B2', 'D2', 'E2', 'F2', 'G2', 'H2', 'J2', 'E4']) expect(fc.getCell(a).numFmt, a).toBe('#,##0');
      expect(fc.getCell('J3').value).toMatchObject({ formula: 'F3-D3', result: 5294 - 5210 });
      expect(fc.getCell('I2').numFmt).toBe('0.0%');
      expect(wb.getWorksheet('Actuals')!.getCell('E4').numFmt).toBe('#,##0');
      const sum = wb.getWorksheet('Summary')!;
      sum.eachRow((row) => {
        if (row.getCell(1).value === 'Actual total') expect(row.getCell(2).numFmt).toBe('#,##0');
      });
      expect(wb.getWorksheet('Budgets')!.getCell('G2').numFmt).toBe('#,##0');
      expect(wb.getWorksheet('Anomalies')!.getCell('G2').numFmt).toBe('#,##0');
      expect(wb.getWorksheet('Scenarios')!.getCell('J4').numFmt).toBe('#,##0');
      const rec = wb.getWorksheet('Recommendations')!;
      let commitment: ExcelJS.Row | undefined;
      rec.eachRow((row) => {
        if (row.getCell(1).value === 'AWS 111122223333 Compute (JPY)') commitment = row;
      });
      expect(commitment?.getCell(5).numFmt).toBe('#,##0');
      expect(commitment?.getCell(4).numFmt).toBe('0.0%');
    });

    it('a KWD report keeps the third decimal in its figures and shows it', async () => {
      const daily = { start: sampleInput().daily.start, values: sampleInput().daily.values.map(() => 1.2346) };
      const wb = await read(await reportToXlsx(buildReport(sampleInputInCurrency('KWD', { daily, services: [] }))));
      const ac = wb.getWorksheet('Actuals')!;
      // January: 31 · 1.2346 = 38.2726 → 38.273 (USD writes 38.27); February: 14 · 1.2346 = 17.2844 → 17.284.
      expect(ac.getCell('B2').value).toBe(38.273);
      expect(ac.getCell('B3').value).toBe(17.284);
      expect(ac.getCell('B2').numFmt).toBe('#,##0.000');
      expect(wb.getWorksheet('Forecast')!.getCell('D3').numFmt).toBe('#,##0.000');
    });

    it('a USD report is unchanged: two decimals, figures rounded to the cent', async () => {
      const daily = { start: sampleInput().daily.start, values: sampleInput().daily.values.map(() => 1.2346) };
      const ac = (await read(await reportToXlsx(buildReport(sampleInput({ daily, services: [] }))))).getWorksheet('Actuals')!;
      expect(ac.getCell('B3').value).toBe(17.28); // 14 · 1.2346 = 17.2844
      expect(ac.getCell('B3').numFmt).toBe('#,##0.00');
    });
  });

  describe('with plan sections', () => {
    const x = buildReport(sampleInputWithSections());
    const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
      const out: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const utc = (d: string): Date => new Date(`${d}T00:00:00Z`);

    it('adds Recommendations, Budgets, Anomalies and Scenarios sheets, each with a frozen header', async () => {
      const wb = await read(await reportToXlsx(x));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Forecast', 'Actuals', 'Recommendations', 'Budgets', 'Anomalies', 'Scenarios', 'Assumptions']);
      for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });

    it('Recommendations: a pool\'s monthly cost is in the pool\'s currency, named and formatted in its minor unit', async () => {
      for (const [currency, fmt] of [['JPY', '#,##0'], ['EUR', '#,##0.00'], ['KWD', '#,##0.000']] as const) {
        const ws = (await read(await reportToXlsx(buildReport(sampleInputWithSections({ sections: poolCurrencySections(currency) }))))).getWorksheet('Recommendations')!;
        const cap = ws.getRow(rowsOf(ws).findIndex((r) => r[0] === 'Capacity') + 3);
        expect([cap.getCell(13).value, cap.getCell(13).numFmt, cap.getCell(15).value]).toEqual([1234.5, fmt, currency]);
      }
    });

    it("Recommendations: a scope's expiring commitments are formatted in the scope's currency, not the report's", async () => {
      for (const [currency, fmt] of [['JPY', '#,##0'], ['KWD', '#,##0.000'], ['USD', '#,##0.00']] as const) {
        const ws = (await read(await reportToXlsx(buildReport(sampleInputWithSections({ sections: commitmentCurrencySections(currency) }))))).getWorksheet('Recommendations')!;
        const ex = ws.getRow(rowsOf(ws).findIndex((r) => r[0] === 'Expiring commitments') + 3);
        expect([ex.getCell(2).value, ex.getCell(5).value, ex.getCell(5).numFmt, ex.getCell(6).value, ex.getCell(6).numFmt]).toEqual([`AWS 111122223333 Compute (${currency})`, 4, fmt, 1.2, fmt]);
      }
    });

    it('Recommendations: an order-by date already past the data is marked overdue beside the date', async () => {
      const late = buildReport(sampleInputWithSections({ sections: lateOrderSections() }));
      const ws = (await read(await reportToXlsx(late))).getWorksheet('Recommendations')!;
      const rows = rowsOf(ws);
      const cap = ws.getRow(rows.findIndex((r) => r[0] === 'Capacity') + 3);
      expect(ws.getRow(rows.findIndex((r) => r[0] === 'Capacity') + 2).getCell(14).value).toBe('Order by status');
      expect([cap.getCell(1).value, cap.getCell(10).value, cap.getCell(14).value]).toEqual(['web-cpu', utc('2026-02-10'), 'overdue']);
    });

    it('Recommendations: capacity dates as dates, percentages and money formatted, extra savings as a formula', async () => {
      const ws = (await read(await reportToXlsx(x))).getWorksheet('Recommendations')!;
      const rows = rowsOf(ws);
      const at = (title: string): number => rows.findIndex((r) => r[0] === title) + 1; // 1-based row of the block title
      const cap = ws.getRow(at('Capacity') + 2);
      expect(cap.getCell(1).value).toBe('web-cpu');
      expect(cap.getCell(4).value).toBe(0.8);
      expect(cap.getCell(4).numFmt).toBe('0.0%');
      expect(cap.getCell(6).value).toEqual(utc('2026-03-01'));
      expect(cap.getCell(6).numFmt).toBe('yyyy-mm-dd');
      expect(cap.getCell(8).value ?? '').toBe(''); // P90: not within the horizon
      expect(cap.getCell(10).value).toEqual(utc('2026-02-15'));
      expect([cap.getCell(11).value, cap.getCell(12).value, cap.getCell(13).value]).toEqual([130, 30, 300]);
      expect(cap.getCell(13).numFmt).toBe('#,##0.00');
      expect(cap.getCell(14).value).toBe('ahead'); // order by the day after the data
      expect([ws.getRow(at('Capacity') + 1).getCell(15).value, cap.getCell(15).value]).toEqual(['Cost currency', 'USD']);
      const sc = ws.getRow(at('Scaling') + 2);
      expect((sc.values as unknown[]).slice(1)).toEqual(['web-cpu', 'HPA', 'web', 3, 9, 2]);
      const cr = at('Commitments') + 2;
      const c = ws.getRow(cr);
      expect(c.getCell(1).value).toBe('AWS 111122223333 Compute (USD)');
      expect([c.getCell(5).value, c.getCell(8).value, c.getCell(11).value]).toEqual([7, 200, 150]);
      expect(c.getCell(12).value).toEqual({ formula: `H${cr}-K${cr}`, result: 50 });
      expect(c.getCell(4).numFmt).toBe('0.0%');
      const ex = ws.getRow(at('Expiring commitments') + 2);
      expect([ex.getCell(1).value, ex.getCell(4).value]).toEqual(['sp-1', utc('2026-03-01')]);
    });

    it('Budgets, Anomalies and Scenarios carry live formulas whose results match the model', async () => {
      const wb = await read(await reportToXlsx(x));
      const b = wb.getWorksheet('Budgets')!;
      expect(b.getCell('A2').value).toBe('=evil budget'); // a text cell, never a formula
      expect(b.getCell('L2').value).toBe(1);
      expect(b.getCell('M2').value).toEqual(utc('2026-02-20'));
      expect(b.getCell('N2').value).toEqual({ formula: 'G2-J2', result: 9000 - 13200 });
      expect(b.getCell('N3').value).toEqual({ formula: 'G3-J3', result: 5000 - 4907 });
      const a = wb.getWorksheet('Anomalies')!;
      expect(a.getCell('C2').value).toBe('service=S12');
      expect(a.getCell('G2').value).toEqual({ formula: 'F2-E2', result: -1200 });
      expect(a.getCell('J2').value).toBe('region=us-east-1: -900; region=eu-west-1: -300');
      expect([a.getCell('K2').value, a.getCell('L2').value]).toEqual(['2026-01', -1100]);
      const s = wb.getWorksheet('Scenarios')!;
      expect(s.getCell('J3').value).toEqual({ formula: 'H3-E3', result: 5450 - 5252 });
      expect(s.getCell('A4').value).toBe('Growth (sum of months)');
      expect(s.getCell('H4').value).toEqual({ formula: 'SUM(H2:H3)', result: 2828 + 5450 });
      expect(s.getCell('J4').value).toEqual({ formula: 'H4-E4', result: 5450 - 5252 });
    });

    it("every live formula's cached result is the formula applied to the amounts as shown (fractional plan figures)", async () => {
      // Plan figures with sub-cent parts, placed so that rounding each operand to the cent and
      // rounding the unrounded difference disagree: 200.004 − 150.006 shows as 200.00 − 150.01,
      // whose difference is 49.99, while the unrounded one (49.998) would show 50.00.
      const s = sampleSections();
      const frac: SectionsInput = {
        ...s,
        commitments: s.commitments && { ...s.commitments, recommendations: s.commitments.recommendations.map((c) => ({ ...c, savings: { p10: 100.004, p50: 200.004, p90: 300.004 }, trailing30dSavings: { p10: 50.006, p50: 150.006, p90: 250.006 } })) },
        budgets: s.budgets && { ...s.budgets, items: s.budgets.items.map((b) => ({ ...b, amount: b.amount + 0.004, actual: b.actual + 0.006, forecast: { p10: b.forecast.p10 + 0.006, p50: b.forecast.p50 + 0.006, p90: b.forecast.p90 + 0.006 } })) },
        anomalies: { items: sampleAnomalies().map((a) => ({ ...a, expected: a.expected + 0.006, actual: a.actual + 0.004, impact: a.impact - 0.002 })) },
        scenarios: s.scenarios && {
          ...s.scenarios,
          items: s.scenarios.items.map((x) => ({ ...x, months: x.months.map((m) => ({ ...m, baseline: { p10: m.baseline.p10 + 0.006, p50: m.baseline.p50 + 0.006, p90: m.baseline.p90 + 0.006 }, scenario: { p10: m.scenario.p10 + 0.004, p50: m.scenario.p50 + 0.004, p90: m.scenario.p90 + 0.004 } })) })),
        },
      };
      const wb = await read(await reportToXlsx(buildReport(sampleInputWithSections({ sections: frac }))));
      const shown = (c: ExcelJS.Cell): number => {
        const v = c.value;
        const n = typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'formula' in v ? Number(v.result ?? 0) : 0;
        const m = /0\.(0+)$/.exec(c.numFmt ?? '');
        return m ? Math.round(n * 10 ** (m[1] ?? '').length) / 10 ** (m[1] ?? '').length : n;
      };
      let checked = 0;
      for (const ws of wb.worksheets) {
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value;
            if (typeof v !== 'object' || v === null || !('formula' in v) || typeof v.formula !== 'string') return;
            const f = v.formula;
            const diff = /^([A-Z]+\d+)-([A-Z]+\d+)$/.exec(f);
            const sum = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(f);
            let expected: number;
            if (diff) expected = shown(ws.getCell(diff[1] ?? '')) - shown(ws.getCell(diff[2] ?? ''));
            else if (sum) {
              expected = 0;
              const [c0, c1] = [ws.getColumn(sum[1] ?? '').number, ws.getColumn(sum[3] ?? '').number];
              for (let n = Number(sum[2]); n <= Number(sum[4]); n++) for (let c = c0; c <= c1; c++) expected += shown(ws.getCell(n, c));
            } else return;
            checked++;
            // What the cell shows is what its operands, as shown, give (to the cent).
            expect(shown(cell), `${ws.name}!${cell.address} ${f}`).toBeCloseTo(expected, 6);
          }),
        );
      }
      expect(checked).toBeGreaterThan(20);
    });

    it('Assumptions: excluded anomalies, scenario drivers, coverage lag and the methodology', async () => {
      const a = (await read(await reportToXlsx(x))).getWorksheet('Assumptions')!;
      const rows = rowsOf(a).map((r) => r.map(String).join('|'));
      expect(rows).toContain('Excluded anomaly|2026-01-07 to 2026-01-08|service=S3; labelled planned; impact 300 USD; left out of the forecast\'s training');
      expect(rows).toContain('Scenario driver|Growth|step:add=10,from=2026-03-10');
      expect(rows.some((r) => r.startsWith('Data coverage|aws-cur|files; 135 rows; 2026-01-01 to 2026-02-14; 0 day(s) behind the report'))).toBe(true);
      expect(rows.some((r) => r.startsWith('Methodology|Commitment sizing|'))).toBe(true);
      expect(rows.some((r) => r.startsWith('Methodology|Budget breach probability|'))).toBe(true);
    });
  });
});
