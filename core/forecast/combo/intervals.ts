import { pathIntervals } from '../math/intervals';
import type { Forecast, Interval } from '../types';

/**
 * Intervals of a combination by path pooling: the members' sample paths are pooled (an equal
 * mixture of the member predictive distributions) and the equal-tailed quantiles taken, with the
 * combined point forecast kept inside. The mixture is wider than any member where they disagree,
 * which is the uncertainty a single model's interval leaves out.
 */
export function pooledPaths(fcs: readonly Forecast[]): (readonly number[])[] {
  return fcs.flatMap((f) => (f.paths ?? []) as (readonly number[])[]);
}

export function comboIntervals(mean: readonly number[], pooled: readonly (readonly number[])[], levels: readonly number[]): Interval[] {
  return pathIntervals(mean, pooled, levels);
}
