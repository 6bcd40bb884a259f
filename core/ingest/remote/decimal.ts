/** Money on the wire: providers send decimal strings (AWS, GCP) or JSON doubles (Azure). */
import type { DecimalString } from '../../model';

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A provider amount as a plain decimal string (no exponent), so DuckDB's DECIMAL keeps it exactly.
 * Strings are normalised textually (`5e-06` → `0.000005`); numbers use their shortest round-trip
 * form (ECMAScript Number::toString), which is what the provider's JSON text said.
 */
export function toDecimalString(v: string | number): DecimalString {
  const s = typeof v === 'number' ? numberText(v) : v.trim();
  if (!DECIMAL_RE.test(s)) throw new RangeError(`"${s}" is not a decimal number`);
  return expandExponent(s) as DecimalString;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not a finite amount`);
  return String(n);
}

function expandExponent(s: string): string {
  const m = /^([+-]?)(\d*)\.?(\d*)[eE]([+-]?\d+)$/.exec(s);
  if (!m) return s.startsWith('+') ? s.slice(1) : s;
  const sign = m[1] === '-' ? '-' : '';
  const intPart = m[2] ?? '';
  const all = intPart + (m[3] ?? '');
  // Where the decimal point lands within `all` once the exponent is applied.
  const pos = intPart.length + Number(m[4]);
  let out: string;
  if (pos <= 0) out = `0.${'0'.repeat(-pos)}${all}`;
  else if (pos >= all.length) out = all + '0'.repeat(pos - all.length);
  else out = `${all.slice(0, pos)}.${all.slice(pos)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return sign + out;
}
