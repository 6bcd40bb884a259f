import { describe, expect, it } from 'vitest';
import { autoTrainingWindow, forecastSeries, type ModelName } from './forecast-series';

/** A positive monthly-like series with trend and a period-12 cycle, plus deterministic noise. */
function seasonalSeries(n: number, m: number): number[] {
  const out: number[] = [];
  let u = 7;
  for (let t = 0; t < n; t++) {
    u = (u * 16807) % 2147483647;
    const noise = (u / 2147483647 - 0.5) * 6;
    out.push(100 + 0.5 * t + 15 * Math.sin((2 * Math.PI * t) / m) + noise);
  }
  return out;
}

function checkInvariants(r: ReturnType<typeof forecastSeries>, h: number): void {
  expect(r.mean).toHaveLength(h);
  const i80 = r.intervals.find((i) => i.level === 0.8);
  const i95 = r.intervals.find((i) => i.level === 0.95);
  expect(i80 && i95).toBeTruthy();
  for (let t = 0; t < h; t++) {
    const m = r.mean[t] as number;
    expect(Number.isFinite(m)).toBe(true);
    const lo95 = i95!.lo[t] as number;
    const lo80 = i80!.lo[t] as number;
    const hi80 = i80!.hi[t] as number;
    const hi95 = i95!.hi[t] as number;
    expect(lo95).toBeLessThanOrEqual(lo80);
    expect(lo80).toBeLessThanOrEqual(m);
    expect(m).toBeLessThanOrEqual(hi80);
    expect(hi80).toBeLessThanOrEqual(hi95);
  }
}

const y = seasonalSeries(72, 12);
const models: ModelName[] = ['naive', 'snaive', 'drift', 'naive2', 'ets', 'theta', 'theta-optimized', 'theta-dynamic', 'arima', 'mstl', 'combo', 'auto'];

describe('forecastSeries invariants', () => {
  for (const model of models) {
    it(`${model}: finite, nested intervals, reproducible paths`, () => {
      const a = forecastSeries(y, { period: 12, horizon: 18, model, paths: 50, seed: 42 });
      checkInvariants(a, 18);
      expect(a.paths).toHaveLength(50);
      for (const p of a.paths!) expect(p.every((v) => Number.isFinite(v))).toBe(true);
      const b = forecastSeries(y, { period: 12, horizon: 18, model, paths: 50, seed: 42 });
      expect(b.paths).toEqual(a.paths);
      const c = forecastSeries(y, { period: 12, horizon: 18, model, paths: 50, seed: 43 });
      expect(c.paths).not.toEqual(a.paths);
      expect(a.card.requested).toBe(model);
    });
  }

  it('seasonal naive repeats the last season exactly', () => {
    const r = forecastSeries(y, { period: 12, horizon: 24, model: 'snaive' });
    expect(r.mean).toEqual([...y.slice(60), ...y.slice(60)]);
  });

  it('a series shorter than two seasons falls back to period 1 with a warning', () => {
    const r = forecastSeries(y.slice(0, 20), { period: 12, horizon: 6, model: 'ets' });
    expect(r.card.period).toBe(1);
    expect(r.card.warnings.join(' ')).toMatch(/fewer than two seasons/);
    checkInvariants(r, 6);
  });

  it('an all-zero series forecasts zero with a warning', () => {
    const r = forecastSeries(new Array(30).fill(0), { period: 7, horizon: 5, model: 'ets' });
    expect(r.mean).toEqual([0, 0, 0, 0, 0]);
    expect(r.card.warnings.join(' ')).toMatch(/all zeros/);
  });

  it('missing and excluded points are interpolated and listed in the card', () => {
    const v = [...y];
    v[30] = Number.NaN;
    const spike = [...v];
    spike[40] = 10_000;
    const exclude = spike.map((_, i) => i === 40);
    const r = forecastSeries(spike, { period: 12, horizon: 12, model: 'ets', exclude });
    expect(r.card.excluded).toEqual([30, 40]);
    const clean = forecastSeries(v, { period: 12, horizon: 12, model: 'ets', exclude: v.map((_, i) => i === 40) });
    // The spike must not leak into the forecast: with it excluded the forecasts agree.
    expect(r.mean).toEqual(clean.mean);
    const withSpike = forecastSeries(spike.map((x, i) => (i === 30 ? 130 : x)), { period: 12, horizon: 12, model: 'ets' });
    expect(Math.abs((withSpike.mean[0] as number) - (r.mean[0] as number))).toBeGreaterThan(0);
  });

  it('rejects bad options with messages that name the range', () => {
    expect(() => forecastSeries(y, { period: 12, horizon: 0 })).toThrow(/horizon must be an integer/);
    expect(() => forecastSeries(y, { period: 0, horizon: 3 })).toThrow(/period must be/);
    expect(() => forecastSeries(y, { period: 12, horizon: 3, levels: [150] })).toThrow(/fraction in \(0, 1\)/);
    expect(() => forecastSeries([1], { period: 1, horizon: 3 })).toThrow(/at least 2/);
  });

  it('accepts levels as percentages', () => {
    const r = forecastSeries(y, { period: 12, horizon: 3, model: 'naive', levels: [80, 95] });
    expect(r.intervals.map((i) => i.level)).toEqual([0.8, 0.95]);
  });
});

describe('forecastSeries backtest windows', () => {
  const daily = seasonalSeries(120, 7);

  it('a specific model is backtested on request: seasonal naive windows repeat the last training week, scores match the windows', () => {
    const h = 14;
    const r = forecastSeries(daily, { period: 7, horizon: h, model: 'snaive', backtest: true });
    const w = r.backtest ?? [];
    expect(w.map((x) => x.origin)).toEqual([120 - 3 * h, 120 - 2 * h, 120 - h]);
    for (const win of w) {
      expect(win.actual).toEqual(daily.slice(win.origin, win.origin + h));
      // sNaive: ŷ(origin + t) = y(origin − 7 + t mod 7)
      expect(win.mean).toEqual(Array.from({ length: h }, (_, t) => daily[win.origin - 7 + (t % 7)]));
    }
    const mae = w.reduce((s, x) => s + x.actual.reduce((a, v, t) => a + Math.abs(v - (x.mean[t] as number)), 0) / h, 0) / w.length;
    expect(r.card.backtest?.windows).toBe(3);
    expect(r.card.backtest?.mae).toBeCloseTo(mae, 10);
    // Not asked: no windows, no scores, and the forecast itself is the same either way.
    const plain = forecastSeries(daily, { period: 7, horizon: h, model: 'snaive' });
    expect(plain.backtest).toBeUndefined();
    expect(plain.card.backtest).toBeUndefined();
    expect(plain.mean).toEqual(r.mean);
  });

  it('auto returns the windows of the option it chose, consistent with its backtest MAE', () => {
    const h = 10;
    const r = forecastSeries(daily, { period: 7, horizon: h, backtest: true });
    const w = r.backtest ?? [];
    expect(w).toHaveLength(r.card.backtest?.windows ?? -1);
    expect(w.at(-1)?.origin).toBe(120 - h);
    const mae = w.reduce((s, x) => s + x.actual.reduce((a, v, t) => a + Math.abs(v - (x.mean[t] as number)), 0) / h, 0) / w.length;
    expect(r.card.backtest?.mae).toBeCloseTo(mae, 10);
    expect(w[0]?.intervals.map((i) => i.level)).toEqual([0.8, 0.95]);
  });

  it('a series too short for one window says so instead of scoring', () => {
    const r = forecastSeries(daily.slice(0, 30), { period: 7, horizon: 20, model: 'ets', backtest: true });
    expect(r.backtest).toBeUndefined();
    expect(r.card.warnings.some((m) => /too short for a backtest/.test(m))).toBe(true);
  });
});

describe('auto training window', () => {
  it('is max(40 × horizon, 20 × the longest cycle the candidates model)', () => {
    expect(autoTrainingWindow(1, 13)).toBe(520); // M4 weekly, period 1: the horizon term
    expect(autoTrainingWindow(1, 1)).toBe(40);
    expect(autoTrainingWindow(52, 13)).toBe(1040); // 20 years of weekly data
    expect(autoTrainingWindow(12, 18)).toBe(720);
    expect(autoTrainingWindow(24, 48)).toBe(20 * 168); // hourly: 20 weekly cycles, more than any M4 hourly series (≤ 960)
    expect(autoTrainingWindow(7, 14)).toBe(Math.ceil(20 * 365.25)); // daily: 20 years
    expect(autoTrainingWindow(7, 365)).toBe(14600);
    expect(autoTrainingWindow(1, 2.5)).toBe(100);
  });

  it('the default window applies when no trainingWindow is given, and the card names the rule', () => {
    const long = seasonalSeries(400, 12).map((v, t) => v + (t < 100 ? 500 : 0));
    const r = forecastSeries(long, { period: 1, horizon: 6 }); // window max(240, 20) = 240
    expect(r.card.trainingWindow).toEqual({ start: 160, end: 400, n: 240 });
    expect(r.card.warnings.some((m) => m.includes('most recent 240 of 400 values, the default max(40 × horizon, 20 × longest cycle)'))).toBe(true);
    expect(r.mean).toEqual(forecastSeries(long.slice(160), { period: 1, horizon: 6 }).mean);
    // A seasonal period raises the floor: 20 × 12 = 240 for horizon 3 (40 × 3 = 120).
    expect(forecastSeries(long, { period: 12, horizon: 3 }).card.trainingWindow).toEqual({ start: 160, end: 400, n: 240 });
  });

  it('trains on the most recent values only: the forecast is that of the truncated series, and the card says so', () => {
    const long = seasonalSeries(1030, 12).map((v, t) => v + (t < 100 ? 500 : 0));
    const h = 6;
    const r = forecastSeries(long, { period: 1, horizon: h, trainingWindow: 1000 });
    const direct = forecastSeries(long.slice(30), { period: 1, horizon: h, trainingWindow: Infinity });
    expect(r.mean).toEqual(direct.mean);
    expect(r.intervals).toEqual(direct.intervals);
    expect(r.card.trainingWindow).toEqual({ start: 30, end: 1030, n: 1000 });
    expect(r.card.warnings.some((m) => m.includes('most recent 1000 of 1030 values'))).toBe(true);
    expect(direct.card.trainingWindow).toEqual({ start: 0, end: 1000, n: 1000 });
    const all = forecastSeries(long, { period: 1, horizon: h, trainingWindow: Infinity });
    expect(all.card.trainingWindow).toEqual({ start: 0, end: 1030, n: 1030 });
    expect(all.card.warnings.some((m) => m.includes('most recent'))).toBe(false);
  });

  it('rejects a window that is not a whole number ≥ 2', () => {
    for (const bad of [0, 1, 2.5, Number.NaN, -3]) {
      expect(() => forecastSeries(y, { period: 12, horizon: 3, trainingWindow: bad })).toThrow(/trainingWindow must be a whole number/);
    }
  });
});
