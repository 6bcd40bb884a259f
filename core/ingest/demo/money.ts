import type { DecimalString } from '../../model';

/**
 * The generator keeps money in integer cents so every sum it reports (and every amortisation
 * identity the tests check) is exact; quantities are kept in integer ten-thousandths.
 */
export const QTY_SCALE = 10_000;

/** Integer cents → `"-123.45"`. */
export function centsToDecimal(cents: number): DecimalString {
  if (!Number.isSafeInteger(cents)) throw new Error(`cents must be a safe integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${units}.${frac < 10 ? '0' : ''}${frac}` as DecimalString;
}

/** Integer ten-thousandths of a unit → `"12.3456"`. */
export function qtyToDecimal(units: number): DecimalString {
  if (!Number.isSafeInteger(units) || units < 0) throw new Error(`quantity must be a non-negative safe integer, got ${units}`);
  const whole = Math.floor(units / QTY_SCALE);
  const frac = String(units % QTY_SCALE).padStart(4, '0');
  return `${whole}.${frac}` as DecimalString;
}

/** Cents of `qtyUnits` (ten-thousandths) at `price` dollars per unit, rounded half away from zero. */
export function costCents(qtyUnits: number, price: number): number {
  return Math.round((qtyUnits * price * 100) / QTY_SCALE);
}
