import { describe, expect, it } from 'vitest';
import { toDecimalString } from './decimal';

describe('toDecimalString', () => {
  it('keeps provider decimal strings exactly', () => {
    expect(toDecimalString('40.3527508453')).toBe('40.3527508453');
    expect(toDecimalString('-0.00000000603')).toBe('-0.00000000603');
  });
  it('expands scientific notation without going through a float', () => {
    expect(toDecimalString('5e-06')).toBe('0.000005');
    expect(toDecimalString('1.25E3')).toBe('1250');
    expect(toDecimalString('-1.5e-1')).toBe('-0.15');
  });
  it('writes JSON doubles in their shortest round-trip form', () => {
    expect(toDecimalString(0.009865586851323632)).toBe('0.009865586851323632');
    expect(toDecimalString(1e-7)).toBe('0.0000001');
    expect(toDecimalString(218.68795741935486)).toBe('218.68795741935486');
  });
  it('rejects what is not a number', () => {
    expect(() => toDecimalString('N/A')).toThrow(/N\/A/);
    expect(() => toDecimalString(Number.NaN)).toThrow();
  });
});
