/**
 * Aggregates the capacity planner needs from `charges` (issue 5): a billing usage quantity per day,
 * commitment-eligible usage per scope and day, and the facts about existing commitments that FOCUS
 * commitment columns carry. Every value is a bound parameter.
 */
import type { Day } from '../lib';
import type { DimensionFilter } from './types';
import { num, type Sql } from './db';
import { Params } from './dimensions';
import { chargeWhere } from './queries';

/** Daily Σ ConsumedQuantity of usage rows in `consumedUnit` (case-insensitive) matching the filters. */
export async function usageQuantityDaily(sql: Sql, q: { consumedUnit: string; filters: readonly DimensionFilter[] }): Promise<{ day: Day; quantity: number }[]> {
  const params = new Params();
  const where = chargeWhere({ filters: q.filters }, params);
  const rows = await sql.all(
    `SELECT strftime(ChargePeriodStart, '%Y-%m-%d') AS day, CAST(SUM(ConsumedQuantity) AS DOUBLE) AS q
       FROM charges WHERE ${where} AND ChargeCategory = 'Usage' AND lower(ConsumedUnit) = lower(${params.add(q.consumedUnit)})
       GROUP BY 1 ORDER BY 1`,
    params.values,
  );
  return rows.map((r) => ({ day: String(r['day']) as Day, quantity: num(r['q']) }));
}

/**
 * Commitment-eligible usage per scope (provider, billing account, currency) and day, at
 * on-demand-equivalent cost: Σ COALESCE(ListCost, EffectiveCost) of Usage rows in ServiceCategory
 * Compute, not counting the "Unused" commitment rows nor spot capacity (FOCUS PricingCategory
 * "Dynamic": market-priced, interruptible, never covered by a Savings Plan, reservation or CUD).
 */
export async function eligibleUsageDaily(sql: Sql): Promise<{ provider: string; account: string; currency: string; day: Day; list: number }[]> {
  const rows = await sql.all(
    `SELECT ProviderName AS p, BillingAccountId AS a, BillingCurrency AS c, strftime(ChargePeriodStart, '%Y-%m-%d') AS day,
            CAST(SUM(COALESCE(ListCost, EffectiveCost)) AS DOUBLE) AS list
       FROM charges
      WHERE ChargeCategory = 'Usage' AND ServiceCategory = 'Compute' AND COALESCE(CommitmentDiscountStatus, '') <> 'Unused'
        AND COALESCE(PricingCategory, '') <> 'Dynamic'
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  return rows.map((r) => ({ provider: String(r['p']), account: String(r['a']), currency: String(r['c']), day: String(r['day']) as Day, list: num(r['list']) }));
}

export interface CommitmentFacts {
  readonly id: string;
  readonly type: string | null;
  readonly provider: string;
  readonly account: string;
  readonly currency: string;
  readonly sku: string | null;
  readonly firstDay: Day;
  readonly lastDay: Day;
  /** Over the commitment's last 30 days of rows: Σ EffectiveCost of Used and Unused rows, Σ ListCost of Used rows, days seen. */
  readonly usedCost: number;
  readonly unusedCost: number;
  readonly usedList: number;
  readonly days: number;
  /** Σ BilledCost of Purchase rows over the whole life (upfront payments). */
  readonly purchased: number;
}

/** One record per CommitmentDiscountId, from its Used/Unused usage rows and its Purchase rows. */
export async function commitmentFacts(sql: Sql): Promise<CommitmentFacts[]> {
  const rows = await sql.all(
    `WITH c AS (
       SELECT CommitmentDiscountId AS id, any_value(CommitmentDiscountType) AS type, any_value(ProviderName) AS p, any_value(BillingAccountId) AS a,
              any_value(BillingCurrency) AS cur, max(SkuId) FILTER (WHERE ChargeCategory = 'Purchase') AS purchase_sku, any_value(SkuId) AS sku,
              min(ChargePeriodStart) AS first, max(ChargePeriodStart) AS last,
              CAST(SUM(BilledCost) FILTER (WHERE ChargeCategory = 'Purchase') AS DOUBLE) AS purchased
         FROM charges WHERE CommitmentDiscountId IS NOT NULL GROUP BY 1),
     r AS (
       SELECT ch.CommitmentDiscountId AS id,
              CAST(SUM(EffectiveCost) FILTER (WHERE CommitmentDiscountStatus = 'Used') AS DOUBLE) AS used,
              CAST(SUM(EffectiveCost) FILTER (WHERE CommitmentDiscountStatus = 'Unused') AS DOUBLE) AS unused,
              CAST(SUM(COALESCE(ListCost, 0)) FILTER (WHERE CommitmentDiscountStatus = 'Used') AS DOUBLE) AS used_list,
              COUNT(DISTINCT ChargePeriodStart) FILTER (WHERE CommitmentDiscountStatus IS NOT NULL) AS days
         FROM charges ch JOIN c ON c.id = ch.CommitmentDiscountId
        WHERE ch.ChargePeriodStart > c.last - INTERVAL 30 DAY
        GROUP BY 1)
     SELECT c.id, c.type, c.p, c.a, c.cur, COALESCE(c.purchase_sku, c.sku) AS sku, strftime(c.first, '%Y-%m-%d') AS first, strftime(c.last, '%Y-%m-%d') AS last,
            COALESCE(r.used, 0) AS used, COALESCE(r.unused, 0) AS unused, COALESCE(r.used_list, 0) AS used_list, COALESCE(r.days, 0) AS days, COALESCE(c.purchased, 0) AS purchased
       FROM c LEFT JOIN r ON r.id = c.id ORDER BY c.id`,
  );
  return rows.map((r) => ({
    id: String(r['id']),
    type: r['type'] === null ? null : String(r['type']),
    provider: String(r['p']),
    account: String(r['a']),
    currency: String(r['cur']),
    sku: r['sku'] === null ? null : String(r['sku']),
    firstDay: String(r['first']) as Day,
    lastDay: String(r['last']) as Day,
    usedCost: num(r['used']),
    unusedCost: num(r['unused']),
    usedList: num(r['used_list']),
    days: num(r['days']),
    purchased: num(r['purchased']),
  }));
}
