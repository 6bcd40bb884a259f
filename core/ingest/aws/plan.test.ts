import { describe, expect, it } from 'vitest';
import { parseDay } from '../../lib';
import { expectedPages, planPasses, planRange } from './plan';

describe('Cost Explorer plans', () => {
  const june = { from: parseDay('2026-06-01'), to: parseDay('2026-07-01') };
  it('makes one pass per linked account within the two-GroupBy limit', () => {
    const passes = planPasses(['111111111111', '222222222222']);
    expect(passes).toHaveLength(2);
    for (const p of passes) expect(p.groupBy.length).toBeLessThanOrEqual(2);
  });
  it('counts $0.01 per page, predicting pages from the learned page size', () => {
    expect(planRange(june, ['a', 'b'], undefined)).toMatchObject({ requests: 2, pages: 2, estimated_cost: { usd: 0.02 } });
    const learned = { pageSize: 40, groupsPerDay: { a: 5, b: 1 } };
    expect(expectedPages(june, 'a', learned)).toBe(4);
    expect(expectedPages(june, 'b', learned)).toBe(1);
    expect(planRange(june, ['a', 'b', 'c'], learned)).toMatchObject({ requests: 6, estimated_cost: { usd: 0.06 } });
  });
});
