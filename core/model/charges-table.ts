/**
 * The `charges` table's FOCUS columns, in order, with their DuckDB types. This list is the contract
 * between file ingest (which yields a DuckDB SELECT producing exactly these columns) and the store
 * (which inserts that SELECT's rows inside one transaction). Lineage columns (`source_id`,
 * `import_id`) are added by the store.
 */
export const CHARGE_COLUMNS = [
  ['ProviderName', 'VARCHAR'],
  ['BillingAccountId', 'VARCHAR'],
  ['BillingAccountName', 'VARCHAR'],
  ['SubAccountId', 'VARCHAR'],
  ['SubAccountName', 'VARCHAR'],
  ['ChargePeriodStart', 'DATE'],
  ['ServiceName', 'VARCHAR'],
  ['ServiceCategory', 'VARCHAR'],
  ['RegionId', 'VARCHAR'],
  ['ResourceId', 'VARCHAR'],
  ['SkuId', 'VARCHAR'],
  ['ChargeCategory', 'VARCHAR'],
  ['ChargeClass', 'VARCHAR'],
  ['ChargeFrequency', 'VARCHAR'],
  ['PricingCategory', 'VARCHAR'],
  ['CommitmentDiscountId', 'VARCHAR'],
  ['CommitmentDiscountType', 'VARCHAR'],
  ['CommitmentDiscountStatus', 'VARCHAR'],
  ['BilledCost', 'DECIMAL(38,12)'],
  ['EffectiveCost', 'DECIMAL(38,12)'],
  ['ListCost', 'DECIMAL(38,12)'],
  ['BillingCurrency', 'VARCHAR'],
  ['ConsumedQuantity', 'DECIMAL(38,12)'],
  ['ConsumedUnit', 'VARCHAR'],
  ['Tags', 'MAP(VARCHAR, VARCHAR)'],
] as const;

export type ChargeColumn = (typeof CHARGE_COLUMNS)[number][0];
