/**
 * Planning Cost Explorer calls. GetCostAndUsage takes at most two GroupBy dimensions, so the
 * service × account × region cross is fetched as one pass per linked account (Filter
 * LINKED_ACCOUNT = a, GroupBy SERVICE + REGION). Every request and every page is billed
 * $0.01 (AWS Cost Explorer pricing), so the plan counts them before anything is spent.
 */
import { daysBetween } from '../../lib';
import type { DayRange, RangePlan } from '../remote';

/** AWS Cost Explorer API price per request (each paginated page is a request). */
export const CE_USD_PER_REQUEST = 0.01;

/** What earlier syncs of this source taught us about its size, used to predict pages. */
export interface AwsLearned {
  /** Largest number of groups seen on a page that had a successor (CE's page size for this query shape). */
  readonly pageSize?: number;
  /** Groups per day per linked account, from the last fetch. */
  readonly groupsPerDay: Readonly<Record<string, number>>;
}

/** One GetCostAndUsage pass: a filter on one linked account, grouped by two dimensions. */
export interface CePass {
  readonly account: string;
  readonly groupBy: readonly ['SERVICE', 'REGION'];
}

export function planPasses(accounts: readonly string[]): CePass[] {
  return accounts.map((account) => ({ account, groupBy: ['SERVICE', 'REGION'] as const }));
}

/** Pages one pass over `range` is expected to take: ceil(groups / pageSize), at least one. */
export function expectedPages(range: DayRange, account: string, learned: AwsLearned | undefined): number {
  const perDay = learned?.groupsPerDay[account];
  if (!learned?.pageSize || perDay === undefined) return 1;
  return Math.max(1, Math.ceil((perDay * daysBetween(range.from, range.to)) / learned.pageSize));
}

export function planRange(range: DayRange, accounts: readonly string[], learned: AwsLearned | undefined): RangePlan {
  const pages = planPasses(accounts).reduce((n, p) => n + expectedPages(range, p.account, learned), 0);
  return { ...range, requests: pages, pages, estimated_cost: { usd: round2(pages * CE_USD_PER_REQUEST) } };
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
