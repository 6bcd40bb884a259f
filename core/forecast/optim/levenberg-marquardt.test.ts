import { describe, expect, it } from 'vitest';
import { levenbergMarquardt } from './levenberg-marquardt';

describe('Levenberg–Marquardt', () => {
  it('recovers the parameters of an exactly exponential curve from a poor start', () => {
    // y = 5·exp(−0.3t) + 2 at t = 0..19, no noise: the optimum is the generating parameters, S = 0.
    const t = Array.from({ length: 20 }, (_, i) => i);
    const y = t.map((v) => 5 * Math.exp(-0.3 * v) + 2);
    const problem = {
      size: t.length,
      residuals(x: Float64Array, r: Float64Array): number {
        let s = 0;
        for (let i = 0; i < t.length; i++) {
          r[i] = (x[0] as number) * Math.exp(-(x[1] as number) * (t[i] as number)) + (x[2] as number) - (y[i] as number);
          s += (r[i] as number) ** 2;
        }
        return s;
      },
    };
    const res = levenbergMarquardt(problem, [1, 1, 0]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(5, 6);
    expect(res.x[1]).toBeCloseTo(0.3, 6);
    expect(res.x[2]).toBeCloseTo(2, 6);
    expect(res.value).toBeLessThan(1e-12);
  });

  it('a linear problem lands on the normal-equation solution (with and without an analytic Jacobian)', () => {
    // Straight line through (0,1), (1,3), (2,2), (3,5): slope = Sxy/Sxx = 5.5/5 = 1.1, intercept = 2.75 − 1.1·1.5 = 1.1.
    const xs = [0, 1, 2, 3];
    const ys = [1, 3, 2, 5];
    const residuals = (x: Float64Array, r: Float64Array): number => {
      let s = 0;
      xs.forEach((v, i) => {
        r[i] = (x[0] as number) + (x[1] as number) * v - (ys[i] as number);
        s += (r[i] as number) ** 2;
      });
      return s;
    };
    const jacobian = (_x: Float64Array, _r: Float64Array, J: Float64Array): void => {
      xs.forEach((v, i) => {
        J[i] = 1;
        J[xs.length + i] = v;
      });
    };
    for (const problem of [{ size: 4, residuals }, { size: 4, residuals, jacobian }]) {
      const res = levenbergMarquardt(problem, [0, 0]);
      expect(res.x[0]).toBeCloseTo(1.1, 8);
      expect(res.x[1]).toBeCloseTo(1.1, 8);
      // residuals −0.1, 0.8, −1.3, 0.6 → S = 0.01 + 0.64 + 1.69 + 0.36 = 2.7
      expect(res.value).toBeCloseTo(2.7, 10);
    }
  });

  it('treats an infeasible region (Infinity) as a rejected step', () => {
    // minimise (x − 3)² with x ≤ 2 feasible only: stops at the boundary side, never returns an infeasible x.
    const problem = {
      size: 1,
      residuals(x: Float64Array, r: Float64Array): number {
        if ((x[0] as number) > 2) return Infinity;
        r[0] = (x[0] as number) - 3;
        return (r[0] as number) ** 2;
      },
    };
    const res = levenbergMarquardt(problem, [0]);
    expect(res.x[0]).toBeLessThanOrEqual(2);
    expect(res.x[0]).toBeGreaterThan(1.9);
  });
});
