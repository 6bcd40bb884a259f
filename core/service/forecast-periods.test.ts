import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext, Res } from '../api';
import { addDays, daysBetween, parseDay, toEpochDay, weekday, type Day } from '../lib';
import { tempDir } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { planningLookahead } from './forecast-basis';
import { openService, type Service } from './service';
import { openSeededService } from './testing';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
/** EC2 costs 120 on weekdays and 60 at weekends, plus a slow rise and ±10 of noise (a fixed hash of the day); S3 adds 10 a day (openSeededService). */
const cost = (d: Day): number => ([0, 6].includes(weekday(d)) ? 60 : 120) + daysBetween(parseDay('2025-06-01'), d) * 0.05 + ((((toEpochDay(d) * 9301 + 49297) % 233280) / 233280) - 0.5) * 20;

let service: Service;
let close: () => Promise<void>;
const today = parseDay('2026-11-26'); // data through 2026-11-25; the forecast starts today

beforeEach(async () => {
  ({ service, close } = await openSeededService('headroom-forecast-periods-', parseDay('2025-06-01'), today, cost));
});
afterEach(() => close());

/** Hyndman & Fan definition 1, written out: the ⌈p·n⌉-th smallest value. */
const q = (sorted: readonly number[], p: number): number => sorted[Math.ceil(p * sorted.length) - 1]!;

describe('forecast.periods', () => {
  it('reads the month, quarter and year totals off the same sample paths forecast.series returns', async () => {
    const req = { training_days: 120, paths: 300, seed: 4, recent_days: 45 };
    const res = (await dispatch(service.handlers, 'forecast.periods', req, ctx)) as Res<'forecast.periods'>;
    // Independent side: forecast.series over the same 120 training days, asked for its paths; totals summed here.
    const fs = (await dispatch(service.handlers, 'forecast.series', { from: addDays(today, -120), horizon: planningLookahead(36, 120), paths: 300, seed: 4, levels: [0.8, 0.95] }, ctx)) as Res<'forecast.series'>;
    const all = (await dispatch(service.handlers, 'series.daily', {}, ctx)) as Res<'series.daily'>;
    expect(res.period).toEqual({ start: '2025-06-01', end: today });
    expect(res.series).toHaveLength(1);
    const s = res.series[0]!;
    const ref = fs.series[0]!.forecast!;
    const daily = all.series[0]!;
    expect(s.forecast!.start).toBe(today);
    // forecast.periods is a planning forecast: the first 36 days of the look-ahead forecast.
    expect(s.forecast!.mean).toEqual(ref.mean.slice(0, 36));
    expect(s.forecast!.intervals).toEqual(ref.intervals.map((iv) => ({ ...iv, lo: iv.lo.slice(0, 36), hi: iv.hi.slice(0, 36) })));
    expect(s.forecast!.card.spec).toBe(ref.card.spec);
    expect(s.history).toEqual({ start: addDays(today, -45), values: daily.values.slice(-45) });

    const bounds = { month: ['2026-11-01', '2026-12-01'], quarter: ['2026-10-01', '2027-01-01'], year: ['2026-01-01', '2027-01-01'] } as const;
    expect(s.periods.map((p) => p.kind)).toEqual(['month', 'quarter', 'year']);
    for (const p of s.periods) {
      const [from, to] = bounds[p.kind];
      expect([p.start, p.end]).toEqual([from, to]);
      const spent = daily.values.slice(daysBetween(daily.start, from as Day)).reduce((a, v) => a + v, 0);
      const remaining = daysBetween(today, to as Day);
      const totals = ref.paths!.map((path) => spent + path.slice(0, remaining).reduce((a, v) => a + v, 0)).sort((a, b) => a - b);
      expect(p.remaining).toBe(remaining);
      expect(p.actual).toBeCloseTo(spent, 6);
      expect(p.p10).toBeCloseTo(q(totals, 0.1), 6);
      expect(p.p50).toBeCloseTo(q(totals, 0.5), 6);
      expect(p.p90).toBeCloseTo(q(totals, 0.9), 6);
      expect(p.p10).toBeLessThan(p.p90);
    }
    // The generating rule: the year's P10–P90 holds the rule's own total.
    let rule = 0;
    for (let d = parseDay('2026-01-01'); d < parseDay('2027-01-01'); d = addDays(d, 1)) rule += cost(d) + 10;
    const year = s.periods[2]!;
    expect(year.p10).toBeLessThanOrEqual(rule);
    expect(year.p90).toBeGreaterThanOrEqual(rule);
  });

  it('counts the days of a period before the data as no spend, and forecasts only the kinds asked for', async () => {
    await close();
    ({ service, close } = await openSeededService('headroom-forecast-periods-short-', parseDay('2026-11-10'), today, () => 50));
    const res = (await dispatch(service.handlers, 'forecast.periods', { kinds: ['quarter'], model: 'naive', paths: 100 }, ctx)) as Res<'forecast.periods'>;
    const [p] = res.series[0]!.periods;
    // 16 days of 50 + 10 (Nov 10–25); October and Nov 1–9 have no data. Naive: flat at 60 a day with noise around it.
    expect(p).toMatchObject({ kind: 'quarter', start: '2026-10-01', end: '2027-01-01', remaining: 36 });
    expect(p!.actual).toBeCloseTo(16 * 60, 6);
    expect(p!.p50).toBeGreaterThan(16 * 60 + 36 * 60 * 0.8);
    expect(p!.p50).toBeLessThan(16 * 60 + 36 * 60 * 1.2);
    expect(res.series[0]!.forecast!.mean).toHaveLength(36);
  });

  it('trains by default on the window budgets use, so the year end is the yearly budget\'s forecast', async () => {
    await close();
    // Three years and a half of data, with a lower level before September 2024: a two-year window
    // would not see it, a three-year one does, so the two windows give different forecasts.
    const shifted = (d: Day): number => cost(d) - (d < parseDay('2024-09-01') ? 40 : 0);
    ({ service, close } = await openSeededService('headroom-forecast-periods-window-', parseDay('2023-05-01'), today, shifted));
    await dispatch(service.handlers, 'budgets.add', { budget: { name: 'year', amount: 50_000, period: 'year', currency: 'USD', scope: [] } }, ctx);
    const budget = ((await dispatch(service.handlers, 'budgets.status', { name: 'year', paths: 200 }, ctx)) as Res<'budgets.status'>).budgets[0]!;
    const res = (await dispatch(service.handlers, 'forecast.periods', { kinds: ['year'], paths: 200 }, ctx)) as Res<'forecast.periods'>;
    const year = res.series[0]!.periods[0]!;
    expect(year.actual).toBeCloseTo(budget.actual, 6);
    expect({ p10: year.p10, p50: year.p50, p90: year.p90 }).toEqual(budget.forecast);
    expect(res.series[0]!.forecast!.card.trainingWindow.n).toBe(3 * 365);
  });

  it('returns no series on an empty store', async () => {
    const { dir, cleanup } = tempDir('headroom-forecast-periods-empty-');
    const empty = await openService({ dataDir: dir, clock: () => new Date(`${today}T09:00:00Z`) });
    try {
      expect(await dispatch(empty.handlers, 'forecast.periods', {}, ctx)).toEqual({ view: 'effective', period: null, series: [] });
    } finally {
      await empty.close();
      cleanup();
    }
  });
});
