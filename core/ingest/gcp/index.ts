export { GcpConnector, PAGE_ROWS, type GcpConnectorOptions, type GcpLearned, type GcpSettings } from './connector';
export { GcpBilling, moneyToDecimal, type BillingAccountInfo, type BillingClientOptions, type ProjectBilling, type SkuPrice } from './billing';
export { billingQuery, isExportTable, queryParams, PARTITION_LAG_DAYS } from './sql';
export { addDecimals, bqRowToCharge, RESULT_COLUMNS, type WireRow } from './bq-rows-to-charges';
