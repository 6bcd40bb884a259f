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

  it("a currency whose data starts later than the store's is trained from its first day with cost, not on the zeros before it", async () => {
    // Euro charges only on the last 14 of the store's 42 days, every day ~10 EUR per account.
    const euro = makeCharges(9, ['333'], days('2025-01-29', 14), 'EUR').map((r) => ({ ...r, billedMicros: 10_000_000, effectiveMicros: 10_000_000 }));
    const src = await service.store.ensureSource({ name: 'euro', kind: 'files', provider: 'AWS' });
    const f = writeChargesCsv(dir, 'eur.csv', euro);
    await service.store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 'test', selectSql: TEST_SELECT, params: { file: f.file } });
    const res = (await dispatch(service.handlers, 'forecast.series', { horizon: 7, model: 'snaive' }, ctx)) as Res<'forecast.series'>;
    const eur = res.series.find((s) => s.currency === 'EUR')!;
    expect(eur.history.start).toBe('2025-01-01');
    expect(eur.history.values.slice(0, 28).every((v) => v === 0)).toBe(true);
    const fc = eur.forecast!;
    expect(fc.basis.history.from).toBe('2025-01-29');
    // Three services a day at 10 EUR each: the last week repeated, nothing of the zeros.
    fc.mean.forEach((m) => expect(m).toBeCloseTo(30, 9));
    expect(fc.basis.notes.some((n) => n.includes("History starts at the series' first day with cost, 2025-01-29; the 28 day(s) before it"))).toBe(true);
    const usd = res.series.find((s) => s.currency === 'USD')!;
    expect(usd.forecast!.basis.history.from).toBe('2025-01-01');
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

  it('returns the backtest windows on request, dated from the history start: actual = the stored days', async () => {
    const res = (await dispatch(service.handlers, 'forecast.series', { horizon: 7, model: 'snaive', backtest: true }, ctx)) as Res<'forecast.series'>;
    const s = res.series[0]!;
    const w = s.forecast!.backtest!;
    // 42 days, horizon 7: origins 35, 28 (21 would leave fewer than 2·7 + 8 training days) → 2025-01-29, 02-05.
    expect(w.map((x) => x.start)).toEqual(['2025-01-29', '2025-02-05']);
    expect(w[1]!.actual).toEqual(s.history.values.slice(35, 42));
    expect(w[1]!.mean).toEqual(s.history.values.slice(28, 35));
    expect(s.forecast!.card.backtest?.windows).toBe(2);
    const plain = (await dispatch(service.handlers, 'forecast.series', { horizon: 7, model: 'snaive' }, ctx)) as Res<'forecast.series'>;
    expect(plain.series[0]!.forecast!.backtest).toBeUndefined();
  });
});

describe('forecast.provider', () => {
  it('lists the stored provider forecasts per source with their cost view; none when no sync stored one', async () => {
    expect(await dispatch(service.handlers, 'forecast.provider', {}, ctx)).toEqual({ forecasts: [] });
    const az = await service.store.ensureSource({ name: 'azure-prod', kind: 'azure', provider: 'Microsoft' });
    await service.store.replaceProviderForecast(az.id, { provider: 'Microsoft', metric: 'AmortizedCost', currency: 'EUR', points: [{ from: '2025-02-12' as never, to: '2025-02-13' as never, mean: 12.5 }] });
    const aws = await service.store.ensureSource({ name: 'aws-prod', kind: 'aws', provider: 'AWS' });
    await service.store.replaceProviderForecast(aws.id, { provider: 'AWS', metric: 'UnblendedCost', currency: 'USD', level: 80, points: [{ from: '2025-03-01' as never, to: '2025-04-01' as never, mean: 310, lo: 290, hi: 330 }] });
    const res = (await dispatch(service.handlers, 'forecast.provider', {}, ctx)) as Res<'forecast.provider'>;
    expect(res.forecasts.map((f) => ({ ...f, fetched_at: typeof f.fetched_at }))).toEqual([
      { source: 'azure-prod', provider: 'Microsoft', metric: 'AmortizedCost', view: 'effective', currency: 'EUR', fetched_at: 'string', points: [{ from: '2025-02-12', to: '2025-02-13', mean: 12.5 }] },
      { source: 'aws-prod', provider: 'AWS', metric: 'UnblendedCost', view: 'billed', currency: 'USD', level: 80, fetched_at: 'string', points: [{ from: '2025-03-01', to: '2025-04-01', mean: 310, lo: 290, hi: 330 }] },
    ]);
  });
});
