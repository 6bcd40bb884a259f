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
    expect(r.code).toBe(0);
    // Progress on stderr, one line per budget forecast and a last one; stdout is only the JSON.
    expect(r.err).toBe('budget status: forecasting "huge" (0/2)\nbudget status: forecasting "tiny" (1/2)\nbudget status: done (2/2)\n');
    const body = JSON.parse(r.out) as { budgets: Record<string, unknown>[] };
    expect(body.budgets.map((b) => Object.keys(b))).toEqual(Array(2).fill(['name', 'period', 'currency', 'amount', 'actual', 'forecast', 'probability_over', 'likely_breach_date']));
    const huge = body.budgets.find((b) => b['name'] === 'huge');
    const tiny = body.budgets.find((b) => b['name'] === 'tiny');
    expect(huge?.['probability_over']).toBe(0);
    expect(huge?.['likely_breach_date']).toBeNull();
    expect(tiny?.['probability_over']).toBe(1);
    expect(Object.keys(tiny?.['forecast'] as object)).toEqual(['p10', 'p50', 'p90']);
    // The table says how each forecast was composed.
    const text = await run(['budget', 'status', '--name', 'tiny', '--data-dir', dir]);
    expect(text.out).toMatch(/tiny: Usage-based charges \([\d,.]+ over \d+ days\) are forecast by /);
    expect(text.out).toContain('tiny: No recurring fee is projected.');
    expect(text.out).toContain('tiny: One-time charges (0.00 on 0 day(s)) are excluded from training and not projected.');
    const list = await run(['budget', 'list', '--data-dir', dir]);
    expect(list.out).toMatch(/huge .*1,000,000,000\.00 USD .*service=Amazon EC2/);
  });

  it('exits 1 with a clear message on bad input and saves nothing', async () => {
    const cases: [string[], string][] = [
      [['--currency', 'ABC'], 'Budget "b": "ABC" is not an ISO 4217 currency code. Use the code your bills are in, such as USD, EUR or GBP.'],
      [['--currency', 'EUR'], 'Budget "b": no EUR cost data for all charges. The scope has data in USD: set the budget\'s currency to one of those.'],
      [['--scope', 'service=Amazon Nothing'], 'Budget "b": no USD cost data for service=Amazon Nothing. Check the scope values (headroom summary --by …) or import data first.'],
      [['--scope', 'service'], '--scope "service" is not DIM=VALUE.'],
      [['--scope', 'planet=mars'], '--scope "planet=mars": unknown dimension "planet"; use provider, billing_account, sub_account, service,'],
      [['--currency', 'US'], '--currency "US" is not a three-letter ISO 4217 code such as USD, EUR or GBP.'],
      [['--amount=-5'], '--amount "-5" must be a number above 0 (no currency sign or thousands separators).'],
      [['--amount', '$10,000'], '--amount "$10,000" must be a number above 0 (no currency sign or thousands separators).'],
      [['--period', 'week'], '--period "week" must be month, quarter or year.'],
    ];
    for (const [args, message] of cases) {
      const base = ['budget', 'add', '--name', 'b', '--amount', '10', '--period', 'month', '--data-dir', dir];
      // Later flags replace earlier ones of the same name (parseArgs keeps the last).
      const r = await run([...base, ...args]);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
    const list = await run(['budget', 'list', '--json', '--data-dir', dir]);
    expect(JSON.parse(list.out)).toEqual({ budgets: [] });
    const missing = await run(['budget', 'status', '--name', 'nope', '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No budget named "nope". Add one with "headroom budget add".');
  });
});
