/**
 * Azure Cost Management exports to charges rows: EA "cost details" (PascalCase,
 * `CostInBillingCurrency`/`BillingCurrencyCode`), MCA (camelCase, `costInBillingCurrency`), the older
 * EA schema (`Cost`/`BillingCurrency`), and legacy pay-as-you-go usage details (`PreTaxCost`,
 * `UsageDateTime`, `SubscriptionGuid`). Microsoft's FOCUS export is read by focus-to-charges.
 *
 * Cost rules (Microsoft Learn, "Understand the terms in your Azure usage and charges file" and
 * "Get Enterprise Agreement and Microsoft Customer Agreement reservation costs and usage" —
 * https://learn.microsoft.com/azure/cost-management-billing/reservations/understand-reserved-instance-usage-ea):
 * - Actual-cost exports carry commitment purchases as `ChargeType=Purchase` rows (PricingModel
 *   Reservation/SavingsPlan) and commitment-covered usage at cost 0. Amortized-cost exports drop the
 *   purchase rows and put the amortised share on the covered usage (`PricingModel` Reservation or
 *   SavingsPlan) plus `UnusedReservation`/`UnusedSavingsPlan` rows.
 * - So, per row, whichever export it came from:
 *   - commitment purchase or refund (ChargeType Purchase/Refund with PricingModel Reservation or
 *     SavingsPlan): BilledCost = cost, EffectiveCost = 0 (it is amortised onto usage elsewhere);
 *   - commitment-covered usage and unused-commitment rows: BilledCost = 0 (paid with the purchase),
 *     EffectiveCost = cost (the amortised share; 0 in an actual-cost export);
 *   - everything else (on-demand, spot, Marketplace purchases, tax…): BilledCost = EffectiveCost = cost.
 * - Tags: EA/MCA write a JSON object without its outer braces (`"env": "prod","org": "x"`): wrapped
 *   in `{}`; legacy exports write full JSON.
 * - Dates: `MM/DD/YYYY`, `M/D/YYYY` or ISO (`2020-09-22`, `2019-07-29 00:00:00`).
 */
import type { ChargeMapping, Converter, MappingBuilder } from './mapping';
import { caseMap, isoOrUsDay, lit } from './sql';

/** Column alias table: charges field → Azure header names (case-insensitive), in order of preference. */
export const AZURE_ALIASES = {
  cost: ['CostInBillingCurrency', 'PreTaxCost', 'Cost'],
  currency: ['BillingCurrencyCode', 'BillingCurrency', 'Currency'],
  date: ['Date', 'UsageDateTime', 'UsageDate'],
  billingAccountId: ['BillingAccountId', 'SubscriptionGuid'],
  billingAccountName: ['BillingAccountName'],
  subAccountId: ['SubscriptionId', 'SubscriptionGuid'],
  subAccountName: ['SubscriptionName'],
  service: ['MeterCategory', 'ServiceName'],
  region: ['ResourceLocation'],
  resourceId: ['ResourceId', 'InstanceId', 'InstanceName'],
  sku: ['MeterId', 'ProductId'],
  chargeType: ['ChargeType'],
  frequency: ['Frequency'],
  pricingModel: ['PricingModel'],
  commitmentId: ['benefitId', 'ReservationId'],
  listCost: ['paygCostInBillingCurrency'],
  quantity: ['Quantity', 'UsageQuantity'],
  unit: ['UnitOfMeasure'],
  tags: ['Tags'],
} as const satisfies Record<string, readonly string[]>;

export const azureExportToCharges: Converter = {
  id: 'azure-export',
  detect(cols) {
    if (cols.has('UsageDateTime', 'PreTaxCost')) return 'azure-payg-legacy';
    if (!cols.has('MeterCategory') || !cols.find(...AZURE_ALIASES.date)) return undefined;
    const c = cols.find('CostInBillingCurrency');
    if (c) return c.name.startsWith('cost') ? 'azure-mca' : 'azure-ea';
    if (cols.has('Cost')) return 'azure-ea-legacy';
    return undefined;
  },
  map(b: MappingBuilder, format: string): ChargeMapping {
    const A = AZURE_ALIASES;
    const what = 'an Azure cost export';
    const cost = b.money(b.require(what, ...A.cost), true);
    const day = b.day(b.require(what, ...A.date), isoOrUsDay, 'MM/DD/YYYY or YYYY-MM-DD');
    const chargeType = `lower(${b.text(...A.chargeType)})`;
    const model = `lower(replace(${b.text(...A.pricingModel)}, ' ', ''))`;
    const commitment = `COALESCE(${model} IN ('reservation', 'savingsplan'), false)`;
    const purchase = `(COALESCE(${chargeType} IN ('purchase', 'refund'), false) AND ${commitment})`;
    const covered = `((COALESCE(${chargeType} = 'usage', false) AND ${commitment}) OR COALESCE(${chargeType} IN ('unusedreservation', 'unusedsavingsplan'), false))`;
    const tagsCol = b.col(...A.tags);
    const tagsText = b.textOf(tagsCol);
    const tags = tagsCol ? b.tagsJson(`CASE WHEN ${tagsText} IS NULL THEN NULL WHEN starts_with(${tagsText}, '{') THEN ${tagsText} ELSE '{' || ${tagsText} || '}' END`, tagsCol.name, tagsCol.sql) : 'NULL::VARCHAR';
    const category = caseMap(chargeType, { usage: 'Usage', unusedreservation: 'Usage', unusedsavingsplan: 'Usage', purchase: 'Purchase', refund: 'Purchase', tax: 'Tax', credit: 'Credit', roundingadjustment: 'Adjustment' }, `CASE WHEN ${chargeType} IS NULL THEN 'Usage' ELSE 'Adjustment' END`);
    const frequency = caseMap(`lower(${b.text(...A.frequency)})`, { usagebased: 'Usage-Based', recurring: 'Recurring', onetime: 'One-Time' });
    const pricing = caseMap(model, { ondemand: 'Standard', spot: 'Dynamic', reservation: 'Committed', savingsplan: 'Committed' });
    b.warn({ group: `${category} = 'Usage'`, record: `${cost} < 0` }, (n) => `${n} Usage row(s) have a negative cost (Azure has no correction flag): imported as given.`);
    return b.build(format, {
      ProviderName: lit('Microsoft'),
      BillingAccountId: b.text(...A.billingAccountId),
      BillingAccountName: b.text(...A.billingAccountName),
      SubAccountId: b.text(...A.subAccountId),
      SubAccountName: b.text(...A.subAccountName),
      ChargePeriodStart: day,
      ServiceName: b.text(...A.service),
      ServiceCategory: 'NULL::VARCHAR',
      RegionId: `lower(replace(${b.text(...A.region)}, ' ', ''))`,
      ResourceId: b.text(...A.resourceId),
      SkuId: b.text(...A.sku),
      ChargeCategory: category,
      ChargeClass: `CASE WHEN ${chargeType} = 'refund' THEN 'Correction' ELSE NULL END`,
      ChargeFrequency: frequency,
      PricingCategory: pricing,
      CommitmentDiscountId: `CASE WHEN ${commitment} THEN ${b.text(...A.commitmentId)} ELSE NULL END`,
      CommitmentDiscountType: `CASE ${model} WHEN 'reservation' THEN 'Reservation' WHEN 'savingsplan' THEN 'Savings Plan' ELSE NULL END`,
      CommitmentDiscountStatus: `CASE WHEN ${chargeType} IN ('unusedreservation', 'unusedsavingsplan') THEN 'Unused' WHEN ${covered} THEN 'Used' ELSE NULL END`,
      BilledCost: `CASE WHEN ${covered} THEN 0 ELSE ${cost} END`,
      EffectiveCost: `CASE WHEN ${purchase} THEN 0 ELSE ${cost} END`,
      ListCost: b.money(b.col(...A.listCost), false),
      BillingCurrency: b.currency(...A.currency),
      ConsumedQuantity: b.quantity(b.col(...A.quantity)),
      ConsumedUnit: b.text(...A.unit),
      Tags: tags,
    });
  },
};
