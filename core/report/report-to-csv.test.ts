import { describe, expect, it } from 'vitest';
import { buildReport } from './model';
import { CSV_HEADER, neutralise, reportToCsv } from './report-to-csv';
import { lateOrderSections, sampleInput, sampleInputWithSections } from './testing';

/** An independent RFC 4180 reader (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"' && f === '') q = true;
    else if (ch === ',') {
      row.push(f);
      f = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      i++;
    } else f += ch;
  }
  if (f !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

describe('report CSV', () => {
  const hostile = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR', 'a,"b"\nc', 'plain'];
  const input = sampleInput();
  const withHostile = { ...input, services: [...input.services, ...hostile.map((name, k) => ({ name, values: input.daily.values.map(() => k + 0.5) }))], topServices: 20 };
  const r = buildReport(withHostile);
  const bytes = reportToCsv(r);
  const text = new TextDecoder().decode(bytes);
  const rows = parseCsv(text);

  it('is RFC 4180 with seven fields on every record', () => {
    expect(rows[0]).toEqual([...CSV_HEADER]);
    for (const row of rows) expect(row).toHaveLength(7);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('carries actuals, forecast quantiles and the stamp', () => {
    const get = (s: string, item: string, month: string): string[] | undefined => rows.find((x) => x[0] === s && x[1] === item && x[2] === month);
    expect(Number(get('actual', 'total', '2026-01-01')?.[3])).toBe(3565 + 310 + 31); // the scope's daily total
    expect(Number(get('actual_service', '\'-2+3', '2026-01-01')?.[3])).toBe(31 * 2.5);
    expect(Number(get('actual_service', 'Amazon EC2', '2026-02-01')?.[3])).toBe(1925);
    const mar = get('forecast', 'total', '2026-03-01');
    expect(mar?.slice(4).map(Number)).toEqual([26 * 200.4, 26 * 202, 26 * 203.6].map((x) => Math.round(x * 1e6) / 1e6));
    expect(rows.find((x) => x[1] === 'stamp_sha256')?.[3]).toBe(r.stamp);
    expect(rows.find((x) => x[0] === 'coverage')?.[1]).toBe('aws-cur');
  });

  it('neutralises cells that start with = + - @ TAB CR, and keeps other text intact', () => {
    const names = rows.filter((x) => x[0] === 'actual_service' && x[2] === '2026-01-01').map((x) => x[1]);
    expect(names).toContain(`'=HYPERLINK("http://x.example","click")`);
    for (const h of hostile) {
      const expected = /^[=+\-@\t\r]/.test(h) ? `'${h}` : h;
      expect(names).toContain(expected);
    }
    // No field in the file starts with a trigger character except numbers.
    for (const row of rows) for (const cell of row) if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !Number.isFinite(Number(cell)))) throw new Error(`unsafe cell ${JSON.stringify(cell)}`);
    expect(neutralise('-12')).toBe("'-12");
    expect(neutralise('Amazon EC2')).toBe('Amazon EC2');
  });

  it('carries the plan sections and assumptions, with hostile names neutralised', () => {
    const x = buildReport(sampleInputWithSections());
    const all = parseCsv(new TextDecoder().decode(reportToCsv(x)));
    for (const row of all) expect(row).toHaveLength(7);
    const find = (section: string, item?: string): string[][] => all.filter((r) => r[0] === section && (item === undefined || r[1] === item));
    expect(find('capacity_exhaustion', 'web-cpu')).toEqual([['capacity_exhaustion', 'web-cpu', '', '0.6', '2026-03-01', '2026-04-01', '']]);
    expect(find('capacity_order_by', 'web-cpu')[0]?.[3]).toBe('2026-02-15');
    expect(find('capacity_order_by_status', 'web-cpu')[0]?.[3]).toBe('ahead'); // the day after the data
    expect(find('capacity_needed', 'web-cpu')[0]?.[3]).toBe('130');
    expect(find('capacity_add', 'web-cpu')[0]?.slice(2, 4)).toEqual(['2026-02-15', '30']);
    expect(find('scaling', 'web-cpu')[0]?.[3]).toBe('hpa web min 3 max 9; 2 scheduled action(s)');
    expect(find('commitment_savings')[0]?.slice(3)).toEqual(['7', '100', '200', '300']);
    expect(find('commitment_trailing_30d')[0]?.slice(3)).toEqual(['5', '50', '150', '250']);
    expect(find('commitment_expiring', 'sp-1')[0]?.slice(2, 4)).toEqual(['2026-03-01', '4']);
    // The budget named "=evil budget" is neutralised.
    expect(find('budget').map((r) => r[1])).toEqual(["'=evil budget", 'Monthly']);
    expect(find('budget_probability_over', "'=evil budget")[0]?.[3]).toBe('1');
    expect(find('budget_likely_breach', "'=evil budget")[0]?.[3]).toBe('2026-02-20');
    expect(find('anomaly').map((r) => Number(r[3]))).toEqual([-1200, 1100, -1000, 900, -800, 700, -600, 500, -400, 300]);
    // k = 5 (2026-01-11) is named service=@SUM(1): it does not start with a trigger, so it stays as is.
    expect(all.filter((r) => r[0] === 'anomaly' && r[2] === '2026-01-11').map((r) => r[1])).toEqual(['service=@SUM(1)']);
    expect(find('scenario', 'Growth').map((r) => r.slice(2))).toEqual([
      ['2026-02-01', '14', '2800', '2828', '2856'],
      ['2026-03-01', '26', '5400', '5450', '5500'],
    ]);
    expect(find('scenario_driver', 'Growth').map((r) => r[3])).toEqual(['growth:rate=0.2,from=2026-03-01', 'step:add=10,from=2026-03-10']);
    expect(find('excluded_anomaly').map((r) => [r[1], r[2]])).toEqual([['service=S3', '2026-01-07'], ['service=S12', '2026-01-25']]);
  });

  it('says when an order-by date has already passed (overdue), next to the date itself', () => {
    const all = parseCsv(new TextDecoder().decode(reportToCsv(buildReport(sampleInputWithSections({ sections: lateOrderSections() })))));
    const find = (section: string): string[][] => all.filter((r) => r[0] === section && r[1] === 'web-cpu');
    expect(find('capacity_order_by')[0]?.[3]).toBe('2026-02-10');
    expect(find('capacity_order_by_status')[0]?.[3]).toBe('overdue');
  });
});
