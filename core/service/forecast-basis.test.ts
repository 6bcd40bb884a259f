import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext, Res } from '../api';
import { forecastSeries } from '../forecast';
import { addDays, addMonths, daysBetween, type Day } from '../lib';
import type { ChargeRow, CurrencyCode } from '../model';
import { tempDir, usageRow } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { labelApplies } from './forecast-basis';
import { openService, type Service } from './service';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
const FROM = '2025-01-01' as Day;
const TO = '2025-05-01' as Day; // exclusive: 120 days of history
const N = daysBetween(FROM, TO);
const HORIZON = 45; // 2025-05-01 .. 2025-06-14: crosses June 1st and the commitment's end
const SUPPORT = 500; // monthly support fee, on the 1st
const FEE = 48; // daily commitment fee, 1-year term from 2024-05-20
const FEE_END = '2025-05-20' as Day;
const SPIKE_DAY = 100; // one-time purchase
const LABELLED = [60, 61, 62]; // an incident, labelled
const UNLABELLED = [90, 91]; // a jump nobody labelled

/** The known usage series: weekly pattern, slow growth, a deterministic wiggle, two jumps. */
const usage = (i: number): number => {
  let v = 200 + 30 * ((i % 7) === 5 ? 1 : (i % 7) === 6 ? 1.5 : 0) + 0.4 * i + ((i * 37) % 11) - 5;
  if (LABELLED.includes(i)) v += 900;
  if (UNLABELLED.includes(i)) v += 700;
  return Math.round(v * 100) / 100;
};

function rows(): ChargeRow[] {
  const out: ChargeRow[] = [];
  for (let i = 0; i < N; i++) {
    const d = addDays(FROM, i);
    out.push(usageRow(d, usage(i)));
    out.push(usageRow(d, FEE, { ServiceName: 'Savings Plans for AWS Compute usage', SkuId: 'ComputeSavingsPlans:1yr-NoUpfront', ResourceId: 'arn:sp-1', ChargeCategory: 'Purchase', ChargeFrequency: 'Recurring' }));
    if (d.endsWith('-01')) out.push(usageRow(d, SUPPORT, { ServiceName: 'AWS Support (Business)', SkuId: 'Support', ChargeCategory: 'Purchase', ChargeFrequency: 'Recurring' }));
    if (i === SPIKE_DAY) out.push(usageRow(d, 20_000, { ServiceName: 'Amazon EC2', SkuId: 'Reserved Instance, 1 year, all upfront', ChargeCategory: 'Purchase', ChargeFrequency: 'One-Time' }));
  }
  // The commitment started before this window: one row on its first day fixes the term.
  out.push(usageRow(addMonths(FEE_END, -12), FEE, { ServiceName: 'Savings Plans for AWS Compute usage', SkuId: 'ComputeSavingsPlans:1yr-NoUpfront', ResourceId: 'arn:sp-1', ChargeCategory: 'Purchase', ChargeFrequency: 'Recurring' }));
  return out;
}

/** The recurring projection derived from the fees' terms, by hand. */
function derivedRecurring(): number[] {
  return Array.from({ length: HORIZON }, (_, t) => {
    const d = addDays(TO, t);
    return (d < FEE_END ? FEE : 0) + (d.endsWith('-01') ? SUPPORT : 0);
  });
}

let dir: string;
let cleanup: () => void;
let service: Service;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-basis-'));
  service = await openService({ dataDir: dir, clock: () => new Date(`${TO}T08:00:00Z`) });
  const src = await service.store.ensureSource({ name: 'files', kind: 'files' });
  await service.store.replaceChargeRows({ sourceId: src.id, from: '2024-01-01' as Day, to: TO, rows: rows(), format: 'test' });
});
afterEach(async () => {
  await service.close();
  cleanup();
});

const forecast = async (extra: Record<string, unknown> = {}): Promise<NonNullable<Res<'forecast.series'>['series'][number]['forecast']>> => {
  const res = (await dispatch(service.handlers, 'forecast.series', { from: FROM, horizon: HORIZON, model: 'ets', paths: 50, seed: 4, ...extra }, ctx)) as Res<'forecast.series'>;
  expect(res.series).toHaveLength(1);
  return res.series[0]!.forecast!;
};

describe('the forecast basis (usage model + recurring projection, one-time out)', () => {
  it('equals the usage forecast plus the recurring projection; the one-time purchase does not move it', async () => {
    const fc = await forecast();
    const values = Array.from({ length: N }, (_, i) => usage(i));
    const alone = forecastSeries(values, { period: 7, horizon: HORIZON, model: 'ets', paths: 50, seed: 4, log: true }); // daily cost forecasts fit on log values
    const rec = derivedRecurring();
    fc.mean.forEach((m, t) => expect(m).toBeCloseTo((alone.mean[t] as number) + (rec[t] as number), 6));
    fc.paths!.forEach((p, k) => p.forEach((v, t) => expect(v).toBeCloseTo((alone.paths![k]![t] as number) + (rec[t] as number), 6)));
    for (const iv of fc.intervals) {
      const a = alone.intervals.find((x) => x.level === iv.level)!;
      iv.lo.forEach((v, t) => expect(v).toBeCloseTo((a.lo[t] as number) + (rec[t] as number), 6));
    }
    // Fitting on every charge (the old way) gives another forecast: the split is what the test sees.
    const all = forecastSeries(Array.from({ length: N }, (_, i) => usage(i) + FEE + (addDays(FROM, i).endsWith('-01') ? SUPPORT : 0) + (i === SPIKE_DAY ? 20_000 : 0)), { period: 7, horizon: HORIZON, model: 'ets' });
    expect(Math.abs(all.mean.reduce((a, b) => a + b, 0) - fc.mean.reduce((a, b) => a + b, 0))).toBeGreaterThan(100);

    const b = fc.basis;
    expect(b.one_time).toEqual({ history_total: 20_000, days: 1 });
    expect(b.recurring.projected_total).toBeCloseTo(rec.reduce((a, x) => a + x, 0), 6);
    expect(b.recurring.history_total).toBeCloseTo(N * FEE + 4 * SUPPORT, 6);
    const sp = b.recurring.streams.find((s) => s.name.includes('arn:sp-1'))!;
    expect(sp).toMatchObject({ cadence: 'daily', amount: FEE, end: FEE_END, projected: true });
    const support = b.recurring.streams.find((s) => s.name.includes('Support'))!;
    expect(support).toMatchObject({ cadence: 'monthly', day_of_month: 1, amount: SUPPORT, end: null, projected: true });
    expect(b.usage.history_total).toBeCloseTo(values.reduce((a, x) => a + x, 0), 4);
    expect(b.history).toEqual({ from: FROM, to: TO });
    expect(b.notes.join(' ')).toMatch(/One-time charges \(20,000\.00 on 1 day\(s\)\) are excluded/);

    // Removing the one-time row changes nothing in the forecast.
    const src = (await service.store.listSources())[0]!;
    await service.store.replaceChargeRows({ sourceId: src.id, from: '2024-01-01' as Day, to: TO, rows: rows().filter((r) => r.ChargeFrequency !== 'One-Time'), format: 'test' });
    const without = await forecast();
    expect(without.mean).toEqual(fc.mean);
  });

  it("writes the notes' amounts in the series' currency's minor unit (yen: no decimals)", async () => {
    const src = (await service.store.listSources())[0]!;
    await service.store.replaceChargeRows({ sourceId: src.id, from: '2024-01-01' as Day, to: TO, rows: [...rows(), usageRow(FROM, 0.6, { ServiceName: 'Amazon S3' })].map((r) => ({ ...r, BillingCurrency: 'JPY' as CurrencyCode })), format: 'test' });
    const notes = (await forecast()).basis.notes.join(' ');
    // The usage plus 0.6 yen on the first day: a fraction the yen note must round away.
    const usageTotal = Array.from({ length: N }, (_, i) => usage(i)).reduce((a, x) => a + x, 0.6);
    expect(Math.abs(usageTotal - Math.round(usageTotal))).toBeGreaterThan(0.3);
    expect(notes).toContain(`Usage-based charges (${Math.round(usageTotal).toLocaleString('en-US')} over ${N} days)`);
    expect(notes).toContain(`${derivedRecurring().reduce((a, x) => a + x, 0).toLocaleString('en-US')} over the ${HORIZON}-day horizon`);
    expect(notes).toContain('One-time charges (20,000 on 1 day(s)) are excluded');
  });

  it('excludes the days of a labelled anomaly from training and says so on the card; unlabelled jumps stay', async () => {
    const start = addDays(FROM, LABELLED[0]!);
    const end = addDays(FROM, LABELLED.at(-1)!);
    await service.store.kvSet('anomaly-labels', `${start}|service=Amazon EC2`, { label: 'incident', end, scope: { service: 'Amazon EC2' } });
    // A label on another service's scope does not apply to an EC2-only forecast.
    await service.store.kvSet('anomaly-labels', `${addDays(FROM, 20)}|service=Amazon S3`, { label: 'planned', end: addDays(FROM, 21), scope: { service: 'Amazon S3' } });
    const fc = await forecast({ filters: [{ dimension: 'service', values: ['Amazon EC2'] }] });
    expect(fc.card.excluded).toEqual(LABELLED);
    expect(fc.card.warnings).toContain(`${start}..${end} excluded: anomaly labelled incident (service=Amazon EC2)`);
    expect(fc.basis.excluded).toEqual([{ start, end, reason: 'anomaly labelled incident (service=Amazon EC2)' }]);
    for (const i of UNLABELLED) expect(fc.card.excluded).not.toContain(i);
    const values = Array.from({ length: N }, (_, i) => usage(i));
    const exclude = values.map((_, i) => LABELLED.includes(i));
    const alone = forecastSeries(values, { period: 7, horizon: HORIZON, model: 'ets', paths: 50, seed: 4, exclude, log: true });
    // The EC2 scope holds the usage and the one-time purchase: no recurring fee.
    fc.mean.forEach((m, t) => expect(m).toBeCloseTo(alone.mean[t] as number, 6));
    const unexcluded = forecastSeries(values, { period: 7, horizon: HORIZON, model: 'ets', log: true });
    expect(unexcluded.mean).not.toEqual(alone.mean);
  });

  it('labelled through the anomalies API, the label keeps the anomaly’s last day', async () => {
    const list = (await dispatch(service.handlers, 'anomalies.list', {}, ctx)) as Res<'anomalies.list'>;
    const found = list.anomalies.find((a) => a.start === addDays(FROM, LABELLED[0]!) && a.scope['service'] === 'Amazon EC2');
    expect(found).toBeDefined();
    await dispatch(service.handlers, 'anomalies.label', { start: found!.start, scope: Object.entries(found!.scope).map(([dimension, value]) => ({ dimension, value })), label: 'expected' }, ctx);
    const fc = await forecast();
    const first = daysBetween(FROM, found!.start);
    const last = daysBetween(FROM, found!.end);
    expect(fc.card.excluded).toEqual(Array.from({ length: last - first + 1 }, (_, k) => first + k));
    // One entry for the anomaly's days, naming every scope it was labelled in (service, billing account…).
    expect(fc.basis.excluded).toHaveLength(new Set(fc.basis.excluded.map((e) => `${e.start}|${e.end}`)).size);
    expect(fc.basis.excluded[0]?.reason).toMatch(/^anomaly labelled expected \(.*service=Amazon EC2/);
  });
});

describe('taking a label back', () => {
  const unlabel = (start: string, scope: Record<string, string>): Promise<Res<'anomalies.unlabel'>> =>
    dispatch(service.handlers, 'anomalies.unlabel', { start, scope: Object.entries(scope).map(([dimension, value]) => ({ dimension, value })) }, ctx) as Promise<Res<'anomalies.unlabel'>>;
  const findEc2 = async (): Promise<Res<'anomalies.list'>['anomalies'][number]> => {
    const list = (await dispatch(service.handlers, 'anomalies.list', {}, ctx)) as Res<'anomalies.list'>;
    const found = list.anomalies.find((a) => a.start === addDays(FROM, LABELLED[0]!) && a.scope['service'] === 'Amazon EC2');
    expect(found).toBeDefined();
    return found!;
  };

  it('clearing restores the training: the card excludes nothing and the forecast equals the never-labelled one', async () => {
    const never = await forecast();
    expect(never.card.excluded).toEqual([]);
    const found = await findEc2();
    expect(found.scopes.length).toBeGreaterThan(1); // seen per service and per billing account
    await dispatch(service.handlers, 'anomalies.label', { start: found.start, scope: Object.entries(found.scope).map(([dimension, value]) => ({ dimension, value })), label: 'incident' }, ctx);
    const labelled = await forecast();
    expect(labelled.card.excluded.length).toBeGreaterThan(0);
    expect(labelled.mean).not.toEqual(never.mean);

    // Cleared from another scope the anomaly was seen in: the label goes from every scope.
    const other = found.scopes.find((x) => JSON.stringify(x.scope) !== JSON.stringify(found.scope))!;
    const res = await unlabel(other.start, other.scope);
    expect(res).toEqual({ start: other.start, scope: other.scope, cleared: 'incident', scopes: found.scopes.length });
    expect(await service.store.kvList('anomaly-labels')).toEqual([]);
    const back = await forecast();
    expect(back.card.excluded).toEqual([]);
    expect(back.basis.excluded).toEqual([]);
    expect(back.card.warnings.filter((w) => w.includes('excluded: anomaly'))).toEqual([]);
    expect(back.mean).toEqual(never.mean);
    expect(back.paths).toEqual(never.paths);
    expect((await findEc2()).label).toBeNull();

    // Nothing left to clear: NOT_FOUND, and the store is unchanged.
    await expect(unlabel(found.start, found.scope)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No label is set on the anomaly of .*service=Amazon EC2.* that starts on .*none to clear/) });
  });

  it('a wrong start names the labelled starts in the scope; a label saved without its group is cleared from every scope through a scan', async () => {
    const found = await findEc2();
    // As labels were saved before groups were kept: one entry per scope, no group.
    for (const x of found.scopes) await service.store.kvSet('anomaly-labels', `${x.start}|${Object.keys(x.scope).sort().map((k) => `${k}=${x.scope[k]}`).join(',')}`, { label: 'planned', end: x.end, scope: x.scope });
    await expect(unlabel(addDays(found.start, 1), found.scope)).rejects.toThrow(`Labelled anomalies there start on ${found.start}`);
    expect(await service.store.kvList('anomaly-labels')).toHaveLength(found.scopes.length);
    const res = await unlabel(found.start, found.scope);
    expect(res.cleared).toBe('planned');
    expect(res.scopes).toBe(found.scopes.length);
    expect(await service.store.kvList('anomaly-labels')).toEqual([]);
    expect((await forecast()).card.excluded).toEqual([]);
  });
});

describe('budgets and scenarios forecast on the same basis', () => {
  it('the budget forecast and the scenario baseline carry the recurring projection and ignore the one-time purchase', async () => {
    await dispatch(service.handlers, 'budgets.add', { budget: { name: 'may', amount: 20_000, period: 'month', currency: 'USD', scope: [] } }, ctx);
    await dispatch(service.handlers, 'scenarios.add', { scenario: { name: 'grow', currency: 'USD', scope: [], drivers: ['growth:rate=0.2,from=2025-05-15'] } }, ctx);
    const status = async () => ((await dispatch(service.handlers, 'budgets.status', { paths: 200 }, ctx)) as Res<'budgets.status'>).budgets[0]!;
    const show = async () => ((await dispatch(service.handlers, 'scenarios.show', { name: 'grow', horizon_days: 31, paths: 200 }, ctx)) as Res<'scenarios.show'>).scenario;
    const [b1, s1] = [await status(), await show()];
    const may = derivedRecurring().slice(0, 31).reduce((a, x) => a + x, 0);
    expect(b1.basis!.recurring.projected_total).toBeCloseTo(may, 6);
    expect(s1.basis!.recurring.projected_total).toBeCloseTo(may, 6);
    expect(b1.basis!.one_time.history_total).toBe(20_000);
    const src = (await service.store.listSources())[0]!;
    await service.store.replaceChargeRows({ sourceId: src.id, from: '2024-01-01' as Day, to: TO, rows: rows().filter((r) => r.ChargeFrequency !== 'One-Time'), format: 'test' });
    const [b2, s2] = [await status(), await show()];
    expect(b2.forecast).toEqual(b1.forecast);
    expect(b2.probability_over).toBe(b1.probability_over);
    expect(s2.total).toEqual(s1.total);
  });
});

describe('labelApplies', () => {
  const label = { start: '2025-01-01' as Day, end: '2025-01-02' as Day, label: 'incident' as const, scope: { service: 'S3', sub_account: 'a' } };
  it('applies when no dimension contradicts', () => {
    expect(labelApplies(label, [], {})).toBe(true);
    expect(labelApplies(label, [{ dimension: 'service', values: ['S3', 'EC2'] }], {})).toBe(true);
    expect(labelApplies(label, [], { service: 'S3', region: 'x' })).toBe(true);
    expect(labelApplies(label, [{ dimension: 'service', values: ['EC2'] }], {})).toBe(false);
    expect(labelApplies(label, [], { sub_account: 'b' })).toBe(false);
  });
});
