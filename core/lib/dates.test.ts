import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayRange, daysBetween, endOfMonthExclusive, isDay, parseDay, weekday } from './dates';

describe('dates', () => {
  it('validates calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2024-1-01')).toBe(false);
    expect(() => parseDay('2024-13-01')).toThrow(/2024-13-01/);
  });
  it('does arithmetic across month and year ends', () => {
    const d = parseDay('2024-12-31');
    expect(addDays(d, 1)).toBe('2025-01-01');
    expect(daysBetween(parseDay('2024-01-01'), parseDay('2025-01-01'))).toBe(366);
    expect(addMonths(parseDay('2024-01-31'), 1)).toBe('2024-02-29');
    expect(endOfMonthExclusive(parseDay('2024-12-15'))).toBe('2025-01-01');
    expect(dayRange(parseDay('2024-02-27'), parseDay('2024-03-02'))).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });
  it('knows weekdays', () => {
    expect(weekday(parseDay('2026-11-26'))).toBe(4); // a Thursday
    expect(weekday(parseDay('1969-12-28'))).toBe(0); // a Sunday, before the epoch
  });
});
