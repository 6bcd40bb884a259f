/**
 * XLSX rendering of a report (issue 8) with exceljs: Summary, Forecast (monthly P10/P50/P90 and an
 * editable Plan column whose variance and totals are live formulas), Actuals (month × top
 * services, totals by formula) and Assumptions (model, coverage per source, notes, stamp).
 * Formulas carry their computed result too, so viewers that do not recalculate show numbers.
 * Returns bytes; never writes a file.
 */
import ExcelJS from 'exceljs';
import { scopeText, type Report } from './model';

const MONEY = '#,##0.00';
const PCT = '0.0%';
const round2 = (x: number): number => Math.round(x * 100) / 100;

function header(ws: ExcelJS.Worksheet, names: readonly string[], widths: readonly number[]): void {
  const row = ws.addRow([...names]);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: row.number, xSplit: 1 }];
}

/** Column letter of a 1-based index (1 → A, 27 → AA). */
export function colLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export async function reportToXlsx(r: Report): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Headroom';
  wb.created = new Date(r.generatedAt);
  wb.modified = new Date(r.generatedAt);

  // Summary
  const sum = wb.addWorksheet('Summary');
  header(sum, ['Item', 'Value'], [28, 70]);
  const fcTotal = r.forecast.months.reduce((a, m) => a + m.p50, 0);
  const summaryRows: [string, string | number][] = [
    ['Title', r.title],
    ['Scope', scopeText(r.scope)],
    ['Currency', r.currency],
    ['Cost view', r.view === 'effective' ? 'EffectiveCost (amortized)' : 'BilledCost'],
    ['Actuals from', r.period.start],
    ['Actuals through', r.actuals.months.length > 0 ? r.period.end : ''],
    ['Forecast to (exclusive)', r.period.forecastEnd],
    ['Actual total', round2(r.actuals.total)],
    ['Forecast months: sum of P50', round2(fcTotal)],
    ['Model', r.model.spec],
    ['Generated at', r.generatedAt],
    ['Reproducibility stamp (sha256)', r.stamp],
  ];
  for (const [k, v] of summaryRows) {
    const row = sum.addRow([k, v]);
    if (typeof v === 'number') row.getCell(2).numFmt = MONEY;
  }
  // Actuals totals link to the Actuals sheet's grand total; forecast to the Forecast sheet's.
  // Forecast
  const fc = wb.addWorksheet('Forecast');
  header(fc, ['Month', 'Actual to date', 'Forecast days', 'P10', 'P50', 'P90', 'Plan (edit me)', 'Plan − P50', 'Plan vs P50 %', 'P90 − P10'], [12, 16, 14, 16, 16, 16, 18, 16, 14, 16]);
  const first = 2;
  r.forecast.months.forEach((m, i) => {
    const n = first + i;
    const plan = round2(m.p50);
    const row = fc.addRow([
      m.month.slice(0, 7),
      round2(m.actual),
      m.forecastDays,
      round2(m.p10),
      round2(m.p50),
      round2(m.p90),
      plan,
      { formula: `G${n}-E${n}`, result: round2(plan - round2(m.p50)) },
      { formula: `IF(E${n}=0,"",H${n}/E${n})`, result: round2(m.p50) === 0 ? '' : (plan - round2(m.p50)) / round2(m.p50) },
      { formula: `F${n}-D${n}`, result: round2(round2(m.p90) - round2(m.p10)) },
    ]);
    for (const c of [2, 4, 5, 6, 7, 8, 10]) row.getCell(c).numFmt = MONEY;
    row.getCell(9).numFmt = PCT;
  });
  const last = first + r.forecast.months.length - 1;
  if (r.forecast.months.length > 0) {
    const colSum = (col: string): number => {
      let s = 0;
      for (let n = first; n <= last; n++) {
        const v = fc.getCell(`${col}${n}`).value;
        s += typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'result' in v && typeof v.result === 'number' ? v.result : 0;
      }
      return round2(s);
    };
    const t = last + 1;
    const totals = fc.addRow([
      'Total',
      ...['B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c) => ({ formula: `SUM(${c}${first}:${c}${last})`, result: colSum(c) })),
      { formula: `IF(E${t}=0,"",H${t}/E${t})`, result: colSum('E') === 0 ? '' : colSum('H') / colSum('E') },
      { formula: `SUM(J${first}:J${last})`, result: colSum('J') },
    ]);
    totals.font = { bold: true };
    for (const c of [2, 4, 5, 6, 7, 8, 10]) totals.getCell(c).numFmt = MONEY;
    totals.getCell(9).numFmt = PCT;
    fc.addRow([]);
    fc.addRow(['Note: monthly quantiles do not add up to the quantiles of the total; the Total row sums each column.']);
  }

  // Actuals
  const ac = wb.addWorksheet('Actuals');
  const svc = r.actuals.services;
  const totalCol = svc.length + 2;
  header(ac, ['Month', ...svc.map((s) => s.name), 'Total'], [12, ...svc.map(() => 18), 16]);
  r.actuals.months.forEach((m, i) => {
    const n = i + 2;
    const values = svc.map((s) => round2(s.byMonth[i] ?? 0));
    const rowTotal = round2(values.reduce((a, b) => a + b, 0));
    const row = ac.addRow([m.month.slice(0, 7), ...values, svc.length > 0 ? { formula: `SUM(B${n}:${colLetter(totalCol - 1)}${n})`, result: rowTotal } : round2(m.cost)]);
    for (let c = 2; c <= totalCol; c++) row.getCell(c).numFmt = MONEY;
  });
  if (r.actuals.months.length > 0) {
    const lastA = r.actuals.months.length + 1;
    const row = ac.addRow([
      'Total',
      ...Array.from({ length: totalCol - 1 }, (_, k) => {
        const col = colLetter(k + 2);
        let s = 0;
        for (let n = 2; n <= lastA; n++) {
          const v = ac.getCell(`${col}${n}`).value;
          s += typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'result' in v && typeof v.result === 'number' ? v.result : 0;
        }
        return { formula: `SUM(${col}2:${col}${lastA})`, result: round2(s) };
      }),
    ]);
    row.font = { bold: true };
    for (let c = 2; c <= totalCol; c++) row.getCell(c).numFmt = MONEY;
  }

  // Assumptions
  const as = wb.addWorksheet('Assumptions');
  header(as, ['Topic', 'Item', 'Detail'], [16, 28, 90]);
  const add = (a: string, b: string, c: string | number): void => void as.addRow([a, b, c]);
  add('Model', 'Requested', r.model.requested);
  add('Model', 'Family', r.model.family);
  add('Model', 'Specification', r.model.spec);
  for (const [k, v] of Object.entries(r.model.params)) add('Model', `Parameter ${k}`, v);
  add('Model', 'Season (days)', r.model.period);
  add('Model', 'Training days', r.model.trainingDays);
  add('Model', 'Sample paths', r.forecast.paths);
  add('Model', 'Seed', r.model.seed);
  if (r.model.backtest) add('Model', 'Backtest MASE', r.model.backtest.mase);
  for (const w of r.model.warnings) add('Model', 'Warning', w);
  for (const c of r.assumptions.coverage) add('Data coverage', c.name, `${c.kind}; ${c.rows} rows; ${c.firstDay ?? '—'} to ${c.lastDay ?? '—'}; last import ${c.lastImportAt ?? 'never'}`);
  for (const n of r.assumptions.notes) add('Note', '', n);
  add('Reproducibility', 'sha256 stamp', r.stamp);

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
