import { addDays, daysBetween, HeadroomError, type Day } from '../../lib';
import { checkPaths, quantileSorted } from '../quantile';
import { capacityOn, type CapacitySchedule } from './schedule';
import { exhaustionDate, neededCapacity, type Exhaustion } from './exhaustion';

export interface CapacityPlanInput {
  /** Sample paths of the pool's daily peak; `paths[k][t]` is day `asOf + t + 1`. */
  readonly paths: readonly (readonly number[])[];
  /** Last observed day. */
  readonly asOf: Day;
  readonly capacity: CapacitySchedule;
  /** Target utilization in (0, 1]. */
  readonly target: number;
  /** Days from ordering capacity to having it. */
  readonly leadTimeDays: number;
  /** Service level for the needed capacity, e.g. 0.95. */
  readonly serviceLevel: number;
  /** Optional cost of one unit of capacity per month (in the pool's currency). */
  readonly costPerUnitMonth?: number;
}

export interface CapacityRecommendation {
  readonly kind: 'add_capacity';
  /**
   * Units to add to the planned capacity (on every day of the horizon, steps included) so that the
   * forecast peak stays at or under the target in `serviceLevel` of the simulated futures.
   */
  readonly add: number;
  readonly order_by: Day | null;
  /** `add × cost per unit-month`, when the pool has a cost. */
  readonly monthly_cost: number | null;
  readonly reason: string;
}

export interface CapacityPlan {
  readonly exhaustion: Exhaustion;
  /**
   * Latest day to order so that, in nine simulated futures out of ten, the new capacity is in place
   * before the target is crossed: the P10 exhaustion date minus the lead time. `null` when fewer
   * than 10 % of the paths cross within the horizon.
   */
  readonly orderBy: Day | null;
  /** Capacity that holds the target through the horizon at the service level. */
  readonly neededCapacity: number;
  /** Capacity in force on the horizon's last day. */
  readonly capacityAtHorizon: number;
  readonly horizonEnd: Day;
  readonly recommendations: readonly CapacityRecommendation[];
}

/** Exhaustion distribution, order-by date and needed capacity for one pool (see core/plan/README.md). */
export function capacityPlan(input: CapacityPlanInput): CapacityPlan {
  const h = input.paths[0]?.length ?? 0;
  if (!Number.isInteger(input.leadTimeDays) || input.leadTimeDays < 0) {
    throw new HeadroomError('BAD_INPUT', `lead time ${input.leadTimeDays} must be a whole number of days ≥ 0 (for example 14d).`);
  }
  if (input.leadTimeDays >= h) {
    throw new HeadroomError(
      'BAD_INPUT',
      `the lead time (${input.leadTimeDays} days) is not shorter than the horizon (${h} days): an order-by date could never be seen in time. Use a horizon longer than the lead time (for example --horizon ${Math.max(2 * input.leadTimeDays, input.leadTimeDays + 30)}d).`,
    );
  }
  const exhaustion = exhaustionDate(input.paths, input.capacity, input.target, input.asOf);
  const needed = neededCapacity(input.paths, input.target, input.serviceLevel);
  const horizonEnd = addDays(input.asOf, h);
  const atHorizon = capacityOn(input.capacity, horizonEnd);
  const orderBy = exhaustion.p10 === null ? null : addDays(exhaustion.p10, -input.leadTimeDays);
  const recommendations: CapacityRecommendation[] = [];
  const add = shortfall(input.paths, input.capacity, input.target, input.asOf, input.serviceLevel);
  if (add > 0) {
    // Order by the pool's date; when fewer than one future in ten crosses (no P10) but more than
    // 1 − service level do, by the date that share has crossed, minus the lead time.
    const early = orderBy ?? firstPassageQuantile(exhaustion, input.asOf, 1 - input.serviceLevel);
    const stepped = input.capacity.length > 1 && capacityOn(input.capacity, addDays(input.asOf, 1)) !== atHorizon;
    recommendations.push({
      kind: 'add_capacity',
      add,
      order_by: orderBy ?? (early === null ? null : addDays(early, -input.leadTimeDays)),
      monthly_cost: input.costPerUnitMonth === undefined ? null : add * input.costPerUnitMonth,
      reason: stepped
        ? `to hold ${Math.round(input.target * 100)} % target utilization through ${horizonEnd} in ${Math.round(input.serviceLevel * 100)} % of the simulated futures, the planned steps (${round(capacityOn(input.capacity, addDays(input.asOf, 1)))} now, ${round(atHorizon)} by ${horizonEnd}) need ${round(add)} more from now`
        : `the ${Math.round(input.serviceLevel * 100)}th percentile of the forecast peak through ${horizonEnd} needs ${round(needed)} at ${Math.round(input.target * 100)} % target utilization; ${round(atHorizon)} is planned`,
    });
  }
  return { exhaustion, orderBy, neededCapacity: needed, capacityAtHorizon: atHorizon, horizonEnd, recommendations };
}

/**
 * Capacity to add to the schedule, from now on, so that at least `serviceLevel` of the paths never
 * exceed the target: per path the smallest addition a with path[t] ≤ target × (capacity(t) + a) on
 * every day, max_t (path[t] / target − capacity(t)); then its service-level quantile (definition 1).
 * A planned step that arrives after the peak it was meant for does not count. With a constant
 * capacity this is the needed capacity minus the capacity.
 */
export function shortfall(paths: readonly (readonly number[])[], capacity: CapacitySchedule, target: number, asOf: Day, serviceLevel: number): number {
  const { h } = checkPaths(paths, 'shortfall');
  const caps = Array.from({ length: h }, (_, t) => capacityOn(capacity, addDays(asOf, t + 1)));
  const need = paths.map((p) => p.reduce((m, v, t) => Math.max(m, v / target - (caps[t] ?? 0)), -Infinity)).sort((a, b) => a - b);
  return quantileSorted(need, serviceLevel);
}

/** The day by which share p of the paths have crossed (definition-1 quantile of the first crossings), or null. */
function firstPassageQuantile(exhaustion: Exhaustion, asOf: Day, p: number): Day | null {
  const days = exhaustion.crossings.map((d) => (d === null ? Infinity : daysBetween(asOf, d))).sort((a, b) => a - b);
  const t = quantileSorted(days, p);
  return t === Infinity ? null : addDays(asOf, t);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
