import { describe, expect, it } from 'vitest';
import { formatAgo, formatChange, formatDay, formatMoney, formatMoneyCompact, formatMonth, moneyScale, moneyScales, WHOLE_UNITS_FROM, wholeUnits } from './format';

describe('Intl formatting', () => {
  // Independent of the module: Intl with the digits spelled out.
  const intl = (v: number, currency: string, digits: number): string => new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);

  it('formats money in the default locale with the currency symbol: cents below 10,000, whole units from there', () => {
    expect(WHOLE_UNITS_FROM).toBe(10_000);
    expect(formatMoney(1234.5, 'USD')).toBe(intl(1234.5, 'USD', 2));
    expect(formatMoney(1234.5, 'USD')).toMatch(/[.,]50$/);
    expect(formatMoney(9999.99, 'USD')).toBe(intl(9999.99, 'USD', 2));
    expect(formatMoney(10_000, 'USD')).toBe(intl(10_000, 'USD', 0));
    expect(formatMoney(12345.678, 'EUR')).toBe(intl(12346, 'EUR', 0));
    expect(formatMoney(12345.678, 'EUR')).not.toBe(formatMoney(12345.678, 'USD'));
    // Negative amounts follow their size.
    expect(formatMoney(-12345.6, 'USD')).toBe(intl(-12346, 'USD', 0));
    expect(formatMoney(-562.35, 'USD')).toBe(intl(-562.35, 'USD', 2));
    expect(formatMoneyCompact(1_250_000, 'USD')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(1_250_000));
  });

  it('gives figures shown together one format through their scale, and keeps the cents of prices', () => {
    // A row of the Overview's top movers in a store whose figures reach 22,441.66.
    const scale = moneyScale([8698.97, 10247.78, 1548.81, -22441.66]);
    expect(scale).toBeCloseTo(22441.66, 9);
    expect(formatMoney(8698.97, 'USD', { scale })).toBe(intl(8699, 'USD', 0));
    expect(formatMoney(1548.81, 'USD', { scale })).toBe(intl(1549, 'USD', 0));
    expect(formatMoney(0.4, 'EUR', { scale })).toBe(intl(0, 'EUR', 0));
    // A small scale never adds cents to a large amount.
    expect(formatMoney(22441.66, 'USD', { scale: 12 })).toBe(intl(22442, 'USD', 0));
    expect(formatMoney(14.98, 'USD', { scale: 14.98 })).toBe(intl(14.98, 'USD', 2));
    // Prices (per hour) keep two decimals at any scale.
    expect(formatMoney(12.3456, 'USD', { price: true, scale })).toBe(intl(12.35, 'USD', 2));
    expect(formatMoney(12_345.6, 'USD', { price: true })).toBe(intl(12_345.6, 'USD', 2));
    expect(wholeUnits(9_999.99)).toBe(false);
    expect(wholeUnits(-10_000)).toBe(true);
    expect(wholeUnits(5, -10_000)).toBe(true);
    expect(moneyScale([])).toBe(0);
    expect(moneyScale([Number.NaN, Number.POSITIVE_INFINITY, -3])).toBe(3);
  });

  it('gives each currency its own scale when figures of several currencies are shown together', () => {
    // Anomalies of a store billed in dollars and euros: the dollar one reaches 13,256.40, the euro ones stay under 10,000.
    const rows = [
      { currency: 'USD', values: [1763.45, 5276.79, 13256.4] },
      { currency: 'EUR', values: [391.35, 508.3, -3184.44] },
      { currency: 'EUR', values: [12.5] },
    ];
    const scaleOf = moneyScales(rows, (r) => r.currency, (r) => r.values);
    expect(scaleOf('USD')).toBeCloseTo(13256.4, 9);
    expect(scaleOf('EUR')).toBeCloseTo(3184.44, 9);
    expect(scaleOf('JPY')).toBe(0);
    // The euro figures keep their cents; the dollar ones are whole, as they would be alone.
    expect(formatMoney(508.3, 'EUR', { scale: scaleOf('EUR') })).toBe(intl(508.3, 'EUR', 2));
    expect(formatMoney(1763.45, 'USD', { scale: scaleOf('USD') })).toBe(intl(1763, 'USD', 0));
    // One scale over both (what a single moneyScale gives) would have dropped the euro cents.
    expect(formatMoney(508.3, 'EUR', { scale: moneyScale(rows.flatMap((r) => r.values)) })).toBe(intl(508, 'EUR', 0));
  });

  it("shows a currency's own minor unit below the whole-unit scale: none for the yen, three digits for the Kuwaiti dinar", () => {
    // ISO 4217 minor units: JPY 0, KWD 3 (not two decimals for every currency).
    expect(formatMoney(1234.5, 'JPY')).toBe(intl(1235, 'JPY', 0));
    expect(formatMoney(1234.5, 'JPY')).not.toBe(intl(1234.5, 'JPY', 2));
    expect(formatMoney(12.3456, 'KWD')).toBe(intl(12.346, 'KWD', 3));
    expect(formatMoney(12.3456, 'JPY', { price: true })).toBe(intl(12, 'JPY', 0));
    expect(formatMoney(12_345.6, 'KWD')).toBe(intl(12_346, 'KWD', 0));
  });

  it('writes hourly commitment rates in the minor unit and one digit more when they have it, at any scale', () => {
    expect(formatMoney(7.125, 'USD', { rate: true })).toBe(intl(7.125, 'USD', 3));
    expect(formatMoney(7.1, 'USD', { rate: true })).toBe(intl(7.1, 'USD', 2));
    expect(formatMoney(7.12549, 'USD', { rate: true, scale: 50_000 })).toBe(intl(7.125, 'USD', 3));
    expect(formatMoney(1069.54, 'JPY', { rate: true })).toBe(intl(1069.5, 'JPY', 1));
    expect(formatMoney(1069.04, 'JPY', { rate: true })).toBe(intl(1069, 'JPY', 0));
    expect(formatMoney(12_345.678, 'EUR', { rate: true })).toBe(intl(12_345.678, 'EUR', 3));
    // A price keeps the minor unit only.
    expect(formatMoney(7.125, 'USD', { price: true })).toBe(intl(7.13, 'USD', 2));
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
