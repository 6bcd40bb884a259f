import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, type HandlerContext, type Pool } from '../api';
import type { Day } from '../lib';
import { sharedData } from '../../test/shared-data';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';
import { forecastSeries } from '../forecast';
import { DEFAULT_HOLIDAY_CALENDAR } from '../plan';
import { existingFromFacts, termMonthsFromSku } from './capacity';
import { calendarKeys } from './calendar';
import { clearForecastCache, forecastCacheStats } from './forecast-cache';

let dir: string;
let service: Service;
const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
const call = (name: string, req: unknown): Promise<unknown> => dispatch(service.handlers, name, req, ctx);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-capacity-'));
  service = await openService({ dataDir: dir, clock: () => new Date('2026-02-01T10:00:00Z') });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const pool = (over: Partial<Pool> = {}): Pool => ({
  name: 'asg',
  usage: { kind: 'metric', metric: 'asg_cpu', labels: {} },
  capacity: [{ from: '1970-01-01' as Day, capacity: 100 }],
  target: 0.8,
  lead_time_days: 7,
  unit: '%',
  cost_per_unit: null,
  scaling: null,
  ...over,
});

describe('capacity service on real NAB series', () => {
  it('imports every NAB utilisation file and plans capacity for each without errors', async () => {
    const files = ['cpu_utilization_asg_misconfiguration.csv', 'ec2_cpu_utilization_825cc2.csv', 'ec2_network_in_5abac7.csv', 'rds_cpu_utilization_cc0c53.csv', 'nyc_taxi.csv'];
    for (const f of files) {
      const name = f.replace(/\.csv$/, '');
      const res = api['metrics.import'].res.parse(await call('metrics.import', { file: sharedData('usage', 'nab', f), name, unit: f.includes('cpu') ? '%' : '1' }));
      expect(res.series[0]!.points).toBe(res.rows);
      await call('pools.add', { pool: pool({ name, usage: { kind: 'metric', metric: name, labels: {} }, capacity: [{ from: '1970-01-01' as Day, capacity: f.includes('cpu') ? 100 : 1e9 }] }) });
    }
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 60, paths: 200 }));
    expect(plan.pools.map((p) => p.name).sort()).toEqual(files.map((f) => f.replace(/\.csv$/, '')).sort());
    const asg = plan.pools.find((p) => p.name === 'cpu_utilization_asg_misconfiguration')!;
    // The file ends at 2014-07-15 17:19 (208 of 288 samples): that day's peak is not known yet.
    expect(asg.as_of).toBe('2014-07-14');
    expect(asg.history.values.length).toBe(62); // 2014-05-14 (274 of 288: complete but for missed samples) … 2014-07-14
    // The service's today is 2026-02-01: every NAB plan says how old its data is.
    expect(asg.warnings).toContain('The data ends 2014-07-14, 4,220 days before today (2026-02-01): the forecast, exhaustion and order-by dates start from there. Import or sync newer data for a current plan.');
    for (const p of plan.pools) {
      expect(p.warnings.filter((w) => w.startsWith(`The data ends ${p.as_of}, `))).toHaveLength(1);
      expect(p.forecast.p50).toHaveLength(60);
      expect(p.needed_capacity).toBeGreaterThan(0);
      expect(p.exhaustion.p10 === null || p.order_by === null || p.order_by < p.exhaustion.p10).toBe(true);
    }
  });

  it('re-importing a file replaces its points (idempotent)', async () => {
    const f = sharedData('usage', 'nab', 'ec2_cpu_utilization_24ae8d.csv');
    await call('metrics.import', { file: f, name: 'cpu', unit: '%' });
    await call('metrics.import', { file: f, name: 'cpu', unit: '%' });
    const list = api['metrics.list'].res.parse(await call('metrics.list', {}));
    expect(list.metrics).toHaveLength(1);
    expect(list.metrics[0]!.points).toBe(4032);
  });
});

describe('capacity service: many pools', () => {
  it('forecasts each of 17 pools once (more than the memo keeps: the plan uses the forecasts it made, not the memo)', async () => {
    for (let k = 0; k < 17; k++) {
      const csv = join(dir, `m${k}.csv`);
      writeFileSync(csv, ['timestamp,value', ...Array.from({ length: 20 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}T12:00:00Z,${10 + k + (i % 5)}`)].join('\n'));
      await call('metrics.import', { file: csv, name: `m${k}`, unit: '%' });
      await call('pools.add', { pool: pool({ name: `p${k}`, usage: { kind: 'metric', metric: `m${k}`, labels: {} } }) });
    }
    clearForecastCache();
    const s0 = forecastCacheStats();
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 30, paths: 20, model: 'naive' }));
    expect(plan.pools).toHaveLength(17);
    expect(forecastCacheStats().misses - s0.misses).toBe(17);
    expect(Object.fromEntries(plan.pools.map((p) => [p.name, [p.as_of, p.history.values.at(-1)]]))).toEqual(Object.fromEntries(Array.from({ length: 17 }, (_, k) => [`p${k}`, ['2026-01-20', 14 + k]])));
  });
});

describe('capacity service: bad input', () => {
  it('names the unknown metric, the unknown pool, capacity 0 and a lead time longer than the horizon', async () => {
    const csv = join(dir, 'm.csv');
    writeFileSync(csv, ['timestamp,value', ...Array.from({ length: 40 }, (_, i) => `2026-01-${String((i % 28) + 1).padStart(2, '0')}T0${i % 10}:00:00Z,${50 + i}`)].join('\n'));
    await call('metrics.import', { file: csv, name: 'asg_cpu', unit: '%' });
    await expect(call('pools.add', { pool: pool({ usage: { kind: 'metric', metric: 'nope', labels: {} } }) })).rejects.toThrow(/Unknown metric "nope". Known metrics: asg_cpu/);
    await expect(call('pools.add', { pool: pool({ capacity: [{ from: '1970-01-01' as Day, capacity: 0 }] }) })).rejects.toThrow(/capacity/);
    await call('pools.add', { pool: pool({ lead_time_days: 200 }) });
    await expect(call('capacity.plan', { horizon_days: 180 })).rejects.toThrow(/lead time \(200 days\) is not shorter than the horizon \(180 days\)/);
    await expect(call('capacity.plan', { pool: 'other', horizon_days: 180 })).rejects.toThrow(/No pool named "other". Pools: asg/);
    await expect(call('pools.add', { pool: pool() })).rejects.toThrow(/already exists/);
  });
});

describe('capacity service: a pool cost\'s currency', () => {
  /** 40 days rising from 60 to 99 % on a 100 % pool at an 80 % target: every plan adds capacity. */
  const importRising = async (): Promise<void> => {
    const csv = join(dir, 'rising.csv');
    writeFileSync(csv, ['timestamp,value', ...Array.from({ length: 40 }, (_, i) => `${new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString()},${60 + i}`)].join('\n'));
    await call('metrics.import', { file: csv, name: 'asg_cpu', unit: '%' });
  };

  it('keeps the currency through pools.add, pools.list and pools.show', async () => {
    await importRising();
    const added = api['pools.add'].res.parse(await call('pools.add', { pool: pool({ cost_per_unit: 12.5, currency: 'EUR' }) }));
    expect(added.pool.currency).toBe('EUR');
    const list = api['pools.list'].res.parse(await call('pools.list', {}));
    expect(list.pools.map((p) => [p.name, p.cost_per_unit, p.currency])).toEqual([['asg', 12.5, 'EUR']]);
    const shown = api['pools.show'].res.parse(await call('pools.show', { name: 'asg' }));
    expect(shown.pool.currency).toBe('EUR');
  });

  it('refuses a currency that is not an upper-case ISO 4217 code, naming the field', async () => {
    await importRising();
    await expect(call('pools.add', { pool: pool({ cost_per_unit: 1, currency: 'eur' }) })).rejects.toThrow('Invalid request for "pools.add": pool.currency: expected an ISO 4217 code such as USD');
    await expect(call('pools.add', { pool: pool({ cost_per_unit: 1, currency: 'EURO' }) })).rejects.toThrow('pool.currency: expected an ISO 4217 code such as USD');
    await expect(call('pools.add', { pool: pool({ cost_per_unit: 1, currency: 'ABC' }) })).rejects.toThrow('Pool "asg": currency "ABC" is not an ISO 4217 currency code.');
    expect(api['pools.list'].res.parse(await call('pools.list', {})).pools).toEqual([]);
  });

  it('prices an EUR pool\'s recommendation in EUR; a pool without a currency in USD, with a note; no cost, no currency', async () => {
    await importRising();
    await call('pools.add', { pool: pool({ name: 'eur', cost_per_unit: 12.5, currency: 'EUR' }) });
    await call('pools.add', { pool: pool({ name: 'legacy', cost_per_unit: 12.5 }) });
    await call('pools.add', { pool: pool({ name: 'free' }) });
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 30, paths: 50, model: 'drift' }));
    const add = (name: string) => {
      const p = plan.pools.find((x) => x.name === name)!;
      const r = p.recommendations.find((x) => x.kind === 'add_capacity');
      if (r?.kind !== 'add_capacity') throw new Error(`${name}: no add_capacity recommendation`);
      // The pool adds what the needed capacity lacks over the constant 100 %.
      expect(r.add).toBeCloseTo(p.needed_capacity - 100, 9);
      return { r, warnings: p.warnings };
    };
    const eur = add('eur');
    expect(Object.keys(eur.r)).toEqual(['kind', 'add', 'order_by', 'monthly_cost', 'currency', 'reason']);
    expect([eur.r.monthly_cost, eur.r.currency]).toEqual([eur.r.add * 12.5, 'EUR']);
    expect(eur.warnings.filter((w) => w.includes('currency'))).toEqual([]);
    const legacy = add('legacy');
    expect(legacy.r.currency).toBe('USD');
    expect(legacy.warnings).toContain("The pool's cost per unit has no currency and is read as USD; if it is in another currency, add the pool again with --currency (headroom pool add … --currency EUR --replace).");
    const free = add('free');
    expect([free.r.monthly_cost, free.r.currency]).toEqual([null, null]);
  });
});

describe('existing commitments from FOCUS facts', () => {
  it('reads the term from the SKU and the discount from Used rows', () => {
    expect(termMonthsFromSku('ComputeSavingsPlans:3yr-NoUpfront')).toBe(36);
    expect(termMonthsFromSku('Reserved VM Instance, Standard_D4s_v5, US East, 1 Year')).toBe(12);
    expect(termMonthsFromSku('Commitment v1: N2 Cpu in Americas for 1 Year')).toBe(12);
    const e = existingFromFacts(
      { id: 'sp', type: 'Savings Plan', provider: 'AWS', account: '1', currency: 'USD', sku: 'ComputeSavingsPlans:1yr-NoUpfront', firstDay: '2025-03-01' as never, lastDay: '2026-01-31' as never, usedCost: 700, unusedCost: 20, usedList: 1000, days: 30, purchased: 0 },
      '2026-01-31' as never,
    )!;
    expect(e.discount).toBeCloseTo(0.3, 12);
    expect(e.coveredPerHour).toBeCloseTo(720 / 30 / 24 / 0.7, 12);
    expect(e.expires).toBe('2026-03-01');
  });
});

describe('capacity service: calendar effects', () => {
  it('forecasts a pool’s Black Friday peak from past years (holiday calendar: US retail) and lists it in the plan', async () => {
    // Three years of daily peaks: weekdays 40, weekends 30, a fixed ±4 % wiggle, 15 %/year growth, Black Friday × 1.8.
    const start = Date.parse('2023-01-01T12:00:00Z');
    const lines = ['timestamp,value'];
    const bf = new Set(['2023-11-24', '2024-11-29', '2025-11-28']);
    for (let i = 0; i < 1054; i++) { // through 2025-11-19
      const t = new Date(start + i * 86_400_000);
      const day = t.toISOString().slice(0, 10);
      const base = ([0, 6].includes(t.getUTCDay()) ? 30 : 40) * Math.pow(1.15, i / 365) * (1 + 0.08 * (((i * 2654435761) % 1000) / 1000 - 0.5));
      lines.push(`${t.toISOString()},${(base * (bf.has(day) ? 1.8 : 1)).toFixed(3)}`);
    }
    const csv = join(dir, 'peaks.csv');
    writeFileSync(csv, lines.join('\n'));
    await call('metrics.import', { file: csv, name: 'peaks', unit: '%' });
    await call('pools.add', { pool: pool({ name: 'shop', usage: { kind: 'metric', metric: 'peaks', labels: {} } }) });
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 30, paths: 200, model: 'ets' })).pools[0]!;
    expect(plan.as_of).toBe('2025-11-19');
    const at = (d: string): number => plan.forecast.p50[Math.round((Date.parse(d) - Date.parse(plan.forecast.start)) / 86_400_000)]!;
    expect(at('2025-11-28') / at('2025-11-21')).toBeGreaterThan(1.6);
    expect(plan.forecast.calendar_effects.map((e) => [e.day, e.key, e.years])).toEqual([['2025-11-28', 'Thanksgiving week, day 5', 2]]);

    // Without the Thanksgiving window the same Friday is an ordinary one.
    await call('anomalies.set_holidays', { presets: ['year-end'], windows: [] });
    const plain = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 30, paths: 200, model: 'ets' })).pools[0]!;
    const at2 = (d: string): number => plain.forecast.p50[Math.round((Date.parse(d) - Date.parse(plain.forecast.start)) / 86_400_000)]!;
    expect(Math.abs(at2('2025-11-28') / at2('2025-11-21') - 1)).toBeLessThan(0.1);
    expect(plain.forecast.calendar_effects).toEqual([]);
  });
});

describe('capacity service: scaling bounds on a workload that is quiet at night', () => {
  it('sizes the minimum from the forecast daily low and the maximum from the daily peak (NAB nyc_taxi), as the same forecasts of the CSV read independently give', async () => {
    const file = sharedData('usage', 'nab', 'nyc_taxi.csv');
    await call('metrics.import', { file, name: 'taxi', unit: 'passengers' });
    const scaling = { kind: 'asg', resource: 'taxi-web', unit_capacity: 500, headroom: 0.1 } as const;
    await call('pools.add', { pool: pool({ name: 'taxi', usage: { kind: 'metric', metric: 'taxi', labels: {} }, capacity: [{ from: '1970-01-01' as Day, capacity: 60_000 }], target: 0.7, scaling }) });
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 28, paths: 200, model: 'ets' })).pools[0]!;
    const rec = plan.recommendations.find((r) => r.kind === 'scaling');
    if (rec?.kind !== 'scaling') throw new Error('no scaling recommendation');

    // Daily lows and peaks straight from the file (30-minute rows, naive timestamps, every day complete).
    const lows = new Map<string, number>();
    const peaks = new Map<string, number>();
    for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
      const [ts, v] = line.split(',');
      const day = ts!.slice(0, 10);
      lows.set(day, Math.min(lows.get(day) ?? Infinity, Number(v)));
      peaks.set(day, Math.max(peaks.get(day) ?? -Infinity, Number(v)));
    }
    const days = [...lows.keys()].sort();
    const options = { period: 7, horizon: 28, paths: 200, seed: 1, levels: [0.8], model: 'ets' as const, calendar: calendarKeys(DEFAULT_HOLIDAY_CALENDAR, days[0] as Day, days.length + 28) };
    const instances = (load: number): number => Math.max(1, Math.ceil((load * 1.1) / (500 * 0.7) - 1e-9));
    const q = (xs: number[], p: number): number => xs.sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1]!;
    const lowPaths = forecastSeries(days.map((d) => lows.get(d)!), options).paths!;
    const peakPaths = forecastSeries(days.map((d) => peaks.get(d)!), options).paths!;
    expect(rec.min).toBe(instances(q(lowPaths.flat(), 0.05)));
    expect(rec.max).toBe(instances(q(peakPaths.map((p) => Math.max(...p)), 0.95)));
    // Nights run at about a tenth of the day's peak: a floor from the daily peaks would hold many times more.
    expect(rec.min * 4).toBeLessThan(instances(q(peakPaths.flat(), 0.05)));
  });
});

describe('capacity service: a quantity that is never negative', () => {
  it('keeps the forecast bands of a non-negative series (network bytes, three weeks) at or above 0, with the same exhaustion as the raw paths', async () => {
    // Daily peaks of bytes in: high on weekdays, near 0 at weekends, falling; never negative.
    const values = Array.from({ length: 21 }, (_, i) => (i % 7 >= 5 ? 2e5 : Math.max(0, 3e7 - 1.2e6 * i) + ((i * 7919) % 11) * 4e5));
    const csv = join(dir, 'net.csv');
    writeFileSync(csv, ['timestamp,value', ...values.map((v, i) => `2026-01-${String(i + 1).padStart(2, '0')}T12:00:00Z,${v}`)].join('\n'));
    await call('metrics.import', { file: csv, name: 'net_in', unit: 'bytes' });
    await call('pools.add', { pool: pool({ name: 'net', usage: { kind: 'metric', metric: 'net_in', labels: {} }, unit: 'bytes', capacity: [{ from: '1970-01-01' as Day, capacity: 4e7 }] }) });
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 28, paths: 200, model: 'drift' })).pools[0]!;

    // The same forecast made directly: its raw paths go below 0 (the old plan showed those bands).
    const options = { period: 7, horizon: 28, paths: 200, seed: 1, levels: [0.8], model: 'drift' as const, calendar: calendarKeys(DEFAULT_HOLIDAY_CALENDAR, '2026-01-01' as Day, 21 + 28) };
    const raw = forecastSeries(values, options).paths!;
    const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1]!;
    const rawBand = (p: number): number[] => Array.from({ length: 28 }, (_, t) => q(raw.map((path) => path[t]!), p));
    expect(Math.min(...rawBand(0.1))).toBeLessThan(0);
    expect(Math.min(...rawBand(0.5))).toBeLessThan(0);
    // The plan's bands are the raw ones censored at 0, band by band and day by day.
    for (const [p, band] of [[0.1, plan.forecast.p10], [0.5, plan.forecast.p50], [0.9, plan.forecast.p90]] as const) {
      expect(band).toEqual(rawBand(p).map((v) => Math.max(v, 0)));
    }
    // Crossings of 0.8 × 4e7 are the raw paths' own.
    const crossed = raw.filter((path) => path.some((v) => v > 0.8 * 4e7)).length / raw.length;
    expect(plan.exhaustion_probability).toBe(crossed);
  });
});

describe('capacity service: incomplete first and last days', () => {
  it('leaves out a first or last day that holds only part of the day, whose peak is not known (a file or a sync that starts or ends mid-day)', async () => {
    // Hourly load: 10 + hour of day (peak 33 at 23:00) on ten whole days, from 06:00 on the first
    // day (18 of 24 hours) to 19:00 on the last (20 of 24 hours: its peak so far is 29).
    const lines = ['timestamp,value'];
    const first = Date.UTC(2026, 0, 1);
    for (let h = 6; h < 24 * 11 + 20; h++) lines.push(`${new Date(first + h * 3_600_000).toISOString()},${10 + (h % 24)}`);
    const csv = join(dir, 'hourly.csv');
    writeFileSync(csv, lines.join('\n'));
    await call('metrics.import', { file: csv, name: 'load', unit: 'core' });
    await call('pools.add', { pool: pool({ name: 'load', usage: { kind: 'metric', metric: 'load', labels: {} } }) });
    const plan = api['capacity.plan'].res.parse(await call('capacity.plan', { horizon_days: 14, paths: 100, model: 'ets' })).pools[0]!;
    expect(plan.history.start).toBe('2026-01-02');
    expect(plan.as_of).toBe('2026-01-11');
    expect(plan.history.values).toEqual(Array.from({ length: 10 }, () => 33));
    const shown = api['pools.show'].res.parse(await call('pools.show', { name: 'load' }));
    expect(shown.usage).toEqual({ days: 10, first: '2026-01-02', last: '2026-01-11', last_peak: 33 });
  });
});
