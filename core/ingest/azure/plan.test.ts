import { describe, expect, it } from 'vitest';
import { parseDay } from '../../lib';
import { retryAfterFromHeaders } from './connector';
import { expectedPages, groupingFor, monthsSpanned, parseScope, planRange } from './plan';

describe('Azure scopes', () => {
  it('recognises the five scopes and picks two grouping dimensions for each', () => {
    const cases: [string, string, readonly string[]][] = [
      ['/subscriptions/00000000-0000-0000-0000-000000000000', 'subscription', ['ServiceName', 'ResourceLocation']],
      ['subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/', 'resourceGroup', ['ServiceName', 'ResourceLocation']],
      ['/providers/Microsoft.Billing/billingAccounts/12345:6789', 'billingAccount', ['SubscriptionId', 'ServiceName']],
      ['providers/Microsoft.Billing/billingAccounts/12345:6789/billingProfiles/13579', 'billingProfile', ['SubscriptionId', 'ServiceName']],
      ['/providers/Microsoft.Management/managementGroups/mg-finance', 'managementGroup', ['SubscriptionId', 'ServiceName']],
    ];
    for (const [scope, kind, grouping] of cases) {
      const p = parseScope(scope);
      expect(p?.kind).toBe(kind);
      expect(p?.path.startsWith('/')).toBe(false);
      expect(groupingFor(p!)).toEqual(grouping);
    }
    expect(parseScope('/providers/Microsoft.Billing/billingAccounts/12345:6789')?.billingAccountId).toBe('12345:6789');
    expect(parseScope('/subscriptions/not-a-guid')).toBeUndefined();
  });
});

describe('Azure plans', () => {
  it('charges a QPU per month of data per page and predicts pages from what was learned', () => {
    const june = { from: parseDay('2026-06-01'), to: parseDay('2026-07-01') };
    expect(monthsSpanned(june)).toBe(1);
    expect(monthsSpanned({ from: parseDay('2026-06-15'), to: parseDay('2026-08-02') })).toBe(3);
    expect(planRange(june, undefined)).toMatchObject({ requests: 2, pages: 2, estimated_cost: { qpu: 2 } });
    const learned = { pageSize: 100, rowsPerDay: { ActualCost: 12, AmortizedCost: 10 } };
    expect(expectedPages(june, 'ActualCost', learned)).toBe(4);
    expect(expectedPages(june, 'AmortizedCost', learned)).toBe(3);
    expect(planRange(june, learned)).toMatchObject({ requests: 7, pages: 7, estimated_cost: { qpu: 7 } });
  });
  it('waits for the largest retry-after among the costmanagement headers', () => {
    expect(
      retryAfterFromHeaders([
        ['x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after', '3'],
        ['x-ms-ratelimit-microsoft.costmanagement-entity-retry-after', '12'],
        ['x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after', '5'],
        ['x-ms-ratelimit-microsoft.costmanagement-qpu-remaining', 'QueryUsage=10'],
      ]),
    ).toBe(12_000);
    expect(retryAfterFromHeaders([['content-type', 'application/json']])).toBeUndefined();
  });
});
