/**
 * BigQuery result rows (the raw `{f:[{v}]}` wire form, so NUMERIC sums stay exact strings) of
 * `billingQuery` → FOCUS charge rows. BilledCost = EffectiveCost = cost + credits (the net cost);
 * the SKU and project are kept (SkuId, SubAccountId).
 */
import { HeadroomError, isDay } from '../../lib';
import type { ChargeRow, CurrencyCode, DecimalString } from '../../model';
import { toDecimalString } from '../remote';

export const RESULT_COLUMNS = ['usage_date', 'billing_account_id', 'project_id', 'project_name', 'service_id', 'service', 'sku_id', 'sku', 'region', 'currency', 'cost', 'credits', 'usage_amount', 'usage_unit'] as const;

export interface WireRow {
  readonly f?: readonly { readonly v?: unknown }[];
}

/** Adds two plain decimal strings exactly (no floats). */
export function addDecimals(a: string, b: string): DecimalString {
  const scale = Math.max(frac(a), frac(b));
  const sum = toScaled(a, scale) + toScaled(b, scale);
  return fromScaled(sum, scale);
}

const frac = (s: string): number => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

function toScaled(s: string, scale: number): bigint {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [i = '0', f = ''] = body.split('.');
  const v = BigInt(i || '0') * 10n ** BigInt(scale) + BigInt((f + '0'.repeat(scale)).slice(0, scale) || '0');
  return neg ? -v : v;
}

function fromScaled(v: bigint, scale: number): DecimalString {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const unit = 10n ** BigInt(scale);
  const s = scale > 0 ? `${a / unit}.${(a % unit).toString().padStart(scale, '0')}` : `${a}`;
  return (neg ? `-${s}` : s) as DecimalString;
}

export function bqRowToCharge(row: WireRow, billingAccountName: string | null, n: number): ChargeRow {
  const cells = row.f ?? [];
  const get = (name: (typeof RESULT_COLUMNS)[number]): string | null => {
    const v = cells[RESULT_COLUMNS.indexOf(name)]?.v;
    return v === null || v === undefined ? null : String(v);
  };
  const day = get('usage_date') ?? '';
  if (!isDay(day)) throw new HeadroomError('REMOTE', `BigQuery result row ${n} has usage_date "${day}"; expected YYYY-MM-DD. Re-run the sync.`);
  let net: DecimalString;
  let qty: DecimalString | null;
  try {
    net = addDecimals(toDecimalString(get('cost') ?? '0'), toDecimalString(get('credits') ?? '0'));
    qty = get('usage_amount') === null ? null : toDecimalString(get('usage_amount') ?? '0');
  } catch (e) {
    throw new HeadroomError('REMOTE', `BigQuery result row ${n} (${day}) has a cost that is not a number; re-run the sync.`, { cause: e });
  }
  return {
    ProviderName: 'Google Cloud',
    BillingAccountId: get('billing_account_id') ?? '',
    BillingAccountName: billingAccountName,
    SubAccountId: get('project_id'),
    SubAccountName: get('project_name'),
    ChargePeriodStart: day,
    ServiceName: get('service'),
    ServiceCategory: null,
    RegionId: get('region'),
    ResourceId: null,
    SkuId: get('sku_id'),
    ChargeCategory: 'Usage',
    ChargeClass: null,
    ChargeFrequency: 'Usage-Based',
    PricingCategory: null,
    CommitmentDiscountId: null,
    CommitmentDiscountType: null,
    CommitmentDiscountStatus: null,
    BilledCost: net,
    EffectiveCost: net,
    ListCost: null,
    BillingCurrency: (get('currency') ?? 'USD').toUpperCase() as CurrencyCode,
    ConsumedQuantity: qty,
    ConsumedUnit: get('usage_unit'),
    Tags: {},
  };
}
