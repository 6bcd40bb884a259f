import { describe, expect, it } from 'vitest';
import { formatAmount, formatRate, minorUnitDigits, RATE_EXTRA_DIGITS, roundToMinorUnit } from './money';

describe('minorUnitDigits', () => {
  it('reads the ISO 4217 minor unit of each currency', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KRW')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('BHD')).toBe(3);
    expect(minorUnitDigits('jpy')).toBe(0);
  });
  it('falls back to 2 digits for codes Intl does not know or cannot parse', () => {
    expect(minorUnitDigits('XYZ')).toBe(2);
    expect(minorUnitDigits('US')).toBe(2);
    expect(minorUnitDigits('')).toBe(2);
    expect(minorUnitDigits('US$')).toBe(2);
  });
});

describe('roundToMinorUnit', () => {
  it('rounds half away from zero to the minor unit', () => {
    expect(roundToMinorUnit(1234.5, 'JPY')).toBe(1235);
    expect(roundToMinorUnit(-1234.5, 'JPY')).toBe(-1235);
    expect(roundToMinorUnit(12.3456, 'KWD')).toBe(12.346);
    expect(roundToMinorUnit(12.3456, 'USD')).toBe(12.35);
    expect(Object.is(roundToMinorUnit(-0.4, 'JPY'), 0)).toBe(true);
    expect(roundToMinorUnit(Number.NaN, 'USD')).toBeNaN();
  });
});

describe('formatAmount', () => {
  it('writes the minor unit with en-US grouping and no symbol', () => {
    expect(formatAmount(1234.5, 'JPY')).toBe('1,235');
    expect(formatAmount(1234567.891, 'USD')).toBe('1,234,567.89');
    expect(formatAmount(12.3456, 'KWD')).toBe('12.346');
    expect(formatAmount(12, 'BHD')).toBe('12.000');
    expect(formatAmount(-0.5, 'USD')).toBe('-0.50');
    expect(formatAmount(Number.POSITIVE_INFINITY, 'USD')).toBe('—');
  });
});

describe('formatRate', () => {
  it('keeps the minor unit and one digit more when the rate has it (the step hourly commitments are bought in)', () => {
    expect(RATE_EXTRA_DIGITS).toBe(1);
    expect(formatRate(7.125, 'USD')).toBe('7.125');
    expect(formatRate(7.1, 'USD')).toBe('7.10');
    expect(formatRate(7.12549, 'USD')).toBe('7.125');
    expect(formatRate(7.1255, 'USD')).toBe('7.126'); // half away from zero
    expect(formatRate(1069.54, 'JPY')).toBe('1,069.5');
    expect(formatRate(1069.04, 'JPY')).toBe('1,069');
    expect(formatRate(0.31249, 'KWD')).toBe('0.3125');
    expect(formatRate(12, 'BHD')).toBe('12.000');
    expect(formatRate(Number.NaN, 'USD')).toBe('—');
  });
});

