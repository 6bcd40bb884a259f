import { describe, expect, it } from 'vitest';
import { tooltipValue } from './DayChart';

describe('day chart tooltip', () => {
  const fmt = (v: number): string => `$${v.toFixed(1)}`;
  it('shows a band ([lo, hi]) as a range and a value as itself', () => {
    expect(tooltipValue([1, 2.25], fmt)).toBe('$1.0 – $2.3');
    expect(tooltipValue(7, fmt)).toBe('$7.0');
    expect(tooltipValue('8', fmt)).toBe('$8.0');
  });
});
