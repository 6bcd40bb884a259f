import { addDays, HeadroomError, type Day } from '../../lib';
import { checkPaths, quantileSorted } from '../quantile';
import { capacityOn, type CapacitySchedule } from './schedule';

/** P10/P50/P90 of a date that may lie beyond the horizon (`null`). */
export interface DateQuantiles {
  readonly p10: Day | null;
  readonly p50: Day | null;
  readonly p90: Day | null;
}

export interface Exhaustion extends DateQuantiles {
  /** Share of sample paths that cross the target within the horizon. */
  readonly probability: number;
  /** Per path: the first day the target is exceeded, or null. Same order as the paths. */
  readonly crossings: readonly (Day | null)[];
}

/**
 * When a pool's forecast daily peak first exceeds `target × capacity`, as a distribution.
 *
 * `paths[k][t]` is sample path k of the pool's daily peak on day `asOf + t + 1` (the forecast
 * engine's convention: step 1 is the day after the last observed one). For each path the first
 * crossing day is found (∞ when the path never crosses within the horizon); P10/P50/P90 are the
 * definition-1 empirical quantiles of those first-passage times (Hyndman & Fan 1996), so a
 * quantile is `null` when fewer than that share of paths cross within the horizon. P10 is the
 * early (pessimistic) date: in one simulated future in ten the target is crossed by then.
 */
export function exhaustionDate(paths: readonly (readonly number[])[], capacity: CapacitySchedule, target: number, asOf: Day): Exhaustion {
  checkTarget(target);
  const { n, h } = checkPaths(paths, 'exhaustion');
  const thresholds = Array.from({ length: h }, (_, t) => target * capacityOn(capacity, addDays(asOf, t + 1)));
  const firstPassage: number[] = [];
  const crossings: (Day | null)[] = [];
  for (const path of paths) {
    let hit = Infinity;
    for (let t = 0; t < h; t++) {
      if ((path[t] ?? 0) > (thresholds[t] ?? Infinity)) {
        hit = t;
        break;
      }
    }
    firstPassage.push(hit);
    crossings.push(hit === Infinity ? null : addDays(asOf, hit + 1));
  }
  const sorted = [...firstPassage].sort((a, b) => a - b);
  const at = (p: number): Day | null => {
    const t = quantileSorted(sorted, p);
    return t === Infinity ? null : addDays(asOf, t + 1);
  };
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9), probability: firstPassage.filter((t) => t !== Infinity).length / n, crossings };
}

/**
 * Capacity needed to keep the daily peak at or under the target through the whole horizon at a
 * service level: per path the horizon maximum divided by the target, then its `serviceLevel`
 * quantile. With that capacity, at least `serviceLevel` of the simulated futures never exceed the target.
 */
export function neededCapacity(paths: readonly (readonly number[])[], target: number, serviceLevel: number): number {
  checkTarget(target);
  if (!(serviceLevel > 0 && serviceLevel < 1)) throw new HeadroomError('BAD_INPUT', `service level ${serviceLevel} must be between 0 and 1 (for example 0.95).`);
  checkPaths(paths, 'needed capacity');
  const need = paths.map((p) => Math.max(...p) / target).sort((a, b) => a - b);
  return quantileSorted(need, serviceLevel);
}

function checkTarget(target: number): void {
  if (!(target > 0 && target <= 1)) throw new HeadroomError('BAD_INPUT', `target utilization ${target} must be greater than 0 and at most 1 (for example 0.8).`);
}
