/**
 * Generated GCP billing export rows (the standard export's columns that matter here), derived from
 * daily generator rows: each day of a project × service × region is split into several line items
 * exported into the day's partition or a later one, with negative credits so that
 * cost + Σcredits = the generator's net amortized amount. Amounts keep 6 decimals, like the export.
 */
import { addDays, type Day } from '../../../core/lib';
import { prng, type GenRow } from '../common/generate';

export interface ExportCredit {
  readonly name: string;
  readonly type: string;
  /** 1e-10 units, negative. */
  readonly amount: bigint;
}

export interface ExportRow {
  readonly billingAccountId: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly serviceId: string;
  readonly service: string;
  readonly skuId: string;
  readonly sku: string;
  readonly region: string;
  readonly currency: string;
  readonly usageDay: Day;
  /** Ingestion-time partition (`_PARTITIONTIME` day): the usage day or up to three days later. */
  readonly partition: Day;
  /** 1e-10 units (multiples of 1e4: six decimals). */
  readonly cost: bigint;
  readonly credits: readonly ExportCredit[];
  readonly usage: bigint;
  readonly usageUnit: string;
}

const SIX = 10_000n;
const round6 = (v: bigint): bigint => (v / SIX) * SIX;

export function serviceIdOf(service: string): string {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).toUpperCase().padStart(8, '0');
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${(h % 9973).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function skuIdOf(service: string, region: string): string {
  return serviceIdOf(`${service}/${region}`);
}

/** The export rows for these generator rows; `account` is the project id. */
export function toExportRows(rows: readonly GenRow[], billingAccountId: string, seed = 99): ExportRow[] {
  const rand = prng(seed);
  const out: ExportRow[] = [];
  for (const r of rows) {
    const cost = round6(r.unblended);
    const net = round6(r.netAmortized);
    const parts = 2 + Math.floor(rand() * 3);
    let left = cost;
    let creditLeft = net - cost;
    for (let i = 0; i < parts; i++) {
      const last = i === parts - 1;
      const c = last ? left : round6(cost / BigInt(parts));
      const cr = last ? creditLeft : round6((net - cost) / BigInt(parts));
      left -= c;
      creditLeft -= cr;
      const credits: ExportCredit[] = cr === 0n ? [] : rand() < 0.5 ? [{ name: 'Sustained usage discount', type: 'SUSTAINED_USAGE_DISCOUNT', amount: cr }] : [
        { name: 'Committed use discount', type: 'COMMITTED_USAGE_DISCOUNT', amount: round6(cr / 2n) },
        { name: 'Free tier', type: 'FREE_TIER', amount: cr - round6(cr / 2n) },
      ];
      out.push({
        billingAccountId,
        projectId: r.account,
        projectName: `${r.account} (name)`,
        serviceId: serviceIdOf(r.service),
        service: r.service,
        skuId: skuIdOf(r.service, r.region),
        sku: `${r.service} in ${r.region}`,
        region: r.region,
        currency: r.currency,
        usageDay: r.day,
        partition: addDays(r.day, Math.floor(rand() * 4)),
        cost: c,
        credits,
        usage: r.usage / BigInt(parts),
        usageUnit: 'seconds',
      });
    }
  }
  return out;
}
