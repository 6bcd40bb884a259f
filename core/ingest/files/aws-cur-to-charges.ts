/**
 * AWS Cost and Usage Reports to charges rows: legacy CUR CSV (`lineItem/UnblendedCost`), the
 * Athena/Parquet snake_case naming (`line_item_unblended_cost`) and CUR 2.0 Data Exports (snake_case
 * with `product`, `resource_tags` map columns, written as JSON text in CSV).
 *
 * Cost rules (AWS CUR User Guide, "Understanding your reservations" / "Understanding Savings Plans",
 * and the amortized-cost definition AWS publishes in the Cloud Intelligence Dashboards CUR queries,
 * https://docs.aws.amazon.com/cur/latest/userguide/cur-sp.html and …/amortized-reservation.html):
 * - BilledCost = `lineItem/UnblendedCost` (the cash view; SavingsPlanNegation rows are negative there).
 * - EffectiveCost by `lineItem/LineItemType`:
 *   - SavingsPlanCoveredUsage → `savingsPlan/SavingsPlanEffectiveCost` (the amortised commitment share);
 *   - SavingsPlanNegation → 0 (the negation only cancels the on-demand cost in the cash view);
 *   - SavingsPlanRecurringFee → `savingsPlan/TotalCommitmentToDate − savingsPlan/UsedCommitment`, the
 *     unused part only: the used part is already in the covered usage rows, so counting the whole fee
 *     would double count;
 *   - SavingsPlanUpfrontFee → 0 (amortised into the covered usage);
 *   - DiscountedUsage (RI usage) → `reservation/EffectiveCost`;
 *   - RIFee → `reservation/UnusedAmortizedUpfrontFeeForBillingPeriod + reservation/UnusedRecurringFee`
 *     (the unused reservation cost; the used part is in the DiscountedUsage rows);
 *   - Fee with a reservation ARN (RI upfront payment) → 0 (amortised into RI usage);
 *   - everything else → UnblendedCost.
 * - ListCost = `pricing/publicOnDemandCost`.
 */
import type { ChargeMapping, Converter, MappingBuilder } from './mapping';
import { caseMap, lit, tagsFromColumns, text } from './sql';

/**
 * Legacy CUR column name → Athena/CUR 2.0 snake_case name: the category prefix and every upper-case
 * letter start a new `_`-separated lower-case word (`savingsPlan/SavingsPlanARN` →
 * `savings_plan_savings_plan_a_r_n`, as AWS's Athena integration names them).
 */
export function curSnakeName(legacy: string): string {
  const [cat = '', attr = ''] = legacy.split('/');
  const snake = (s: string): string => s.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `_${c.toLowerCase()}`));
  return `${snake(cat)}_${snake(attr)}`;
}

/** The CUR columns this converter reads (legacy names); each is also looked up by its snake_case alias. */
export const CUR_COLUMNS = [
  'bill/PayerAccountId',
  'bill/PayerAccountName',
  'lineItem/UsageAccountId',
  'lineItem/UsageAccountName',
  'lineItem/UsageStartDate',
  'lineItem/LineItemType',
  'lineItem/ProductCode',
  'lineItem/ResourceId',
  'lineItem/UsageType',
  'lineItem/UsageAmount',
  'lineItem/UnblendedCost',
  'lineItem/CurrencyCode',
  'product/ProductName',
  'product/regionCode',
  'product/region',
  'product/sku',
  'product/productFamily',
  'pricing/publicOnDemandCost',
  'pricing/term',
  'pricing/unit',
  'reservation/EffectiveCost',
  'reservation/ReservationARN',
  'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
  'reservation/UnusedRecurringFee',
  'savingsPlan/SavingsPlanARN',
  'savingsPlan/SavingsPlanEffectiveCost',
  'savingsPlan/TotalCommitmentToDate',
  'savingsPlan/UsedCommitment',
] as const;
type CurColumn = (typeof CUR_COLUMNS)[number];

/** Column alias table: legacy name → names to look for, in order. */
export const CUR_ALIASES = Object.fromEntries(CUR_COLUMNS.map((c) => [c, [c, curSnakeName(c)]])) as unknown as Readonly<Record<CurColumn, readonly string[]>>;

/** LineItemType → FOCUS ChargeCategory. */
const CATEGORY: Readonly<Record<string, string>> = {
  usage: 'Usage',
  discountedusage: 'Usage',
  savingsplancoveredusage: 'Usage',
  savingsplannegation: 'Usage',
  rifee: 'Purchase',
  fee: 'Purchase',
  savingsplanrecurringfee: 'Purchase',
  savingsplanupfrontfee: 'Purchase',
  tax: 'Tax',
  credit: 'Credit',
  refund: 'Credit',
  bundleddiscount: 'Credit',
  discount: 'Credit',
  edpdiscount: 'Credit',
  privaterateddiscount: 'Credit',
  distributordiscount: 'Credit',
};

/** LineItemType → FOCUS ChargeFrequency. */
const FREQUENCY: Readonly<Record<string, string>> = {
  usage: 'Usage-Based',
  discountedusage: 'Usage-Based',
  savingsplancoveredusage: 'Usage-Based',
  savingsplannegation: 'Usage-Based',
  rifee: 'Recurring',
  savingsplanrecurringfee: 'Recurring',
  fee: 'One-Time',
  savingsplanupfrontfee: 'One-Time',
};

export const awsCurToCharges: Converter = {
  id: 'aws-cur',
  detect(cols) {
    if (cols.has('lineItem/UnblendedCost') && cols.has('lineItem/UsageStartDate')) return 'aws-cur-legacy';
    if (cols.has('line_item_unblended_cost') && cols.has('line_item_usage_start_date')) {
      return cols.has('resource_tags') || cols.has('bill_payer_account_name') || cols.has('product') ? 'aws-cur-2.0' : 'aws-cur-athena';
    }
    return undefined;
  },
  map(b: MappingBuilder, format: string): ChargeMapping {
    const col = (c: CurColumn) => b.col(...CUR_ALIASES[c]);
    const t = (c: CurColumn) => b.textOf(col(c));
    const need = (c: CurColumn) => b.require('an AWS Cost and Usage Report', ...CUR_ALIASES[c]);
    const unblended = b.money(need('lineItem/UnblendedCost'), true);
    const day = b.utcDay(need('lineItem/UsageStartDate'));
    const typeCol = need('lineItem/LineItemType');
    const type = `lower(${b.textOf(typeCol)})`;
    const m = (c: CurColumn) => `COALESCE(${b.money(col(c), false)}, 0)`;
    const spEffective = m('savingsPlan/SavingsPlanEffectiveCost');
    const riEffective = m('reservation/EffectiveCost');
    const spUnused = `(${m('savingsPlan/TotalCommitmentToDate')} - ${m('savingsPlan/UsedCommitment')})`;
    const riUnused = `(${m('reservation/UnusedAmortizedUpfrontFeeForBillingPeriod')} + ${m('reservation/UnusedRecurringFee')})`;
    const riArn = t('reservation/ReservationARN');
    const spArn = t('savingsPlan/SavingsPlanARN');
    const effective = `CASE ${type}
      WHEN 'savingsplancoveredusage' THEN ${spEffective}
      WHEN 'savingsplannegation' THEN 0
      WHEN 'savingsplanrecurringfee' THEN ${spUnused}
      WHEN 'savingsplanupfrontfee' THEN 0
      WHEN 'discountedusage' THEN ${riEffective}
      WHEN 'rifee' THEN ${riUnused}
      ELSE CASE WHEN ${type} = 'fee' AND ${riArn} IS NOT NULL THEN 0 ELSE ${unblended} END END`;
    const category = caseMap(type, CATEGORY, "'Adjustment'");
    b.warn(`(${category} = 'Adjustment')`, (n) => `${n} row(s) have a lineItem/LineItemType Headroom does not know: imported as ChargeCategory "Adjustment" at their unblended cost.`);
    const spot = `(${t('lineItem/UsageType')} LIKE '%SpotUsage%')`;
    const pricing = `CASE WHEN ${type} IN ('discountedusage', 'savingsplancoveredusage', 'savingsplannegation') THEN 'Committed' WHEN ${type} = 'usage' AND ${spot} THEN 'Dynamic' WHEN ${type} = 'usage' THEN 'Standard' ELSE NULL END`;
    const commitmentId = `CASE WHEN ${type} IN ('savingsplancoveredusage', 'savingsplannegation', 'savingsplanrecurringfee', 'savingsplanupfrontfee') THEN ${spArn} WHEN ${type} IN ('discountedusage', 'rifee') OR (${type} = 'fee' AND ${riArn} IS NOT NULL) THEN ${riArn} ELSE NULL END`;
    const commitmentType = `CASE WHEN ${type} IN ('savingsplancoveredusage', 'savingsplannegation', 'savingsplanrecurringfee', 'savingsplanupfrontfee') THEN 'Savings Plan' WHEN ${type} IN ('discountedusage', 'rifee') OR (${type} = 'fee' AND ${riArn} IS NOT NULL) THEN 'Reserved Instance' ELSE NULL END`;
    const isUsage = `${type} IN ('usage', 'discountedusage', 'savingsplancoveredusage')`;
    b.warn({ group: `${type} = 'usage'`, record: `${unblended} < 0` }, (n) => `${n} Usage row(s) have a negative cost (no correction flag in CUR): imported as given.`);
    return b.build(format, {
      ProviderName: lit('AWS'),
      BillingAccountId: t('bill/PayerAccountId'),
      BillingAccountName: t('bill/PayerAccountName'),
      SubAccountId: t('lineItem/UsageAccountId'),
      SubAccountName: t('lineItem/UsageAccountName'),
      ChargePeriodStart: day,
      ServiceName: `COALESCE(${t('product/ProductName')}, ${productMapField(b, 'product_name')}, ${t('lineItem/ProductCode')})`,
      ServiceCategory: 'NULL::VARCHAR',
      RegionId: `COALESCE(${t('product/regionCode')}, ${t('product/region')})`,
      ResourceId: t('lineItem/ResourceId'),
      SkuId: t('product/sku'),
      ChargeCategory: category,
      ChargeClass: `CASE WHEN ${type} = 'refund' THEN 'Correction' ELSE NULL END`,
      ChargeFrequency: caseMap(type, FREQUENCY, `CASE WHEN ${category} IN ('Tax', 'Credit') THEN 'Usage-Based' ELSE NULL END`),
      PricingCategory: pricing,
      CommitmentDiscountId: commitmentId,
      CommitmentDiscountType: commitmentType,
      CommitmentDiscountStatus: `CASE WHEN ${type} IN ('savingsplancoveredusage', 'discountedusage') THEN 'Used' ELSE NULL END`,
      BilledCost: unblended,
      EffectiveCost: effective,
      ListCost: b.money(col('pricing/publicOnDemandCost'), false),
      BillingCurrency: b.currency(...CUR_ALIASES['lineItem/CurrencyCode']),
      ConsumedQuantity: `CASE WHEN ${isUsage} THEN ${b.quantity(col('lineItem/UsageAmount'))} ELSE NULL END`,
      ConsumedUnit: `CASE WHEN ${isUsage} THEN ${t('pricing/unit')} ELSE NULL END`,
      Tags: curTags(b),
    });
  },
};

/** A field of CUR 2.0's `product` map column (JSON text in CSV), or NULL. */
function productMapField(b: MappingBuilder, key: string): string {
  const c = b.col('product');
  if (!c) return 'NULL::VARCHAR';
  const p = b.textOf(c);
  return `CASE WHEN json_valid(${p}) THEN json_extract_string(${p}, ${lit(`$.${key}`)}) END`;
}

/**
 * Tags: legacy `resourceTags/user:<key>` and `resourceTags/aws:<key>` columns (the key is kept after
 * `resourceTags/`, without the `user:` prefix), Athena `resource_tags_user_<key>` / `resource_tags_aws_<key>`
 * columns, or CUR 2.0's `resource_tags` map written as JSON (keys kept as given, e.g. `user_env`).
 */
function curTags(b: MappingBuilder): string {
  const map = b.col('resource_tags');
  if (map) return b.tagsJson(b.textOf(map), map.name, map.sql);
  const pairs: [string, string][] = [];
  for (const c of b.cols.withPrefix('resourceTags/')) {
    const key = c.name.slice('resourceTags/'.length);
    pairs.push([key.startsWith('user:') ? key.slice(5) : key, text(c.sql, b.nulls)]);
  }
  for (const c of b.cols.withPrefix('resource_tags_')) {
    const key = c.name.slice('resource_tags_'.length);
    pairs.push([key.startsWith('user_') ? key.slice(5) : key.startsWith('aws_') ? `aws:${key.slice(4)}` : key, text(c.sql, b.nulls)]);
  }
  return tagsFromColumns(pairs);
}


