import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDay, type Day } from '../lib';
import type { ChargeRow, CurrencyCode, DecimalString } from '../model';
import { openStore, type Store } from './store';
import { tempDir } from './testing/fixtures';

let dir: string;
let cleanup: () => void;
let store: Store;
let sourceId: number;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  store = await openStore(dir, { clock: () => new Date('2026-11-26T00:00:00Z') });
  sourceId = (await store.ensureSource({ name: 'aws-main', kind: 'aws', provider: 'AWS', settings: { profile: 'p' } })).id;
});
afterEach(async () => {
  await store.close();
  cleanup();
});

const row = (day: string, billed: string): ChargeRow => ({
  ProviderName: 'AWS',
  BillingAccountId: '000123456789',
  BillingAccountName: null,
  SubAccountId: '000123456789',
  SubAccountName: 'payer',
  ChargePeriodStart: parseDay(day),
  ServiceName: 'AWS Lambda',
  ServiceCategory: null,
  RegionId: 'us-east-1',
  ResourceId: null,
  SkuId: null,
  ChargeCategory: 'Usage',
  ChargeClass: null,
  ChargeFrequency: null,
  PricingCategory: null,
  CommitmentDiscountId: null,
  CommitmentDiscountType: null,
  CommitmentDiscountStatus: null,
  BilledCost: billed as DecimalString,
  EffectiveCost: billed as DecimalString,
  ListCost: null,
  BillingCurrency: 'USD' as CurrencyCode,
  ConsumedQuantity: null,
  ConsumedUnit: null,
  Tags: {},
});

const total = async (): Promise<string> =>
  store.read(async (sql) => String((await sql.all(`SELECT CAST(SUM(BilledCost) AS VARCHAR) AS t FROM charges`))[0]?.['t']));

describe('sync state', () => {
  it('commits a range with its day states; a recommit replaces both', async () => {
    const from = parseDay('2026-11-01');
    const to = parseDay('2026-11-04');
    await store.commitSyncRange({ sourceId, from, to, rows: [row('2026-11-01', '1.5'), row('2026-11-02', '2.25'), row('2026-11-03', '0.000000000001')], format: 'aws-cost-explorer', openDays: [parseDay('2026-11-03')], learned: { pageSize: 40 } });
    expect(await store.syncDays(sourceId, from, to)).toEqual([
      { day: '2026-11-01', final: true },
      { day: '2026-11-02', final: true },
      { day: '2026-11-03', final: false },
    ]);
    expect(await total()).toBe('3.750000000001');
    expect(await store.kvGet('sync-learned', String(sourceId))).toEqual({ pageSize: 40 });
    await store.commitSyncRange({ sourceId, from: parseDay('2026-11-03'), to, rows: [row('2026-11-03', '4')], format: 'aws-cost-explorer', openDays: [] });
    expect((await store.syncDays(sourceId, from, to)).every((d) => d.final)).toBe(true);
    expect(await total()).toBe('7.750000000000');
  });

  it('writes nothing — neither rows nor day states — when the range fails', async () => {
    const from = parseDay('2026-11-01');
    const to = parseDay('2026-11-03');
    await store.commitSyncRange({ sourceId, from, to, rows: [row('2026-11-01', '1')], format: 'x', openDays: [] });
    await expect(store.commitSyncRange({ sourceId, from, to, rows: [row('2026-11-02', '5'), row('2026-11-09', '1')], format: 'x', openDays: [] })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(await total()).toBe('1.000000000000');
    expect(await store.syncDays(sourceId, from, to)).toEqual([
      { day: '2026-11-01', final: true },
      { day: '2026-11-02', final: true },
    ]);
  });

  it('keeps the latest provider forecast per metric', async () => {
    const pts = (m: number) => [{ from: parseDay('2026-12-01') as Day, to: parseDay('2027-01-01') as Day, mean: m, lo: m * 0.9, hi: m * 1.1 }];
    await store.replaceProviderForecast(sourceId, { provider: 'AWS', metric: 'NetAmortizedCost', currency: 'USD', level: 80, points: pts(100) });
    await store.replaceProviderForecast(sourceId, { provider: 'AWS', metric: 'NetAmortizedCost', currency: 'USD', level: 80, points: pts(120) });
    const f = await store.providerForecasts(sourceId);
    expect(f).toHaveLength(1);
    expect(f[0]?.points).toEqual([{ from: '2026-12-01', to: '2027-01-01', mean: 120, lo: 108, hi: 132 }]);
    expect(f[0]?.fetchedAt).toBe('2026-11-26T00:00:00Z');
  });
});
