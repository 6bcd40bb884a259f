import { describe, expect, it } from 'vitest';
import { rowScale, tooltipValue } from './DayChart';

describe('day chart tooltip', () => {
  const fmt = (v: number): string => `$${v.toFixed(1)}`;
  it('shows a band ([lo, hi]) as a range and a value as itself', () => {
    expect(tooltipValue([1, 2.25], fmt)).toBe('$1.0 – $2.3');
    expect(tooltipValue(7, fmt)).toBe('$7.0');
    expect(tooltipValue('8', fmt)).toBe('$8.0');
  });
});

describe('day chart money scale', () => {
  it('is the largest plotted value, bands included, other fields skipped', () => {
    expect(rowScale([{ day: '2026-01-01', actual: 120.5 }, { day: '2026-01-02', mean: 130, band80: [90, 170.25] as const, band95: [-12_000, 180] as const }])).toBe(12_000);
    expect(rowScale([{ day: '2026-01-01', actual: 9.5 }, { day: '2026-01-02' }])).toBe(9.5);
    expect(rowScale([])).toBe(0);
  });
});
