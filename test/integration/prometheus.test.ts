import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type HandlerContext } from '../../core/api';
import { kubePoolQueries, queryRange } from '../../core/ingest/prometheus';
import { dispatch, openService } from '../../core/service';
import { openStore } from '../../core/store';
import { runCli } from '../cli-harness';
import { freePort, startPrometheus, type RunningPrometheus } from './prometheus';

// Four days of kube-state-metrics history at one sample a minute, ending 2026-01-05T00:00:00Z.
const END = Date.UTC(2026, 0, 5) / 1000;
const START = END - 4 * 86_400;
/** CPU cores requested by pod p at time t (s): a base per pod plus a daily sawtooth. */
const request = (p: number, t: number): number => 1 + 0.5 * p + ((t % 86_400) / 86_400) * 2;
const PODS = [0, 1, 2];
const NODES = ['node-a', 'node-b'];
const ALLOCATABLE = 15.2;

/** A finished Job's pod: kube-state-metrics still exports its request (and phase Succeeded) while the pod object exists. */
const DONE_JOB_CORES = 6;

function openMetrics(): string {
  const lines: string[] = ['# TYPE kube_pod_container_resource_requests gauge'];
  for (const p of PODS) {
    for (let t = START; t <= END; t += 60) lines.push(`kube_pod_container_resource_requests{namespace="shop",pod="web-${p}",resource="cpu",unit="core"} ${request(p, t)} ${t}`);
  }
  for (let t = START; t <= END; t += 60) lines.push(`kube_pod_container_resource_requests{namespace="shop",pod="report-job-1",resource="cpu",unit="core"} ${DONE_JOB_CORES} ${t}`);
  for (let t = START; t <= END; t += 60) lines.push(`kube_pod_container_resource_requests{namespace="shop",pod="web-0",resource="memory",unit="byte"} 1073741824 ${t}`);
  lines.push('# TYPE kube_pod_status_phase gauge');
  const phases: [string, string, number][] = [...PODS.flatMap((p): [string, string, number][] => [[`web-${p}`, 'Running', 1], [`web-${p}`, 'Succeeded', 0]]), ['report-job-1', 'Running', 0], ['report-job-1', 'Succeeded', 1]];
  for (const [pod, phase, v] of phases) for (let t = START; t <= END; t += 60) lines.push(`kube_pod_status_phase{namespace="shop",pod="${pod}",phase="${phase}"} ${v} ${t}`);
  lines.push('# TYPE kube_node_status_allocatable gauge');
  for (const n of NODES) for (let t = START; t <= END; t += 60) lines.push(`kube_node_status_allocatable{node="${n}",resource="cpu",unit="core"} ${ALLOCATABLE} ${t}`);
  return `${lines.join('\n')}\n# EOF\n`;
}

const AUTH = { user: 'headroom', password: 's3cret', bcrypt: '$2b$04$at1feGvPCKYqkbGI7uMzq.QM6ArNl594sZlqxLzi29PnXqFYCBSvC' };
const auth = { kind: 'basic', username: AUTH.user, password: AUTH.password } as const;

let prom: RunningPrometheus;
beforeAll(async () => {
  prom = await startPrometheus(openMetrics(), AUTH);
}, 120_000);
afterAll(async () => {
  await prom?.stop();
});

describe('Prometheus query_range against a real server', () => {
  it('splits a long range under the 11,000-point limit and returns every step exactly once', async () => {
    const { requests: reqCpu } = kubePoolQueries('cpu');
    // 30 s step over 4 days = 11,521 evaluation timestamps: one request would be refused.
    const res = await queryRange({ url: prom.url, query: reqCpu, start: START, end: END, step: 30, auth });
    expect(res.requests).toBe(2);
    expect(res.series).toHaveLength(1);
    const samples = res.series[0]!.samples;
    expect(samples).toHaveLength(11_521);
    expect(new Set(samples.map((s) => s[0])).size).toBe(11_521);
    // At t the instant vector takes each pod's latest sample at or before t (one a minute); the
    // finished Job's pod (phase Succeeded) holds no capacity and is not counted.
    for (const [t, v] of [samples[0]!, samples[5000]!, samples[10_001]!, samples.at(-1)!]) {
      const at = t - (t % 60);
      const expected = PODS.reduce((s, p) => s + request(p, at), 0);
      expect(v).toBeCloseTo(expected, 9);
    }
    // Without chunking the server itself refuses, with its own message.
    await expect(queryRange({ url: prom.url, query: reqCpu, start: START, end: END, step: 30, auth, maxPoints: 20_000 })).rejects.toThrow(/11,000 points/);
  });

  it('surfaces PromQL errors, bad credentials and an unreachable server with clear messages', async () => {
    await expect(queryRange({ url: prom.url, query: 'sum(rate(kube_pod_container_resource_requests[5m]', start: START, end: END, step: 3600, auth })).rejects.toThrow(/Prometheus rejected the query "sum\(rate\(kube_pod_container_resource_requests\[5m\]": .*parse error/);
    await expect(queryRange({ url: prom.url, query: 'up', start: START, end: END, step: 3600, auth: { ...auth, password: 'wrong' } })).rejects.toMatchObject({ code: 'AUTH' });
    await expect(queryRange({ url: prom.url, query: 'up', start: START, end: END, step: 3600 })).rejects.toThrow(/refused the credentials \(HTTP 401\)/);
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(queryRange({ url: closed, query: 'up', start: START, end: END, step: 3600 })).rejects.toThrow(new RegExp(`Cannot reach Prometheus at ${closed}: .*ECONNREFUSED`));
  });

  it('headroom metrics add-prometheus --kube cpu imports requests of running pods and the allocatable cores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-prom-cli-'));
    try {
      // The CLI's range ends now: ten years back reaches the backfilled days.
      const r = await runCli(['metrics', 'add-prometheus', '--name', 'shop', '--kube', 'cpu', '--url', prom.url, '--user', AUTH.user, '--password-env', 'PROM_PASSWORD', '--step', '1h', '--range', '3650d', '--json', '--data-dir', dir], { PROM_PASSWORD: AUTH.password });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const store = await openStore(dir);
      try {
        const [requests] = await store.metricSeries({ name: 'shop_requests' });
        const [allocatable] = await store.metricSeries({ name: 'shop_allocatable' });
        expect(requests!.unit).toBe('core');
        const hours = Array.from({ length: 4 * 24 + 1 }, (_, i) => START + i * 3600);
        expect(requests!.points.map((p) => p.ts)).toEqual(hours.map((t) => new Date(t * 1000).toISOString()));
        for (const [k, t] of hours.entries()) expect(requests!.points[k]!.value).toBeCloseTo(PODS.reduce((a, p) => a + request(p, t), 0), 9);
        expect(allocatable!.points.every((p) => Math.abs(p.value - 2 * ALLOCATABLE) < 1e-9)).toBe(true);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports kube-state-metrics pool expressions through the service and plans the Kubernetes pool', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-prom-svc-'));
    const service = await openService({ dataDir: dir, clock: () => new Date(END * 1000) });
    const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
    try {
      const q = kubePoolQueries('cpu', 'namespace="shop"');
      const imported = api['metrics.addPrometheus'].res.parse(
        await dispatch(service.handlers, 'metrics.addPrometheus', { name: 'shop_cpu_requests', url: prom.url, query: q.requests, step_seconds: 300, range_days: 4, unit: q.unit, auth }, ctx),
      );
      expect(imported.series[0]!.points).toBe((4 * 86_400) / 300 + 1);
      // The node allocatable query has no namespace label: query it without the selector.
      await dispatch(service.handlers, 'metrics.addPrometheus', { name: 'cluster_cpu_allocatable', url: prom.url, query: kubePoolQueries('cpu').allocatable, step_seconds: 300, range_days: 4, unit: 'core', auth }, ctx);
      const daily = await service.store.metricSeries({ name: 'cluster_cpu_allocatable', step: 'day', agg: 'max' });
      expect(daily[0]!.points.every((p) => Math.abs(p.value - 2 * ALLOCATABLE) < 1e-9)).toBe(true);
      await dispatch(
        service.handlers,
        'pools.add',
        { pool: { name: 'shop-cpu', usage: { kind: 'metric', metric: 'shop_cpu_requests', labels: {} }, capacity: [{ from: '1970-01-01', capacity: 2 * ALLOCATABLE }], target: 0.85, lead_time_days: 3, unit: 'core', cost_per_unit: null, scaling: null } },
        ctx,
      );
      const plan = api['capacity.plan'].res.parse(await dispatch(service.handlers, 'capacity.plan', { horizon_days: 30, paths: 200 }, ctx));
      // Daily peak of the summed requests: 3 + 1.5 + 3 × (2 × 23:55/24) ≈ 10.49 cores on each full day.
      const peak = 1 + 1.5 + 2 + 3 * 2 * ((86_400 - 300) / 86_400);
      const hist = plan.pools[0]!.history.values.filter((v): v is number => v !== null);
      expect(hist.slice(0, 4).every((v) => Math.abs(v - peak) < 1e-6)).toBe(true);
      expect(plan.pools[0]!.capacity).toBeCloseTo(30.4, 9);
      // Data through yesterday is current: no note about its age.
      expect(plan.pools[0]!.as_of).toBe('2026-01-04');
      expect(plan.pools[0]!.warnings.filter((w) => w.startsWith('The data ends'))).toEqual([]);
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a metric name that already reads another query is refused, store unchanged; with replace all its points are the new query\'s and the source says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-prom-replace-'));
    const service = await openService({ dataDir: dir, clock: () => new Date(END * 1000) });
    const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
    const add = (query: string, range_days: number, replace?: boolean) =>
      dispatch(service.handlers, 'metrics.addPrometheus', { name: 'cpu', url: prom.url, query, step_seconds: 3600, range_days, unit: 'core', auth, ...(replace ? { replace } : {}) }, ctx);
    const points = async (): Promise<{ n: number; max: number }> => {
      const rows = await service.store.read((sql) => sql.all(`SELECT count(*) AS n, max(value) AS m FROM metrics WHERE name = 'cpu'`));
      return { n: Number(rows[0]?.['n']), max: Number(rows[0]?.['m']) };
    };
    try {
      const q = kubePoolQueries('cpu');
      await add(q.allocatable, 4);
      const before = await points();
      expect(before).toEqual({ n: 4 * 24 + 1, max: 2 * ALLOCATABLE });
      // Another query under the same name, over a shorter range: refused, nothing changes.
      const e = await add(q.requests, 1).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'CONFLICT' });
      expect((e as Error).message).toContain('The metric source "cpu" already reads');
      expect((e as Error).message).toContain('--replace');
      expect(await points()).toEqual(before);
      // Replaced: only the new query's 25 hourly points, none of the old query's 3 days before them.
      await add(q.requests, 1, true);
      const after = await points();
      expect(after.n).toBe(25);
      expect(after.max).toBeLessThan(2 * ALLOCATABLE);
      expect((await service.store.getSource('cpu'))?.settings['query']).toBe(q.requests);
      // The same query again re-reads its range and changes nothing.
      await add(q.requests, 1);
      expect(await points()).toEqual(after);
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
