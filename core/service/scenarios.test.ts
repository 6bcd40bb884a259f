import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HandlerContext, type ScenarioResult } from '../api';
import { createRandom, forecastSeries, normalSampler } from '../forecast';
import { addDays, daysBetween, parseDay, toEpochDay, weekday, type Day } from '../lib';
import { quantiles } from '../plan';
import { dispatch } from './dispatch';
import { planningLookahead } from './forecast-basis';
import { type Service } from './service';
import { openSeededService } from './testing';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
/** Weekdays 120, weekends 60, plus a fixed pseudo-random ±15 per day (Knuth's multiplicative hash), in cents as stored. */
const cost = (d: Day): number => Math.round(100 * (([0, 6].includes(weekday(d)) ? 60 : 120) + 30 * (((toEpochDay(d) * 2654435761) % 1000) / 1000 - 0.5))) / 100;

let service: Service;
let close: () => Promise<void>;
const start = parseDay('2025-01-01');
const today = parseDay('2026-02-15'); // data through 2026-02-14; forecast from 2026-02-15

beforeEach(async () => {
  ({ service, close } = await openSeededService('headroom-scenarios-', start, today, cost));
});
afterEach(() => close());

const call = (name: Parameters<typeof dispatch>[1], req: unknown): Promise<unknown> => dispatch(service.handlers, name, req, ctx);
const ec2 = [{ dimension: 'service', value: 'Amazon EC2' }];

/** The baseline paths the service must have used: same history, same options. */
const baselineMemo = new Map<string, number[][]>();
function baselinePaths(horizon: number, paths: number): number[][] {
  const key = `${horizon}/${paths}`;
  const memo = baselineMemo.get(key);
  if (memo) return memo;
  const history: number[] = [];
  for (let d = start; d < today; d = addDays(d, 1)) history.push(cost(d));
  // A planning forecast: planningLookahead days ahead, its first `horizon` kept.
  const f = forecastSeries(history, { period: 7, horizon: planningLookahead(horizon, history.length), paths, seed: 1, levels: [0.8, 0.95], log: true });
  const out = (f.paths ?? []).map((p) => p.slice(0, horizon));
  baselineMemo.set(key, out);
  return out;
}

describe('scenarios service', () => {
  it('a +20 % growth driver moves the monthly and horizon quantiles by the amount derived from the same baseline paths', async () => {
    await call('scenarios.add', { scenario: { name: 'growth', currency: 'USD', scope: ec2, drivers: ['growth:rate=0.2,from=2026-03-01'] } });
    const res = (await call('scenarios.show', { name: 'growth', horizon_days: 90, paths: 200 })) as { scenario: ScenarioResult };
    const r = res.scenario;
    expect(r.start).toBe('2026-02-15');
    expect(r.end).toBe('2026-05-16');
    expect(r.months.map((m) => [m.month, m.days])).toEqual([['2026-02', 14], ['2026-03', 31], ['2026-04', 30], ['2026-05', 15]]);
    const base = baselinePaths(90, 200);
    const growthFrom = daysBetween(r.start as Day, parseDay('2026-03-01')); // step index of 2026-03-01
    const factor = (t: number): number => (t < growthFrom ? 1 : 1.2 ** ((t - growthFrom) / 365));
    const monthBand = (from: number, to: number, f: (t: number) => number): number[] =>
      quantiles(base.map((p) => p.slice(from, to).reduce((a, v, i) => a + v * f(from + i), 0)), [0.1, 0.5, 0.9]);
    // February (steps 0–13) untouched; April (steps 45–74) grown.
    const [bp10, bp50, bp90] = monthBand(0, 14, () => 1);
    expect(r.months[0]?.baseline).toEqual({ p10: bp10, p50: bp50, p90: bp90 });
    expect(r.months[0]?.scenario).toEqual(r.months[0]?.baseline);
    const [ap10, ap50, ap90] = monthBand(45, 75, factor);
    expect(r.months[2]?.scenario.p10).toBeCloseTo(ap10 as number, 6);
    expect(r.months[2]?.scenario.p50).toBeCloseTo(ap50 as number, 6);
    expect(r.months[2]?.scenario.p90).toBeCloseTo(ap90 as number, 6);
    const [tp10, tp50, tp90] = monthBand(0, 90, factor);
    expect(r.total.scenario.p10).toBeCloseTo(tp10 as number, 6);
    expect(r.total.scenario.p50).toBeCloseTo(tp50 as number, 6);
    expect(r.total.scenario.p90).toBeCloseTo(tp90 as number, 6);
    // Sanity against the generating rule: April baseline ≈ Σ cost(d), scenario ≈ 1.2^(~45/365) above it.
    let april = 0;
    for (let d = parseDay('2026-04-01'); d < parseDay('2026-05-01'); d = addDays(d, 1)) april += cost(d);
    expect(r.months[2]?.baseline.p50).toBeGreaterThan(april * 0.9);
    expect(r.months[2]?.baseline.p50).toBeLessThan(april * 1.1);
    expect((r.months[2]?.scenario.p50 as number) / (r.months[2]?.baseline.p50 as number)).toBeGreaterThan(1.015);
    expect((r.months[2]?.scenario.p50 as number) / (r.months[2]?.baseline.p50 as number)).toBeLessThan(1.035);
  });

  it('compare judges each budget period on the baseline and on the scenario paths, as an independent Monte Carlo over the same paths does', async () => {
    await call('scenarios.add', { scenario: { name: 'growth', currency: 'USD', scope: ec2, drivers: ['growth:rate=0.2,from=2026-03-01'] } });
    // April 2026 costs 3,120 by the generating rule; +20 % a year from March 1 lifts it ~2.5 %: 3,150 sits between.
    await call('budgets.add', { budget: { name: 'ec2-month', amount: 3_150, period: 'month', currency: 'USD', scope: ec2 } });
    await call('budgets.add', { budget: { name: 'ec2-quarter', amount: 9_300, period: 'quarter', currency: 'USD', scope: ec2 } });
    await call('budgets.add', { budget: { name: 'all-month', amount: 1, period: 'month', currency: 'USD', scope: [] } }); // another scope: not matched
    const res = (await call('scenarios.compare', { names: ['growth'], horizon_days: 90, paths: 200 })) as { scenarios: ScenarioResult[] };
    const r = res.scenarios[0] as ScenarioResult;
    expect(r.budgets.map((b) => [b.name, b.periods.map((p) => p.period_start)])).toEqual([
      ['ec2-month', ['2026-02-01', '2026-03-01', '2026-04-01']],
      ['ec2-quarter', ['2026-01-01']],
    ]);
    expect(r.warnings.filter((w) => /Budget|Driver/.test(w))).toEqual([]);
    const base = baselinePaths(90, 200);
    const growthFrom = daysBetween(r.start as Day, parseDay('2026-03-01'));
    const factor = (t: number): number => (t < growthFrom ? 1 : 1.2 ** ((t - growthFrom) / 365));
    /** Independent Monte Carlo over the same paths: actual of the seen days + Σ path over the rest. */
    const mc = (periodStart: Day, periodEnd: Day, amount: number, f: (t: number) => number): { p: number; breach: string | null; actual: number } => {
      let actual = 0;
      for (let d = periodStart; d < today; d = addDays(d, 1)) actual += cost(d);
      const t0 = Math.max(0, daysBetween(today, periodStart));
      const t1 = daysBetween(today, periodEnd);
      const overOn = new Array<number>(t1 - t0).fill(0);
      let over = 0;
      for (const p of base) {
        let total = actual;
        for (let t = t0; t < t1; t++) {
          total += (p[t] as number) * f(t);
          if (total > amount) overOn[t - t0] = (overOn[t - t0] as number) + 1;
        }
        if (total > amount) over++;
      }
      const first = overOn.findIndex((c) => c / base.length >= 0.5);
      return { p: over / base.length, breach: first < 0 ? null : addDays(parseDay(periodStart < today ? today : periodStart), first), actual };
    };
    for (const b of r.budgets) {
      for (const p of b.periods) {
        const mb = mc(p.period_start as Day, p.period_end as Day, b.amount, () => 1);
        const ms = mc(p.period_start as Day, p.period_end as Day, b.amount, factor);
        expect(p.baseline.actual).toBeCloseTo(mb.actual, 6);
        expect(p.scenario.actual).toBeCloseTo(mb.actual, 6);
        expect(p.baseline.probability_over).toBe(mb.p);
        expect(p.scenario.probability_over).toBe(ms.p);
        expect(p.baseline.likely_breach_date).toBe(mb.breach);
        expect(p.scenario.likely_breach_date).toBe(ms.breach);
      }
    }
    // The figures are not degenerate: April's odds rise under the scenario, strictly between 0 and 1 for the baseline.
    const april = r.budgets[0]?.periods[2];
    expect(april?.baseline.probability_over).toBeGreaterThan(0.02);
    expect(april?.baseline.probability_over).toBeLessThan(0.6);
    expect(april?.scenario.probability_over).toBeGreaterThan((april?.baseline.probability_over ?? 1) + 0.1);
    // February before the growth starts: the same odds on both.
    expect(r.budgets[0]?.periods[0]?.scenario).toEqual(r.budgets[0]?.periods[0]?.baseline);
  });

  it('a step driver adds exactly its daily amount times the days to every quantile; compare lists scenarios side by side', async () => {
    await call('scenarios.add', { scenario: { name: 'region', currency: 'USD', scope: ec2, drivers: ['step:add=40,from=2026-04-01'] } });
    await call('scenarios.add', { scenario: { name: 'decom', currency: 'USD', scope: ec2, drivers: ['step:factor=0.5,from=2026-03-01'] } });
    await call('scenarios.add', { scenario: { name: 'timing', currency: 'USD', scope: ec2, drivers: ['window:factor=2,from=2026-01-01,to=2026-01-08', 'growth:rate=0.1,from=2026-02-01', 'price:factor=0.9,from=2026-06-01'] } });
    await call('budgets.add', { budget: { name: 'ec2-year', amount: 40_000, period: 'year', currency: 'USD', scope: ec2 } });
    const res = (await call('scenarios.compare', { names: ['region', 'decom', 'timing'], horizon_days: 90, paths: 200 })) as { scenarios: ScenarioResult[] };
    expect(res.scenarios[2]?.warnings.filter((w) => /Driver|Budget/.test(w))).toEqual([
      'Driver "window:factor=2,from=2026-01-01,to=2026-01-08" ends before the forecast starts (2026-02-15): it has no effect; the actuals are never changed.',
      'Driver "growth:rate=0.1,from=2026-02-01" starts before the forecast (2026-02-15): the actuals are not changed; from 2026-02-15 it applies as if in force since 2026-02-01.',
      'Driver "price:factor=0.9,from=2026-06-01" starts after the horizon (ends 2026-05-15): it has no effect; lengthen --horizon.',
      'Budget "ec2-year": no year ends within the horizon (2026-02-15…2026-05-15); lengthen --horizon to judge it.',
    ]);
    res.scenarios.pop();
    expect(res.scenarios.map((s) => s.name)).toEqual(['region', 'decom']);
    const [region, decom] = res.scenarios as [ScenarioResult, ScenarioResult];
    const apr = region.months[2];
    expect((apr?.scenario.p50 as number) - (apr?.baseline.p50 as number)).toBeCloseTo(30 * 40, 6);
    expect((apr?.scenario.p90 as number) - (apr?.baseline.p90 as number)).toBeCloseTo(30 * 40, 6);
    expect(region.months[1]?.scenario).toEqual(region.months[1]?.baseline);
    const base = baselinePaths(90, 200);
    const [, mar50] = quantiles(base.map((p) => p.slice(14, 45).reduce((a, v) => a + 0.5 * v, 0)), [0.1, 0.5]);
    expect(decom.months[1]?.scenario.p50).toBeCloseTo(mar50 as number, 6);
  });

  it('window, price and a workload with its own uncertain size: every monthly band equals the one read off the independently transformed baseline paths', async () => {
    await call('scenarios.add', {
      scenario: { name: 'mix', currency: 'USD', scope: ec2, drivers: ['window:factor=1.5,from=2026-03-10,to=2026-03-20', 'price:factor=0.9,from=2026-04-01', 'workload:level=25,from=2026-03-01,ramp=10,growth=0.4,spread=0.5'] },
    });
    const r = ((await call('scenarios.show', { name: 'mix', horizon_days: 90, paths: 200 })) as { scenario: ScenarioResult }).scenario;
    const base = baselinePaths(90, 200);
    // Independent transform, day by day from the driver definitions.
    const normal = normalSampler(createRandom(2)); // the service's workload stream
    const s2 = Math.log(1 + 0.5 ** 2);
    const size = base.map(() => Math.exp(Math.sqrt(s2) * normal() - s2 / 2));
    const scen = base.map((p, k) =>
      p.map((v, t) => {
        const d = addDays(today, t);
        let y = v * (d >= '2026-03-10' && d < '2026-03-20' ? 1.5 : 1) * (d >= '2026-04-01' ? 0.9 : 1);
        if (d >= '2026-03-01') {
          const since = daysBetween(parseDay('2026-03-01'), d);
          y += (size[k] as number) * 25 * Math.min(1, (since + 1) / 10) * 1.4 ** (since / 365);
        }
        return y;
      }),
    );
    const bounds: [string, number, number][] = [['2026-02', 0, 14], ['2026-03', 14, 45], ['2026-04', 45, 75], ['2026-05', 75, 90]];
    for (const [month, from, to] of bounds) {
      const [p10, p50, p90] = quantiles(scen.map((p) => p.slice(from, to).reduce((a, v) => a + v, 0)), [0.1, 0.5, 0.9]);
      const m = r.months.find((x) => x.month === month);
      expect(m?.scenario.p10).toBeCloseTo(p10 as number, 6);
      expect(m?.scenario.p50).toBeCloseTo(p50 as number, 6);
      expect(m?.scenario.p90).toBeCloseTo(p90 as number, 6);
    }
    // The workload's size uncertainty widens April's band well beyond the baseline's (0.9 × baseline width + the workload's spread).
    const apr = r.months[2];
    expect((apr?.scenario.p90 as number) - (apr?.scenario.p10 as number)).toBeGreaterThan(0.9 * ((apr?.baseline.p90 as number) - (apr?.baseline.p10 as number)) + 0.5 * 25 * 30);
  });

  it("judges the current budget period on the baseline exactly as budgets.status does, whatever the scenario's horizon", async () => {
    // Before the common planning look-ahead, `auto` chose its model at each caller's horizon: a
    // budget 14 days from its month end and a 365-day scenario forecast the same scope differently.
    await call('scenarios.add', { scenario: { name: 'flat', currency: 'USD', scope: ec2, drivers: ['growth:rate=0.1,from=2026-06-01'] } });
    await call('budgets.add', { budget: { name: 'ec2-month', amount: 3_300, period: 'month', currency: 'USD', scope: ec2 } });
    await call('budgets.add', { budget: { name: 'ec2-quarter', amount: 9_300, period: 'quarter', currency: 'USD', scope: ec2 } });
    const status = (await call('budgets.status', { paths: 400 })) as { budgets: { name: string; actual: number; forecast: { p10: number; p50: number; p90: number }; probability_over: number; likely_breach_date: string | null }[] };
    for (const horizon of [120, 365]) {
      const r = ((await call('scenarios.show', { name: 'flat', horizon_days: horizon, paths: 400 })) as { scenario: ScenarioResult }).scenario;
      for (const b of status.budgets) {
        const first = r.budgets.find((x) => x.name === b.name)?.periods[0];
        expect(first?.baseline, `${b.name} at horizon ${horizon}`).toEqual({ actual: b.actual, forecast: b.forecast, probability_over: b.probability_over, likely_breach_date: b.likely_breach_date });
      }
    }
  });

  it('refuses overlapping windows naming both, a scope with no data naming it, and unknown drivers', async () => {
    await expect(
      call('scenarios.add', { scenario: { name: 'bf', currency: 'USD', scope: ec2, drivers: ['window:factor=1.5,from=2026-11-20,to=2026-12-01', 'window:factor=2,from=2026-11-27,to=2026-11-30'] } }),
    ).rejects.toThrow('Scenario "bf": Window drivers "window:factor=1.5,from=2026-11-20,to=2026-12-01" and "window:factor=2,from=2026-11-27,to=2026-11-30" overlap');
    await expect(call('scenarios.add', { scenario: { name: 'ghost', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon Nothing' }], drivers: ['price:factor=0.9,from=2026-03-01'] } })).rejects.toThrow(
      'Scenario "ghost": the scope service=Amazon Nothing has no USD cost data.',
    );
    await expect(call('scenarios.add', { scenario: { name: 'x', currency: 'USD', scope: [], drivers: ['surge:factor=2'] } })).rejects.toThrow(/unknown driver kind "surge"/);
    await expect(call('scenarios.show', { name: 'nope' })).rejects.toThrow(/No scenario named "nope"/);
    expect(await call('scenarios.list', {})).toEqual({ scenarios: [] });
  });
});
