/**
 * Test helpers for the store: a fresh temp data dir, a FOCUS-shaped CSV writer, and a SELECT that
 * reads such a CSV with DuckDB (a minimal stand-in for the file planner in core/ingest/files).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type Day } from '../../lib';
import { CHARGE_COLUMNS, type ChargeRow, type CurrencyCode, type DecimalString } from '../../model';
import { openStore } from '../store';

export function tempDir(prefix = 'headroom-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A charge as the tests write it to CSV; money in integer micro-units so the expected sums are exact. */
export interface TestCharge {
  readonly account: string;
  readonly day: string;
  readonly service: string;
  readonly region: string | null;
  readonly category?: string;
  /** micro-units (1e-6) */
  readonly billedMicros: number;
  readonly effectiveMicros: number;
  readonly currency: string;
  readonly tags: Readonly<Record<string, string>>;
}

const micros = (n: number): string => {
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  return `${sign}${Math.floor(a / 1e6)}.${String(a % 1e6).padStart(6, '0')}`;
};

const csvCell = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** Writes the charges as a small FOCUS-like CSV and returns its path and sha256. */
export function writeChargesCsv(dir: string, name: string, rows: readonly TestCharge[], extraLines: readonly string[] = []): { file: string; sha: string } {
  const header = 'ProviderName,BillingAccountId,ChargePeriodStart,ServiceName,RegionId,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,Tags';
  const lines = rows.map((r) =>
    [
      'AWS',
      r.account,
      `${r.day}T00:00:00Z`,
      csvCell(r.service),
      r.region ?? '',
      r.category ?? 'Usage',
      micros(r.billedMicros),
      micros(r.effectiveMicros),
      r.currency,
      csvCell(JSON.stringify(r.tags)),
    ].join(','),
  );
  const text = [header, ...lines, ...extraLines].join('\n') + '\n';
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, sha: createHash('sha256').update(text).digest('hex') };
}

const PRESENT: Record<string, string> = {
  ProviderName: 'ProviderName',
  BillingAccountId: 'BillingAccountId',
  ChargePeriodStart: 'CAST(CAST(ChargePeriodStart AS TIMESTAMPTZ) AS DATE)',
  ServiceName: 'ServiceName',
  RegionId: 'NULLIF(RegionId, \'\')',
  ChargeCategory: 'ChargeCategory',
  BilledCost: 'CAST(BilledCost AS DECIMAL(38,12))',
  EffectiveCost: 'CAST(EffectiveCost AS DECIMAL(38,12))',
  BillingCurrency: 'BillingCurrency',
  Tags: "CAST(CAST(Tags AS JSON) AS MAP(VARCHAR, VARCHAR))",
};

/** A SELECT producing CHARGE_COLUMNS from a CSV written by writeChargesCsv; the path is the `$file` parameter. */
export const TEST_SELECT = `SELECT ${CHARGE_COLUMNS.map(([name, type]) => `${PRESENT[name] ?? `CAST(NULL AS ${type})`} AS "${name}"`).join(', ')}
  FROM read_csv($file, header = true, all_varchar = true)`;

/** Deterministic pseudo-random numbers (LCG) for test data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Days from `start` for `n` days (YYYY-MM-DD). */
export function days(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

/** Generates charges for the given accounts and days across a few services/regions/tags. */
export function makeCharges(seed: number, accounts: readonly string[], dayList: readonly string[], currency = 'USD'): TestCharge[] {
  const rnd = lcg(seed);
  const services = ['Amazon EC2', 'Amazon S3', 'AWS Lambda'];
  const regions = ['us-east-1', 'eu-west-1', null];
  const envs = ['prod', 'dev'];
  const out: TestCharge[] = [];
  for (const account of accounts) {
    for (const day of dayList) {
      for (const service of services) {
        const billed = Math.floor(rnd() * 50_000_000) - (rnd() < 0.1 ? 60_000_000 : 0);
        const tags: Record<string, string> = rnd() < 0.8 ? { env: envs[Math.floor(rnd() * 2)] ?? 'prod', team: 'core' } : {};
        out.push({
          account,
          day,
          service,
          region: regions[Math.floor(rnd() * 3)] ?? null,
          billedMicros: billed,
          effectiveMicros: Math.floor(billed * 0.8),
          currency,
          tags,
        });
      }
    }
  }
  return out;
}

/** Independent sums in micro-units per currency. */
export function sumMicros(rows: readonly TestCharge[]): Map<string, { billed: number; effective: number }> {
  const m = new Map<string, { billed: number; effective: number }>();
  for (const r of rows) {
    const t = m.get(r.currency) ?? { billed: 0, effective: 0 };
    t.billed += r.billedMicros;
    t.effective += r.effectiveMicros;
    m.set(r.currency, t);
  }
  return m;
}

/** One daily Usage row of Amazon EC2 in USD, billed = effective = `amount` (2 decimals); override any column. */
export function usageRow(day: Day, amount: number, o: Partial<ChargeRow> = {}): ChargeRow {
  const v = amount.toFixed(2) as DecimalString;
  return {
    ProviderName: 'AWS', BillingAccountId: '1', BillingAccountName: null, SubAccountId: null, SubAccountName: null, ChargePeriodStart: day,
    ServiceName: 'Amazon EC2', ServiceCategory: 'Compute', RegionId: null, ResourceId: null, SkuId: null, ChargeCategory: 'Usage', ChargeClass: null,
    ChargeFrequency: 'Usage-Based', PricingCategory: null, CommitmentDiscountId: null, CommitmentDiscountType: null, CommitmentDiscountStatus: null,
    BilledCost: v, EffectiveCost: v, ListCost: null, BillingCurrency: 'USD' as CurrencyCode, ConsumedQuantity: null, ConsumedUnit: null, Tags: {},
    ...o,
  };
}

/** Writes one usage row a day for [from, to) into a `files` source of the store in `dataDir`; day i costs `amountOf(i)`. */
export async function seedDailyCost(dataDir: string, from: Day, to: Day, amountOf: (i: number) => number): Promise<void> {
  const store = await openStore(dataDir);
  try {
    const src = await store.ensureSource({ name: 'files', kind: 'files' });
    const rows: ChargeRow[] = [];
    for (let d = from, i = 0; d < to; d = addDays(d, 1), i++) rows.push(usageRow(d, amountOf(i)));
    await store.replaceChargeRows({ sourceId: src.id, from, to, rows, format: 'test' });
  } finally {
    await store.close();
  }
}
