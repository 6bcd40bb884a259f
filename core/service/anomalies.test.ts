import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HandlerContext, type Res } from '../api';
import { daysBetween, parseDay } from '../lib';
import { DEMO_SEED, generateDemo, seededRandom, type DemoAnomaly } from '../ingest/demo';
import { tempDir } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
const asOf = parseDay('2026-11-20');
let dir: string;
let cleanup: () => void;
let service: Service;
let truth: readonly DemoAnomaly[];
let found: Res<'anomalies.list'>;

const call = (name: Parameters<typeof dispatch>[1], req: unknown): Promise<unknown> => dispatch(service.handlers, name, req, ctx);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('headroom-anomalies-'));
  service = await openService({ dataDir: dir, clock: () => new Date(`${asOf}T09:00:00Z`) });
  await call('demo.load', { as_of: asOf });
  // The ground truth, generated independently of the store by the same seeded generator.
  truth = generateDemo({ asOf, random: seededRandom(DEMO_SEED) }).truth.anomalies;
  found = (await call('anomalies.list', {})) as Res<'anomalies.list'>;
}, 120_000);
afterAll(async () => {
  await service.close();
  cleanup();
});

describe('anomalies on the demo dataset', () => {
  it('finds every injected anomaly in its sub-account and service, at its dates, with its dollar impact', () => {
    expect(truth.length).toBeGreaterThanOrEqual(5);
    for (const t of truth) {
      const hit = found.anomalies.find((a) => a.scope.sub_account === t.scope.sub_account && a.scope.service === t.scope.service && a.start <= t.end && a.end >= t.start);
      expect(hit, `${t.id} (${t.start}…${t.end}, ${t.scope.service})`).toBeDefined();
      // Dates: the injected days, each end within a day (measured: 3 of 5 exact, the others one day wider).
      expect(Math.abs(daysBetween(hit!.start, t.start)), `${t.id} start ${hit!.start} vs ${t.start}`).toBeLessThanOrEqual(1);
      expect(Math.abs(daysBetween(hit!.end, t.end)), `${t.id} end ${hit!.end} vs ${t.end}`).toBeLessThanOrEqual(1);
      // Impact within 25 % of the true impact (measured: within 1 % for 1–5-day spikes, 10 % for the
      // 3-day BigQuery run, −20 % for the 6-day Azure SQL scale-up, whose level the trend half follows).
      expect(Math.abs(hit!.impact - t.impact), `${t.id}: ${hit!.impact} vs ${t.impact}`).toBeLessThanOrEqual(0.25 * t.impact);
      expect(hit!.actual - hit!.expected).toBeCloseTo(hit!.impact, 1);
      expect(hit!.interval.upper).toBeLessThan(hit!.actual);
    }
  });

  it('reports how many anomalies fall outside the ground truth', () => {
    const trueHit = (a: Res<'anomalies.list'>['anomalies'][number]): boolean =>
      truth.some((t) => a.start <= t.end && a.end >= t.start && Object.entries(a.scope).every(([k, v]) => (t.scope as unknown as Record<string, string>)[k] === v));
    const others = found.anomalies.filter((a) => !trueHit(a));
    console.log(`anomalies: ${found.anomalies.length}, outside the truth: ${others.length}`);
    // Known weakness: holidays, the migration and commitment changes are flagged too; every
    // truth anomaly must still be among the 3 largest impacts of its sub-account × service.
    for (const t of truth) {
      const same = found.anomalies.filter((a) => a.scope.sub_account === t.scope.sub_account && a.scope.service === t.scope.service).sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact));
      expect(same.slice(0, 3).some((a) => a.start <= t.end && a.end >= t.start), t.id).toBe(true);
    }
  });

  it('--since keeps anomalies ending on or after the day, and labels persist in kv', async () => {
    const recent = truth.reduce((a, b) => (a.start > b.start ? a : b));
    const since = (await call('anomalies.list', { since: recent.start })) as Res<'anomalies.list'>;
    expect(since.anomalies.every((a) => a.end >= recent.start)).toBe(true);
    expect(since.anomalies.length).toBe(found.anomalies.filter((a) => a.end >= recent.start).length);
    expect(since.anomalies.length).toBeLessThan(found.anomalies.length);
    const hit = found.anomalies.find((a) => a.scope.sub_account === recent.scope.sub_account && a.scope.service === recent.scope.service && a.start <= recent.end && a.end >= recent.start)!;
    // A start that is not the detected one is refused with the detected start named.
    await expect(call('anomalies.label', { start: '2026-11-01', scope: [{ dimension: 'sub_account', value: recent.scope.sub_account }, { dimension: 'service', value: recent.scope.service }], label: 'incident' })).rejects.toThrow(hit.start);
    const res = await call('anomalies.label', { start: hit.start, scope: [{ dimension: 'sub_account', value: recent.scope.sub_account }, { dimension: 'service', value: recent.scope.service }], label: 'incident' });
    expect(res).toMatchObject({ label: 'incident', matched: true });
    const again = (await call('anomalies.list', { since: hit.start })) as Res<'anomalies.list'>;
    const labelled = again.anomalies.filter((a) => a.label !== null);
    expect(labelled.map((a) => [a.start, a.scope, a.label])).toEqual([[hit.start, { sub_account: recent.scope.sub_account, service: recent.scope.service }, 'incident']]);
    expect(daysBetween(recent.start, asOf)).toBeLessThan(60);
  });
});
