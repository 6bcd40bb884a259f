import { HeadroomError } from '../../lib';
import { checkPaths, quantileSorted } from '../quantile';

export interface ScalingInput {
  /** Sample paths of the workload's load (same unit as `unitCapacity`), one value per step: its peak in the step. */
  readonly paths: readonly (readonly number[])[];
  /**
   * Sample paths of the load's low point in each step (e.g. the daily minimum when `paths` are daily
   * peaks): the minimum is sized from these, so a workload that is quiet at night is not held at its
   * daytime floor. Without them the minimum comes from `paths` (right when a step has no intra-step swing).
   */
  readonly troughPaths?: readonly (readonly number[])[];
  /** Hours per step: 1 (hourly forecast) or 24 (daily). Must divide 168. */
  readonly stepHours: number;
  /** UTC epoch milliseconds at which step 0 starts. */
  readonly startMs: number;
  /** Load one instance/replica carries at 100 % utilization (e.g. 4 vCPU). */
  readonly unitCapacity: number;
  /** Target utilization per instance in (0, 1]. */
  readonly target: number;
  /** Extra headroom on top of the target, e.g. 0.1 for 10 %. */
  readonly headroom: number;
  /** Quantile of the forecast load that sets the minimum (default 0.05). */
  readonly troughQuantile?: number;
  /** Quantile of the per-path horizon peak that sets the maximum, and of each weekly slot for schedules (default 0.95). */
  readonly peakQuantile?: number;
}

/** One recurring scheduled action: from `recurrence` (cron, UTC) the group holds at least `min_size`. */
export interface ScheduledAction {
  readonly name: string;
  /** Five-field cron in UTC, as AWS Auto Scaling `recurrence` expects. */
  readonly recurrence: string;
  readonly min_size: number;
  readonly max_size: number;
}

export interface ScalingRecommendation {
  readonly min: number;
  readonly max: number;
  /** Forecast load quantiles the sizes come from. */
  readonly trough_load: number;
  readonly peak_load: number;
  /** Weekly recurring peaks: raise the minimum ahead of them, lower it after. Empty when the minimum covers every slot. */
  readonly scheduled: readonly ScheduledAction[];
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Autoscaling bounds from forecast quantiles (see core/plan/README.md):
 *   instances(load) = ⌈load × (1 + headroom) / (unitCapacity × target)⌉
 *   min = instances(q_trough of all forecast low points — `troughPaths`, else `paths`),
 *   max = instances(q_peak of per-path horizon maxima)
 * Scheduled scaling: the horizon is folded onto the week (168 h / stepHours slots, UTC); each slot's
 * q_peak load (of its low points when `troughPaths` are given: the floor it needs throughout) gives
 * the instances it needs; every run of consecutive slots needing more than the
 * median slot becomes a recurring action that raises the minimum to the run's need at its start, and
 * one that restores `min` at its end (the autoscaler covers the rest between min and max).
 */
export function scalingRecommendation(input: ScalingInput): ScalingRecommendation {
  const { n: _n, h } = checkPaths(input.paths, 'scaling');
  if (!(input.unitCapacity > 0)) throw new HeadroomError('BAD_INPUT', `capacity per instance must be greater than 0 (got ${input.unitCapacity}).`);
  if (!(input.target > 0 && input.target <= 1)) throw new HeadroomError('BAD_INPUT', `target utilization ${input.target} must be in (0, 1].`);
  if (!(input.headroom >= 0)) throw new HeadroomError('BAD_INPUT', `headroom ${input.headroom} must be ≥ 0.`);
  if (!(input.stepHours > 0 && 168 % input.stepHours === 0 && Number.isInteger(input.stepHours))) {
    throw new Error(`stepHours ${input.stepHours} must be a whole divisor of 168`);
  }
  const qT = input.troughQuantile ?? 0.05;
  const qP = input.peakQuantile ?? 0.95;
  const per = input.unitCapacity * input.target;
  const instances = (load: number): number => Math.max(1, Math.ceil((load * (1 + input.headroom)) / per - 1e-9));
  if (input.troughPaths) checkPaths(input.troughPaths, 'scaling troughs');
  const all = (input.troughPaths ?? input.paths).flatMap((p) => p).sort((a, b) => a - b);
  const trough = quantileSorted(all, qT);
  const peak = quantileSorted(input.paths.map((p) => Math.max(...p)).sort((a, b) => a - b), qP);
  const min = instances(trough);
  const max = Math.max(min, instances(peak));

  const slotsPerWeek = 168 / input.stepHours;
  const stepMs = input.stepHours * 3_600_000;
  // Sunday 00:00 UTC = epoch day 3 (1970-01-04).
  const weekMs = 7 * 86_400_000;
  const sunday0 = 3 * 86_400_000;
  const slotOf = (t: number): number => Math.floor(((((input.startMs + t * stepMs - sunday0) % weekMs) + weekMs) % weekMs) / stepMs);
  const bySlot: number[][] = Array.from({ length: slotsPerWeek }, () => []);
  // A slot's floor is what its load needs all through it: its low point when the lows are given.
  const floorPaths = input.troughPaths ?? input.paths;
  for (let t = 0; t < h; t++) {
    const s = slotOf(t);
    for (const p of floorPaths) bySlot[s]?.push(p[t] ?? 0);
  }
  const need = bySlot.map((vals) => (vals.length === 0 ? min : Math.min(max, instances(quantileSorted(vals.sort((a, b) => a - b), qP)))));
  // Slots above the typical (median) slot's need are the known peaks; between peaks the autoscaler works from `min`.
  const base = quantileSorted([...need].sort((a, b) => a - b), 0.5);
  const scheduled: ScheduledAction[] = [];
  if (need.some((x) => x > base) && need.some((x) => x <= base)) {
    // Rotate so the scan starts on a slot at the minimum: runs then never wrap around.
    const start = need.findIndex((x) => x <= base);
    let s = 0;
    while (s < slotsPerWeek) {
      const i = (start + s) % slotsPerWeek;
      if ((need[i] ?? base) <= base) {
        s++;
        continue;
      }
      let e = s;
      let top = min;
      while (e < slotsPerWeek && (need[(start + e) % slotsPerWeek] ?? base) > base) {
        top = Math.max(top, need[(start + e) % slotsPerWeek] ?? min);
        e++;
      }
      const up = (start + s) % slotsPerWeek;
      const down = (start + e) % slotsPerWeek;
      scheduled.push({ name: `headroom-peak-${label(up, input.stepHours)}`, recurrence: cron(up, input.stepHours), min_size: top, max_size: max });
      scheduled.push({ name: `headroom-base-${label(down, input.stepHours)}`, recurrence: cron(down, input.stepHours), min_size: min, max_size: max });
      s = e;
    }
  }
  return { min, max, trough_load: trough, peak_load: peak, scheduled };
}

function cron(slot: number, stepHours: number): string {
  const hours = slot * stepHours;
  return `0 ${hours % 24} * * ${Math.floor(hours / 24)}`;
}

function label(slot: number, stepHours: number): string {
  const hours = slot * stepHours;
  return `${DAYS[Math.floor(hours / 24)] ?? 'sun'}-${String(hours % 24).padStart(2, '0')}`;
}
