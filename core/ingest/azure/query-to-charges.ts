/**
 * Cost Management Query results (a table: `columns` + positional `rows`) → FOCUS charge rows.
 * The ActualCost and AmortizedCost tables are joined on (day, grouping values, currency):
 * BilledCost from ActualCost, EffectiveCost from AmortizedCost, zero where one side has no row.
 * The cost column is named `Cost` or `PreTaxCost` depending on the query (see QUIRKS.md);
 * `UsageDate` is a Number like 20260601.
 */
import { HeadroomError, isDay, type Day } from '../../lib';
import type { ChargeRow, CurrencyCode, DecimalString } from '../../model';
import { toDecimalString } from '../remote';
import type { CostType, ParsedScope } from './plan';

export interface QueryTable {
  readonly columns: readonly { readonly name?: string; readonly type?: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface QueryCell {
  readonly day: Day;
  readonly keys: readonly string[];
  readonly currency: string;
  readonly cost: DecimalString;
}

const COST_COLUMNS = ['Cost', 'PreTaxCost', 'CostUSD', 'PreTaxCostUSD'];

function usageDay(v: unknown): Day {
  const s = typeof v === 'number' ? String(v) : String(v ?? '');
  const d = /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s.slice(0, 10);
  if (!isDay(d)) throw new HeadroomError('REMOTE', `Cost Management returned UsageDate "${s}", which is not a date; re-run the sync.`);
  return d;
}

/** Reads one page of a query result into cells keyed by the grouping columns. */
export function readQueryTable(t: QueryTable, grouping: readonly string[]): QueryCell[] {
  const names = t.columns.map((c) => c.name ?? '');
  const costIdx = names.findIndex((n) => COST_COLUMNS.includes(n));
  const dateIdx = names.indexOf('UsageDate');
  const curIdx = names.indexOf('Currency');
  const keyIdx = grouping.map((g) => names.indexOf(g));
  if (costIdx < 0 || dateIdx < 0 || keyIdx.some((i) => i < 0)) {
    throw new HeadroomError('REMOTE', `Cost Management returned columns [${names.join(', ')}]; expected a cost column, UsageDate and ${grouping.join(', ')}. Re-run the sync; if it persists, report it.`);
  }
  return t.rows.map((r) => {
    const raw = r[costIdx];
    if (typeof raw !== 'number' && typeof raw !== 'string') throw new HeadroomError('REMOTE', `Cost Management returned a cost of ${JSON.stringify(raw)}; re-run the sync.`);
    return {
      day: usageDay(r[dateIdx]),
      keys: keyIdx.map((i) => String(r[i] ?? '')),
      currency: curIdx >= 0 ? String(r[curIdx] ?? 'USD') : 'USD',
      cost: toDecimalString(raw),
    };
  });
}

/** Joins ActualCost and AmortizedCost cells into charge rows. */
export function queryCellsToCharges(cells: Readonly<Record<CostType, readonly QueryCell[]>>, scope: ParsedScope, grouping: readonly string[]): ChargeRow[] {
  const joined = new Map<string, { cell: QueryCell; billed?: DecimalString; effective?: DecimalString }>();
  const add = (c: QueryCell, side: 'billed' | 'effective'): void => {
    const id = [c.day, ...c.keys, c.currency].join('\u0000');
    const e = joined.get(id) ?? { cell: c };
    if (e[side] !== undefined) throw new HeadroomError('REMOTE', `Cost Management returned ${c.day} ${c.keys.join(' / ')} twice in one result; re-run the sync.`);
    e[side] = c.cost;
    joined.set(id, e);
  };
  for (const c of cells.ActualCost) add(c, 'billed');
  for (const c of cells.AmortizedCost) add(c, 'effective');
  const key = (e: QueryCell, name: string): string | null => {
    const i = grouping.indexOf(name);
    const v = i >= 0 ? e.keys[i] : undefined;
    return v === undefined || v === '' ? null : v;
  };
  return [...joined.values()].map(({ cell, billed, effective }) => {
    const sub = key(cell, 'SubscriptionId') ?? scope.subscriptionId ?? null;
    return {
      ProviderName: 'Microsoft',
      BillingAccountId: scope.billingAccountId ?? sub ?? scope.path,
      BillingAccountName: null,
      SubAccountId: sub,
      SubAccountName: null,
      ChargePeriodStart: cell.day,
      ServiceName: key(cell, 'ServiceName'),
      ServiceCategory: null,
      RegionId: key(cell, 'ResourceLocation'),
      ResourceId: null,
      SkuId: null,
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeFrequency: null,
      PricingCategory: null,
      CommitmentDiscountId: null,
      CommitmentDiscountType: null,
      CommitmentDiscountStatus: null,
      BilledCost: billed ?? ('0' as DecimalString),
      EffectiveCost: effective ?? ('0' as DecimalString),
      ListCost: null,
      BillingCurrency: cell.currency.toUpperCase() as CurrencyCode,
      ConsumedQuantity: null,
      ConsumedUnit: null,
      Tags: {},
    } satisfies ChargeRow;
  });
}
