import { describe, expect, it } from 'vitest';
import { HeadroomError, type Day } from '../../lib';
import { gaussian, mulberry32 } from '../test-random';
import { capacityPlan } from './plan';
import { exhaustionDate, neededCapacity } from './exhaustion';
import { capacitySchedule, constantCapacity, parseCapacity } from './schedule';
import { nonNegativePaths } from './support';

/** Random-walk-with-drift daily peaks: start 50, drift +0.4/day, noise sd 2. */
function samplePaths(n: number, h: number, seed: number): number[][] {
  const z = gaussian(mulberry32(seed));
  return Array.from({ length: n }, () => {
    let level = 50;
    return Array.from({ length: h }, () => (level += 0.4 + 2 * z()));
  });
}

/** Independent date arithmetic through Date objects (not core/lib). */
function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Brute force: the first day D such that at least share p of the paths have exceeded their threshold on or before D. */
function bruteQuantileDate(paths: number[][], threshold: (day: string) => number, asOf: string, p: number): string | null {
  const h = paths[0]!.length;
  const days = Array.from({ length: h }, (_, t) => plusDays(asOf, t + 1));
  const thr = days.map(threshold);
  const crossedYet = paths.map(() => false);
  for (let t = 0; t < h; t++) {
    paths.forEach((path, k) => {
      if (path[t]! > thr[t]!) crossedYet[k] = true;
    });
    if (crossedYet.filter(Boolean).length / paths.length >= p) return days[t]!;
  }
  return null;
}

describe('exhaustion from sample paths', () => {
  const asOf = '2026-06-30' as Day;
  const paths = samplePaths(400, 120, 7);

  it('matches a brute-force count of crossed paths for P10/P50/P90', () => {
    const ex = exhaustionDate(paths, constantCapacity(100), 0.8, asOf);
    for (const [q, got] of [[0.1, ex.p10], [0.5, ex.p50], [0.9, ex.p90]] as const) {
      expect(got).toBe(bruteQuantileDate(paths, () => 80, asOf, q));
    }
    // Drift 0.4/day from 50 reaches 80 after ~75 days: the median lies near there.
    expect(ex.p50! > plusDays(asOf, 60) && ex.p50! < plusDays(asOf, 90)).toBe(true);
    expect(ex.p10! <= ex.p50!).toBe(true);
    expect(ex.p90 === null || ex.p50! <= ex.p90).toBe(true);
  });

  it('follows a step schedule and reports null beyond the horizon', () => {
    const schedule = capacitySchedule([
      { from: '2026-01-01', capacity: 100 },
      { from: plusDays(asOf, 40), capacity: 125 },
    ]);
    const ex = exhaustionDate(paths, schedule, 0.8, asOf);
    const thr = (day: string): number => (day >= plusDays(asOf, 40) ? 100 : 80);
    expect(ex.p10).toBe(bruteQuantileDate(paths, thr, asOf, 0.1));
    expect(ex.p50).toBe(bruteQuantileDate(paths, thr, asOf, 0.5));
    expect(ex.p90).toBe(bruteQuantileDate(paths, thr, asOf, 0.9));
    const far = exhaustionDate(paths, constantCapacity(10_000), 0.8, asOf);
    expect(far).toMatchObject({ p10: null, p50: null, p90: null, probability: 0 });
  });

  it('needed capacity holds the target on at least the service level of paths, and no less would', () => {
    const needed = neededCapacity(paths, 0.8, 0.95);
    const ok = (c: number): number => paths.filter((p) => p.every((v) => v <= 0.8 * c)).length / paths.length;
    expect(ok(needed)).toBeGreaterThanOrEqual(0.95);
    expect(ok(needed * (1 - 1e-9))).toBeLessThan(0.95);
  });
});

describe('capacityPlan', () => {
  const asOf = '2026-06-30' as Day;
  const paths = samplePaths(300, 180, 11);
  it('orders lead-time days before the P10 exhaustion and recommends the missing capacity', () => {
    const plan = capacityPlan({ paths, asOf, capacity: constantCapacity(100), target: 0.8, leadTimeDays: 14, serviceLevel: 0.95, costPerUnitMonth: 30 });
    expect(plan.orderBy).toBe(plusDays(plan.exhaustion.p10!, -14));
    const rec = plan.recommendations[0]!;
    expect(rec.add).toBeCloseTo(plan.neededCapacity - 100, 9);
    expect(rec.monthly_cost).toBeCloseTo(rec.add * 30, 9);
  });
  it('recommends what a planned step that comes too late leaves short, checked by counting the paths that hold the target', () => {
    // 100 now, 300 from day 100: the peak crosses 80 around day 75 on most paths, before the step;
    // a constant capacity that holds through the horizon (needed, ≈ 210) is below the 300 planned at its end.
    const later = plusDays(asOf, 100);
    const schedule = capacitySchedule([
      { from: '2026-01-01', capacity: 100 },
      { from: later, capacity: 300 },
    ]);
    const plan = capacityPlan({ paths, asOf, capacity: schedule, target: 0.8, leadTimeDays: 14, serviceLevel: 0.95 });
    expect(plan.neededCapacity).toBeLessThan(300);
    const rec = plan.recommendations[0]!;
    expect(rec).toBeDefined();
    const cap = (t: number): number => (plusDays(asOf, t + 1) >= later ? 300 : 100);
    const holds = (a: number): number => paths.filter((p) => p.every((v, t) => v <= 0.8 * (cap(t) + a))).length / paths.length;
    expect(holds(0)).toBeLessThan(0.95);
    expect(holds(rec.add)).toBeGreaterThanOrEqual(0.95);
    expect(holds(rec.add * (1 - 1e-9))).toBeLessThan(0.95);
    expect(rec.order_by).toBe(plan.orderBy);
    expect(rec.reason).toContain('need');
  });

  it('dates the recommendation by the (1 − service level) share of crossings when fewer than one path in ten crosses', () => {
    // 100 paths: 94 flat at 50, six jump to 90 from step 10 + k; capacity 100, target 0.8.
    const few = Array.from({ length: 100 }, (_, k) => Array.from({ length: 60 }, (_, t) => (k < 6 && t >= 10 + k ? 90 : 50)));
    const plan = capacityPlan({ paths: few, asOf, capacity: constantCapacity(100), target: 0.8, leadTimeDays: 5, serviceLevel: 0.95 });
    expect(plan.exhaustion.p10).toBeNull();
    expect(plan.orderBy).toBeNull();
    const rec = plan.recommendations[0]!;
    expect(rec.add).toBeCloseTo(90 / 0.8 - 100, 9);
    // Crossings on days asOf + 11 … asOf + 16; the 5th of 100 (5 %) is asOf + 15, minus the 5-day lead time.
    expect(rec.order_by).toBe(plusDays(asOf, 10));
  });

  it('rejects a lead time not shorter than the horizon, capacity 0 and a bad target with clear messages', () => {
    expect(() => capacityPlan({ paths, asOf, capacity: constantCapacity(100), target: 0.8, leadTimeDays: 200, serviceLevel: 0.95 })).toThrow(/lead time \(200 days\) is not shorter than the horizon \(180 days\)/);
    expect(() => constantCapacity(0)).toThrow(HeadroomError);
    expect(() => parseCapacity('0')).toThrow(/greater than 0/);
    expect(() => exhaustionDate(paths, constantCapacity(1), 1.5, asOf)).toThrow(/target utilization 1.5/);
  });
  it('parses constant and step capacities', () => {
    expect(parseCapacity('64')).toEqual([{ from: '1970-01-01', capacity: 64 }]);
    expect(parseCapacity('2026-03-01:96, 2026-01-01:64')).toEqual([
      { from: '2026-01-01', capacity: 64 },
      { from: '2026-03-01', capacity: 96 },
    ]);
    expect(() => parseCapacity('lots')).toThrow(/DAY:CAPACITY/);
  });
});

describe('nonNegativePaths', () => {
  const asOf = '2026-06-30' as Day;
  // Random walks from 5 with drift −0.2 and sd 2: most paths go below 0 within 60 days.
  const z = gaussian(mulberry32(3));
  const paths = Array.from({ length: 200 }, () => {
    let level = 5;
    return Array.from({ length: 60 }, () => (level += -0.2 + 2 * z()));
  });
  const history = [4, 0, 7, Number.NaN, 5];

  it('censors at 0 when the history is never negative, without changing the paths it was given', () => {
    const before = paths.map((p) => [...p]);
    const out = nonNegativePaths(paths, history);
    expect(paths).toEqual(before);
    expect(before.flat().some((v) => v < 0)).toBe(true);
    expect(out.map((p) => [...p])).toEqual(before.map((p) => p.map((v) => (v < 0 ? 0 : v))));
  });

  it('leaves the paths alone when the history has a negative value or no finite value', () => {
    expect(nonNegativePaths(paths, [4, -0.5, 7])).toBe(paths);
    expect(nonNegativePaths(paths, [Number.NaN])).toBe(paths);
    expect(nonNegativePaths(paths, [])).toBe(paths);
  });

  it('keeps crossings, order-by and a positive shortfall; lifts only a needed capacity that was negative', () => {
    const out = nonNegativePaths(paths, history);
    const input = { asOf, capacity: constantCapacity(10), target: 0.8, leadTimeDays: 7, serviceLevel: 0.95 };
    const a = capacityPlan({ ...input, paths });
    const b = capacityPlan({ ...input, paths: out });
    expect(b.exhaustion).toEqual(a.exhaustion);
    expect(b.orderBy).toBe(a.orderBy);
    expect(b.recommendations).toEqual(a.recommendations);
    expect(b.neededCapacity).toBe(a.neededCapacity);
    // Two paths below 0 all through: the median path's need was −1 / 0.8; censored it is 0.
    const few = [[-3, -1], [-2, -5], [4, 6]];
    expect(neededCapacity(few, 0.8, 0.5)).toBe(-1.25);
    expect(neededCapacity(nonNegativePaths(few, [1, 2]), 0.8, 0.5)).toBe(0);
  });
});
