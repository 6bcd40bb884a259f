import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HandlerContext } from '../api';
import { addDays, parseDay, weekday, type Day } from '../lib';
import type { ChargeRow } from '../model';
import { tempDir, usageRow } from '../store/testing/fixtures';
import { parseCsv } from '../../test/rfc4180';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
const cost = (d: Day): number => ([0, 6].includes(weekday(d)) ? 60 : 120);

let dir: string;
let cleanup: () => void;
let service: Service;
const start = parseDay('2025-10-01');
const today = parseDay('2026-02-15');

async function load(s: Service, extra = 0): Promise<void> {
  const src = await s.store.ensureSource({ name: 'cur', kind: 'files' });
  const rows: ChargeRow[] = [];
  for (let d = start; d < today; d = addDays(d, 1)) {
    rows.push(usageRow(d, cost(d) + (d === parseDay('2026-01-10') ? extra : 0)));
    rows.push(usageRow(d, 10, { ServiceName: '=cmd|calc' }));
  }
  await s.store.replaceChargeRows({ sourceId: src.id, from: start, to: today, rows, format: 'test' });
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-report-'));
  service = await openService({ dataDir: dir, clock: () => new Date(`${today}T09:00:00Z`) });
  await load(service);
});
afterEach(async () => {
  await service.close();
  cleanup();
});

type Built = { base64: string; stamp: string; data_through: string; currency: string; mime: string; bytes: number };
const build = (req: unknown): Promise<Built> => dispatch(service.handlers, 'reports.build', req, ctx) as Promise<Built>;

describe('reports service', () => {
  it('CSV: monthly actuals equal independent sums, hostile service names neutralised, forecast months present', async () => {
    const res = await build({ format: 'csv', horizon_days: 30, paths: 200 });
    expect(res.data_through).toBe('2026-02-14');
    expect(res.currency).toBe('USD');
    const text = Buffer.from(res.base64, 'base64').toString('utf8');
    expect(res.bytes).toBe(Buffer.byteLength(text));
    let jan = 0;
    for (let d = parseDay('2026-01-01'); d < parseDay('2026-02-01'); d = addDays(d, 1)) jan += cost(d) + 10;
    expect(text).toContain(`\r\nactual,total,2026-01-01,${jan},,,\r\n`);
    expect(text).toContain(`\r\nactual_service,"'=cmd|calc",2026-01-01,310,,,\r\n`);
    expect(text).toMatch(/\r\nforecast,total,2026-02-01,[\d.]+,[\d.]+,[\d.]+,[\d.]+\r\n/);
    expect(text).toMatch(/\r\nforecast,total,2026-03-01,/);
    expect(text).toContain(`meta,stamp_sha256,,${res.stamp},`);
  });

  it('the same inputs give the same stamp; a changed cost or scope another', async () => {
    const a = await build({ format: 'csv', horizon_days: 20, paths: 200 });
    const b = await build({ format: 'html', horizon_days: 20, paths: 200 });
    expect(b.stamp).toBe(a.stamp);
    const scoped = await build({ format: 'csv', horizon_days: 20, paths: 200, scope: [{ dimension: 'service', value: 'Amazon EC2' }] });
    expect(scoped.stamp).not.toBe(a.stamp);
    await load(service, 0.01); // re-import with one cent more on one day
    const c = await build({ format: 'csv', horizon_days: 20, paths: 200 });
    expect(c.stamp).not.toBe(a.stamp);
  });

  it('XLSX opens in exceljs with the scope total in the Actuals sheet', async () => {
    const res = await build({ format: 'xlsx', horizon_days: 30, paths: 200, scope: [{ dimension: 'service', value: 'Amazon EC2' }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Actuals')!;
    let total = 0;
    for (let d = start; d < today; d = addDays(d, 1)) total += cost(d);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('Total');
    expect((last.getCell(3).value as { result: number }).result).toBeCloseTo(total, 6);
  });

  it('a currency whose data starts later (a mixed-currency store) is reported from its own first day, never with the other currency\'s days', async () => {
    const eurFrom = parseDay('2026-01-05');
    const src = await service.store.ensureSource({ name: 'eur-export', kind: 'files' });
    const rows: ChargeRow[] = [];
    let eurJan = 0;
    let eurAll = 0;
    for (let d = eurFrom; d < today; d = addDays(d, 1)) {
      const v = 7 + (weekday(d) === 3 ? 2 : 0);
      rows.push(usageRow(d, v, { BillingCurrency: 'EUR' as ChargeRow['BillingCurrency'], ServiceName: 'Compute Engine' }));
      eurAll += v;
      if (d < parseDay('2026-02-01')) eurJan += v;
    }
    await service.store.replaceChargeRows({ sourceId: src.id, from: eurFrom, to: today, rows, format: 'test' });
    const eur = await build({ format: 'csv', currency: 'EUR', horizon_days: 20, paths: 200, sections: [] });
    expect(eur.currency).toBe('EUR');
    const records = parseCsv(Buffer.from(eur.base64, 'base64').toString('utf8'));
    const meta = (k: string): string | undefined => records.find((r) => r[0] === 'meta' && r[1] === k)?.[3];
    expect(meta('actual_from')).toBe(eurFrom);
    const totals = records.filter((r) => r[0] === 'actual' && r[1] === 'total').map((r) => [r[2], Number(r[3])]);
    expect(totals).toEqual([['2026-01-01', eurJan], ['2026-02-01', eurAll - eurJan]]);
    // The dollar report still starts on the dollars' first day.
    const usd = await build({ format: 'csv', horizon_days: 20, paths: 200, sections: [] });
    expect(parseCsv(Buffer.from(usd.base64, 'base64').toString('utf8')).find((r) => r[0] === 'meta' && r[1] === 'actual_from')?.[3]).toBe(start);
  });

  it('a currency with no cost in the report window (its data ends earlier) is refused, naming its last day with cost, not reported as years of zeros', async () => {
    const old = parseDay('2022-03-07'); // more than three years before today (2026-02-15)
    const src = await service.store.ensureSource({ name: 'old-cad-export', kind: 'files' });
    await service.store.replaceChargeRows({ sourceId: src.id, from: old, to: addDays(old, 2), rows: [usageRow(old, 3.5, { BillingCurrency: 'CAD' as ChargeRow['BillingCurrency'] }), usageRow(addDays(old, 1), 2, { BillingCurrency: 'CAD' as ChargeRow['BillingCurrency'] })], format: 'test' });
    await expect(build({ format: 'csv', currency: 'CAD', horizon_days: 20, paths: 200, sections: [] })).rejects.toThrow(
      'No CAD cost for all charges from 2023-02-16 to 2026-02-14 (a report covers at most the last 1095 days before today): its last day with cost is 2022-03-08. The scope has cost in that window in USD: pass one of those with --currency.',
    );
    // The dollars are still reported.
    expect((await build({ format: 'csv', horizon_days: 20, paths: 200, sections: [] })).currency).toBe('USD');
  });

  it('says which currencies exist when the requested one has no data', async () => {
    await expect(build({ format: 'csv', currency: 'EUR' })).rejects.toThrow(/data in USD/);
  });
});

describe('reports service: plan sections', () => {
  it('budgets and scenarios in the report equal their own use cases; sections: [] leaves them out', async () => {
    const h = service.handlers;
    await dispatch(h, 'budgets.add', { budget: { name: 'EC2 month', amount: 3000, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon EC2' }] } }, ctx);
    await dispatch(h, 'budgets.add', { budget: { name: 'Other scope', amount: 10, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: '=cmd|calc' }] } }, ctx);
    await dispatch(h, 'scenarios.add', { scenario: { name: 'Step', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon EC2' }], drivers: ['step:add=50,from=2026-03-01'] } }, ctx);
    const scope = [{ dimension: 'service', value: 'Amazon EC2' }];
    const res = await dispatch(h, 'reports.build', { format: 'csv', horizon_days: 30, paths: 200, scope }, ctx) as Built & { sections: string[] };
    expect(res.sections).toEqual(['capacity', 'commitments', 'budgets', 'anomalies', 'scenarios']);
    const rows = parseCsv(Buffer.from(res.base64, 'base64').toString('utf8'));
    const status = ((await dispatch(h, 'budgets.status', { name: 'EC2 month' }, ctx)) as { budgets: { forecast: { p10: number; p50: number; p90: number }; probability_over: number }[] }).budgets[0]!;
    const budget = rows.find((r) => r[0] === 'budget' && r[1] === 'EC2 month')!;
    expect(budget.slice(3).map(Number)).toEqual([3000, status.forecast.p10, status.forecast.p50, status.forecast.p90].map((x) => Math.round(x * 1e6) / 1e6));
    expect(Number(rows.find((r) => r[0] === 'budget_probability_over')?.[3])).toBe(status.probability_over);
    // A budget outside the report's scope is not in it.
    expect(rows.some((r) => r[1] === 'Other scope')).toBe(false);
    const show = ((await dispatch(h, 'scenarios.show', { name: 'Step', horizon_days: 30 }, ctx)) as { scenario: { months: { month: string; scenario: { p50: number } }[] } }).scenario;
    const march = rows.find((r) => r[0] === 'scenario' && r[1] === 'Step' && r[2] === '2026-03-01')!;
    expect(Number(march[5])).toBeCloseTo(show.months.find((m) => m.month === '2026-03')!.scenario.p50, 6);
    expect(rows.filter((r) => r[0] === 'scenario_driver').map((r) => [r[1], r[3]])).toEqual([['Step', 'step:add=50,from=2026-03-01']]);
    // No pools here: the capacity section says so instead of failing the report.
    expect(rows.some((r) => r[0] === 'capacity_note')).toBe(true);
    const bare = await dispatch(h, 'reports.build', { format: 'csv', horizon_days: 30, paths: 200, scope, sections: [] }, ctx) as Built & { sections: string[] };
    expect(bare.sections).toEqual([]);
    expect(Buffer.from(bare.base64, 'base64').toString('utf8')).not.toMatch(/\r\n(budget|scenario|capacity_note|anomaly)/);
  }, 60_000);

  it('a labelled anomaly is excluded from training, listed under assumptions, and changes the stamp', async () => {
    await load(service, 5000); // a 5,000 spike on 2026-01-10
    const before = await dispatch(service.handlers, 'reports.build', { format: 'csv', horizon_days: 20, paths: 200, sections: ['anomalies'] }, ctx) as Built & { excluded_anomalies: number };
    expect(before.excluded_anomalies).toBe(0);
    const text0 = Buffer.from(before.base64, 'base64').toString('utf8');
    // The spike's anomaly on the EC2 series (the detector may extend it to neighbouring days).
    const found = parseCsv(text0).find((r) => r[0] === 'anomaly_detail' && r[2]! <= '2026-01-10' && /end (\S+);/.exec(r[3]!)![1]! >= '2026-01-10');
    expect(found).toBeDefined();
    const startDay = found![2]!;
    const seriesText = found![1]!; // e.g. service=Amazon EC2 or billing_account=111122223333
    const labelScope = seriesText.split(', ').map((kv) => ({ dimension: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1) }));
    await dispatch(service.handlers, 'anomalies.label', { start: startDay, scope: labelScope, label: 'planned' }, ctx);
    const after = await dispatch(service.handlers, 'reports.build', { format: 'csv', horizon_days: 20, paths: 200, sections: ['anomalies'] }, ctx) as Built & { excluded_anomalies: number };
    expect(after.excluded_anomalies).toBeGreaterThanOrEqual(1);
    const text = Buffer.from(after.base64, 'base64').toString('utf8');
    expect(parseCsv(text).some((r) => r[0] === 'excluded_anomaly' && r[1] === seriesText && r[2] === startDay && r[3]!.startsWith('planned until '))).toBe(true);
    expect(text).toMatch(/day\(s\) were excluded from training/);
    expect(after.stamp).not.toBe(before.stamp);
    // A report on service=Amazon EC2 finds the same event through any series it was seen on.
    const scoped = await dispatch(service.handlers, 'reports.build', { format: 'csv', horizon_days: 20, paths: 200, sections: ['anomalies'], scope: [{ dimension: 'service', value: 'Amazon EC2' }] }, ctx) as Built & { excluded_anomalies: number };
    expect(scoped.excluded_anomalies).toBeGreaterThanOrEqual(1);
    expect(parseCsv(Buffer.from(scoped.base64, 'base64').toString('utf8')).some((r) => r[0] === 'anomaly' && r[2] === startDay)).toBe(true);
  }, 60_000);
});
