import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../test-random';
import { scalingRecommendation } from './recommend';
import { scalingToHpaPatch } from './scaling-to-hpa-patch';
import { scalingToTfvars } from './scaling-to-tfvars';

// Hourly load in vCPU: 8 at night, 40 on weekdays 09:00–17:00 UTC, small noise. Starts Sunday 2026-11-01 00:00 UTC.
const start = Date.UTC(2026, 10, 1);
function hourly(n: number, weeks: number, seed: number): number[][] {
  const z = gaussian(mulberry32(seed));
  return Array.from({ length: n }, () =>
    Array.from({ length: weeks * 168 }, (_, t) => {
      const dow = Math.floor(t / 24) % 7;
      const hour = t % 24;
      const busy = dow >= 1 && dow <= 5 && hour >= 9 && hour < 17;
      return (busy ? 40 : 8) + z();
    }),
  );
}

describe('scaling recommendation', () => {
  const ps = hourly(50, 4, 5);
  const rec = scalingRecommendation({ paths: ps, stepHours: 1, startMs: start, unitCapacity: 4, target: 0.75, headroom: 0.1 });

  it('sizes min and max from the trough and peak quantiles', () => {
    const per = 4 * 0.75;
    const all = ps.flat().sort((a, b) => a - b);
    const trough = all[Math.ceil(0.05 * all.length) - 1]!;
    const peaks = ps.map((p) => Math.max(...p)).sort((a, b) => a - b);
    const peak = peaks[Math.ceil(0.95 * peaks.length) - 1]!;
    expect(rec.min).toBe(Math.ceil((trough * 1.1) / per));
    expect(rec.max).toBe(Math.ceil((peak * 1.1) / per));
    expect(rec.min).toBeGreaterThanOrEqual(3);
    expect(rec.max).toBeGreaterThanOrEqual(15);
  });

  it('sizes the minimum from the trough paths when given (daily peaks with their daily lows)', () => {
    // Daily peaks 40 ± noise with daily lows 8 ± noise: the floor must carry the low, not the peak.
    const z = gaussian(mulberry32(9));
    const peaks = Array.from({ length: 40 }, () => Array.from({ length: 28 }, () => 40 + z()));
    // Saturdays (step t ≡ 6 mod 7 from Sunday 2026-11-01) stay busy all night: low 20.
    const lows = Array.from({ length: 40 }, () => Array.from({ length: 28 }, (_, t) => (t % 7 === 6 ? 20 : 8) + z()));
    const daily = scalingRecommendation({ paths: peaks, troughPaths: lows, stepHours: 24, startMs: start, unitCapacity: 4, target: 0.75, headroom: 0.1 });
    const all = lows.flat().sort((a, b) => a - b);
    expect(daily.trough_load).toBe(all[Math.ceil(0.05 * all.length) - 1]);
    expect(daily.min).toBe(Math.ceil((daily.trough_load * 1.1) / 3));
    expect(daily.min).toBeLessThanOrEqual(3);
    const peakOnly = scalingRecommendation({ paths: peaks, stepHours: 24, startMs: start, unitCapacity: 4, target: 0.75, headroom: 0.1 });
    expect(daily.max).toBe(peakOnly.max);
    expect(peakOnly.min).toBeGreaterThanOrEqual(14);
    // The weekly floor follows the lows: Saturday's, from 00:00 to Sunday 00:00, at its low's 95 % quantile.
    const sat = lows.flatMap((p) => p.filter((_, t) => t % 7 === 6)).sort((a, b) => a - b);
    const satNeed = Math.ceil((sat[Math.ceil(0.95 * sat.length) - 1]! * 1.1) / 3);
    expect(daily.scheduled).toEqual([
      { name: 'headroom-peak-sat-00', recurrence: '0 0 * * 6', min_size: satNeed, max_size: daily.max },
      { name: 'headroom-base-sun-00', recurrence: '0 0 * * 0', min_size: daily.min, max_size: daily.max },
    ]);
  });

  it('schedules the weekday business-hours peak', () => {
    // Five weekday windows: up at 09:00 on days 1–5, down at 17:00.
    expect(rec.scheduled.filter((a) => a.name.startsWith('headroom-peak')).map((a) => a.recurrence)).toEqual(['0 9 * * 1', '0 9 * * 2', '0 9 * * 3', '0 9 * * 4', '0 9 * * 5']);
    expect(rec.scheduled.filter((a) => a.name.startsWith('headroom-base')).map((a) => a.recurrence)).toEqual(['0 17 * * 1', '0 17 * * 2', '0 17 * * 3', '0 17 * * 4', '0 17 * * 5']);
    const up = rec.scheduled[0]!;
    expect(up.min_size).toBeGreaterThan(rec.min);
    expect(up.min_size).toBeLessThanOrEqual(rec.max);
  });

  it('exports a tfvars snippet and an HPA merge patch carrying the same numbers', () => {
    const tf = scalingToTfvars(rec, 'web-asg', 'test');
    expect(tf).toContain(`web_asg_min_size = ${rec.min}\n`);
    expect(tf).toContain(`web_asg_max_size = ${rec.max}\n`);
    expect(tf.match(/recurrence\s+= "0 9 \* \* 1"/)).not.toBeNull();
    const hpa = scalingToHpaPatch(rec, 'web', 'test');
    expect(hpa).toContain(`spec:\n  minReplicas: ${rec.min}\n  maxReplicas: ${rec.max}\n`);
  });
});
