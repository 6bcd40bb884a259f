import { gaussianIntervals, pathIntervals, psiSd } from '../math/intervals';
import type { Interval, Random } from '../types';
import type { EtsFit } from './fit';
import { etsSimulate } from './forecast';

/** True for the linear homoscedastic models (Hyndman et al. 2008 class 1: additive error and components). */
export function isClass1(fit: EtsFit): boolean {
  return fit.spec.error === 'A' && fit.spec.season !== 'M';
}

/**
 * ψ-weights of the class-1 models (Hyndman et al. 2008, Table 6.1 / eq. 6.1):
 * c_0 = 1, c_j = α + β·(φ + … + φ^j) + γ·[j mod m = 0], so Var(y_{n+h}) = σ²(1 + Σ_{j<h} c_j²).
 */
export function etsPsi(fit: EtsFit, h: number): number[] {
  const { spec, params, m } = fit;
  const phi = spec.damped ? params.phi : 1;
  const psi = [1];
  let phiSum = 0;
  let pw = 1;
  for (let j = 1; j < h; j++) {
    pw *= phi;
    phiSum += pw;
    let c = params.alpha;
    if (spec.trend !== 'N') c += params.beta * phiSum;
    if (spec.season !== 'N' && j % m === 0) c += params.gamma;
    psi.push(c);
  }
  return psi;
}

/** Analytic intervals for class 1, simulated (from `count` paths) for the others. */
export function etsIntervals(fit: EtsFit, mean: readonly number[], levels: readonly number[], sim?: { count: number; random: Random }, paths?: readonly (readonly number[])[]): Interval[] {
  if (isClass1(fit)) return gaussianIntervals(mean, psiSd(etsPsi(fit, mean.length), Math.sqrt(fit.sigma2), mean.length), levels);
  const p = paths ?? (sim ? etsSimulate(fit, mean.length, sim.count, sim.random) : undefined);
  if (!p) throw new Error('etsIntervals: a multiplicative model needs simulated paths');
  return pathIntervals(mean, p, levels);
}
