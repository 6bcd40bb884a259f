import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../core/lib';
import { seedDailyCost, tempDir } from '../../core/store/testing/fixtures';

const run = runCli;

let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-budget-'));
  // The CLI runs on the real clock: 400 days of 100/day ending yesterday.
  const today = dayOf(new Date());
  const from = addDays(today, -400);
  await seedDailyCost(dir, from, today, (i) => 100 + (i % 7) * 3);
});
afterEach(() => cleanup());

describe('headroom budget', () => {
  it('adds budgets and prints status in the issue\'s JSON shape', async () => {
    expect((await run(['budget', 'add', '--name', 'tiny', '--amount', '1', '--period', 'year', '--data-dir', dir])).code).toBe(0);
    expect((await run(['budget', 'add', '--name', 'huge', '--amount', '1e9', '--period', 'month', '--scope', 'service=Amazon EC2', '--data-dir', dir])).code).toBe(0);
    const r = await run(['budget', 'status', '--json', '--data-dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { budgets: Record<string, unknown>[] };
    expect(body.budgets.map((b) => Object.keys(b))).toEqual(Array(2).fill(['name', 'period', 'currency', 'amount', 'actual', 'forecast', 'probability_over', 'likely_breach_date']));
    const huge = body.budgets.find((b) => b['name'] === 'huge');
    const tiny = body.budgets.find((b) => b['name'] === 'tiny');
    expect(huge?.['probability_over']).toBe(0);
    expect(huge?.['likely_breach_date']).toBeNull();
    expect(tiny?.['probability_over']).toBe(1);
    expect(Object.keys(tiny?.['forecast'] as object)).toEqual(['p10', 'p50', 'p90']);
    const list = await run(['budget', 'list', '--data-dir', dir]);
    expect(list.out).toMatch(/huge .*1,000,000,000\.00 USD .*service=Amazon EC2/);
  });

  it('exits 1 with a clear message on bad input and keeps the store unchanged', async () => {
    const bad = await run(['budget', 'add', '--name', 'b', '--amount', '10', '--period', 'month', '--currency', 'ABC', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/"ABC" is not an ISO 4217 currency code/);
    const amount = await run(['budget', 'add', '--name', 'b', '--amount', '$10,000', '--period', 'month', '--data-dir', dir]);
    expect(amount.code).toBe(1);
    expect(amount.err).toMatch(/--amount "\$10,000" must be a positive number/);
    const period = await run(['budget', 'add', '--name', 'b', '--amount', '10', '--period', 'week', '--data-dir', dir]);
    expect(period.code).toBe(1);
    expect(period.err).toMatch(/--period must be month, quarter or year/);
    expect((await run(['budget', 'list', '--json', '--data-dir', dir])).out).toMatch(/"budgets": \[\]/);
  });
});
