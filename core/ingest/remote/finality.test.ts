import { describe, expect, it } from 'vitest';
import { parseDay } from '../../lib';
import { finalBefore, openDays } from './finality';

describe('finality', () => {
  it('closes last month after the fifth of this month', () => {
    expect(finalBefore(parseDay('2026-11-26'))).toBe('2026-11-01');
    expect(finalBefore(parseDay('2026-11-05'))).toBe('2026-10-01');
    expect(finalBefore(parseDay('2026-01-03'))).toBe('2025-12-01');
  });
  it('lists the open days of a range', () => {
    expect(openDays({ from: parseDay('2026-10-29'), to: parseDay('2026-11-03') }, parseDay('2026-11-26'))).toEqual(['2026-11-01', '2026-11-02']);
    expect(openDays({ from: parseDay('2026-10-29'), to: parseDay('2026-11-01') }, parseDay('2026-11-02'))).toEqual(['2026-10-29', '2026-10-30', '2026-10-31']);
  });
});
