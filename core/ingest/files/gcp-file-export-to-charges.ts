/**
 * The deprecated Google Cloud billing "file export" CSV (retired in 2019, still found in archives):
 * `Account ID`, `Line Item` (a `com.google.cloud/services/<service>/<sku>` URI), `Start Time` with a
 * Pacific offset, `Cost`, `Currency`, and N groups of `CreditK`/`CreditK Amount`/`CreditK Currency`.
 *
 * Cost rule: as in the BigQuery export, net cost = `Cost + Σ CreditK Amount` (credits are negative);
 * BilledCost = EffectiveCost = net cost. The day is the UTC day of `Start Time`.
 */
import type { ChargeMapping, Converter, MappingBuilder } from './mapping';
import { lit } from './sql';

export const gcpFileExportToCharges: Converter = {
  id: 'gcp-file-export',
  detect(cols) {
    return cols.has('Account ID', 'Line Item', 'Start Time', 'Cost') ? 'gcp-file-export' : undefined;
  },
  map(b: MappingBuilder, format: string): ChargeMapping {
    const what = 'a GCP billing file export';
    const cost = b.money(b.require(what, 'Cost'), true);
    const day = b.utcDay(b.require(what, 'Start Time'));
    const credits = b.cols.list.filter((c) => /^credit\d+ amount$/i.test(c.name.trim())).map((c) => `COALESCE(${b.money(c, false)}, 0)`);
    const net = `(${[cost, ...credits].join(' + ')})`;
    const lineItem = b.text('Line Item');
    b.warn(`(${cost} < 0)`, (n) => `${n} row(s) have a negative cost: imported as given.`);
    return b.build(format, {
      ProviderName: lit('Google Cloud'),
      BillingAccountId: b.text('Account ID'),
      BillingAccountName: 'NULL::VARCHAR',
      SubAccountId: b.text('Project ID', 'Project'),
      SubAccountName: b.text('Project Name'),
      ChargePeriodStart: day,
      ServiceName: `NULLIF(regexp_extract(${lineItem}, 'services/([^/]+)/', 1), '')`,
      ServiceCategory: 'NULL::VARCHAR',
      RegionId: 'NULL::VARCHAR',
      ResourceId: 'NULL::VARCHAR',
      SkuId: lineItem,
      ChargeCategory: "'Usage'",
      ChargeClass: 'NULL::VARCHAR',
      ChargeFrequency: "'Usage-Based'",
      PricingCategory: "'Standard'",
      CommitmentDiscountId: 'NULL::VARCHAR',
      CommitmentDiscountType: 'NULL::VARCHAR',
      CommitmentDiscountStatus: 'NULL::VARCHAR',
      BilledCost: net,
      EffectiveCost: net,
      ListCost: 'NULL::DECIMAL(38,12)',
      BillingCurrency: b.currency('Currency'),
      ConsumedQuantity: b.quantity(b.col('Measurement1 Total Consumption')),
      ConsumedUnit: b.text('Measurement1 Units'),
      Tags: 'NULL::VARCHAR',
    });
  },
};
