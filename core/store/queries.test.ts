import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Day } from '../lib';
import type { Dimension } from '../model';
import { openStore, type Store } from './store';
import { TEST_SELECT, days, lcg, makeCharges, tempDir, writeChargesCsv, type TestCharge } from './testing/fixtures';

let dir: string;
let cleanup: () => void;
let store: Store;
let rows: TestCharge[];
let sourceA: number;
let sourceB: number;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('headroom-queries-'));
  store = await openStore(dir);
  const a = await store.ensureSource({ name: 'a', kind: 'files' });
  const b = await store.ensureSource({ name: 'b', kind: 'files' });
  sourceA = a.id;
  sourceB = b.id;
  const ra = [...makeCharges(31, ['111', '222'], days('2025-03-01', 20)), ...makeCharges(32, ['333'], days('2025-03-05', 4), 'EUR')];
  const rb = makeCharges(33, ['444'], days('2025-03-10', 15));
  for (const [id, rs, name] of [
    [sourceA, ra, 'a.csv'],
    [sourceB, rb, 'b.csv'],
  ] as const) {
    const f = writeChargesCsv(dir, name, rs);
    await store.importChargesFromSelect({ sourceId: id, file: f.file, contentSha256: f.sha, format: 't', selectSql: TEST_SELECT, params: { file: f.file } });
  }
  rows = [...ra, ...rb];
});
afterAll(async () => {
  await store.close();
  cleanup();
});

const dimOf = (c: TestCharge, d: Dimension): string | null => {
  switch (d) {
    case 'billing_account':
      return c.account;
    case 'service':
      return c.service;
    case 'region':
      return c.region;
    case 'provider':
      return 'AWS';
    case 'charge_category':
      return c.category ?? 'Usage';
    default:
      return d.startsWith('tag:') ? (c.tags[d.slice(4)] ?? null) : null;
  }
};

describe('dailySeries', () => {
  it('groups by dimensions and a tag, per currency, dense over [from, to), equal to independent sums', async () => {
    const by: Dimension[] = ['service', 'tag:env'];
    const from = '2025-03-03' as Day;
    const to = '2025-03-18' as Day;
    const res = await store.dailySeries({ by, from, to, view: 'billed' });
    expect(res.period).toEqual({ start: from, end: to });
    const expected = new Map<string, number[]>();
    const dayList = days(from, 15);
    for (const c of rows) {
      if (c.day < from || c.day >= to) continue;
      const k = JSON.stringify([c.currency, ...by.map((d) => dimOf(c, d))]);
      const arr = expected.get(k) ?? new Array<number>(15).fill(0);
      arr[dayList.indexOf(c.day)] = (arr[dayList.indexOf(c.day)] ?? 0) + c.billedMicros / 1e6;
      expected.set(k, arr);
    }
    expect(res.series).toHaveLength(expected.size);
    for (const s of res.series) {
      expect(s.start).toBe(from);
      expect(s.values).toHaveLength(15);
      const e = expected.get(JSON.stringify([s.currency, ...by.map((d) => s.group[d] ?? null)]));
      expect(e, JSON.stringify(s.group)).toBeDefined();
      s.values.forEach((v, i) => expect(v).toBeCloseTo(e?.[i] ?? NaN, 6));
      expect(s.total).toBeCloseTo((e ?? []).reduce((x, y) => x + y, 0), 6);
    }
  });

  it('filters by values, by null, by tag and by source; effective view by default', async () => {
    const res = await store.dailySeries({
      by: ['billing_account'],
      filters: [
        { dimension: 'region', values: ['us-east-1', null] },
        { dimension: 'tag:team', values: ['core'] },
      ],
      sourceIds: [sourceA],
    });
    expect(res.view).toBe('effective');
    const match = rows.filter((c) => ['111', '222', '333'].includes(c.account) && (c.region === 'us-east-1' || c.region === null) && c.tags['team'] === 'core');
    const first = match.map((c) => c.day).sort()[0];
    expect(res.period?.start).toBe(first);
    const byAcct = new Map<string, number>();
    for (const c of match) byAcct.set(c.account, (byAcct.get(c.account) ?? 0) + c.effectiveMicros / 1e6);
    expect(res.series.map((s) => s.group['billing_account']).sort()).toEqual([...byAcct.keys()].sort());
    for (const s of res.series) expect(s.total).toBeCloseTo(byAcct.get(s.group['billing_account'] ?? '') ?? NaN, 6);
  });

  it('treats filter values as data, never as SQL', async () => {
    const res = await store.dailySeries({ filters: [{ dimension: 'service', values: ["x' OR 1=1 --"] }] });
    expect(res.series).toEqual([]);
    const tag = await store.dailySeries({ by: ["tag:env') OR 1=1 --"] });
    expect(tag.series.every((s) => s.group["tag:env') OR 1=1 --"] === null)).toBe(true);
    await expect(store.dailySeries({ by: ['ServiceName; DROP TABLE charges' as Dimension] })).rejects.toThrow(/Unknown dimension/);
  });
});

describe('summary and coverage', () => {
  it('totals per currency and groups equal independent sums', async () => {
    const res = await store.summary({ by: ['billing_account'], from: '2025-03-10' as Day });
    const match = rows.filter((c) => c.day >= '2025-03-10');
    const tot = new Map<string, [number, number]>();
    for (const c of match) {
      const t = tot.get(c.currency) ?? [0, 0];
      tot.set(c.currency, [t[0] + c.billedMicros / 1e6, t[1] + c.effectiveMicros / 1e6]);
    }
    expect(res.totals.map((t) => t.currency)).toEqual([...tot.keys()].sort());
    for (const t of res.totals) {
      expect(t.billed_cost).toBeCloseTo(tot.get(t.currency)?.[0] ?? NaN, 6);
      expect(t.effective_cost).toBeCloseTo(tot.get(t.currency)?.[1] ?? NaN, 6);
    }
    const groupSum = res.groups.filter((g) => g.currency === 'USD').reduce((a, g) => a + g.billed_cost, 0);
    expect(groupSum).toBeCloseTo(tot.get('USD')?.[0] ?? NaN, 6);
    expect(res.period).toEqual({ start: '2025-03-10', end: '2025-03-25' });
  });

  it('coverage per source', async () => {
    const cov = await store.coverage();
    expect(cov.map((c) => [c.source.name, c.charges.rows, c.charges.firstDay, c.charges.lastDay, c.charges.currencies, c.imports])).toEqual([
      ['a', rows.filter((c) => ['111', '222', '333'].includes(c.account)).length, '2025-03-01', '2025-03-20', ['EUR', 'USD'], 1],
      ['b', rows.filter((c) => c.account === '444').length, '2025-03-10', '2025-03-24', ['USD'], 1],
    ]);
  });
});

describe('metrics', () => {
  it('replaces exactly a series range and resamples mean/max/p95 per hour and day', async () => {
    const src = await store.ensureSource({ name: 'prom', kind: 'prometheus' });
    const rnd = lcg(7);
    const t0 = Date.parse('2025-04-01T00:00:00Z');
    // Every 15 minutes for two days.
    const pts = Array.from({ length: 192 }, (_, i) => ({ ts: new Date(t0 + i * 900_000).toISOString(), value: Math.round(rnd() * 1000) / 10 }));
    const labels = { cluster: 'prod', resource: 'cpu' };
    const w1 = await store.replaceMetricPoints({ sourceId: src.id, name: 'k8s_cpu_requests', unit: 'cores', labels, from: '2025-04-01', to: '2025-04-03', points: pts });
    expect(w1).toEqual({ pointsWritten: 192, pointsReplaced: 0 });
    // Another label set must not be touched by a replace of the first.
    await store.replaceMetricPoints({ sourceId: src.id, name: 'k8s_cpu_requests', unit: 'cores', labels: { cluster: 'dev', resource: 'cpu' }, from: '2025-04-01', to: '2025-04-02', points: [{ ts: '2025-04-01T05:00:00Z', value: 1 }] });
    // Replace day 2 with a constant 50.
    const day2 = pts.slice(96).map((p) => ({ ts: p.ts, value: 50 }));
    const w2 = await store.replaceMetricPoints({ sourceId: src.id, name: 'k8s_cpu_requests', unit: 'cores', labels: { resource: 'cpu', cluster: 'prod' }, from: '2025-04-02T00:00:00Z', to: '2025-04-03T00:00:00Z', points: day2 });
    expect(w2).toEqual({ pointsWritten: 96, pointsReplaced: 96 });

    const raw = await store.metricSeries({ name: 'k8s_cpu_requests', labels: { cluster: 'prod' } });
    expect(raw).toHaveLength(1);
    expect(raw[0]?.labels).toEqual(labels);
    expect(raw[0]?.unit).toBe('cores');
    expect(raw[0]?.points).toHaveLength(192);
    expect(raw[0]?.points[0]).toEqual({ ts: '2025-04-01T00:00:00.000Z', value: pts[0]?.value });

    const day1 = pts.slice(0, 96).map((p) => p.value);
    const daily = await store.metricSeries({ name: 'k8s_cpu_requests', labels: { cluster: 'prod' }, step: 'day', agg: 'mean' });
    expect(daily[0]?.points.map((p) => p.ts)).toEqual(['2025-04-01T00:00:00.000Z', '2025-04-02T00:00:00.000Z']);
    expect(daily[0]?.points[0]?.value).toBeCloseTo(day1.reduce((a, b) => a + b, 0) / 96, 9);
    expect(daily[0]?.points[1]?.value).toBe(50);
    const hourlyMax = await store.metricSeries({ name: 'k8s_cpu_requests', labels: { cluster: 'prod' }, step: 'hour', agg: 'max', to: '2025-04-01T03:00:00Z' });
    expect(hourlyMax[0]?.points.map((p) => p.value)).toEqual([0, 1, 2].map((h) => Math.max(...day1.slice(h * 4, h * 4 + 4))));
    // p95 by linear interpolation between order statistics (Hyndman & Fan 1996, type 7, as quantile_cont).
    const sorted = [...day1].sort((a, b) => a - b);
    const h = 0.95 * (sorted.length - 1);
    const p95 = (sorted[Math.floor(h)] ?? 0) + (h - Math.floor(h)) * ((sorted[Math.ceil(h)] ?? 0) - (sorted[Math.floor(h)] ?? 0));
    const dp95 = await store.metricSeries({ name: 'k8s_cpu_requests', labels: { cluster: 'prod' }, step: 'day', agg: 'p95' });
    expect(dp95[0]?.points[0]?.value).toBeCloseTo(p95, 9);

    const all = await store.metricSeries({ name: 'k8s_cpu_requests' });
    expect(all.map((s) => s.labels['cluster'])).toEqual(['dev', 'prod']);
    const cat = await store.metricCatalog();
    expect(cat.map((c) => [c.name, c.labels['cluster'], c.points])).toEqual([
      ['k8s_cpu_requests', 'dev', 1],
      ['k8s_cpu_requests', 'prod', 192],
    ]);
    await expect(
      store.replaceMetricPoints({ sourceId: src.id, name: 'k8s_cpu_requests', unit: 'cores', labels, from: '2025-04-01', to: '2025-04-02', points: [{ ts: '2025-04-02T00:00:00Z', value: 1 }] }),
    ).rejects.toThrow(/outside/);
    expect((await store.metricCatalog()).find((c) => c.labels['cluster'] === 'prod')?.points).toBe(192);
  });
});

describe('kv and removeSource', () => {
  it('keeps JSON values per namespace and removes a source with all it owns', async () => {
    await store.kvSet('budgets', 'q1', { limit: 1000 });
    await store.kvSet('budgets', 'q1', { limit: 2000 });
    expect(await store.kvGet('budgets', 'q1')).toEqual({ limit: 2000 });
    expect(await store.kvList('budgets')).toEqual([{ key: 'q1', value: { limit: 2000 } }]);
    await store.kvDelete('budgets', 'q1');
    expect(await store.kvGet('budgets', 'q1')).toBeUndefined();

    const removed = await store.removeSource(sourceB);
    expect(removed.charges).toBe(rows.filter((c) => c.account === '444').length);
    expect((await store.coverage()).map((c) => c.source.name)).not.toContain('b');
    // Re-add: a fresh source starts empty.
    const again = await store.ensureSource({ name: 'b', kind: 'files' });
    expect((await store.coverage()).find((c) => c.source.id === again.id)?.charges.rows).toBe(0);
  });
});
