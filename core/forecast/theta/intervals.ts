import { gaussianIntervals, psiPaths, psiSd } from '../math/intervals';
import type { Interval, Random } from '../types';
import type { ThetaFit } from './fit';
import { thetaSeasonAt } from './forecast';

/**
 * Intervals as R `thetaf`: those of the underlying SES model, Var = σ²(1 + (h−1)α²) (Hyndman et al.
 * 2008, Table 6.1, ETS(A,N,N)), multiplied by the seasonal index. The optimised variants use the
 * same form with their own α and residual variance (Fiorucci et al. 2016 show the model is SES
 * with drift); conformal calibration from backtests corrects the width when it is off.
 */
export function thetaPsi(fit: ThetaFit, h: number): number[] {
  return Array.from({ length: h }, (_, j) => (j === 0 ? 1 : fit.alpha));
}

export function thetaIntervals(fit: ThetaFit, mean: readonly number[], levels: readonly number[]): Interval[] {
  const h = mean.length;
  const sd = psiSd(thetaPsi(fit, h), fit.sigma, h).map((s, j) => s * thetaSeasonAt(fit, j + 1));
  return gaussianIntervals(mean, sd, levels);
}

export function thetaPaths(fit: ThetaFit, mean: readonly number[], count: number, random: Random): number[][] {
  const h = mean.length;
  const scale = Array.from({ length: h }, (_, j) => thetaSeasonAt(fit, j + 1));
  return psiPaths(mean, thetaPsi(fit, h), fit.sigma, count, random, scale);
}
