/** Plain-text tables and numbers for human CLI output. */
import { formatRate, minorUnitDigits } from '../core/lib';

/**
 * An amount in `currency`'s own minor unit (ISO 4217, core/lib `minorUnitDigits`), en-US grouping,
 * no symbol: 1234567.891 → "1,234,567.89" USD, "1,234,568" JPY, "1,234,567.891" KWD. Human output
 * only: `--json` keeps the exact numbers.
 */
export function money(n: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * A rate per hour (a commitment, what it covers, what its expiry adds) in `currency`: its minor unit
 * at least and one digit more when the rate has it — "7.125" and "7.10" USD/h, "1,069.5" JPY/h
 * (core/lib `formatRate`, which the app and the report use too). Human output only: `--json` keeps
 * the exact numbers.
 */
export function price(n: number, currency: string): string {
  return formatRate(n, currency);
}

/** Left-aligned text columns, right-aligned for columns listed in `right`. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
