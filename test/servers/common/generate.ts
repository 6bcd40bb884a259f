/**
 * Deterministic billing data for the loopback servers: months of daily cost per account × service
 * × region, from a seeded PRNG. Amounts are integers of 1e-10 (Cost Explorer writes 10 decimals)
 * so expected totals are exact; servers format them the way their provider does.
 */
import { addDays, dayRange, weekday, type Day } from '../../../core/lib';

/** Mulberry32: a tiny seeded PRNG (Tommy Ettinger's public-domain generator). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SCALE = 10;
const ONE = 10n ** BigInt(SCALE);

export interface Account {
  readonly id: string;
  readonly name: string;
}

export interface GenSpec {
  readonly seed: number;
  readonly from: Day;
  /** Exclusive. */
  readonly to: Day;
  readonly accounts: readonly Account[];
  readonly services: readonly string[];
  readonly regions: readonly string[];
  readonly currency: string;
  /** Share of (account, service, region) combinations that have no usage at all (0..1). */
  readonly sparsity?: number;
}

/** One day of one account × service × region. Money in 1e-10 units. */
export interface GenRow {
  readonly day: Day;
  readonly account: string;
  readonly service: string;
  readonly region: string;
  readonly currency: string;
  /** Billed (cash) cost. */
  readonly unblended: bigint;
  /** Amortized cost (commitment fees spread over usage). */
  readonly amortized: bigint;
  /** Amortized net of discounts and credits. */
  readonly netAmortized: bigint;
  /** Usage quantity, 1e-10 units. */
  readonly usage: bigint;
}

/** Generates rows for every day in [from, to): weekly seasonality, slow growth, noise. */
export function generateDaily(spec: GenSpec): GenRow[] {
  const rand = prng(spec.seed);
  const combos: { account: string; service: string; region: string; base: number; amortShare: number }[] = [];
  for (const a of spec.accounts)
    for (const s of spec.services)
      for (const r of spec.regions) {
        const keep = rand() >= (spec.sparsity ?? 0.3);
        const base = 2 + rand() * 180;
        const amortShare = 0.7 + rand() * 0.3;
        if (keep) combos.push({ account: a.id, service: s, region: r, base, amortShare });
      }
  const out: GenRow[] = [];
  dayRange(spec.from, spec.to).forEach((day, i) => {
    const season = [0.82, 1.05, 1.08, 1.1, 1.07, 1.02, 0.86][weekday(day)] ?? 1;
    for (const c of combos) {
      const v = c.base * season * (1 + i * 0.002) * (0.9 + rand() * 0.2);
      const unblended = BigInt(Math.round(v * 1e6)) * 10_000n + BigInt(Math.floor(rand() * 10_000));
      const amortized = (unblended * BigInt(Math.round(c.amortShare * 1000))) / 1000n;
      const netAmortized = amortized - amortized / 20n;
      const usage = BigInt(Math.round(v * 13.7 * 1e4)) * 1_000_000n;
      out.push({ day, account: c.account, service: c.service, region: c.region, currency: spec.currency, unblended, amortized, netAmortized, usage });
    }
  });
  return out;
}

/** A 1e-10 integer as a plain decimal string with `scale` decimals (`40.3527508453`). */
export function fixed(v: bigint, scale = SCALE): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const div = 10n ** BigInt(SCALE - scale);
  const q = (a + div / 2n) / div;
  const unit = 10n ** BigInt(scale);
  const s = `${q / unit}${scale > 0 ? `.${(q % unit).toString().padStart(scale, '0')}` : ''}`;
  return neg ? `-${s}` : s;
}

/** Sum of `pick` over rows, rounded to cents, as a string (`1234.57`) — what tests compare against. */
export function totalCents(rows: readonly GenRow[], pick: (r: GenRow) => bigint): string {
  let s = 0n;
  for (const r of rows) s += pick(r);
  return fixed(s, 2);
}

/** Months covered by [from, to) as [start, endExclusive) pairs. */
export function days(from: Day, to: Day): Day[] {
  return dayRange(from, to);
}

export { addDays, ONE };

/** Parses a plain or exponent decimal string into 1e-10 units, exactly (throws past 10 decimals unless `round`). */
export function parseFixed(s: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) throw new RangeError(`not a plain decimal: ${s}`);
  const frac = (m[3] ?? '').padEnd(SCALE + 1, '0');
  let v = BigInt(m[2] || '0') * ONE + BigInt(frac.slice(0, SCALE));
  if (Number(frac[SCALE]) >= 5) v += 1n;
  return m[1] === '-' ? -v : v;
}
