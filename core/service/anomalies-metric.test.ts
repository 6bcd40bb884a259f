import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext, Res } from '../api';
import { addDays, type Day } from '../lib';
import { tempDir } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
let dir: string;
let cleanup: () => void;
let service: Service;

const FIRST = '2025-09-01' as Day;
const DAYS = 240;
/** Day index of the +40 spike (2026-03-02) and of the +25 level shift (2026-04-06), both outside the holiday windows. */
const SPIKE = 182;
const SHIFT = 217;
/** Weekly pattern (weekdays 100, weekends 70) with ±1 deterministic noise; +40 on SPIKE; +25 from SHIFT on. */
const daily = (i: number): number => (i % 7 === 5 || i % 7 === 6 ? 70 : 100) + (((i * 37) % 11) - 5) / 5 + (i === SPIKE ? 40 : 0) + (i >= SHIFT ? 25 : 0);
/** 30 days of hourly points: a daily cycle 50 ± 20, ±0.5 noise, +30 on hours 400–402. */
const hourly = (h: number): number => 50 + 20 * Math.sin((2 * Math.PI * (h % 24)) / 24) + (((h * 53) % 7) - 3) / 6 + (h >= 400 && h <= 402 ? 30 : 0);
const HOUR0 = Date.parse('2026-02-01T00:00:00Z');

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('headroom-metric-anomalies-'));
  service = await openService({ dataDir: dir });
  const src = await service.store.ensureSource({ name: 'files', kind: 'files' });
  // Day 100 is missing: it is interpolated and counted as filled, never an anomaly of its own.
  const points = Array.from({ length: DAYS }, (_, i) => ({ ts: `${addDays(FIRST, i)}T00:00:00.000Z`, value: daily(i) })).filter((_, i) => i !== 100);
  await service.store.replaceMetricPoints({ sourceId: src.id, name: 'requests', unit: 'req/s', labels: { app: 'shop' }, from: FIRST, to: addDays(FIRST, DAYS), points });
  const hours = Array.from({ length: 30 * 24 }, (_, h) => ({ ts: new Date(HOUR0 + h * 3_600_000).toISOString(), value: hourly(h) }));
  await service.store.replaceMetricPoints({ sourceId: src.id, name: 'cpu', unit: '%', labels: { host: 'a' }, from: '2026-02-01', to: '2026-03-03', points: hours });
});
afterAll(async () => {
  await service.close();
  cleanup();
});

describe('anomalies.metric', () => {
  it('daily: the spike at its day with its excess, the level change once from its change day', async () => {
    const r = (await dispatch(service.handlers, 'anomalies.metric', { name: 'requests' }, ctx)) as Res<'anomalies.metric'>;
    expect(r.series).toBe(1);
    expect(r.step).toBe('day');
    expect(r.anomalies.map((a) => [a.kind, a.start.slice(0, 10)])).toEqual([
      ['level_shift', addDays(FIRST, SHIFT)],
      ['spike', addDays(FIRST, SPIKE)],
    ]);
    const spike = r.anomalies[1]!;
    expect(spike.end).toBe(spike.start);
    // +40 on one day, against a fit that is off by the ±1 noise.
    expect(Math.abs(spike.impact - 40)).toBeLessThan(3);
    expect(spike.scope).toEqual({ app: 'shop' });
    expect(spike.unit).toBe('req/s');
    const shift = r.anomalies[0]!;
    // Medians of four whole weeks either side: the weekday level moves by 25 (± the noise).
    expect(Math.abs(shift.step! - 25)).toBeLessThan(2);
    expect(shift.filled).toBe(0);
    // --since keeps only what ends on or after it.
    const since = (await dispatch(service.handlers, 'anomalies.metric', { name: 'requests', since: addDays(FIRST, SPIKE + 1) }, ctx)) as Res<'anomalies.metric'>;
    expect(since.anomalies.map((a) => a.kind)).toEqual(['level_shift']);
  });

  it('hourly: a three-hour spike with a daily cycle', async () => {
    const r = (await dispatch(service.handlers, 'anomalies.metric', { name: 'cpu', step: 'hour', labels: { host: 'a' } }, ctx)) as Res<'anomalies.metric'>;
    expect(r.anomalies.map((a) => [a.kind, a.start, a.end])).toEqual([['spike', new Date(HOUR0 + 400 * 3_600_000).toISOString(), new Date(HOUR0 + 402 * 3_600_000).toISOString()]]);
    expect(Math.abs(r.anomalies[0]!.impact - 30)).toBeLessThan(2);
  });

  it('an unknown metric is NOT_FOUND with what to do', async () => {
    await expect(dispatch(service.handlers, 'anomalies.metric', { name: 'nope' }, ctx)).rejects.toThrow(/No metric named "nope"/);
  });
});
