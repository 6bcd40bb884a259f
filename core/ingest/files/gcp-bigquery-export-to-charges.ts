/**
 * Google Cloud billing export to BigQuery (standard or detailed/resource-level), as CSV with dotted
 * column names (`service.description`, the way BigQuery and pandas flatten RECORD fields) or as
 * newline-delimited JSON (nested objects, flattened to the same dotted names by the reader).
 *
 * Cost rule (Google Cloud, "Structure of Standard data export" and "Example queries for Cloud
 * Billing data export" — https://cloud.google.com/billing/docs/how-to/bq-examples#sum_costs_per_invoice):
 * the net cost of a row is `cost + SUM(credits.amount)`; credits are negative. Both BilledCost and
 * EffectiveCost are that net cost: the export carries no separate amortised view (spend-based
 * commitment fees appear as their own rows). `credits` may be a JSON array (native export) or a
 * Python-repr list (`[{'name': …, 'amount': -5e-06, …}]`, pandas CSV dumps): the amounts are read
 * from either. `labels` become Tags (`[{'key': k, 'value': v}]`, either quoting).
 */
import type { ChargeMapping, Converter, MappingBuilder } from './mapping';
import { caseMap, creditsSum, DECIMAL, lit } from './sql';

/** Column alias table: charges field → export column names (dotted, case-insensitive). */
export const GCP_BQ_ALIASES = {
  billingAccountId: ['billing_account_id'],
  projectId: ['project.id'],
  projectName: ['project.name'],
  start: ['usage_start_time'],
  service: ['service.description'],
  region: ['location.region', 'location.location'],
  resource: ['resource.global_name', 'resource.name'],
  sku: ['sku.id'],
  costType: ['cost_type'],
  cost: ['cost'],
  credits: ['credits'],
  listCost: ['cost_at_list'],
  currency: ['currency'],
  quantity: ['usage.amount'],
  unit: ['usage.unit'],
  labels: ['labels'],
} as const satisfies Record<string, readonly string[]>;

const AMOUNT_RE = `'[''"]amount[''"]\\s*:\\s*([^,}\\s]+)'`;
const KEY_RE = `'[''"]key[''"]\\s*:\\s*[''"]([^''"]*)[''"]'`;
const VALUE_RE = `'[''"]value[''"]\\s*:\\s*[''"]([^''"]*)[''"]'`;

export const gcpBigqueryExportToCharges: Converter = {
  id: 'gcp-bigquery-export',
  detect(cols) {
    return cols.has('billing_account_id', 'cost', 'usage_start_time', 'service.description') ? 'gcp-bigquery-export' : undefined;
  },
  map(b: MappingBuilder, format: string): ChargeMapping {
    const A = GCP_BQ_ALIASES;
    const what = 'a GCP BigQuery billing export';
    const cost = b.money(b.require(what, ...A.cost), true);
    const day = b.utcDay(b.require(what, ...A.start));
    const creditsCol = b.col(...A.credits);
    const creditsText = b.textOf(creditsCol);
    if (creditsCol) {
      b.checks.push({
        column: creditsCol.name,
        bad: `(${creditsText} IS NOT NULL AND (NOT starts_with(${creditsText}, '[') OR list_contains(list_transform(regexp_extract_all(${creditsText}, ${AMOUNT_RE}, 1), x -> TRY_CAST(x AS ${DECIMAL}) IS NULL), true)))`,
        cell: `COALESCE(${creditsCol.sql}, '')`,
        problem: 'is not a list of credits with numeric amounts',
        fix: "Credits look like [{'name': …, 'amount': -1.5, …}] or the same in JSON: fix the cell or re-export the file.",
      });
    }
    const net = `(${cost} + ${creditsCol ? creditsSum(creditsText) : '0'})`;
    const costType = `lower(${b.text(...A.costType)})`;
    const category = caseMap(costType, { regular: 'Usage', tax: 'Tax', adjustment: 'Adjustment', rounding_error: 'Adjustment' }, `CASE WHEN ${costType} IS NULL THEN 'Usage' ELSE 'Adjustment' END`);
    const labelsCol = b.col(...A.labels);
    const labels = b.textOf(labelsCol);
    const tags = labelsCol
      ? `CASE WHEN ${labels} IS NULL OR ${labels} = '[]' THEN NULL ELSE NULLIF(CAST(to_json(map(regexp_extract_all(${labels}, ${KEY_RE}, 1), regexp_extract_all(${labels}, ${VALUE_RE}, 1))) AS VARCHAR), '{}') END`
      : 'NULL::VARCHAR';
    b.warn({ group: `${category} = 'Usage'`, record: `${cost} < 0` }, (n) => `${n} regular row(s) have a negative cost (no correction flag in the export): imported as given.`);
    return b.build(format, {
      ProviderName: lit('Google Cloud'),
      BillingAccountId: b.text(...A.billingAccountId),
      BillingAccountName: 'NULL::VARCHAR',
      SubAccountId: b.text(...A.projectId),
      SubAccountName: b.text(...A.projectName),
      ChargePeriodStart: day,
      ServiceName: b.text(...A.service),
      ServiceCategory: 'NULL::VARCHAR',
      RegionId: b.text(...A.region),
      ResourceId: b.text(...A.resource),
      SkuId: b.text(...A.sku),
      ChargeCategory: category,
      ChargeClass: 'NULL::VARCHAR',
      ChargeFrequency: `CASE WHEN ${category} = 'Usage' THEN 'Usage-Based' ELSE NULL END`,
      PricingCategory: `CASE WHEN ${category} <> 'Usage' THEN NULL WHEN contains(COALESCE(${creditsText}, ''), 'COMMITTED_USAGE_DISCOUNT') THEN 'Committed' ELSE 'Standard' END`,
      CommitmentDiscountId: 'NULL::VARCHAR',
      CommitmentDiscountType: 'NULL::VARCHAR',
      CommitmentDiscountStatus: 'NULL::VARCHAR',
      BilledCost: net,
      EffectiveCost: net,
      ListCost: b.money(b.col(...A.listCost), false),
      BillingCurrency: b.currency(...A.currency),
      ConsumedQuantity: b.quantity(b.col(...A.quantity)),
      ConsumedUnit: b.text(...A.unit),
      Tags: tags,
    });
  },
};
