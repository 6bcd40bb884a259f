import { describe, expect, it } from 'vitest';
import { arimaFitter, arimaLabel, autoArima, fitArima, forecastArima, kpssPValue, kpssStatistic, namedParams, ndiffs, nsdiffs, toFittedModel } from './index';
import { AIR_PASSENGERS, LH, US_ACC_DEATHS } from './datasets.fixture';
import { arToPacf, expandAr, expandMa, invertMa, maRootsOutside, pacfToAr } from './polynomial';
import type { ArimaSpec } from './spec';
import { createRandom } from '../random';
import { conditionalSumOfSquares, cssProblem, sparse } from './css';
import { armaAutocovariances, armaKalman, armaLikelihoodFast, psiWeights } from './kalman';

const spec = (p: number, d: number, q: number, P = 0, D = 0, Q = 0, period = 1, constant = false): ArimaSpec => ({ p, d, q, P, D, Q, period, constant });

const seeded = (seed: number): (() => number) => createRandom(seed);

describe('exact ML fits match published R arima() output', () => {
  // Reference: R `?arima` examples (stats package), output as printed by R ≥ 3.x, e.g.
  //   arima(lh, order = c(1,0,0)): ar1 0.5739, intercept 2.4133, sigma^2 0.1975, loglik -29.38, aic 64.76
  //   arima(lh, order = c(3,0,0)): ar1 0.6448, ar2 -0.0634, ar3 -0.2198, intercept 2.3931, sigma^2 0.1787, loglik -27.09, aic 64.18
  //   arima(lh, order = c(1,0,1)): ar1 0.4522, ma1 0.1982, intercept 2.4101, sigma^2 0.1923, loglik -28.76, aic 65.52
  // (forecast::Arima adds AICc 65.3 for the AR(1).)
  it.each([
    ['AR(1)', spec(1, 0, 0, 0, 0, 0, 1, true), { ar1: 0.5739, intercept: 2.4133 }, 0.1975, -29.38, 64.76],
    ['AR(3)', spec(3, 0, 0, 0, 0, 0, 1, true), { ar1: 0.6448, ar2: -0.0634, ar3: -0.2198, intercept: 2.3931 }, 0.1787, -27.09, 64.18],
    ['ARMA(1,1)', spec(1, 0, 1, 0, 0, 0, 1, true), { ar1: 0.4522, ma1: 0.1982, intercept: 2.4101 }, 0.1923, -28.76, 65.52],
  ] as const)('lh %s', (_name, s, coefs, sigma2, loglik, aic) => {
    const fit = fitArima(LH, s);
    const params = namedParams(fit);
    for (const [k, v] of Object.entries(coefs)) expect(params[k]).toBeCloseTo(v, 3);
    expect(fit.sigma2ML).toBeCloseTo(sigma2, 3);
    expect(fit.loglik).toBeCloseTo(loglik, 2);
    expect(fit.aic).toBeCloseTo(aic, 1);
  });

  it('USAccDeaths airline model (0,1,1)(0,1,1)[12] and its forecasts', () => {
    // Reference: R `?arima` example and forecast::auto.arima(USAccDeaths) as printed in
    // Hyndman's forecast docs / tutorials: ma1 -0.4303, sma1 -0.5528, sigma^2 (ML) 99347,
    // sigma^2 (forecast, bias-adjusted) 102860, loglik -425.44, AIC 856.88, AICc 857.32;
    // forecast(h = 12): Jan 1979 8336.061 [80%: 7924.712, 8747.410; 95%: 7706.957, 8965.166],
    // Feb 7531.829 [7058.464, 8005.194], Dec 9376.574 [95%: 8032.176, 10720.971].
    const fit = fitArima(US_ACC_DEATHS, spec(0, 1, 1, 0, 1, 1, 12));
    const params = namedParams(fit);
    expect(params['ma1']).toBeCloseTo(-0.4303, 3);
    expect(params['sma1']).toBeCloseTo(-0.5528, 3);
    expect(fit.sigma2ML / 99347).toBeCloseTo(1, 3);
    expect(fit.sigma2 / 102860).toBeCloseTo(1, 3);
    expect(fit.loglik).toBeCloseTo(-425.44, 2);
    expect(fit.aicc).toBeCloseTo(857.32, 1);
    const fc = forecastArima(fit, 12, { levels: [0.8, 0.95] });
    const rel = (a: number, b: number): number => Math.abs(a / b - 1);
    expect(rel(fc.mean[0]!, 8336.061)).toBeLessThan(1e-4);
    expect(rel(fc.mean[1]!, 7531.829)).toBeLessThan(1e-4);
    expect(rel(fc.mean[11]!, 9376.574)).toBeLessThan(1e-4);
    const [i80, i95] = fc.intervals;
    expect(rel(i80!.lo[0]!, 7924.712)).toBeLessThan(2e-4);
    expect(rel(i80!.hi[0]!, 8747.41)).toBeLessThan(2e-4);
    expect(rel(i95!.lo[0]!, 7706.957)).toBeLessThan(2e-4);
    expect(rel(i80!.lo[1]!, 7058.464)).toBeLessThan(2e-4);
    expect(rel(i95!.lo[11]!, 8032.176)).toBeLessThan(5e-4);
    expect(rel(i95!.hi[11]!, 10720.971)).toBeLessThan(5e-4);
  });

  it('log AirPassengers airline model', () => {
    // Reference: arima(log(AirPassengers), c(0,1,1), seasonal = c(0,1,1)) — Box & Jenkins' Series G
    // "airline model", R output: ma1 -0.4018, sma1 -0.5569, sigma^2 0.001348, loglik 244.7,
    // aic -483.4 (forecast::Arima: AICc -483.21).
    const fit = fitArima(AIR_PASSENGERS.map(Math.log), spec(0, 1, 1, 0, 1, 1, 12));
    const params = namedParams(fit);
    expect(params['ma1']).toBeCloseTo(-0.4018, 3);
    expect(params['sma1']).toBeCloseTo(-0.5569, 3);
    expect(fit.sigma2ML).toBeCloseTo(0.001348, 5);
    expect(fit.loglik).toBeCloseTo(244.7, 1);
    expect(fit.aicc).toBeCloseTo(-483.21, 1);
  });
});

describe('auto.arima order selection matches R forecast', () => {
  it('lh → ARIMA(1,0,0) with non-zero mean (AICc 65.3)', () => {
    const r = autoArima(LH, 1);
    expect(arimaLabel(r.fit.spec)).toBe('ARIMA(1,0,0) with non-zero mean');
    expect(r.fit.aicc).toBeCloseTo(65.3, 1);
  });
  it('USAccDeaths → ARIMA(0,1,1)(0,1,1)[12]', () => {
    expect(arimaLabel(autoArima(US_ACC_DEATHS, 12).fit.spec)).toBe('ARIMA(0,1,1)(0,1,1)[12]');
  });
  it('AirPassengers → ARIMA(2,1,1)(0,1,0)[12], AICc 1018.17', () => {
    // Reference: auto.arima(AirPassengers) as printed in fpp2/forecast tutorials:
    // ar1 0.5960, ar2 0.2143, ma1 -0.9819, sigma^2 132.3, AICc 1018.17.
    const r = autoArima(AIR_PASSENGERS, 12);
    expect(arimaLabel(r.fit.spec)).toBe('ARIMA(2,1,1)(0,1,0)[12]');
    const params = namedParams(r.fit);
    expect(params['ar1']).toBeCloseTo(0.596, 2);
    expect(params['ar2']).toBeCloseTo(0.2143, 2);
    expect(params['ma1']).toBeCloseTo(-0.9819, 2);
    expect(r.fit.aicc).toBeCloseTo(1018.17, 1);
  });
  it('a pure random walk with drift gets d = 1 and a drift term', () => {
    const rnd = seeded(7);
    const y = [100];
    for (let t = 1; t < 200; t++) y.push(y[t - 1]! + 0.5 + (rnd() - 0.5) * 2);
    const r = autoArima(y, 1);
    expect(r.fit.spec.d).toBe(1);
    expect(r.fit.spec.constant).toBe(true);
    // true drift 0.5; the sample mean step has s.e. ≈ 0.58/√199 ≈ 0.041
    expect(Math.abs(namedParams(r.fit)['drift']! - 0.5)).toBeLessThan(0.13);
  });
  it('a constant series forecasts the constant', () => {
    const fc = arimaFitter(spec(0, 0, 0, 0, 0, 0, 1, true))(new Array<number>(30).fill(5).map((v, i) => v + (i % 2 === 0 ? 0.1 : -0.1)), { period: 1 }).forecast(3, { levels: [0.95] });
    expect(fc.mean[0]).toBeCloseTo(5, 1);
    const r = autoArima(new Array<number>(20).fill(3), 1);
    expect(r.fit.spec.constant).toBe(true);
    expect(forecastArima(r.fit, 2, { levels: [0.8] }).mean).toEqual([3, 3]);
  });
});

describe('unit-root tests', () => {
  it('KPSS statistic matches tseries::kpss.test on published examples', () => {
    // Reference: tseries::kpss.test(lh) → "KPSS Level = 0.29382, Truncation lag parameter = 3";
    // kpss.test(AirPassengers) → "KPSS Level = 2.7395, Truncation lag parameter = 4"
    // (both as printed in R tutorials; lag = trunc(4 (n/100)^(1/4))).
    expect(kpssStatistic(LH, 3)).toBeCloseTo(0.29382, 4);
    expect(kpssStatistic(AIR_PASSENGERS, 4)).toBeCloseTo(2.7395, 3);
  });
  it('KPSS p-values interpolate the KPSS (1992) table and clamp to [0.01, 0.1]', () => {
    expect(kpssPValue(0.2)).toBe(0.1);
    expect(kpssPValue(0.463)).toBeCloseTo(0.05, 10);
    expect(kpssPValue((0.463 + 0.574) / 2)).toBeCloseTo(0.0375, 10);
    expect(kpssPValue(5)).toBe(0.01);
  });
  it('ndiffs / nsdiffs choose the differences R does', () => {
    // R: ndiffs(lh) = 0; nsdiffs(USAccDeaths) = 1; ndiffs(diff(log(AirPassengers), 12)) = 1 (forecast docs example).
    expect(ndiffs(LH)).toBe(0);
    expect(nsdiffs(US_ACC_DEATHS, 12)).toBe(1);
    const logAir = AIR_PASSENGERS.map(Math.log);
    expect(ndiffs(logAir.slice(12).map((v, t) => v - logAir[t]!))).toBe(1);
  });
});

describe('polynomials', () => {
  it('expands seasonal products', () => {
    // (1 − 0.5B)(1 − 0.3B²) = 1 − 0.5B − 0.3B² + 0.15B³
    expect(expandAr([0.5], [0.3], 2)).toEqual([0.5, 0.3, -0.15]);
    // (1 + 0.4B)(1 + 0.2B²) = 1 + 0.4B + 0.2B² + 0.08B³
    expect(expandMa([0.4], [0.2], 2).map((v) => +v.toFixed(12))).toEqual([0.4, 0.2, 0.08]);
  });
  it('PACF ↔ AR round trip and stationarity detection', () => {
    const ar = pacfToAr([0.5, -0.3, 0.2]);
    const back = arToPacf(ar)!;
    expect(back.map((v) => +v.toFixed(12))).toEqual([0.5, -0.3, 0.2]);
    expect(arToPacf([1.2])).toBeNull();
    expect(arToPacf([0.5, 0.6])).toBeNull(); // 1 − .5z − .6z² has a root inside the unit circle
  });
  it('reflects a non-invertible MA(1) and rescales σ²', () => {
    const r = invertMa([2]);
    expect(r.theta[0]).toBeCloseTo(0.5, 10);
    expect(r.varianceFactor).toBeCloseTo(4, 10);
    expect(maRootsOutside(r.theta)).toBe(true);
  });
});

describe('forecast invariants', () => {
  const cases: [string, readonly number[], ArimaSpec][] = [
    ['lh ARMA(1,1)', LH, spec(1, 0, 1, 0, 0, 0, 1, true)],
    ['USAccDeaths airline', US_ACC_DEATHS, spec(0, 1, 1, 0, 1, 1, 12)],
    ['AirPassengers (1,1,0) drift', AIR_PASSENGERS, spec(1, 1, 0, 0, 0, 0, 1, true)],
    ['AirPassengers (1,0,0)(1,1,0)[12]', AIR_PASSENGERS, spec(1, 0, 0, 1, 1, 0, 12)],
    ['lh ARIMA(0,2,1)', LH, spec(0, 2, 1)],
  ];
  it.each(cases)('%s: no NaN, nested ordered intervals, deterministic paths', (_name, y, s) => {
    const model = arimaFitter(s)(y, { period: s.period });
    expect(model.record.family).toBe('arima');
    expect(Object.values(model.record.params).every(Number.isFinite)).toBe(true);
    const fc = model.forecast(24, { levels: [0.8, 0.95], paths: 400, random: seeded(42) });
    const [i80, i95] = fc.intervals;
    for (let t = 0; t < 24; t++) {
      const m = fc.mean[t]!;
      expect(Number.isFinite(m)).toBe(true);
      expect(i95!.lo[t]!).toBeLessThanOrEqual(i80!.lo[t]!);
      expect(i80!.lo[t]!).toBeLessThanOrEqual(m);
      expect(m).toBeLessThanOrEqual(i80!.hi[t]!);
      expect(i80!.hi[t]!).toBeLessThanOrEqual(i95!.hi[t]!);
    }
    const again = model.forecast(24, { levels: [0.8], paths: 400, random: seeded(42) });
    expect(again.paths).toEqual(fc.paths);
    // Paths are centred on the mean and spread like the 95 % interval.
    const paths = fc.paths!;
    const t = 11;
    const at = paths.map((p) => p[t]!).sort((a, b) => a - b);
    const avg = at.reduce((a, b) => a + b, 0) / at.length;
    const halfWidth = i95!.hi[t]! - fc.mean[t]!;
    expect(Math.abs(avg - fc.mean[t]!)).toBeLessThan(0.2 * halfWidth);
    const inside = at.filter((v) => v >= i95!.lo[t]! && v <= i95!.hi[t]!).length / at.length;
    expect(inside).toBeGreaterThan(0.9);
  });
  it('refit re-estimates the same orders on other data', () => {
    const model = arimaFitter(spec(0, 1, 1, 0, 1, 1, 12))(US_ACC_DEATHS, { period: 12 });
    const shorter = model.refit!(US_ACC_DEATHS.slice(0, 60));
    expect(shorter.record.spec).toBe('ARIMA(0,1,1)(0,1,1)[12]');
    expect(shorter.record.n).toBe(60);
    expect(shorter.record.params['ma1']).not.toBeCloseTo(model.record.params['ma1']!, 4);
    const constant = autoArima(new Array<number>(20).fill(3), 1);
    expect(toFittedModel(constant.fit).refit!(new Array<number>(10).fill(4)).forecast(1, { levels: [0.8] }).mean).toEqual([4]);
  });

  it('rejects bad specs and options with ranges in the message', () => {
    expect(() => fitArima(LH, spec(1, 3, 0))).toThrow(/d = 3 .*0 to 2/);
    expect(() => fitArima(LH, spec(0, 0, 0, 1, 0, 0, 1))).toThrow(/period of at least 2/);
    expect(() => fitArima([1, 2, Number.NaN, 4], spec(0, 0, 0))).toThrow(/finite/);
    expect(() => autoArima(LH, 1, { alpha: 0.5 })).toThrow(/0.01 to 0.1/);
    const fit = fitArima(LH, spec(1, 0, 0, 0, 0, 0, 1, true));
    expect(() => forecastArima(fit, 5, { levels: [80] })).toThrow(/strictly between 0 and 1/);
    expect(() => forecastArima(fit, 5, { levels: [0.8], paths: 10 })).toThrow(/random source/);
  });
});

describe('Chandrasekhar recursions', () => {
  it.each([
    [[0.5], [], [], [], 1],
    [[0.3, -0.2], [0.4], [0.5], [-0.6], 12],
    [[], [-0.9], [], [-0.95], 24],
    [[0.5, 0.1], [0.3, 0.2], [0.4, 0.3], [], 24],
  ] as [number[], number[], number[], number[], number][])('give the full Kalman filter likelihood (ar %j ma %j sar %j sma %j m %i)', (ar, ma, sar, sma, m) => {
    const rnd = createRandom(3);
    const w = Float64Array.from({ length: 400 }, () => rnd() - 0.5 + Math.sin(rnd() * 6));
    const phi = expandAr(ar, sar, m);
    const theta = expandMa(ma, sma, m);
    const full = armaKalman(w, phi, theta, sparse(phi), { tol: 0 })!;
    const fast = armaLikelihoodFast(w, phi, theta, sparse(phi))!;
    expect(fast.ssq / full.ssq).toBeCloseTo(1, 9);
    expect(fast.sumLogF).toBeCloseTo(full.sumLogF, 8);
  });
});

describe('ARMA autocovariances', () => {
  it.each([
    [[0.5], [], [], [], 1],
    [[0.9], [0.5], [], [], 1],
    [[0.3, -0.2], [0.4], [0.5], [-0.6], 12],
    [[0.5, 0.1], [0.3, 0.2], [0.4, 0.3], [], 24],
  ] as [number[], number[], number[], number[], number][])('equal Σ ψⱼψⱼ₊ₗ (ar %j ma %j sar %j sma %j m %i)', (ar, ma, sar, sma, m) => {
    const phi = expandAr(ar, sar, m);
    const theta = expandMa(ma, sma, m);
    const r = Math.max(phi.length, theta.length + 1);
    const gamma = armaAutocovariances(phi, theta, r)!;
    const psi = psiWeights(phi, theta, 20000);
    for (let l = 0; l < r; l++) {
      let s = 0;
      for (let j = 0; j + l < psi.length; j++) s += psi[j]! * psi[j + l]!;
      expect(gamma[l]! / gamma[0]!).toBeCloseTo(s / gamma[0]!, 10);
    }
    // AR(1): γ(0) = 1/(1 − φ²)
    if (ar.length === 1 && ma.length === 0 && sar.length === 0) expect(gamma[0]).toBeCloseTo(1 / (1 - ar[0]! ** 2), 12);
  });
  it('are undefined for a non-stationary AR part', () => {
    expect(armaAutocovariances([1.1], [], 2)).toBeNull();
  });
});

describe('conditional sum of squares', () => {
  it.each([
    [2, 2, 0, 0, true, 1],
    [1, 1, 1, 1, true, 4],
    [0, 2, 0, 1, false, 4],
    [2, 0, 2, 0, true, 4],
  ] as [number, number, number, number, boolean, number][])('adjoint gradient = central differences, value = the direct recursion (p %i q %i P %i Q %i c %s m %i)', (p, q, P, Q, constant, m) => {
    const rnd = createRandom(11);
    const w = Float64Array.from({ length: 300 }, () => rnd() - 0.5);
    for (let t = 1; t < w.length; t++) w[t] = w[t]! + 0.5 * w[t - 1]!;
    const { problem, ncond } = cssProblem(w, { p, q, P, Q, constant, m });
    const k = p + q + P + Q + (constant ? 1 : 0);
    const x = Float64Array.from({ length: k }, (_, i) => 0.1 + 0.05 * i);
    const g = new Float64Array(k);
    const f = problem.gradient(x, g);
    // the value against the independent recursion of conditionalSumOfSquares
    const ar = Array.from(x.subarray(0, p));
    const ma = Array.from(x.subarray(p, p + q));
    const sar = Array.from(x.subarray(p + q, p + q + P));
    const sma = Array.from(x.subarray(p + q + P, p + q + P + Q));
    const direct = conditionalSumOfSquares(w, sparse(expandAr(ar, sar, m)), sparse(expandMa(ma, sma, m)), ncond, constant ? x[k - 1]! : 0);
    expect(f).toBeCloseTo(0.5 * Math.log(direct.ssq / direct.used), 12);
    const h = 1e-6;
    const scratch = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const up = x.slice();
      const down = x.slice();
      up[c] = up[c]! + h;
      down[c] = down[c]! - h;
      expect(g[c]).toBeCloseTo((problem.gradient(up, scratch) - problem.gradient(down, scratch)) / (2 * h), 7);
    }
  });
});

describe('warm-started refits', () => {
  it('reach the same ML estimates as a cold fit on the shorter series', () => {
    const s = spec(0, 1, 1, 0, 1, 1, 12);
    const full = fitArima(US_ACC_DEATHS, s);
    const short = US_ACC_DEATHS.slice(0, 60);
    const cold = fitArima(short, s);
    const warm = fitArima(short, s, { start: full.coef });
    expect(warm.coef.ma[0]).toBeCloseTo(cold.coef.ma[0]!, 3);
    expect(warm.coef.sma[0]).toBeCloseTo(cold.coef.sma[0]!, 3);
    expect(warm.loglik).toBeCloseTo(cold.loglik, 4);
  });
});
