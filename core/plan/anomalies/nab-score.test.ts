import { describe, expect, it } from 'vitest';
import { NAB_PROFILES, nabFileScore, nabNormalized, probationLength, scaledSigmoid } from './nab-score';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

describe('NAB scaled sigmoid', () => {
  it('is 2·sigmoid(−5y) − 1: ≈ 0.9866 at the window start, 0 at its end, ≈ −0.9866 one window length past it, −1 beyond 3', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(2 * sigmoid(5) - 1, 12);
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3.5)).toBe(-1);
  });
});

describe('nabFileScore (standard profile)', () => {
  // 1000 records: probation ⌊0.15 · 1000⌋ = 150; windows [400, 499] and [800, 899] (100 records each).
  const n = 1000;
  const windows = [[400, 499], [800, 899]] as const;
  const s = NAB_PROFILES.standard;

  it('probation is 15 % of the file, at most 750', () => {
    expect(probationLength(1000)).toBe(150);
    expect(probationLength(10_320)).toBe(750);
  });

  it('perfect detector: A_TP per window; null detector: −A_FN per window; normalised 100 and 0', () => {
    const perfect = nabFileScore(n, windows, [400, 800]);
    expect(perfect.raw).toBeCloseTo(2 * s.tp, 12);
    const none = nabFileScore(n, windows, []);
    expect(none.raw).toBe(-2 * s.fn);
    expect(nabNormalized(perfect.raw, 2)).toBeCloseTo(100, 10);
    expect(nabNormalized(none.raw, 2)).toBe(0);
  });

  it('scores a hand-built detector record by record', () => {
    // 100: probation, ignored. 200: before any window, −A_FP.
    // 450: first in window 1 at y = −(499 − 450 + 1)/100 = −0.5 → σ(−0.5)/σ(−1). 470: second in window 1, ignored.
    // 549: 50 records past window 1's end, y = 0.5 → A_FP · σ(0.5). Window 2: missed, −A_FN.
    const r = nabFileScore(n, windows, [100, 200, 450, 470, 549]);
    const tp = scaledSigmoid(-0.5) / scaledSigmoid(-1);
    const fp = -0.11 + 0.11 * (2 * sigmoid(-2.5) - 1);
    expect(r.tp).toBe(1);
    expect(r.fp).toBe(2);
    expect(r.fn).toBe(1);
    expect(r.tpScore).toBeCloseTo(tp, 12);
    expect(r.fpScore).toBeCloseTo(fp, 12);
    expect(r.fnScore).toBe(-1);
    expect(r.raw).toBeCloseTo(tp + fp - 1, 12);
    // Normalised over the file's two windows: 100 · (raw + 2) / 4.
    expect(nabNormalized(r.raw, 2)).toBeCloseTo((100 * (tp + fp - 1 + 2)) / 4, 10);
    // 0.84828 / 0.98661 = 0.8598; −0.11 + 0.11 · (−0.84828) = −0.2033; raw −0.3435 → 100 · 1.6565 / 4 ≈ 41.41
    expect(nabNormalized(r.raw, 2)).toBeCloseTo(41.41, 1);
  });

  it('a detection on the last record of a window scores σ(−1/100)/σ(−1), just above 0', () => {
    const r = nabFileScore(n, windows, [499, 899]);
    expect(r.tpScore).toBeCloseTo((2 * (2 / (1 + Math.exp(-0.05)) - 1)) / scaledSigmoid(-1), 12);
  });

  it('reward-low-FP doubles the false-positive cost', () => {
    const std = nabFileScore(n, windows, [200], NAB_PROFILES.standard);
    const lowFp = nabFileScore(n, windows, [200], NAB_PROFILES.rewardLowFP);
    expect(std.fpScore).toBeCloseTo(-0.11, 12);
    expect(lowFp.fpScore).toBeCloseTo(-0.22, 12);
  });
});
