/**
 * Cost Explorer GetCostAndUsage groups → FOCUS charge rows. Amounts stay the decimal strings CE
 * sent. BilledCost = UnblendedCost; EffectiveCost = NetAmortizedCost (FOCUS 1.2 EffectiveCost:
 * amortized and after all discounts), falling back to AmortizedCost when CE omits the net metric.
 */
import { HeadroomError, type Day } from '../../lib';
import type { ChargeRow, CurrencyCode, DecimalString } from '../../model';
import { toDecimalString } from '../remote';

export const CE_METRICS = ['UnblendedCost', 'AmortizedCost', 'NetAmortizedCost', 'UsageQuantity'] as const;

export interface CeMetricValue {
  readonly Amount?: string;
  readonly Unit?: string;
}

export interface CeGroupIn {
  readonly day: Day;
  /** [SERVICE, REGION] as CE returns them. */
  readonly keys: readonly string[];
  readonly metrics: Readonly<Record<string, CeMetricValue | undefined>>;
}

export interface CeAccountContext {
  readonly billingAccountId: string;
  readonly accountId: string;
  readonly accountName: string | null;
}

function amount(m: CeMetricValue | undefined, what: string, g: CeGroupIn): DecimalString | undefined {
  if (m?.Amount === undefined) return undefined;
  try {
    return toDecimalString(m.Amount);
  } catch (e) {
    throw new HeadroomError('REMOTE', `Cost Explorer returned ${what} "${m.Amount}" for ${g.day} ${g.keys.join(' / ')}: not a number. Re-run the sync; if it persists, report it.`, { cause: e });
  }
}

export function ceGroupToCharge(g: CeGroupIn, acct: CeAccountContext): ChargeRow {
  const service = g.keys[0] ?? null;
  const region = g.keys[1];
  const billed = amount(g.metrics['UnblendedCost'], 'UnblendedCost', g);
  const effective = amount(g.metrics['NetAmortizedCost'], 'NetAmortizedCost', g) ?? amount(g.metrics['AmortizedCost'], 'AmortizedCost', g);
  if (billed === undefined || effective === undefined) throw new HeadroomError('REMOTE', `Cost Explorer left out UnblendedCost or AmortizedCost for ${g.day} ${g.keys.join(' / ')}; re-run the sync.`);
  const unit = g.metrics['UnblendedCost']?.Unit ?? 'USD';
  const qty = g.metrics['UsageQuantity'];
  return {
    ProviderName: 'AWS',
    BillingAccountId: acct.billingAccountId,
    BillingAccountName: null,
    SubAccountId: acct.accountId,
    SubAccountName: acct.accountName,
    ChargePeriodStart: g.day,
    ServiceName: service,
    ServiceCategory: null,
    RegionId: region === undefined || region === 'NoRegion' || region === '' ? null : region,
    ResourceId: null,
    SkuId: null,
    ChargeCategory: service === 'Tax' ? 'Tax' : 'Usage',
    ChargeClass: null,
    ChargeFrequency: null,
    PricingCategory: null,
    CommitmentDiscountId: null,
    CommitmentDiscountType: null,
    CommitmentDiscountStatus: null,
    BilledCost: billed,
    EffectiveCost: effective,
    ListCost: null,
    BillingCurrency: unit.toUpperCase() as CurrencyCode,
    ConsumedQuantity: amount(qty, 'UsageQuantity', g) ?? null,
    ConsumedUnit: null,
    Tags: {},
  };
}
