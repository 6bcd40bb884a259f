import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext, Res } from '../api';
import { TEST_SELECT, days, makeCharges, tempDir, writeChargesCsv, type TestCharge } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';

let dir: string;
let cleanup: () => void;
let service: Service;
let rows: TestCharge[];
const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-forecast-svc-'));
  rows = makeCharges(7, ['111', '222'], days('2025-01-01', 42));
  service = await openService({ dataDir: dir, clock: () => new Date('2025-03-01T00:00:00Z') });
  const src = await service.store.ensureSource({ name: 'files', kind: 'files', provider: 'AWS' });
  const f = writeChargesCsv(dir, 'x.csv', rows);
  await service.store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 'test', selectSql: TEST_SELECT, params: { file: f.file } });
});
afterEach(async () => {
  await service.close();
  cleanup();
});

describe('forecast.series', () => {
  it('forecasts each group of the stored daily series: history = independent daily sums, seasonal naive repeats the last week', async () => {
    const res = (await dispatch(service.handlers, 'forecast.series', { by: ['billing_account'], horizon: 14, model: 'snaive', levels: [0.8, 0.95] }, ctx)) as Res<'forecast.series'>;
    expect(res.series).toHaveLength(2);
    for (const s of res.series) {
      const account = s.group['billing_account'];
      const expected = days('2025-01-01', 42).map((d) => rows.filter((r) => r.account === account && r.day === d).reduce((a, r) => a + r.effectiveMicros / 1e6, 0));
      expect(s.history.start).toBe('2025-01-01');
      s.history.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
      const fc = s.forecast!;
      expect(fc.start).toBe('2025-02-12');
      const lastWeek = s.history.values.slice(-7);
      expect(fc.mean).toEqual([...lastWeek, ...lastWeek]);
      expect(fc.card.spec).toBe('SNaive[7]');
      expect(fc.intervals.map((i) => i.level)).toEqual([0.8, 0.95]);
    }
  });

  it('auto returns a card with backtest scores and sample paths when asked', async () => {
    const res = (await dispatch(service.handlers, 'forecast.series', { horizon: 7, paths: 20, seed: 3 }, ctx)) as Res<'forecast.series'>;
    const fc = res.series[0]!.forecast!;
    expect(fc.mean).toHaveLength(7);
    expect(fc.paths).toHaveLength(20);
    expect(fc.card.requested).toBe('auto');
    expect(fc.card.backtest?.windows).toBeGreaterThan(0);
    expect(fc.card.candidates!.length).toBeGreaterThan(2);
  });
});
