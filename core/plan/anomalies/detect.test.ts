import { describe, expect, it } from 'vitest';
import { detectAnomalies, flagRuns, robustZ, thinAlerts } from './detect';

/** Weekly pattern (weekdays 100, weekends 60) on a +10 %/year trend with small deterministic noise. */
function weekly(n: number): number[] {
  const out: number[] = [];
  let s = 12345;
  for (let t = 0; t < n; t++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const noise = (s / 2 ** 31 - 0.5) * 4; // uniform ±2
    const base = t % 7 === 5 || t % 7 === 6 ? 60 : 100;
    out.push(base * (1 + (0.1 * t) / 365) + noise);
  }
  return out;
}

describe('detectAnomalies', () => {
  it('does not flag a weekly pattern with trend and small noise', () => {
    const d = detectAnomalies(weekly(400));
    expect(d.anomalies).toEqual([]);
  });

  it('finds a three-day spike at its dates with its dollar impact', () => {
    const y = weekly(400);
    const added = [80, 120, 90];
    added.forEach((a, i) => (y[250 + i] = y[250 + i]! + a));
    const d = detectAnomalies(y);
    expect(d.anomalies.length).toBe(1);
    const a = d.anomalies[0]!;
    expect(a.start).toBe(250);
    expect(a.end).toBe(252);
    // 290 added; the fit's error over three days is a few units of noise.
    expect(a.impact).toBeGreaterThan(290 - 12);
    expect(a.impact).toBeLessThan(290 + 12);
    expect(a.actual - a.expected).toBeCloseTo(a.impact, 9);
    expect(a.z).toBeGreaterThan(4);
    expect(a.lower).toBeLessThan(a.expected);
    expect(a.upper).toBeGreaterThan(a.expected);
    expect(a.upper).toBeLessThan(a.actual);
  });

  it('finds a drop as a negative anomaly unless upOnly', () => {
    const y = weekly(300);
    y[200] = y[200]! - 70;
    expect(detectAnomalies(y).anomalies.map((a) => [a.start, a.end, Math.sign(a.impact)])).toEqual([[200, 200, -1]]);
    expect(detectAnomalies(y, { upOnly: true }).anomalies).toEqual([]);
  });

  it('robust z ignores a gross outlier in the scale', () => {
    const { z, scale } = robustZ([1, 2, 3, 4, 5, 1000]);
    // median 3.5, |dev| = 2.5 1.5 .5 .5 1.5 996.5 → MAD 1.5
    expect(scale).toBeCloseTo(1.4826 * 1.5, 12);
    expect(z[5]).toBeCloseTo((1000 - 3.5) / (1.4826 * 1.5), 9);
  });

  it('flagRuns seeds at the threshold, extends to same-sign neighbours, merges across one quiet step', () => {
    const z = [0, 2.5, 6, 3, 0, 5.5, 0, 0, -7, -2.1, 0];
    expect(flagRuns(z, { threshold: 5, extendThreshold: 2, maxGap: 1 })).toEqual([[1, 5], [8, 9]]);
    expect(flagRuns(z, { threshold: 5, extendThreshold: 2, maxGap: 0 })).toEqual([[1, 3], [5, 5], [8, 9]]);
    expect(flagRuns(z, { threshold: 5, extendThreshold: 2, maxGap: 1, upOnly: true })).toEqual([[1, 5]]);
  });

  it('thinAlerts keeps one alert per refractory period', () => {
    expect(thinAlerts([3, 10, 300, 301, 600], 288)).toEqual([3, 300, 600]);
    expect(thinAlerts([3, 10], 0)).toEqual([3, 10]);
  });
});
