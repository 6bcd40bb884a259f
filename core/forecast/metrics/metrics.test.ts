import { describe, expect, it } from 'vitest';
import { backtestOrigins, rollingOrigin, summarizeBacktest } from '../backtest';
import { createRandom, normalSampler } from '../random';
import { coverage, intervalPinball, mae, maseScale, msis, owa, pinball, rmse, smape } from './index';

describe('metrics (hand-computed values)', () => {
  const y = [10, 12, 8];
  const f = [11, 12, 10];
  it('MAE, RMSE, sMAPE', () => {
    expect(mae(y, f)).toBeCloseTo(1, 12);
    expect(rmse(y, f)).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // 200·|y−f|/(|y|+|f|): 200/21, 0, 400/18
    expect(smape(y, f)).toBeCloseTo((200 / 21 + 0 + 400 / 18) / 3, 12);
    expect(smape([0], [0])).toBe(0);
  });
  it('MASE scale with period m, and MSIS as M4 defines it', () => {
    const x = [1, 2, 4, 7, 11];
    expect(maseScale(x, 1)).toBeCloseTo((1 + 2 + 3 + 4) / 4, 12);
    expect(maseScale(x, 2)).toBeCloseTo((3 + 5 + 7) / 3, 12);
    // width 4 each; y=10 inside, y=20 above by 2 → penalty 2/0.05·2 = 80
    const iv = { level: 0.95, lo: [8, 14], hi: [12, 18] };
    expect(msis([10, 20], iv, x, 1)).toBeCloseTo((4 + 4 + 80) / 2 / 2.5, 12);
    expect(coverage([10, 20], iv)).toBe(0.5);
  });
  it('pinball loss and OWA', () => {
    expect(pinball([10], [8], 0.9)).toBeCloseTo(1.8, 12);
    expect(pinball([10], [12], 0.9)).toBeCloseTo(0.2, 12);
    expect(intervalPinball([10], [{ level: 0.8, lo: [8], hi: [12] }])).toBeCloseTo((0.1 * 2 + 0.1 * 2) / 2, 12);
    expect(owa(9, 2, 10, 4)).toBeCloseTo(0.5 * (0.9 + 0.5), 12);
  });
});

describe('rolling-origin backtest', () => {
  it('places the windows at the end of the series, horizon apart, and scores a naive forecaster', () => {
    expect(backtestOrigins(20, { horizon: 3, windows: 3 })).toEqual([11, 14, 17]);
    expect(backtestOrigins(20, { horizon: 3, windows: 3, step: 1 })).toEqual([15, 16, 17]);
    expect(backtestOrigins(8, { horizon: 3, windows: 3 }, 4)).toEqual([5]);
    const y = Array.from({ length: 20 }, (_, t) => t);
    const w = rollingOrigin(y, { horizon: 3, windows: 2 }, (train, h) => ({ mean: Array(h).fill(train[train.length - 1]), intervals: [{ level: 0.8, lo: Array(h).fill(-1), hi: Array(h).fill(15) }] }));
    expect(w.map((x) => x.origin)).toEqual([14, 17]);
    const s = summarizeBacktest(w, { horizon: 3, windows: 2 });
    expect(s.mae).toBeCloseTo(2, 12); // errors 1,2,3 in each window
    expect(s.mase).toBeCloseTo(2, 12); // scale 1 (unit steps)
    // window 1 (14,15,16): 14 and 15 inside [−1, 15]; window 2 (17,18,19): none → (2/3 + 0)/2
    expect(s.coverage[0]!.rate).toBeCloseTo(1 / 3, 12);
  });
});

describe('random', () => {
  it('is reproducible per seed, uniform in (0,1), and its normals have mean 0 and variance 1', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(createRandom(6)()).not.toBe(xs[0]);
    const r = createRandom(9);
    let s = 0;
    for (let i = 0; i < 20000; i++) {
      const u = r();
      expect(u > 0 && u < 1).toBe(true);
      s += u;
    }
    expect(s / 20000).toBeCloseTo(0.5, 2);
    const z = normalSampler(createRandom(11));
    let m = 0;
    let v = 0;
    const n = 40000;
    for (let i = 0; i < n; i++) {
      const x = z();
      m += x;
      v += x * x;
    }
    expect(m / n).toBeCloseTo(0, 1);
    expect(v / n).toBeCloseTo(1, 1);
  });
});
