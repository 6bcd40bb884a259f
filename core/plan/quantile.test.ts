import { describe, expect, it } from 'vitest';
import { quantile, quantiles } from './quantile';

describe('quantile (Hyndman & Fan definition 1)', () => {
  it('returns the smallest sample value whose empirical CDF reaches p', () => {
    const s = [5, 1, 4, 2, 3, 6, 8, 7, 10, 9];
    // F(x) = x/10 for x in 1..10: the 0.1 quantile is 1, the 0.5 quantile is 5, 0.55 → 6.
    expect(quantile(s, 0.1)).toBe(1);
    expect(quantile(s, 0.5)).toBe(5);
    expect(quantile(s, 0.55)).toBe(6);
    expect(quantile(s, 0.9)).toBe(9);
    expect(quantile(s, 1)).toBe(10);
  });
  it('handles censored samples with Infinity', () => {
    expect(quantiles([3, Infinity, 1, Infinity], [0.25, 0.5, 0.75])).toEqual([1, 3, Infinity]);
  });
  it('rejects empty samples, NaN and bad levels', () => {
    expect(() => quantile([], 0.5)).toThrow(/empty/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/NaN/);
    expect(() => quantile([1], 0)).toThrow(/outside/);
  });
});
