import { HeadroomError, isDay, type Day } from '../../lib';

/**
 * A pool's capacity over time: a constant, or a step schedule. Each step holds from its `from` day
 * (inclusive) until the next step's; before the first step the first step's capacity applies.
 */
export interface CapacityStep {
  readonly from: Day;
  readonly capacity: number;
}
export type CapacitySchedule = readonly CapacityStep[];

/** Validates and sorts a schedule: capacities must be finite and > 0, days unique. */
export function capacitySchedule(steps: readonly { from: string; capacity: number }[], what = 'capacity'): CapacitySchedule {
  if (steps.length === 0) throw new HeadroomError('BAD_INPUT', `${what}: give a capacity (a number, or steps like 2026-01-01:64,2026-03-01:96).`);
  const out: CapacityStep[] = [];
  for (const s of steps) {
    if (!isDay(s.from)) throw new HeadroomError('BAD_INPUT', `${what}: "${s.from}" is not a date in the form YYYY-MM-DD.`);
    if (!Number.isFinite(s.capacity) || s.capacity <= 0) {
      throw new HeadroomError('BAD_INPUT', `${what}: capacity must be a number greater than 0 (got ${s.capacity}${s.from === CONSTANT_FROM ? '' : ` from ${s.from}`}): a pool with no capacity is exhausted already.`);
    }
    out.push({ from: s.from, capacity: s.capacity });
  }
  out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    if (out[i]?.from === out[i - 1]?.from) throw new HeadroomError('BAD_INPUT', `${what}: two steps start on ${out[i]?.from}.`);
  }
  return out;
}

/** The `from` day used for a constant capacity. */
export const CONSTANT_FROM = '1970-01-01' as Day;

export function constantCapacity(capacity: number): CapacitySchedule {
  return capacitySchedule([{ from: CONSTANT_FROM, capacity }]);
}

/** Capacity in force on `day`. */
export function capacityOn(schedule: CapacitySchedule, day: Day): number {
  let c = schedule[0]?.capacity;
  if (c === undefined) throw new Error('empty capacity schedule');
  for (const s of schedule) {
    if (s.from <= day) c = s.capacity;
    else break;
  }
  return c;
}

/**
 * Parses the CLI/JSON spelling: `64` (constant) or `2026-01-01:64,2026-03-01:96` (steps).
 */
export function parseCapacity(text: string): CapacitySchedule {
  const t = text.trim();
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return constantCapacity(Number(t));
  const steps = t.split(',').map((part) => {
    const m = /^(\d{4}-\d{2}-\d{2}):([+-]?\d+(?:\.\d+)?)$/.exec(part.trim());
    if (!m) throw new HeadroomError('BAD_INPUT', `capacity "${text}": write a number (64) or steps DAY:CAPACITY separated by commas (2026-01-01:64,2026-03-01:96).`);
    return { from: m[1] ?? '', capacity: Number(m[2]) };
  });
  return capacitySchedule(steps);
}
