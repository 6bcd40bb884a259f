import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext, Res } from '../../core/api';
import { forecastSeries } from '../../core/forecast';
import { DEMO_SEED, generateDemo, seededRandom, type DemoDataset } from '../../core/ingest/demo';
import { addDays, daysBetween, parseDay, type Day } from '../../core/lib';
import { DEFAULT_HOLIDAY_CALENDAR } from '../../core/plan';
import { dispatch, loadDemo, openService, type Service } from '../../core/service';
import { calendarKeys } from '../../core/service/calendar';
import { tempDir } from '../../core/store/testing/fixtures';

const AS_OF = parseDay('2026-06-20'); // data through 2026-06-19
const MONTH = parseDay('2026-06-01');
const HORIZON = 42; // 2026-06-20 .. 2026-07-31: crosses July 1st (tax, a Savings Plan's expiry)
const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };

let d: DemoDataset;
let service: Service;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir('headroom-basis-demo-');
  cleanup = t.cleanup;
  d = generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED) });
  service = await openService({ dataDir: t.dir, clock: () => new Date(`${AS_OF}T09:00:00Z`) });
  await loadDemo(service, { asOf: AS_OF });
}, 120_000);
afterAll(async () => {
  await service.close();
  cleanup();
});

type View = 'billed' | 'effective';
const cost = (r: DemoDataset['charges'][number], view: View): number => Math.round(Number(view === 'billed' ? r.BilledCost : r.EffectiveCost) * 100);

/** Daily usage-based cents from the generated rows (not the store), by the documented rule. */
function usageSeries(view: View): number[] {
  const n = daysBetween(d.from, AS_OF);
  const cents = new Array<number>(n).fill(0);
  for (const r of d.charges) if (r.ChargeFrequency === 'Usage-Based' || r.ChargeFrequency === null) {
    const i = daysBetween(d.from, r.ChargePeriodStart);
    cents[i] = (cents[i] ?? 0) + cost(r, view);
  }
  return cents.map((c) => c / 100);
}

/**
 * The recurring projection derived by hand: every recurring commitment of the ground truth pays its
 * daily fee (billed view) until its end; AWS tax repeats each account's last monthly amount on the 1st.
 */
function recurringProjection(view: View): number[] {
  const out = new Array<number>(HORIZON).fill(0);
  for (let t = 0; t < HORIZON; t++) {
    const day = addDays(AS_OF, t);
    if (view === 'billed') for (const c of d.truth.commitments) if (c.payment === 'recurring' && c.start < AS_OF && day < c.end) out[t] = (out[t] ?? 0) + c.dailyAmortized;
  }
  const lastTax = new Map<string, { day: Day; cents: number }>();
  for (const r of d.charges) {
    if (r.ChargeCategory !== 'Tax' || r.ChargeFrequency !== 'Recurring') continue;
    const prev = lastTax.get(r.SubAccountId ?? '');
    if (!prev || r.ChargePeriodStart > prev.day) lastTax.set(r.SubAccountId ?? '', { day: r.ChargePeriodStart, cents: cost(r, view) });
  }
  for (let t = 0; t < HORIZON; t++) if (addDays(AS_OF, t).endsWith('-01')) for (const x of lastTax.values()) out[t] = (out[t] ?? 0) + x.cents / 100;
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('the demo’s cost forecast on its basis', () => {
  for (const view of ['billed', 'effective'] as const) {
    it(`${view}: month-end = actual + usage forecast + recurring projection, derived from the generated rows and the ground truth`, async () => {
      const res = (await dispatch(service.handlers, 'forecast.series', { view, horizon: HORIZON, model: 'ets' }, ctx)) as Res<'forecast.series'>;
      expect(res.series).toHaveLength(1);
      const s = res.series[0]!;
      const fc = s.forecast!;
      expect(fc.start).toBe(AS_OF);

      // Holiday days carry the default calendar's (US retail) keys, and the fit estimates a yearly
      // profile on log values, as every daily cost forecast's does.
      const history = usageSeries(view);
      const usage = forecastSeries(history, { period: 7, horizon: HORIZON, model: 'ets', calendar: calendarKeys(DEFAULT_HOLIDAY_CALENDAR, d.from, history.length + HORIZON), yearly: true, log: true });
      const recurring = recurringProjection(view);
      fc.mean.forEach((m, t) => expect(m).toBeCloseTo((usage.mean[t] as number) + (recurring[t] as number), 4));
      expect(fc.basis.recurring.projected_total).toBeCloseTo(sum(recurring), 4);

      // One-time charges: the Azure reservation's upfront purchase (billed) and the AWS SLA credit.
      const oneTime = d.charges.filter((r) => r.ChargeFrequency === 'One-Time').reduce((a, r) => a + cost(r, view), 0) / 100;
      expect(fc.basis.one_time.history_total).toBeCloseTo(oneTime, 4);

      // June month-end: every charge to date + the forecast of the rest of the month.
      const actual = d.charges.filter((r) => r.ChargePeriodStart >= MONTH).reduce((a, r) => a + cost(r, view), 0) / 100;
      const rest = daysBetween(AS_OF, parseDay('2026-07-01'));
      const monthEnd = actual + sum(fc.mean.slice(0, rest));
      const derived = actual + sum(usage.mean.slice(0, rest)) + sum(recurring.slice(0, rest));
      expect(monthEnd).toBeCloseTo(derived, 2);
      // The old way (one model on every charge) for the record.
      const all = forecastSeries(s.history.values, { period: 7, horizon: HORIZON, model: 'ets' });
      console.log(`${view} June month-end: split ${monthEnd.toFixed(2)} (usage ${sum(usage.mean.slice(0, rest)).toFixed(2)} + recurring ${sum(recurring.slice(0, rest)).toFixed(2)}), one model on all charges ${(actual + sum(all.mean.slice(0, rest))).toFixed(2)}`);
    });
  }

  it('billed: a Savings Plan that expires in the horizon stops being projected on its end day', async () => {
    const res = (await dispatch(service.handlers, 'forecast.series', { view: 'billed', horizon: HORIZON, model: 'naive' }, ctx)) as Res<'forecast.series'>;
    const streams = res.series[0]!.forecast!.basis.recurring.streams;
    const expiring = d.truth.commitments.filter((c) => c.payment === 'recurring' && c.start < AS_OF && c.end > AS_OF && c.end <= addDays(AS_OF, HORIZON));
    expect(expiring.length).toBeGreaterThan(0);
    for (const c of expiring) {
      const st = streams.find((x) => x.name.includes(c.id));
      expect(st).toMatchObject({ cadence: 'daily', end: c.end, projected: true, amount: c.dailyAmortized });
      expect(st!.projected_total).toBeCloseTo(c.dailyAmortized * daysBetween(AS_OF, c.end), 4);
    }
    // Plans that ended before the data did are not projected.
    const ended = d.truth.commitments.filter((c) => c.payment === 'recurring' && c.end <= AS_OF);
    for (const c of ended) expect(streams.find((x) => x.name.includes(c.id))?.projected).toBe(false);
  });
});
