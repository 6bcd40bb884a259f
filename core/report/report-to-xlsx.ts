/**
 * XLSX rendering of a report (issue 8) with exceljs: Summary, Forecast (monthly P10/P50/P90 and an
 * editable Plan column whose variance and totals are live formulas), Actuals (month × top
 * services, totals by formula) and Assumptions (model, coverage per source, notes, stamp).
 * Formulas carry their computed result too, so viewers that do not recalculate show numbers.
 * Returns bytes; never writes a file.
 */
import ExcelJS from 'exceljs';
import { minorUnitDigits, roundToMinorUnit, type Day } from '../lib';
import { methodology } from './methodology';
import { scopeText, type Report } from './model';
import { orderByStatus } from './sections';

/**
 * The number format of an amount in `currency`: its ISO 4217 minor unit, `#,##0.00` for USD and
 * EUR, `#,##0` for JPY, `#,##0.000` for KWD and BHD (no symbol: the currency is in its own column
 * or on the Summary sheet).
 */
export function moneyFormat(currency: string): string {
  const d = minorUnitDigits(currency);
  return d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0';
}
const QTY = '#,##0.##';
const PCT = '0.0%';
const DATE = 'yyyy-mm-dd';
/** A day as an Excel date (UTC midnight), or '' when absent (shown as an empty cell). */
const xdate = (d: Day | null): Date | string => (d === null ? '' : new Date(`${d}T00:00:00Z`));

type CellValue = ExcelJS.CellValue;

/** A block of rows under a bold title and a shaded header, with per-column number formats (the same for every row, or per row). */
function block(ws: ExcelJS.Worksheet, title: string, names: readonly string[], formats: readonly (string | null)[] | ((i: number) => readonly (string | null)[]), rows: readonly (readonly CellValue[])[]): void {
  if (ws.rowCount > 1) ws.addRow([]);
  const t = ws.addRow([title]);
  t.font = { bold: true, size: 12 };
  const h = ws.addRow([...names]);
  h.font = { bold: true };
  h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  rows.forEach((values, k) => {
    const row = ws.addRow([...values]);
    (typeof formats === 'function' ? formats(k) : formats).forEach((f, i) => {
      if (f) row.getCell(i + 1).numFmt = f;
    });
  });
}

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
  // Every amount a formula reads (the report's own figures and the plan sections', each in its
  // own currency) is written rounded to that currency's minor unit, so that each formula's cached
  // result — and what a spreadsheet recalculates — is the result of the amounts shown.
  const MONEY = moneyFormat(r.currency);
  const minor = (x: number): number => roundToMinorUnit(x, r.currency);
  const minorIn = (currency: string) => (x: number): number => roundToMinorUnit(x, currency);

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
    ['Actual total', minor(r.actuals.total)],
    ['Forecast months: sum of P50', minor(fcTotal)],
    ['Model', r.model.spec],
    ['Generated at', r.generatedAt],
    ['Reproducibility stamp (sha256)', r.stamp],
  ];
  const summaryCell = new Map<string, ExcelJS.Cell>();
  for (const [k, v] of summaryRows) {
    const row = sum.addRow([k, v]);
    if (typeof v === 'number') row.getCell(2).numFmt = MONEY;
    summaryCell.set(k, row.getCell(2));
  }
  // Once the sheets exist, the actual total links to the Actuals sheet's grand total and the
  // forecast's to the Forecast sheet's P50 total, so the Summary shows exactly their figures.
  const link = (item: string, ref: string | undefined, ws: ExcelJS.Worksheet): void => {
    const cell = summaryCell.get(item);
    const v = ref === undefined ? undefined : ws.getCell(ref).value;
    if (cell && typeof v === 'object' && v !== null && 'result' in v && typeof v.result === 'number') cell.value = { formula: `'${ws.name}'!${ref}`, result: v.result };
  };
  // Forecast
  const fc = wb.addWorksheet('Forecast');
  header(fc, ['Month', 'Actual to date', 'Forecast days', 'P10', 'P50', 'P90', 'Plan (edit me)', 'Plan − P50', 'Plan vs P50 %', 'P90 − P10'], [12, 16, 14, 16, 16, 16, 18, 16, 14, 16]);
  const first = 2;
  r.forecast.months.forEach((m, i) => {
    const n = first + i;
    const plan = minor(m.p50);
    const row = fc.addRow([
      m.month.slice(0, 7),
      minor(m.actual),
      m.forecastDays,
      minor(m.p10),
      minor(m.p50),
      minor(m.p90),
      plan,
      { formula: `G${n}-E${n}`, result: minor(plan - minor(m.p50)) },
      { formula: `IF(E${n}=0,"",H${n}/E${n})`, result: minor(m.p50) === 0 ? '' : (plan - minor(m.p50)) / minor(m.p50) },
      { formula: `F${n}-D${n}`, result: minor(minor(m.p90) - minor(m.p10)) },
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
      return minor(s);
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
    link('Forecast months: sum of P50', `E${t}`, fc);
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
    const values = svc.map((s) => minor(s.byMonth[i] ?? 0));
    const rowTotal = minor(values.reduce((a, b) => a + b, 0));
    const row = ac.addRow([m.month.slice(0, 7), ...values, svc.length > 0 ? { formula: `SUM(B${n}:${colLetter(totalCol - 1)}${n})`, result: rowTotal } : minor(m.cost)]);
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
        return { formula: `SUM(${col}2:${col}${lastA})`, result: minor(s) };
      }),
    ]);
    row.font = { bold: true };
    for (let c = 2; c <= totalCol; c++) row.getCell(c).numFmt = MONEY;
    link('Actual total', `${colLetter(totalCol)}${row.number}`, ac);
  }

  const sec = r.sections;
  // Recommendations: capacity, scaling, commitments (and commitments expiring).
  if (sec.capacity || sec.commitments) {
    const rec = wb.addWorksheet('Recommendations');
    header(rec, [`Recommendations: capacity, scaling and commitments (data through ${r.period.end ? r.period.end : ''})`], [30, 14, 14, 12, 12, 14, 14, 14, 12, 14, 16, 14, 16, 14]);
    if (sec.capacity) {
      if (sec.capacity.note) block(rec, 'Capacity', ['Note'], [null], [[sec.capacity.note]]);
      if (sec.capacity.pools.length > 0) {
        block(
          rec,
          'Capacity',
          ['Pool', 'Unit', 'Capacity', 'Target', 'Lead time (days)', 'Exhaustion P10', 'Exhaustion P50', 'Exhaustion P90', 'P(cross)', 'Order by', 'Needed capacity', 'Add', 'Monthly cost', 'Order by status', 'Cost currency'],
          // The monthly cost is in the pool's own currency (named in the last column), formatted in its minor unit.
          (i) => {
            const add = sec.capacity?.pools[i]?.recommendations.find((x) => x.kind === 'add_capacity');
            return [null, null, QTY, PCT, '0', DATE, DATE, DATE, PCT, DATE, QTY, QTY, add?.kind === 'add_capacity' && add.currency !== null ? moneyFormat(add.currency) : MONEY, null, null];
          },
          sec.capacity.pools.map((p) => {
            const add = p.recommendations.find((x) => x.kind === 'add_capacity');
            return [
              p.name,
              p.unit,
              p.capacity,
              p.target,
              p.leadTimeDays,
              xdate(p.exhaustion.p10),
              xdate(p.exhaustion.p50),
              xdate(p.exhaustion.p90),
              p.exhaustionProbability,
              xdate(p.orderBy),
              p.neededCapacity,
              add?.kind === 'add_capacity' ? add.add : 0,
              add?.kind === 'add_capacity' && add.monthlyCost !== null ? add.monthlyCost : '',
              orderByStatus(p) ?? '',
              add?.kind === 'add_capacity' && add.monthlyCost !== null ? (add.currency ?? r.currency) : '',
            ];
          }),
        );
      }
      const scaling = sec.capacity.pools.flatMap((p) => p.recommendations.flatMap((x) => (x.kind === 'scaling' ? [[p.name, x.target.toUpperCase(), x.resource, x.min, x.max, x.scheduled] as CellValue[]] : [])));
      if (scaling.length > 0) block(rec, 'Scaling', ['Pool', 'Kind', 'Resource', 'Min', 'Max', 'Scheduled actions'], [null, null, null, QTY, QTY, '0'], scaling);
    }
    if (sec.commitments) {
      if (sec.commitments.note) block(rec, 'Commitments', ['Note'], [null], [[sec.commitments.note]]);
      if (sec.commitments.recommendations.length > 0) {
        const start = rec.rowCount + (rec.rowCount > 1 ? 4 : 3); // blank, title and header rows come first
        block(
          rec,
          'Commitments',
          ['Scope', 'Currency', 'Term', 'Discount', 'Commit per hour', 'Covers per hour', 'Savings P10', 'Savings P50', 'Savings P90', 'Trailing-30d per hour', 'Trailing-30d savings P50', 'Extra savings P50', 'Break-even utilization', 'Expected utilization'],
          (i) => {
            const m = moneyFormat(sec.commitments?.recommendations[i]?.currency ?? r.currency);
            return [null, null, null, PCT, m, m, m, m, m, m, m, m, PCT, PCT];
          },
          sec.commitments.recommendations.map((c, i) => {
            const m = minorIn(c.currency);
            return [
              c.scope,
              c.currency,
              c.term,
              c.discount,
              c.hourlyCommitment,
              c.coveredPerHour,
              m(c.savings.p10),
              m(c.savings.p50),
              m(c.savings.p90),
              c.trailing30dCommitment,
              m(c.trailing30dSavings.p50),
              { formula: `H${start + i}-K${start + i}`, result: m(m(c.savings.p50) - m(c.trailing30dSavings.p50)) },
              c.breakEvenUtilization,
              c.expectedUtilization,
            ];
          }),
        );
      }
      if (sec.commitments.expiring.length > 0) {
        block(
          rec,
          'Expiring commitments',
          ['Commitment', 'Scope', 'Type', 'Expires', 'Covers per hour', 'Added cost per hour'],
          (i) => {
            const m = moneyFormat(sec.commitments?.expiring[i]?.currency ?? r.currency);
            return [null, null, null, DATE, m, m];
          },
          sec.commitments.expiring.map((e) => [e.id, e.scope, e.type, xdate(e.expires), e.coveredPerHour, e.addedCostPerHour]),
        );
      }
      for (const n of sec.commitments.notes) rec.addRow([n]);
    }
  }
  if (sec.budgets) {
    const bs = wb.addWorksheet('Budgets');
    header(bs, ['Budget', 'Scope', 'Period', 'Period start', 'Period end', 'Currency', 'Amount', 'Actual', 'Forecast P10', 'Forecast P50', 'Forecast P90', 'P(over)', 'Likely breach', 'Amount − P50'], [22, 30, 10, 12, 12, 9, 14, 14, 14, 14, 14, 9, 13, 14]);
    sec.budgets.items.forEach((b, i) => {
      const n = i + 2;
      const m = minorIn(b.currency);
      const row = bs.addRow([b.name, b.scope, b.period, xdate(b.periodStart), xdate(b.periodEnd), b.currency, m(b.amount), m(b.actual), m(b.forecast.p10), m(b.forecast.p50), m(b.forecast.p90), b.probabilityOver, xdate(b.likelyBreachDate), { formula: `G${n}-J${n}`, result: m(m(b.amount) - m(b.forecast.p50)) }]);
      [4, 5, 13].forEach((c) => (row.getCell(c).numFmt = DATE));
      [7, 8, 9, 10, 11, 14].forEach((c) => (row.getCell(c).numFmt = moneyFormat(b.currency)));
      row.getCell(12).numFmt = PCT;
    });
    if (sec.budgets.note) bs.addRow([sec.budgets.note]);
  }
  if (sec.anomalies) {
    const an = wb.addWorksheet('Anomalies');
    header(an, ['Start', 'End', 'Series', 'Currency', 'Expected', 'Actual', 'Impact', 'Severity', 'Label', 'Drivers', 'Month', 'Month-end impact'], [12, 12, 44, 9, 14, 14, 14, 10, 10, 50, 10, 16]);
    sec.anomalies.top.forEach((a, i) => {
      const n = i + 2;
      const m = minorIn(a.currency);
      const row = an.addRow([xdate(a.start), xdate(a.end), a.scope, a.currency, m(a.expected), m(a.actual), { formula: `F${n}-E${n}`, result: m(m(a.actual) - m(a.expected)) }, a.severity, a.label ?? '', a.drivers.map((d) => `${d.name}: ${m(d.impact)}`).join('; '), a.periodImpact?.period ?? '', a.periodImpact ? m(a.periodImpact.delta) : '']);
      [1, 2].forEach((c) => (row.getCell(c).numFmt = DATE));
      [5, 6, 7, 12].forEach((c) => (row.getCell(c).numFmt = moneyFormat(a.currency)));
    });
    an.addRow([]);
    an.addRow([sec.anomalies.note ?? `The ${sec.anomalies.top.length} largest of ${sec.anomalies.total} anomalies by absolute impact.`]);
  }
  if (sec.scenarios) {
    const sc = wb.addWorksheet('Scenarios');
    header(sc, ['Scenario', 'Month', 'Days', 'Baseline P10', 'Baseline P50', 'Baseline P90', 'Scenario P10', 'Scenario P50', 'Scenario P90', 'Scenario − baseline P50'], [22, 10, 7, 14, 14, 14, 14, 14, 14, 18]);
    for (const x of sec.scenarios.items) {
      const q = minorIn(x.currency);
      const from = sc.rowCount + 1;
      for (const m of x.months) {
        const n = sc.rowCount + 1;
        const row = sc.addRow([x.name, m.month, m.days, q(m.baseline.p10), q(m.baseline.p50), q(m.baseline.p90), q(m.scenario.p10), q(m.scenario.p50), q(m.scenario.p90), { formula: `H${n}-E${n}`, result: q(q(m.scenario.p50) - q(m.baseline.p50)) }]);
        for (let c = 4; c <= 10; c++) row.getCell(c).numFmt = moneyFormat(x.currency);
      }
      const to = sc.rowCount;
      if (to >= from) {
        const t = sc.rowCount + 1;
        const sumOf = (k: 'baseline' | 'scenario'): number => q(x.months.reduce((a, m) => a + q(m[k].p50), 0));
        const row = sc.addRow([`${x.name} (sum of months)`, '', { formula: `SUM(C${from}:C${to})`, result: x.months.reduce((a, m) => a + m.days, 0) }, '', { formula: `SUM(E${from}:E${to})`, result: sumOf('baseline') }, '', '', { formula: `SUM(H${from}:H${to})`, result: sumOf('scenario') }, '', { formula: `H${t}-E${t}`, result: q(sumOf('scenario') - sumOf('baseline')) }]);
        row.font = { bold: true };
        for (let c = 4; c <= 10; c++) row.getCell(c).numFmt = moneyFormat(x.currency);
      }
    }
    if (sec.scenarios.note) sc.addRow([sec.scenarios.note]);
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
  for (const c of r.assumptions.coverage) {
    add('Data coverage', c.name, `${c.kind}; ${c.rows} rows; ${c.firstDay ?? '—'} to ${c.lastDay ?? '—'}; ${c.lagDays === null ? 'no data' : `${c.lagDays} day(s) behind the report`}; last import ${c.lastImportAt ?? 'never'}`);
  }
  for (const a of r.assumptions.excludedAnomalies) add('Excluded anomaly', `${a.start}${a.end !== a.start ? ` to ${a.end}` : ''}`, `${a.scope}; labelled ${a.label ?? ''}; impact ${roundToMinorUnit(a.impact, a.currency)} ${a.currency}; left out of the forecast's training`);
  for (const d of r.assumptions.scenarioDrivers) add('Scenario driver', d.scenario, d.driver);
  for (const n of r.assumptions.notes) add('Note', '', n);
  for (const t of methodology(r)) for (const p of t.paragraphs) add('Methodology', t.title, p);
  add('Reproducibility', 'sha256 stamp', r.stamp);
  as.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
