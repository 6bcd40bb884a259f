/**
 * FOCUS (FinOps Open Cost and Usage Specification) 1.0–1.2 files to charges rows.
 *
 * FOCUS is already the shape of the charges table, so the mapping is by name: BilledCost and
 * EffectiveCost are taken as given (FOCUS 1.2 §BilledCost, §EffectiveCost: EffectiveCost already
 * carries the amortisation of commitment purchases, purchases themselves have EffectiveCost 0).
 * Tolerated deviations seen in real exports: `NULL`/`null` cells (FOCUS sample), `Usage-based`
 * casing (Oracle) and FOCUS 1.0's PricingCategory spellings `On-Demand`/`Commitment-Based`, which are
 * normalised; Usage rows with a negative cost but no `ChargeClass=Correction` are warned about.
 * Microsoft's FOCUS export (with its `x_` columns) is the same format.
 */
import type { Converter, MappingBuilder, ChargeMapping } from './mapping';
import { caseMap } from './sql';

/** Headers that mark a FOCUS version (the columns each version introduced). */
const V12 = ['InvoiceId', 'PricingCurrency', 'BillingAccountType', 'SubAccountType'];
const V11 = ['CapacityReservationId', 'CommitmentDiscountQuantity', 'ServiceSubcategory', 'SkuMeter', 'SkuPriceDetails'];

export const focusToCharges: Converter = {
  id: 'focus',
  nulls: ['NULL'],
  detect(cols) {
    if (!cols.has('BilledCost', 'ChargePeriodStart')) return undefined;
    const v = V12.some((c) => cols.has(c)) ? '1.2' : V11.some((c) => cols.has(c)) ? '1.1' : '1.0';
    const microsoft = cols.has('x_BillingProfileId') || cols.has('x_SkuMeterCategory');
    return `${microsoft ? 'azure-focus' : 'focus'}-${v}`;
  },
  map(b: MappingBuilder, format: string): ChargeMapping {
    const billed = b.money(b.require('FOCUS', 'BilledCost'), true);
    const effective = b.money(b.require('FOCUS', 'EffectiveCost'), true);
    const day = b.utcDay(b.require('FOCUS', 'ChargePeriodStart'));
    b.checkTimestamp(b.col('ChargePeriodEnd'));
    const categoryCol = b.require('FOCUS', 'ChargeCategory');
    const categoryText = b.textOf(categoryCol);
    const category = caseMap(categoryText, { usage: 'Usage', purchase: 'Purchase', tax: 'Tax', credit: 'Credit', adjustment: 'Adjustment' });
    b.checks.push({
      column: categoryCol.name,
      bad: `(${category} IS NULL)`,
      cell: `COALESCE(${categoryCol.sql}, '')`,
      problem: 'is not a FOCUS ChargeCategory (Usage, Purchase, Tax, Credit or Adjustment)',
      fix: 'Fix the cell or re-export the file.',
    });
    const freqText = b.text('ChargeFrequency');
    const frequency = caseMap(freqText, { 'one-time': 'One-Time', recurring: 'Recurring', 'usage-based': 'Usage-Based' }, freqText);
    b.warn(`(${freqText} IS NOT NULL AND ${freqText} NOT IN ('One-Time', 'Recurring', 'Usage-Based'))`, (n) => `${n} row(s) write ChargeFrequency in a casing the FOCUS spec does not use (e.g. "Usage-based"): normalised to One-Time/Recurring/Usage-Based.`);
    const classText = b.text('ChargeClass');
    const chargeClass = caseMap(classText, { correction: 'Correction' }, classText);
    const pricing = b.text('PricingCategory');
    const tagsCol = b.col('Tags');
    const tags = tagsCol ? b.tagsJson(b.textOf(tagsCol), tagsCol.name, tagsCol.sql) : 'NULL::VARCHAR';
    b.warn({ group: `${category} = 'Usage' AND ${chargeClass} IS DISTINCT FROM 'Correction'`, record: `${billed} < 0 OR ${effective} < 0` }, (n) => `${n} Usage row(s) have a negative cost but no ChargeClass "Correction" (refunds or reversals): imported as given.`);
    return b.build(format, {
      ProviderName: b.text('ProviderName', 'ServiceProviderName'),
      BillingAccountId: b.text('BillingAccountId'),
      BillingAccountName: b.text('BillingAccountName'),
      SubAccountId: b.text('SubAccountId'),
      SubAccountName: b.text('SubAccountName'),
      ChargePeriodStart: day,
      ServiceName: b.text('ServiceName'),
      ServiceCategory: b.text('ServiceCategory'),
      RegionId: b.text('RegionId'),
      ResourceId: b.text('ResourceId'),
      SkuId: b.text('SkuId'),
      ChargeCategory: category,
      ChargeClass: chargeClass,
      ChargeFrequency: frequency,
      PricingCategory: caseMap(pricing, { standard: 'Standard', 'on-demand': 'Standard', dynamic: 'Dynamic', committed: 'Committed', 'commitment-based': 'Committed', other: 'Other' }, pricing),
      CommitmentDiscountId: b.text('CommitmentDiscountId'),
      CommitmentDiscountType: b.text('CommitmentDiscountType'),
      CommitmentDiscountStatus: b.text('CommitmentDiscountStatus'),
      BilledCost: billed,
      EffectiveCost: effective,
      ListCost: b.money(b.col('ListCost'), false),
      BillingCurrency: b.currency('BillingCurrency'),
      ConsumedQuantity: b.quantity(b.col('ConsumedQuantity')),
      ConsumedUnit: b.text('ConsumedUnit'),
      Tags: tags,
    });
  },
};
