import { addDays, HeadroomError, type Day } from '../../lib';
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
  /** Units to add on top of the capacity in force at the horizon's end. */
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
  if (needed > atHorizon) {
    const add = needed - atHorizon;
    recommendations.push({
      kind: 'add_capacity',
      add,
      order_by: orderBy,
      monthly_cost: input.costPerUnitMonth === undefined ? null : add * input.costPerUnitMonth,
      reason: `the ${Math.round(input.serviceLevel * 100)}th percentile of the forecast peak through ${horizonEnd} needs ${round(needed)} at ${Math.round(input.target * 100)} % target utilization; ${round(atHorizon)} is planned`,
    });
  }
  return { exhaustion, orderBy, neededCapacity: needed, capacityAtHorizon: atHorizon, horizonEnd, recommendations };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
