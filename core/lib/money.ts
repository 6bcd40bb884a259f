/**
 * A currency's minor unit (ISO 4217 "minor unit": the number of decimal digits its amounts carry)
 * and money amounts written with it. The one source of these digits for the reports, the CLI and
 * (through core/api) the renderer: `¥1,235` not `¥1,234.50`, `KWD 12.346` not `KWD 12.35`.
 *
 * The digits come from `Intl` (ECMA-402 takes them from the ISO 4217 table: 2 for USD and EUR, 0
 * for JPY and KRW, 3 for KWD and BHD). Pure and dependency-free: the renderer bundles it.
 */

/** Minor-unit digits for a code `Intl` cannot format as a currency (malformed: not three letters). */
export const DEFAULT_MINOR_UNIT_DIGITS = 2;

const digitsCache = new Map<string, number>();

/**
 * The digits of a currency's minor unit (ISO 4217, as `Intl` knows it): 2 for USD and EUR, 0 for
 * JPY and KRW, 3 for KWD and BHD. A well-formed code ISO 4217 does not list gets 2 (ECMA-402's
 * default); a malformed one (`US`, `''`) gets {@link DEFAULT_MINOR_UNIT_DIGITS} instead of throwing.
 */
export function minorUnitDigits(currency: string): number {
  const key = currency.toUpperCase();
  let d = digitsCache.get(key);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en-US', { style: 'currency', currency: key }).resolvedOptions().maximumFractionDigits ?? DEFAULT_MINOR_UNIT_DIGITS;
    } catch (_) {
      d = DEFAULT_MINOR_UNIT_DIGITS;
    }
    digitsCache.set(key, d);
  }
  return d;
}

/** `x` rounded to the currency's minor unit (half away from zero): 1234.5 JPY → 1235, 12.3456 KWD → 12.346. */
export function roundToMinorUnit(x: number, currency: string): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** minorUnitDigits(currency);
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  return r === 0 ? 0 : r; // no -0
}

const plainCache = new Map<string, Intl.NumberFormat>();

/** `x` in en-US grouping without a symbol, with `min` to `max` decimals (formats cached per pair); non-finite values are `—`. */
function plain(x: number, min: number, max: number): string {
  if (!Number.isFinite(x)) return '—';
  const key = `${min}:${max}`;
  let f = plainCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    plainCache.set(key, f);
  }
  return f.format(x);
}

/**
 * An amount as plain text in the currency's minor unit, en-US grouping and no symbol (the code is
 * written beside it, or in the column's heading): `1,234.57` USD, `1,235` JPY, `12.346` KWD.
 * Non-finite values are `—`. For reports and CLI tables; the renderer formats in the user's locale.
 * Hourly rates keep one more digit: {@link formatRate}.
 */
export function formatAmount(x: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return plain(x, digits, digits);
}

/**
 * Extra digits an hourly rate (a commitment per hour, what it covers, what its expiry adds) keeps
 * beyond the currency's minor unit when it has them: hourly commitments are bought in steps of a
 * tenth of the minor unit (AWS Savings Plans take a commitment in $0.001 per hour), and rounding
 * 7.125 USD/h to 7.13 would move a year's commitment by 8,760 × 0.005 = 43.80 USD.
 */
export const RATE_EXTRA_DIGITS = 1;

/**
 * An hourly rate as plain text (en-US grouping, no symbol): the currency's minor unit at least and
 * {@link RATE_EXTRA_DIGITS} more when the rate has them, rounded half away from zero — `7.125` and
 * `7.10` USD, `1,069.5` and `1,069` JPY, `0.3125` KWD. Non-finite values are `—`.
 */
export function formatRate(x: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return plain(x, digits, digits + RATE_EXTRA_DIGITS);
}

