import { describe, expect, it } from 'vitest';
import { formatAgo, formatChange, formatDay, formatMoney, formatMoneyCompact, formatMonth } from './format';

describe('Intl formatting', () => {
  it('formats money in the default locale with the currency symbol', () => {
    const expected = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(1234.5);
    expect(formatMoney(1234.5, 'USD')).toBe(expected);
    expect(formatMoney(12345.678, 'EUR', { whole: true })).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(12346));
    expect(formatMoneyCompact(1_250_000, 'USD')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(1_250_000));
  });

  it('formats UTC days without shifting them by the local offset', () => {
    // 2026-01-01 must stay Jan 1 whatever TZ the test runs in.
    expect(formatDay('2026-01-01')).toBe(new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(Date.UTC(2026, 0, 1)));
    expect(formatMonth('2025-12-31')).toContain('2025');
  });

  it('signs changes and words relative times', () => {
    expect(formatChange(0.123)).toMatch(/^\+12[.,]3\s?%$/);
    expect(formatChange(-0.5)).toMatch(/^[-−]50\s?%$/);
    expect(formatAgo('2026-01-01T00:00:00Z', new Date('2026-01-04T00:00:00Z'))).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-3, 'day'));
  });
});
