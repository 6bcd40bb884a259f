/**
 * Issue 5 "done when" on the demo dataset: the vCPU-quota pool's exhaustion distribution and
 * order-by date, and a commitment recommendation with its savings band, each checked against a
 * brute-force computation over the same sample paths (rebuilt here from the generator's own data
 * with the forecast engine and the service's documented options: period 7, seed 1, levels [0.8], the
 * holiday calendar's keys).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, poolSchema, type HandlerContext } from '../../core/api';
import { forecastSeries } from '../../core/forecast';
import { DEMO_SEED, generateDemo, seededRandom, type DemoDataset } from '../../core/ingest/demo';
import type { Day } from '../../core/lib';
import { DEFAULT_HOLIDAY_CALENDAR } from '../../core/plan';
import { dispatch, openService, type Service } from '../../core/service';
import { calendarKeys } from '../../core/service/calendar';
import { putPool } from '../../core/store';

const AS_OF = '2026-06-01' as Day;
const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
let dir: string;
let service: Service;
let demo: DemoDataset;

beforeAll(async () => {
  demo = generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED) });
  dir = mkdtempSync(join(tmpdir(), 'headroom-capacity-demo-'));
  service = await openService({ dataDir: dir, clock: () => new Date(`${AS_OF}T12:00:00Z`) });
  const src = await service.store.ensureSource({ name: 'demo', kind: 'demo' });
  await service.store.replaceChargeRows({ sourceId: src.id, from: '1970-01-01' as Day, to: '9999-12-31' as Day, rows: demo.charges, format: 'demo' });
  for (const m of demo.metrics) {
    await service.store.replaceMetricPoints({ sourceId: src.id, name: m.name, unit: m.unit, labels: m.labels, from: '1970-01-01T00:00:00Z', to: '9999-01-01T00:00:00Z', points: m.points });
  }
  for (const p of demo.pools) {
    const pool = poolSchema.parse({
      name: p.name,
      usage: { kind: 'metric', metric: p.metric, labels: p.labels },
      capacity: typeof p.capacity === 'number' ? [{ from: '1970-01-01', capacity: p.capacity }] : p.capacity.map((s) => ({ from: s.from, capacity: s.capacity })),
      target: p.target,
      lead_time_days: p.leadTimeDays,
      unit: p.unit,
      cost_per_unit: p.costPerUnit ?? null,
      currency: p.currency,
      scaling: null,
    });
    await service.store.transaction((tx) => putPool(tx, pool.name, pool, new Date()));
  }
}, 120_000);
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Day arithmetic through Date, independent of core/lib. */
const plus = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('capacity on the demo dataset', () => {
  it('reports the vCPU-quota exhaustion distribution and order-by date a brute-force count over the same paths gives', async () => {
    const res = api['capacity.plan'].res.parse(await dispatch(service.handlers, 'capacity.plan', { pool: 'aws-ec2-vcpu-us-east-1', horizon_days: 365, paths: 400, model: 'ets' }, ctx));
    const plan = res.pools[0]!;
    const def = demo.pools.find((p) => p.name === 'aws-ec2-vcpu-us-east-1')!;
    const metric = demo.metrics.find((m) => m.name === def.metric)!;
    const values = metric.points.map((p) => p.value);
    const lastDay = metric.points.at(-1)!.ts.slice(0, 10);
    expect(plan.as_of).toBe(lastDay);
    // The service's options include the default holiday calendar's keys (US retail), from the metric's first day.
    const calendar = calendarKeys(DEFAULT_HOLIDAY_CALENDAR, metric.points[0]!.ts.slice(0, 10) as Day, values.length + 365);
    const fc = forecastSeries(values, { period: 7, horizon: 365, paths: 400, seed: 1, levels: [0.8], model: 'ets', calendar });
    const steps = typeof def.capacity === 'number' ? [{ from: '1970-01-01', capacity: def.capacity }] : def.capacity;
    const capOn = (day: string): number => steps.filter((s) => s.from <= day).at(-1)?.capacity ?? steps[0]!.capacity;
    const days = Array.from({ length: 365 }, (_, t) => plus(lastDay, t + 1));
    const crossedBy = days.map(() => 0);
    for (const path of fc.paths!) {
      const first = path.findIndex((v, t) => v > def.target * capOn(days[t]!));
      if (first >= 0) for (let t = first; t < 365; t++) crossedBy[t]!++;
    }
    const n = fc.paths!.length;
    const quantileDay = (q: number): string | null => {
      const t = crossedBy.findIndex((c) => c / n >= q);
      return t < 0 ? null : days[t]!;
    };
    expect(plan.exhaustion).toEqual({ p10: quantileDay(0.1), p50: quantileDay(0.5), p90: quantileDay(0.9) });
    expect(plan.exhaustion.p10).not.toBeNull();
    expect(plan.order_by).toBe(plus(plan.exhaustion.p10!, -def.leadTimeDays));
    expect(plan.exhaustion_probability).toBeCloseTo(crossedBy[364]! / n, 12);
    // Needed capacity at 95 %: the target holds on ≥ 95 % of paths with it, and on fewer with a hair less.
    const holds = (c: number): number => fc.paths!.filter((p) => p.every((v) => v <= def.target * c)).length / n;
    expect(holds(plan.needed_capacity)).toBeGreaterThanOrEqual(0.95);
    expect(holds(plan.needed_capacity * (1 - 1e-9))).toBeLessThan(0.95);
    expect(plan.capacity).toBe(capOn(plus(lastDay, 1)));
  });
});

describe('a pool on a billing usage quantity', () => {
  it('uses the daily EC2 vCPU-Hours ÷ 24 of the matching FOCUS rows as its usage', async () => {
    const filters = [
      { dimension: 'service', values: ['Amazon Elastic Compute Cloud'] },
      { dimension: 'sub_account', values: ['345678901234'] },
      { dimension: 'region', values: ['us-east-1'] },
    ];
    const pool = { name: 'ec2-vcpu-billing', usage: { kind: 'billing', consumed_unit: 'vCPU-Hours', filters }, capacity: [{ from: '1970-01-01', capacity: 3008 }], target: 0.8, lead_time_days: 14, unit: 'vCPU', cost_per_unit: null, scaling: null };
    await dispatch(service.handlers, 'pools.add', { pool }, ctx);
    const byDay = new Map<string, number>();
    for (const r of demo.charges) {
      if (r.ChargeCategory !== 'Usage' || r.ConsumedUnit !== 'vCPU-Hours' || r.ServiceName !== 'Amazon Elastic Compute Cloud' || r.SubAccountId !== '345678901234' || r.RegionId !== 'us-east-1') continue;
      byDay.set(r.ChargePeriodStart, (byDay.get(r.ChargePeriodStart) ?? 0) + Number(r.ConsumedQuantity));
    }
    const days = [...byDay.keys()].sort();
    const plan = api['capacity.plan'].res.parse(await dispatch(service.handlers, 'capacity.plan', { pool: 'ec2-vcpu-billing', horizon_days: 90, paths: 100, model: 'ets' }, ctx)).pools[0]!;
    expect(plan.history.start).toBe(days[0]);
    expect(plan.as_of).toBe(days.at(-1));
    for (const i of [0, 100, days.length - 1]) expect(plan.history.values[i]).toBeCloseTo(byDay.get(days[i]!)! / 24, 6);
    await expect(dispatch(service.handlers, 'pools.add', { pool: { ...pool, name: 'x', usage: { kind: 'billing', consumed_unit: 'Furlongs', filters: [] } } }, ctx)).rejects.toThrow(/No usage rows with ConsumedUnit "Furlongs"/);
  });
});

describe('commitments on the demo dataset', () => {
  it('recommends the AWS hourly commitment a brute-force search over the same paths finds, with its savings band', async () => {
    const res = api['commitments.plan'].res.parse(await dispatch(service.handlers, 'commitments.plan', { term: '1y', paths: 100, model: 'ets' }, ctx));
    const rec = res.recommendations.find((r) => r.scope.startsWith('AWS '))!;
    expect(rec).toBeDefined();
    // The discount read from the 1-year Savings Plans' Used rows is the generator's 28 %.
    const truth = demo.truth.commitments.filter((c) => c.provider === 'AWS');
    expect(rec.discount).toBeCloseTo(0.28, 3);
    const d = rec.discount;

    // Eligible usage, independently: AWS compute usage rows at list price (Unused commitment rows excluded), per hour.
    const byDay = new Map<string, number>();
    for (const r of demo.charges) {
      if (r.ProviderName !== 'AWS' || r.ChargeCategory !== 'Usage' || r.ServiceCategory !== 'Compute' || r.CommitmentDiscountStatus === 'Unused') continue;
      byDay.set(r.ChargePeriodStart, (byDay.get(r.ChargePeriodStart) ?? 0) + Number(r.ListCost ?? r.EffectiveCost));
    }
    const dayKeys = [...byDay.keys()].sort();
    const first = dayKeys[0]!;
    const last = dayKeys.at(-1)!;
    expect(rec.as_of).toBe(last);
    const n = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
    const rates = Array.from({ length: n }, (_, i) => (byDay.get(plus(first, i)) ?? 0) / 24);
    const fc = forecastSeries(rates, { period: 7, horizon: 365, paths: 100, seed: 1, levels: [0.8], model: 'ets', calendar: calendarKeys(DEFAULT_HOLIDAY_CALENDAR, first as Day, n + 365) });
    // Existing coverage from the generator's truth: amortised cost per hour ÷ (1 − discount), until `end`.
    const covered = (day: string): number => truth.filter((c) => c.start <= day && day < c.end).reduce((s, c) => s + c.dailyAmortized / 24 / (1 - c.discount), 0);
    const cov = Array.from({ length: 365 }, (_, t) => covered(plus(last, t + 1)));
    const uncovered = fc.paths!.map((p) => p.map((u, t) => Math.max(u - cov[t]!, 0)));
    const cost = (c: number): number => uncovered.reduce((s, p) => s + p.reduce((a, u) => a + (1 - d) * c + Math.max(u - c, 0), 0), 0);
    let best = Infinity;
    let bestC = 0;
    const top = Math.max(...uncovered.flat());
    for (let i = 0; i <= 4000; i++) {
      const c = (top * i) / 4000;
      const x = cost(c);
      if (x < best) [best, bestC] = [x, c];
    }
    expect(cost(rec.covered_per_hour)).toBeLessThanOrEqual(best * (1 + 1e-4));
    expect(Math.abs(rec.covered_per_hour - bestC)).toBeLessThan(0.01 * bestC + top / 4000);
    expect(rec.hourly_commitment).toBeCloseTo(rec.covered_per_hour * (1 - d), 9);
    // Savings band: per path Σ 24 h × (min(u, C) − (1 − d) C), definition-1 quantiles.
    const c = rec.covered_per_hour;
    const savings = uncovered.map((p) => p.reduce((a, u) => a + 24 * (Math.min(u, c) - (1 - d) * c), 0)).sort((a, b) => a - b);
    const q = (p: number): number => savings[Math.ceil(p * savings.length) - 1]!;
    // (The service reads existing coverage from the FOCUS rows, cent-rounded; the truth gives it exactly: within 0.1 %.)
    for (const [k, p] of [['p10', 0.1], ['p50', 0.5], ['p90', 0.9]] as const) expect(Math.abs(rec.expected_savings[k] - q(p))).toBeLessThanOrEqual(1e-3 * Math.abs(q(p)));
    expect(rec.expected_savings.p10).toBeLessThanOrEqual(rec.expected_savings.p50);
    expect(rec.break_even_utilization).toBeCloseTo(1 - d, 12);
    // Expiry cliffs: the AWS plans still running at the data's end, with their truth end dates.
    const running = truth.filter((t) => t.end > rec.as_of && t.end <= plus(rec.as_of, 365)).map((t) => [t.id, t.end]).sort();
    expect(res.expiring.filter((e) => e.scope === rec.scope).map((e) => [e.commitment_id, e.expires]).sort()).toEqual(running);
  });
});
