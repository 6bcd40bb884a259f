import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dayOf, type Day } from '../../core/lib';
import { seedDailyCost, tempDir } from '../../core/store/testing/fixtures';

const run = runCli;

let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-scenario-'));
  // The CLI runs on the real clock: 400 days of 100/day ending yesterday.
  const today = dayOf(new Date());
  const from = addDays(today, -400);
  await seedDailyCost(dir, from, today, (i) => 100 + (i % 7) * 3);
});
afterEach(() => cleanup());

describe('headroom scenario', () => {
  it('adds, lists, shows and compares scenarios; a step driver adds exactly its amount per affected day', async () => {
    const today = dayOf(new Date());
    const from = addDays(today, 10);
    const add = await run(['scenario', 'add', '--name', 'new-region', '--scope', 'service=Amazon EC2', '--driver', `step:add=50,from=${from}`, '--data-dir', dir]);
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toContain('Added scenario "new-region": scope service=Amazon EC2, 1 driver(s)');
    expect((await run(['scenario', 'add', '--name', 'bf', '--driver', `window:factor=2,from=${addDays(today, 5)},to=${addDays(today, 9)}`, '--data-dir', dir])).code).toBe(0);
    expect((await run(['budget', 'add', '--name', 'ec2', '--amount', '4000', '--period', 'month', '--scope', 'service=Amazon EC2', '--data-dir', dir])).code).toBe(0);
    const list = await run(['scenario', 'list', '--json', '--data-dir', dir]);
    expect((JSON.parse(list.out) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name).sort()).toEqual(['bf', 'new-region']);

    const show = await run(['scenario', 'show', '--name', 'new-region', '--horizon', '60d', '--json', '--data-dir', dir]);
    expect(show.code).toBe(0);
    const r = (JSON.parse(show.out) as { scenario: { start: string; total: Record<'baseline' | 'scenario', { p10: number; p50: number; p90: number }>; budgets: { name: string }[] } }).scenario;
    expect(r.start).toBe(today);
    // 60 forecast days from today; the step covers days 10…59 → 50 days × 50 on every path.
    for (const q of ['p10', 'p50', 'p90'] as const) expect(r.total.scenario[q] - r.total.baseline[q]).toBeCloseTo(2_500, 6);
    // The budget of the same scope is judged per month that ends within the horizon, baseline and scenario.
    expect(r.budgets.map((b) => b.name)).toEqual(['ec2']);
    expect(show.err).toBe('scenario show: forecasting "new-region" (0/1)\nscenario show: done (1/1)\n');

    const text = await run(['scenario', 'show', '--name', 'new-region', '--horizon', '60d', '--data-dir', dir]);
    expect(text.out).toMatch(/month\s+baseline P50 \(P10–P90\)\s+scenario P50 \(P10–P90\)/);
    expect(text.out).toMatch(/Budgets — P\(over\) \(likely breach date\)\n.*scenario\s+budget\s+period\s+amount\s+baseline P50 \(P10–P90\)\s+baseline P\(over\)/);

    const cmp = await run(['scenario', 'compare', '--name', 'new-region', '--name', 'bf', '--horizon', '60d', '--data-dir', dir]);
    expect(cmp.code).toBe(0);
    expect(cmp.err).toBe('scenario compare: forecasting "new-region" (0/2)\nscenario compare: forecasting "bf" (1/2)\nscenario compare: done (2/2)\n');
    // One side-by-side table per scope (EC2, all charges), a budgets table for the EC2 budget.
    expect(cmp.out).toMatch(/Scope service=Amazon EC2, USD, forecast .*\nmonth\s+baseline\s+new-region\n/);
    expect(cmp.out).toMatch(/Scope all, USD, forecast .*\nmonth\s+baseline\s+bf\n/);
    const cmpJson = JSON.parse((await run(['scenario', 'compare', '--name', 'new-region', '--horizon', '60d', '--json', '--data-dir', dir])).out) as {
      scenarios: { budgets: { name: string; periods: { period_start: string; period_end: string; baseline: { probability_over: number }; scenario: { probability_over: number; likely_breach_date: string | null } }[] }[] }[];
    };
    const periods = cmpJson.scenarios[0]?.budgets[0]?.periods ?? [];
    expect(periods.length).toBeGreaterThanOrEqual(1);
    for (const p of periods) expect(cmp.out).toMatch(new RegExp(`new-region\\s+ec2\\s+${p.period_start}…${addDays(p.period_end as Day, -1)}\\s+4,000\\.00 USD`));
  });

  it('exits 1 with clear messages on bad input and saves nothing', async () => {
    const cases: [string[], string][] = [
      [['--driver', 'window:factor=2,from=2027-11-20,to=2027-12-01', '--driver', 'window:factor=3,from=2027-11-25,to=2027-11-27'],
        'Scenario "x": Window drivers "window:factor=2,from=2027-11-20,to=2027-12-01" and "window:factor=3,from=2027-11-25,to=2027-11-27" overlap (2027-11-25 to 2027-11-26): merge them into one window or move one so they do not overlap.'],
      [['--scope', 'region=mars-1', '--driver', 'price:factor=0.9,from=2027-01-01'], 'Scenario "x": the scope region=mars-1 has no USD cost data. Check the scope values (headroom summary --by …) or import data first.'],
      [['--currency', 'EUR', '--driver', 'price:factor=0.9,from=2027-01-01'], 'Scenario "x": the scope all charges has no EUR cost data. It has data in USD: set the scenario\'s currency to one of those.'],
      [['--currency', 'ABC', '--driver', 'price:factor=0.9,from=2027-01-01'], 'Scenario "x": "ABC" is not an ISO 4217 currency code.'],
      [['--driver', 'growth:rate=0.2,from=soon'], 'Scenario "x": Driver "growth:rate=0.2,from=soon": from=soon is not a date (YYYY-MM-DD). Write it like growth:rate=0.2,from=2027-01-01.'],
      [['--driver', 'growth:rate=0.2,from=2027-02-30'], 'from=2027-02-30 is not a date (YYYY-MM-DD)'],
      [['--driver', 'workload:level=-200,from=2027-02-01'], 'level=-200 must be a daily cost above 0'],
      [['--driver', 'window:factor=-1,from=2027-02-01,to=2027-02-03'], 'factor=-1 must be a factor of 0 or more'],
      [['--driver', 'price:factor=0.9,from=2027-01-01', '--scope', 'service'], '--scope "service" is not DIM=VALUE.'],
      [['--driver', 'price:factor=0.9,from=2027-01-01', '--scope', 'planet=mars'], '--scope "planet=mars": unknown dimension "planet"; use provider,'],
      [['--driver', 'price:factor=0.9,from=2027-01-01', '--currency', 'dollars'], '--currency "dollars" is not a three-letter ISO 4217 code'],
      [['--driver', 'surge:factor=2'], 'unknown driver kind "surge" (known: growth, step, window, price, workload)'],
      [[], 'at least one --driver is required.'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['scenario', 'add', '--name', 'x', ...args, '--data-dir', dir]);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
    expect(JSON.parse((await run(['scenario', 'list', '--json', '--data-dir', dir])).out)).toEqual({ scenarios: [] });
    const h = await run(['scenario', 'compare', '--name', 'x', '--horizon', '0d', '--data-dir', dir]);
    expect(h.code).toBe(1);
    expect(h.err).toContain('--horizon "0d" must be a number of days (such as 90 or 90d) or weeks (13w), from 1 to 1095 days.');
    const missing = await run(['scenario', 'compare', '--name', 'ghost', '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No scenario named "ghost". Add one with "headroom scenario add".');
  });
});
