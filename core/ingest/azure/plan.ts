/**
 * Planning Cost Management Query calls. The Query API groups by at most two dimensions, so the
 * grouping depends on the scope: within one subscription (or resource group) ServiceName ×
 * ResourceLocation; above it (billing account, billing profile, management group) SubscriptionId ×
 * ServiceName. Each range is queried twice (ActualCost → BilledCost, AmortizedCost → EffectiveCost).
 * Queries are metered in QPU: Microsoft documents one QPU per month of data queried; every page
 * (a nextLink with $skiptoken re-runs the query) is counted the same way here.
 */
import { daysBetween, type Day } from '../../lib';
import type { DayRange, RangePlan } from '../remote';

export const COST_TYPES = ['ActualCost', 'AmortizedCost'] as const;
export type CostType = (typeof COST_TYPES)[number];

export type ScopeKind = 'subscription' | 'resourceGroup' | 'billingAccount' | 'billingProfile' | 'managementGroup';

export interface ParsedScope {
  /** Without a leading slash, as the SDK's `{scope}` path parameter wants it. */
  readonly path: string;
  readonly kind: ScopeKind;
  readonly subscriptionId?: string;
  readonly billingAccountId?: string;
}

const SCOPES: readonly [RegExp, ScopeKind][] = [
  [/^subscriptions\/([0-9a-fA-F-]{36})\/resourceGroups\/[^/]+$/, 'resourceGroup'],
  [/^subscriptions\/([0-9a-fA-F-]{36})$/, 'subscription'],
  [/^providers\/Microsoft\.Billing\/billingAccounts\/([^/]+)\/billingProfiles\/[^/]+$/i, 'billingProfile'],
  [/^providers\/Microsoft\.Billing\/billingAccounts\/([^/]+)$/i, 'billingAccount'],
  [/^providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i, 'managementGroup'],
];

/** Parses a Cost Management scope; undefined when it is none of the five this connector supports. */
export function parseScope(scope: string): ParsedScope | undefined {
  const path = scope.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  for (const [re, kind] of SCOPES) {
    const m = re.exec(path);
    if (!m) continue;
    if (kind === 'subscription' || kind === 'resourceGroup') return { path, kind, subscriptionId: (m[1] ?? '').toLowerCase() };
    if (kind === 'billingAccount' || kind === 'billingProfile') return { path, kind, billingAccountId: m[1] ?? '' };
    return { path, kind };
  }
  return undefined;
}

export function groupingFor(scope: ParsedScope): readonly [string, string] {
  return scope.kind === 'subscription' || scope.kind === 'resourceGroup' ? ['ServiceName', 'ResourceLocation'] : ['SubscriptionId', 'ServiceName'];
}

/** Months of data a query over [from, to) touches: its QPU charge. */
export function monthsSpanned(r: DayRange): number {
  const a = Number(r.from.slice(0, 4)) * 12 + Number(r.from.slice(5, 7));
  const last = lastDay(r);
  const b = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7));
  return b - a + 1;
}

function lastDay(r: DayRange): Day {
  const d = new Date(`${r.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10) as Day;
}

/** What earlier syncs learned: the server's page size and result rows per day per cost type. */
export interface AzureLearned {
  readonly pageSize?: number;
  readonly rowsPerDay: Readonly<Partial<Record<CostType, number>>>;
}

export function expectedPages(range: DayRange, type: CostType, learned: AzureLearned | undefined): number {
  const perDay = learned?.rowsPerDay[type];
  if (!learned?.pageSize || perDay === undefined) return 1;
  return Math.max(1, Math.ceil((perDay * daysBetween(range.from, range.to)) / learned.pageSize));
}

export function planRange(range: DayRange, learned: AzureLearned | undefined): RangePlan {
  const pages = COST_TYPES.reduce((n, t) => n + expectedPages(range, t, learned), 0);
  return { ...range, requests: pages, pages, estimated_cost: { qpu: pages * monthsSpanned(range) } };
}
