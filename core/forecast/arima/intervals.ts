import type { Interval, Random, SamplePaths } from '../types';
import type { ArimaFit } from './fit';
import { integratedPsi } from './forecast';
import { psiWeights } from './kalman';
import { differencingPolynomial } from './polynomial';
import { gaussianIntervals } from '../math/intervals';
import { normalSampler } from '../random';

/**
 * Forecast standard errors with R forecast's bias-adjusted σ².
 *
 * Asymptotically σ_h² = σ² Σ_{j<h} Ψⱼ² (Ψ the ψ-weights of the integrated model). With the
 * Kalman filter's final state covariance P = P_{n+1|n}/σ² the finite-sample value is exact
 * (as R's `predict.Arima`): the error at h is aₕᵀ δx + Σ_{j=2..h} Ψ_{h−j} ε_{n+j}, where δx is
 * the state error at n+1, cₖ = (Tᵀ)^{k−1} e₁ and aₕ = Σₖ π_{h−k} cₖ with π the weights of
 * 1/[(1−B)^d(1−B^m)^D]; so σ_h² = σ² [aₕᵀ P aₕ + Σ_{i≤h−2} Ψᵢ²].
 */
export function forecastSd(fit: ArimaFit, h: number): number[] {
  const psi = integratedPsi(fit, h);
  const out = new Array<number>(h);
  const P = fit.finalCov;
  if (P === undefined) {
    let acc = 0;
    for (let k = 0; k < h; k++) {
      acc += psi[k]! * psi[k]!;
      out[k] = Math.sqrt(fit.sigma2 * acc);
    }
    return out;
  }
  const r = Math.max(fit.phi.length, fit.theta.length + 1);
  const { d, D, period: m } = fit.spec;
  const pi = psiWeights(differencingPolynomial(d, D, m), [], h);
  // cs[k] = c_{k+1}
  const cs: Float64Array[] = [];
  let c = new Float64Array(r);
  c[0] = 1;
  for (let k = 0; k < h; k++) {
    cs.push(c);
    const next = new Float64Array(r);
    const tail = c[r - 1]!;
    for (let j = 1; j < r; j++) next[j] = c[j - 1]!;
    for (let j = 0; j < fit.phi.length; j++) next[r - 1 - j] = next[r - 1 - j]! + fit.phi[j]! * tail;
    c = next;
  }
  let acc = 0;
  const a = new Float64Array(r);
  for (let hh = 1; hh <= h; hh++) {
    a.fill(0);
    for (let k = 1; k <= hh; k++) {
      const w = pi[hh - k]!;
      if (w === 0) continue;
      const ck = cs[k - 1]!;
      for (let j = 0; j < r; j++) a[j] = a[j]! + w * ck[j]!;
    }
    let quad = 0;
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let j = 0; j < r; j++) s += P[i * r + j]! * a[j]!;
      quad += a[i]! * s;
    }
    if (hh >= 2) acc += psi[hh - 2]! * psi[hh - 2]!;
    out[hh - 1] = Math.sqrt(fit.sigma2 * (quad + acc));
  }
  return out;
}

/** Gaussian intervals mean ± z_{(1+level)/2} σ_h at each level. */
export function analyticIntervals(mean: readonly number[], sd: readonly number[], levels: readonly number[]): Interval[] {
  return gaussianIntervals(mean, sd, levels);
}

/**
 * Future sample paths: path[h] = mean[h] + Σ_{j<h} ψⱼ ε_{n+h−j}, εₜ ~ N(0, σ²) i.i.d. — the
 * Gaussian ARIMA's exact predictive distribution given the data and the estimates.
 * Deterministic for a given `random`.
 */
export function samplePaths(fit: ArimaFit, mean: readonly number[], count: number, random: Random): SamplePaths {
  const h = mean.length;
  const psi = integratedPsi(fit, h);
  const normal = normalSampler(random);
  const sigma = Math.sqrt(fit.sigma2);
  const paths: number[][] = [];
  const eps = new Float64Array(h);
  for (let k = 0; k < count; k++) {
    for (let t = 0; t < h; t++) eps[t] = sigma * normal();
    const path = new Array<number>(h);
    for (let t = 0; t < h; t++) {
      let v = mean[t]!;
      for (let j = 0; j <= t; j++) v += psi[j]! * eps[t - j]!;
      path[t] = v;
    }
    paths.push(path);
  }
  return paths;
}
