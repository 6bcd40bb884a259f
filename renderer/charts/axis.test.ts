import { describe, expect, it } from 'vitest';
import { roundStep, roundTop } from './axis';

describe('roundTop', () => {
  it('gives four round steps holding the maximum: the demo axes that read $8.5K, $9.5K and $85K steps', () => {
    // Overview's spend chart peaked near $33K: recharts' own steps were 8,500 (0 … 34,000).
    expect(roundTop(32_800)).toBe(40_000);
    // The forecast fan near $37K: 9,500 steps before.
    expect(roundTop(36_700)).toBe(40_000);
    // Commitment savings near $338K: 85,000 steps before.
    expect(roundTop(338_733)).toBe(400_000);
    // Already round: the capacity pool's 4,608 vCPU keeps 1,500 steps, a month of $475K keeps 150K.
    expect(roundTop(4608)).toBe(6000);
    expect(roundTop(474_557)).toBe(600_000);
    expect(roundTop(880)).toBe(1000);
  });

  it('never cuts the data off and leaves at most a third of the axis empty', () => {
    for (let max = 0.37; max < 5e7; max *= 1.37) {
      const top = roundTop(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(top / 4 / roundStep(top / 4)).toBeCloseTo(1, 12); // the step is itself round
      expect(max / top).toBeGreaterThan(0.5);
    }
  });

  it('steps are 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, each a multiple of 0.05 of it', () => {
    const mantissas = new Set<number>();
    for (let raw = 1; raw < 10; raw += 0.01) mantissas.add(Math.round(roundStep(raw) * 100) / 100);
    expect([...mantissas].sort((a, b) => a - b)).toEqual([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]);
    expect(roundStep(0.0042)).toBeCloseTo(0.005, 12);
    expect(roundStep(0)).toBe(0);
  });
});
