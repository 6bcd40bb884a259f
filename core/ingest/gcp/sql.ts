/**
 * The aggregating query over the Cloud Billing export to BigQuery (standard or detailed: both have
 * these columns). It runs inside BigQuery, so only one row per day × billing account × project ×
 * service × SKU × region × currency comes down. Net cost = cost + Σ credits.amount (credits are
 * negative; Google's "Example queries for Cloud Billing data export"). Money is summed as NUMERIC,
 * not FLOAT64, so the sums are exact to BigQuery's 9 decimals. The export is partitioned by
 * ingestion time, so the query filters `_PARTITIONTIME` (which bounds the bytes scanned and billed)
 * and then usage_start_time for the days wanted; rows for a usage day keep arriving for days, so the
 * partition window runs PARTITION_LAG_DAYS past the range's end.
 */
import { addDays } from '../../lib';
import type { DayRange } from '../remote';

/** Days after a range's end whose partitions can still hold its usage (late exports, month close). */
export const PARTITION_LAG_DAYS = 10;

const TABLE_RE = /^[a-z][a-z0-9-]{4,61}[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_$-]+$/;

export function isExportTable(t: string): boolean {
  return TABLE_RE.test(t);
}

/** The SQL; `table` must be a validated PROJECT.DATASET.TABLE (identifiers cannot be parameters). */
export function billingQuery(table: string): string {
  if (!isExportTable(table)) throw new RangeError(`"${table}" is not PROJECT.DATASET.TABLE`);
  return `SELECT
  DATE(usage_start_time) AS usage_date,
  billing_account_id,
  project.id AS project_id,
  ANY_VALUE(project.name) AS project_name,
  service.id AS service_id,
  ANY_VALUE(service.description) AS service,
  sku.id AS sku_id,
  ANY_VALUE(sku.description) AS sku,
  location.region AS region,
  currency,
  SUM(CAST(cost AS NUMERIC)) AS cost,
  SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0)) AS credits,
  SUM(CAST(usage.amount AS NUMERIC)) AS usage_amount,
  ANY_VALUE(usage.unit) AS usage_unit
FROM \`${table}\`
WHERE _PARTITIONTIME >= TIMESTAMP(@partition_from) AND _PARTITIONTIME < TIMESTAMP(@partition_to)
  AND usage_start_time >= TIMESTAMP(@from) AND usage_start_time < TIMESTAMP(@to)
GROUP BY usage_date, billing_account_id, project_id, service_id, sku_id, region, currency
ORDER BY usage_date, billing_account_id, project_id, service_id, sku_id, region, currency`;
}

/** The DATE parameters of one range's query. */
export function queryParams(range: DayRange): { from: string; to: string; partition_from: string; partition_to: string } {
  return { from: range.from, to: range.to, partition_from: range.from, partition_to: addDays(range.to, PARTITION_LAG_DAYS) };
}
