import type { ThetaFit } from './fit';

/** Seasonal index that applies at forecast step h (1-based). */
export function thetaSeasonAt(fit: ThetaFit, h: number): number {
  return fit.figure[(fit.n + h - 1) % fit.figure.length] as number;
}

/** Point forecasts: the adjusted-series forecasts times the seasonal indices of the decomposition. */
export function thetaMean(fit: ThetaFit, h: number): number[] {
  return fit.adjustedForecast(h).map((v, j) => v * thetaSeasonAt(fit, j + 1));
}
