import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HandlerContext, type Res } from '../api';
import { addDays, parseDay, toEpochDay, weekday, type Day } from '../lib';
import { forecastSeries } from '../forecast';
import type { ChargeRow } from '../model';
import { usageRow } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { planningLookahead } from './forecast-basis';
import { type Service } from './service';
import { openSeededService } from './testing';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
/** Weekly pattern of daily cost: weekdays 120, weekends 60 (mean 102.857…). */
const cost = (d: Day): number => ([0, 6].includes(weekday(d)) ? 60 : 120);

let service: Service;
let close: () => Promise<void>;
const start = parseDay('2025-01-01');
const today = parseDay('2026-02-15'); // data through 2026-02-14: 14 days of February seen, 14 to go

beforeEach(async () => {
  ({ service, close } = await openSeededService('headroom-budgets-', start, today, cost));
});
afterEach(() => close());

const call = (name: Parameters<typeof dispatch>[1], req: unknown): Promise<unknown> => dispatch(service.handlers, name, req, ctx);

describe('budgets service', () => {
  it('reports actual to date, a forecast that follows the weekly pattern, and breach odds', async () => {
    await call('budgets.add', { budget: { name: 'ec2-tight', amount: 2_600, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon EC2' }] } });
    await call('budgets.add', { budget: { name: 'ec2-loose', amount: 5_000, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon EC2' }] } });
    await call('budgets.add', { budget: { name: 'all-q', amount: 12_000, period: 'quarter', currency: 'USD', scope: [] } });
    const res = (await call('budgets.status', {})) as { as_of: string; budgets: { name: string; actual: number; forecast: { p10: number; p50: number; p90: number }; probability_over: number; likely_breach_date: string | null; data_through: string }[] };
    expect(res.as_of).toBe(today);
    const byName = new Map(res.budgets.map((b) => [b.name, b]));
    // Independent expectation from the generating rule.
    let actualFeb = 0;
    for (let d = parseDay('2026-02-01'); d < today; d = addDays(d, 1)) actualFeb += cost(d);
    let restFeb = 0;
    for (let d = today; d < parseDay('2026-03-01'); d = addDays(d, 1)) restFeb += cost(d);
    const tight = byName.get('ec2-tight');
    expect(tight?.actual).toBeCloseTo(actualFeb, 6);
    expect(tight?.data_through).toBe('2026-02-14');
    expect(tight?.forecast.p50).toBeGreaterThan(0.97 * (actualFeb + restFeb));
    expect(tight?.forecast.p50).toBeLessThan(1.03 * (actualFeb + restFeb));
    expect(tight?.forecast.p10).toBeLessThanOrEqual(tight?.forecast.p50 ?? 0);
    expect(tight?.forecast.p90).toBeGreaterThanOrEqual(tight?.forecast.p50 ?? 0);
    // 2,600 is crossed once the cumulative pattern passes it: find that day from the rule.
    let cum = actualFeb;
    let crossing: string | null = null;
    for (let d = today; d < parseDay('2026-03-01'); d = addDays(d, 1)) {
      cum += cost(d);
      if (cum > 2_600) {
        crossing = d;
        break;
      }
    }
    expect(tight?.probability_over).toBeGreaterThan(0.99);
    expect(tight?.likely_breach_date).toBe(crossing);
    expect(byName.get('ec2-loose')?.probability_over).toBeLessThan(0.01);
    expect(byName.get('ec2-loose')?.likely_breach_date).toBeNull();
    // Quarter Jan–Mar over all services: Jan + half of Feb seen.
    let actualQ = 0;
    for (let d = parseDay('2026-01-01'); d < today; d = addDays(d, 1)) actualQ += cost(d) + 10;
    expect(byName.get('all-q')?.actual).toBeCloseTo(actualQ, 6);
  });

  it('P(over) and the likely breach date equal an independent Monte Carlo over the same forecast paths, for account, tag and provider scopes', async () => {
    // A second, noisy service in its own account with a team tag: 50 a day ± 15 (fixed pseudo-random, in cents).
    const noisy = (d: Day): number => Math.round(100 * (50 + 30 * (((toEpochDay(d) * 2654435761) % 1000) / 1000 - 0.5))) / 100;
    const src = await service.store.ensureSource({ name: 'rds', kind: 'files' });
    const rows: ChargeRow[] = [];
    for (let d = start; d < today; d = addDays(d, 1)) rows.push(usageRow(d, noisy(d), { ServiceName: 'Amazon RDS', BillingAccountId: '999', Tags: { team: 'data' } }));
    await service.store.replaceChargeRows({ sourceId: src.id, from: start, to: today, rows, format: 'test' });
    const scopes = { acct: [{ dimension: 'billing_account', value: '999' }], team: [{ dimension: 'tag:team', value: 'data' }], aws: [{ dimension: 'provider', value: 'AWS' }] };
    for (const [name, scope] of Object.entries(scopes)) await call('budgets.add', { budget: { name, amount: name === 'aws' ? 4_560 : 1_400, period: 'month', currency: 'USD', scope } });
    const res = (await call('budgets.status', { paths: 500 })) as { budgets: { name: string; actual: number; probability_over: number; likely_breach_date: string | null; forecast: { p50: number } }[] };
    const byName = new Map(res.budgets.map((b) => [b.name, b]));
    /** Independent: the same history through the same forecast call, then a plain count per path and per day. */
    const monteCarlo = (daily: (d: Day) => number, amount: number): { actual: number; p: number; breach: string | null } => {
      const history: number[] = [];
      for (let d = start; d < today; d = addDays(d, 1)) history.push(daily(d));
      let actual = 0;
      for (let d = parseDay('2026-02-01'); d < today; d = addDays(d, 1)) actual += daily(d);
      // A budget's forecast is a planning forecast: it looks planningLookahead days ahead and keeps the first 14.
      const f = forecastSeries(history, { period: 7, horizon: planningLookahead(14, history.length), paths: 500, seed: 1, levels: [0.8, 0.95], log: true });
      const paths = f.paths ?? [];
      const overOn = new Array<number>(14).fill(0);
      let over = 0;
      for (const p of paths) {
        let total = actual;
        for (let t = 0; t < 14; t++) {
          total += p[t] as number;
          if (total > amount) overOn[t] = (overOn[t] as number) + 1;
        }
        if (total > amount) over++;
      }
      const first = overOn.findIndex((c) => c / paths.length >= 0.5);
      return { actual, p: over / paths.length, breach: first < 0 ? null : addDays(today, first) };
    };
    const rds = monteCarlo(noisy, 1_400);
    for (const name of ['acct', 'team']) {
      expect(byName.get(name)?.actual).toBeCloseTo(rds.actual, 6);
      expect(byName.get(name)?.probability_over).toBe(rds.p);
      expect(byName.get(name)?.likely_breach_date).toBe(rds.breach);
    }
    expect(rds.p).toBeGreaterThan(0.05); // 1,400 = 28 × 50: the odds are genuinely uncertain
    expect(rds.p).toBeLessThan(0.95);
    const all = monteCarlo((d) => cost(d) + 10 + noisy(d), 4_560);
    expect(all.p).toBeGreaterThan(0.05);
    expect(all.p).toBeLessThan(0.99);
    expect(byName.get('aws')?.actual).toBeCloseTo(all.actual, 6);
    expect(byName.get('aws')?.probability_over).toBe(all.p);
    expect(byName.get('aws')?.likely_breach_date).toBe(all.breach);
  });

  it('refuses an unknown currency, a duplicate name and a scope without data, and stores nothing bad', async () => {
    await expect(call('budgets.add', { budget: { name: 'x', amount: 10, period: 'month', currency: 'XYZ', scope: [] } })).rejects.toThrow(/"XYZ" is not an ISO 4217 currency code/);
    expect(((await call('budgets.list', {})) as { budgets: unknown[] }).budgets).toEqual([]);
    await call('budgets.add', { budget: { name: 'x', amount: 10, period: 'month', currency: 'USD', scope: [] } });
    await expect(call('budgets.add', { budget: { name: 'x', amount: 20, period: 'month', currency: 'USD', scope: [] } })).rejects.toThrow(/already exists/);
    await expect(call('budgets.add', { budget: { name: 'eur', amount: 10, period: 'month', currency: 'EUR', scope: [] } })).rejects.toThrow(/no EUR cost data for all charges\. The scope has data in USD/);
    await expect(call('budgets.add', { budget: { name: 'nope', amount: 10, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: 'Nope' }] } })).rejects.toThrow(/no USD cost data for service=Nope/);
    expect(((await call('budgets.list', {})) as { budgets: { name: string }[] }).budgets.map((b) => b.name)).toEqual(['x']);
    await expect(call('budgets.status', { name: 'missing' })).rejects.toThrow(/No budget named "missing"/);
  });
});

describe('budgets burn curve', () => {
  it('accumulates the actual cost of the period day by day and ends the band at the period-total quantiles', async () => {
    await call('budgets.add', { budget: { name: 'ec2', amount: 2_600, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon EC2' }] } });
    const res = (await call('budgets.status', {})) as Res<'budgets.status'>;
    const b = res.budgets[0]!;
    // Independent: the running sum of the generating rule over 1–14 February.
    const expected: number[] = [];
    let sum = 0;
    for (let d = parseDay('2026-02-01'); d < today; d = addDays(d, 1)) expected.push((sum += cost(d)));
    expect(b.burn.start).toBe('2026-02-01');
    expect(b.burn.actual).toEqual(expected);
    expect(b.burn.forecast_start).toBe('2026-02-15');
    expect(b.burn.p50).toHaveLength(14);
    expect(b.burn.p10.at(-1)).toBeCloseTo(b.forecast.p10, 1);
    expect(b.burn.p50.at(-1)).toBeCloseTo(b.forecast.p50, 1);
    expect(b.burn.p90.at(-1)).toBeCloseTo(b.forecast.p90, 1);
    // The first forecast day adds about one day of cost (a Sunday: 60) to the actual so far.
    expect(b.burn.p50[0]! - sum).toBeGreaterThan(30);
    expect(b.burn.p50[0]! - sum).toBeLessThan(90);
  });
});
