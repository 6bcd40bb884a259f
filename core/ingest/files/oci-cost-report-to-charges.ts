/**
 * Oracle Cloud Infrastructure cost reports (the hourly CSV files OCI writes to the usage-report
 * bucket): `lineItem/intervalUsageStart`, `cost/myCost`, `cost/currencyCode`, and one `tags/<ns>.<key>`
 * column per tag key.
 *
 * Cost rule (Oracle, "Cost and Usage Reports" — https://docs.oracle.com/iaas/Content/Billing/Concepts/costusagereportsoverview.htm):
 * `cost/myCost` is the cost of the line at the customer's negotiated price, so BilledCost =
 * EffectiveCost = myCost (OCI reports carry no separate amortised view). `lineItem/isCorrection=true`
 * marks corrections (ChargeClass "Correction"); negative cost without that flag is warned about.
 */
import type { ChargeMapping, Converter, MappingBuilder } from './mapping';
import { lit, tagsFromColumns, text } from './sql';

export const ociCostReportToCharges: Converter = {
  id: 'oci-cost-report',
  detect(cols) {
    return cols.has('lineItem/intervalUsageStart', 'cost/myCost') ? 'oci-cost-report' : undefined;
  },
  map(b: MappingBuilder, format: string): ChargeMapping {
    const what = 'an OCI cost report';
    const cost = b.money(b.require(what, 'cost/myCost'), true);
    const day = b.utcDay(b.require(what, 'lineItem/intervalUsageStart'));
    const correction = `COALESCE(lower(${b.text('lineItem/isCorrection')}) = 'true', false)`;
    const tags = tagsFromColumns(b.cols.withPrefix('tags/').map((c) => [c.name.slice('tags/'.length), text(c.sql)] as const));
    b.warn(`(${cost} < 0 AND NOT ${correction})`, (n) => `${n} row(s) have a negative cost without lineItem/isCorrection: imported as given.`);
    return b.build(format, {
      ProviderName: lit('Oracle'),
      BillingAccountId: b.text('lineItem/tenantId'),
      BillingAccountName: 'NULL::VARCHAR',
      SubAccountId: b.text('product/compartmentId'),
      SubAccountName: b.text('product/compartmentName'),
      ChargePeriodStart: day,
      ServiceName: b.text('product/service'),
      ServiceCategory: 'NULL::VARCHAR',
      RegionId: b.text('product/region'),
      ResourceId: b.text('product/resourceId'),
      SkuId: b.text('cost/productSku'),
      ChargeCategory: "'Usage'",
      ChargeClass: `CASE WHEN ${correction} THEN 'Correction' ELSE NULL END`,
      ChargeFrequency: "'Usage-Based'",
      PricingCategory: "'Standard'",
      CommitmentDiscountId: 'NULL::VARCHAR',
      CommitmentDiscountType: 'NULL::VARCHAR',
      CommitmentDiscountStatus: 'NULL::VARCHAR',
      BilledCost: cost,
      EffectiveCost: cost,
      ListCost: 'NULL::DECIMAL(38,12)',
      BillingCurrency: b.currency('cost/currencyCode'),
      ConsumedQuantity: b.quantity(b.col('usage/billedQuantity')),
      ConsumedUnit: b.text('cost/skuUnitDescription'),
      Tags: tags,
    });
  },
};
