import { describe, expect, it } from 'vitest';
import { classifyAnomalies } from './classify';
import { detectAnomalies } from './detect';

/** n days of a weekly pattern (weekdays 100, weekends 60) with small deterministic noise, no trend. */
function weekly(n: number, seed = 12345): number[] {
  let s = seed;
  return Array.from({ length: n }, (_, t) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return (t % 7 === 5 || t % 7 === 6 ? 60 : 100) + (s / 2 ** 31 - 0.5) * 4;
  });
}

const classify = (y: readonly number[]): ReturnType<typeof classifyAnomalies> => classifyAnomalies(y, detectAnomalies(y, { threshold: 5 }), { threshold: 5 });

describe('classifyAnomalies', () => {
  it('keeps a one-off spike as a spike', () => {
    const y = weekly(800);
    y[300] = y[300]! + 150;
    const c = classify(y);
    expect(c.anomalies.map((a) => [a.start, a.end, a.kind, a.step])).toEqual([[300, 300, 'spike', null]]);
  });

  it('drops a spike that recurs 52 weeks later (a calendar effect), and keeps one that does not', () => {
    const y = weekly(800);
    // The "holiday": +80 on day 200 and on day 200 + 364 + 3 (the date moved by three days).
    y[200] = y[200]! + 80;
    y[567] = y[567]! + 90;
    // A one-off +150 on day 400, and a marginal +30 flag 364 days later does not make it recurring (peak z < a third).
    y[400] = y[400]! + 300;
    y[764] = y[764]! + 30;
    const c = classify(y);
    expect(c.dropped.filter((d) => d.reason === 'recurring').map((d) => d.anomaly.start).sort((a, b) => a - b)).toEqual([200, 567]);
    expect(c.anomalies.map((a) => a.start)).toContain(400);
  });

  it('reports a step up once as a level shift from its change day, with the step and the level before', () => {
    const y = weekly(400);
    for (let t = 250; t < 400; t++) y[t] = y[t]! + 60; // +60 a day from day 250 on
    const c = classify(y);
    const shifts = c.anomalies.filter((a) => a.kind === 'level_shift');
    expect(shifts.length).toBe(1);
    const s = shifts[0]!;
    expect(s.start).toBe(250);
    expect(s.end).toBe(250 + 27);
    // Medians of whole weeks: weekday level 100 before, 160 after (5 of 7 days are weekdays); noise ±2.
    expect(s.baseline!).toBeGreaterThan(98);
    expect(s.baseline!).toBeLessThan(102);
    expect(s.step!).toBeGreaterThan(56);
    expect(s.step!).toBeLessThan(64);
    // Expected = level before × 28 days; impact = actual − expected.
    expect(s.expected).toBeCloseTo(s.baseline! * 28, 9);
    const actual = y.slice(250, 278).reduce((a, b) => a + b, 0);
    expect(s.actual).toBeCloseTo(actual, 9);
    expect(s.impact).toBeCloseTo(actual - s.expected, 9);
    // Nothing else in the four weeks after it is reported.
    expect(c.anomalies.filter((a) => a.start > 250 && a.start <= 277)).toEqual([]);
  });

  it('a series that stops is a level shift down on its last-plus-one day', () => {
    const y = weekly(400).map((v, t) => (t >= 300 ? 0 : v));
    const c = classify(y);
    const shifts = c.anomalies.filter((a) => a.kind === 'level_shift');
    expect(shifts.map((a) => [a.start, Math.sign(a.step!)])).toEqual([[300, -1]]);
  });

  it('drops small runs, runs in the warm-up days, and the opposite-sign echo of a larger run', () => {
    const y = weekly(400);
    y[5] = y[5]! + 200; // warm-up
    y[200] = y[200]! + 30; // small against minImpact 50
    const det = detectAnomalies(y, { threshold: 5 });
    const c = classifyAnomalies(y, det, { threshold: 5, minImpact: 50 });
    expect(c.dropped.map((d) => [d.anomaly.start, d.reason])).toEqual([[5, 'warmup'], [200, 'small']]);
    // Echo: a hand-made detection with a +500 run and a −40 run three days after it.
    const base = det.anomalies[0]!;
    const big = { ...base, start: 300, end: 301, impact: 500, expected: 200, actual: 700, z: 40 };
    const echo = { ...base, start: 304, end: 304, impact: -40, expected: 100, actual: 60, z: -6 };
    const e = classifyAnomalies(y, { ...det, anomalies: [big, echo] }, { threshold: 5 });
    expect(e.dropped.map((d) => [d.anomaly.start, d.reason])).toEqual([[304, 'echo']]);
    expect(e.anomalies.map((a) => a.start)).toEqual([300]);
  });

  it('a change undone within two windows is one long spike, not two level shifts; one next to a holiday window is calendar', () => {
    // +60 a day on days 250–289 only (40 days), then back: one spike over exactly those days.
    const y = weekly(400).map((v, t) => (t >= 250 && t < 290 ? v + 60 : v));
    const c = classify(y);
    expect(c.anomalies.map((a) => [a.kind, a.start, a.end])).toEqual([['spike', 250, 289]]);
    const e = c.anomalies[0]!;
    // Expected: the weekday level before (100 ± 2 noise) for 40 days; the excess ≈ 40 · 60 less the weekend-level difference.
    expect(e.baseline!).toBeGreaterThan(98);
    expect(e.baseline!).toBeLessThan(102);
    expect(e.expected).toBeCloseTo(e.baseline! * 40, 9);
    expect(e.actual).toBeCloseTo(y.slice(250, 290).reduce((a, b) => a + b, 0), 9);
    // A lasting +60 from day 250, with days 230–249 a holiday window: the before level is a holiday's.
    const z = weekly(400).map((v, t) => (t >= 250 ? v + 60 : v));
    const det = detectAnomalies(z, { threshold: 5 });
    const plain = classifyAnomalies(z, det, { threshold: 5 });
    const hol = classifyAnomalies(z, det, { threshold: 5, holiday: (t) => t >= 230 && t < 250 });
    expect(plain.anomalies.filter((a) => a.kind === 'level_shift').map((a) => a.start)).toEqual([250]);
    expect(hol.anomalies).toEqual([]);
    expect(hol.dropped.every((d) => d.reason === 'recurring' || d.reason === 'holiday')).toBe(true);
  });
});
