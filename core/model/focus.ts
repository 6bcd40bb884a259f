/**
 * FOCUS 1.2-aligned charge rows, the one shape every billing source is normalised to.
 * Column names follow the FinOps Open Cost and Usage Specification (FOCUS) 1.2; see
 * ../shared/data/focus/focus-1.2_columns.json for the digest of the spec.
 */
import type { Day } from '../lib/dates';

/** ISO 4217 currency code, upper case (`USD`, `EUR`, `NOK`). */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

/** A money amount as a decimal string exactly as the source wrote it after normalisation (`"0.00000000603"`). */
export type DecimalString = string & { readonly __brand: 'DecimalString' };

/** The cloud (or SaaS) that issued the charge, as FOCUS ProviderName writes it. */
export type ProviderName = string;

/** Providers Headroom has connectors and file formats for. */
export const PROVIDERS = ['AWS', 'Microsoft', 'Google Cloud', 'Oracle'] as const;
export type KnownProvider = (typeof PROVIDERS)[number];

/** FOCUS ChargeCategory allowed values. */
export const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

/** FOCUS ChargeFrequency allowed values (spec casing; sources may differ in case). */
export const CHARGE_FREQUENCIES = ['One-Time', 'Recurring', 'Usage-Based'] as const;
export type ChargeFrequency = (typeof CHARGE_FREQUENCIES)[number];

/** FOCUS PricingCategory allowed values. */
export const PRICING_CATEGORIES = ['Standard', 'Dynamic', 'Committed', 'Other'] as const;
export type PricingCategory = (typeof PRICING_CATEGORIES)[number];

/** FOCUS CommitmentDiscountStatus. */
export type CommitmentDiscountStatus = 'Used' | 'Unused';

/**
 * One stored charge row at daily grain (the `charges` table). Money fields are decimal strings
 * so no precision is lost between the file and DuckDB's DECIMAL columns; aggregates come back as numbers.
 */
export interface ChargeRow {
  readonly ProviderName: ProviderName;
  readonly BillingAccountId: string;
  readonly BillingAccountName: string | null;
  readonly SubAccountId: string | null;
  readonly SubAccountName: string | null;
  /** UTC day the charge applies to (ChargePeriodStart truncated to the day). */
  readonly ChargePeriodStart: Day;
  readonly ServiceName: string | null;
  readonly ServiceCategory: string | null;
  readonly RegionId: string | null;
  readonly ResourceId: string | null;
  readonly SkuId: string | null;
  readonly ChargeCategory: ChargeCategory;
  readonly ChargeClass: 'Correction' | null;
  readonly ChargeFrequency: ChargeFrequency | null;
  readonly PricingCategory: PricingCategory | null;
  readonly CommitmentDiscountId: string | null;
  readonly CommitmentDiscountType: string | null;
  readonly CommitmentDiscountStatus: CommitmentDiscountStatus | null;
  readonly BilledCost: DecimalString;
  readonly EffectiveCost: DecimalString;
  readonly ListCost: DecimalString | null;
  readonly BillingCurrency: CurrencyCode;
  readonly ConsumedQuantity: DecimalString | null;
  readonly ConsumedUnit: string | null;
  /** Tag key → value; keys are kept exactly as the source wrote them. */
  readonly Tags: Readonly<Record<string, string>>;
}

/** Dimensions the store can group and filter daily series by. `tag:<key>` groups by a tag value. */
export const DIMENSIONS = [
  'provider',
  'billing_account',
  'sub_account',
  'service',
  'service_category',
  'region',
  'charge_category',
  'charge_frequency',
  'pricing_category',
  'sku',
  'resource',
] as const;
export type Dimension = (typeof DIMENSIONS)[number] | `tag:${string}`;

/** Which cost column a view sums. Amortized (EffectiveCost) is the default; Billed is the cash view. Never add them. */
export type CostView = 'effective' | 'billed';

/** Totals per currency: money in different currencies is never summed together. */
export interface CurrencyTotal {
  readonly currency: CurrencyCode;
  readonly billed_cost: number;
  readonly effective_cost: number;
}
