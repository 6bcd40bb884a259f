import type { Forecast } from './types';

/**
 * A forecast times a multiplicative factor per horizon step: mean, every interval bound and every
 * path (a positive factor keeps the intervals' order). The wrappers that divide a multiplicative
 * component out before fitting (calendar.ts, yearly.ts) multiply it back with this.
 */
export function scaleForecast(f: Forecast, factorAt: (t: number) => number): Forecast {
  return {
    mean: f.mean.map((v, t) => v * factorAt(t)),
    intervals: f.intervals.map((iv) => ({ level: iv.level, lo: iv.lo.map((v, t) => v * factorAt(t)), hi: iv.hi.map((v, t) => v * factorAt(t)) })),
    ...(f.paths ? { paths: f.paths.map((p) => p.map((v, t) => v * factorAt(t))) } : {}),
  };
}
