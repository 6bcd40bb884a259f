import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../core/lib';
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
    const r = (JSON.parse(show.out) as { scenario: { start: string; total: Record<'baseline' | 'scenario', { p10: number; p50: number; p90: number }>; budgets: unknown[] } }).scenario;
    expect(r.start).toBe(today);
    // 60 forecast days from today; the step covers days 10…59 → 50 days × 50 on every path.
    for (const q of ['p10', 'p50', 'p90'] as const) expect(r.total.scenario[q] - r.total.baseline[q]).toBeCloseTo(2_500, 6);
    expect(r.budgets).toEqual([{ name: 'ec2', period: 'month', amount: 4000 }]);

    const text = await run(['scenario', 'show', '--name', 'new-region', '--horizon', '60d', '--data-dir', dir]);
    expect(text.out).toMatch(/month\s+baseline P50 \(P10–P90\)\s+scenario P50 \(P10–P90\)/);
    expect(text.out).toContain('Budget "ec2"');

    const cmp = await run(['scenario', 'compare', '--name', 'new-region', '--name', 'bf', '--horizon', '30d', '--data-dir', dir]);
    expect(cmp.err).toBe('');
    expect(cmp.code).toBe(0);
    expect(cmp.out).toContain('new-region');
    expect(cmp.out).toContain('ec2: 4,000.00/month');
  });

  it('exits 1 with clear messages for overlapping windows, a missing scope and a bad driver', async () => {
    const o = await run(['scenario', 'add', '--name', 'x', '--driver', 'window:factor=2,from=2027-11-20,to=2027-12-01', '--driver', 'window:factor=3,from=2027-11-25,to=2027-11-27', '--data-dir', dir]);
    expect(o.code).toBe(1);
    expect(o.err).toContain('Window drivers "window:factor=2,from=2027-11-20,to=2027-12-01" and "window:factor=3,from=2027-11-25,to=2027-11-27" overlap');
    const m = await run(['scenario', 'add', '--name', 'y', '--scope', 'region=mars-1', '--driver', 'price:factor=0.9,from=2027-01-01', '--data-dir', dir]);
    expect(m.code).toBe(1);
    expect(m.err).toContain('the scope region=mars-1 has no USD cost data');
    const b = await run(['scenario', 'add', '--name', 'z', '--driver', 'growth:rate=0.2,from=soon', '--data-dir', dir]);
    expect(b.code).toBe(1);
    expect(b.err).toContain('from=soon is not a date (YYYY-MM-DD)');
  });
});
