import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dayOf, type Day } from '../../core/lib';
import { seedDailyCost, tempDir } from '../../core/store/testing/fixtures';

const run = runCli;

/** Day index (from the first day) of the two-day spike. */
const SPIKE = 150;
let dir: string;
let first: Day;
let cleanup: () => void;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-anomalies-'));
  // The CLI runs on the real clock: 200 days of a weekly pattern ending yesterday, +300 on two days.
  const today = dayOf(new Date());
  const from = addDays(today, -200);
  first = from;
  await seedDailyCost(dir, from, today, (i) => 100 + (i % 7) * 10 + ((i * 37) % 11) / 5 + (i === SPIKE || i === SPIKE + 1 ? 300 : 0));
});
afterEach(() => cleanup());

describe('headroom anomalies', () => {
  it('prints the injected spike per service and per billing account in the issue\'s JSON shape, and labels it', async () => {
    const r = await run(['anomalies', '--json', '--data-dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { anomalies: Record<string, unknown>[] };
    expect(body.anomalies.map((a) => Object.keys(a))).toEqual(Array(2).fill(['start', 'end', 'scope', 'expected', 'actual', 'impact', 'severity', 'label']));
    const start = addDays(first, SPIKE);
    expect(body.anomalies.map((a) => JSON.stringify([a['start'], a['end'], a['scope']])).sort()).toEqual(
      [[start, addDays(start, 1), { billing_account: '1' }], [start, addDays(start, 1), { service: 'Amazon EC2' }]].map((x) => JSON.stringify(x)).sort(),
    );
    for (const a of body.anomalies) {
      expect(Math.abs((a['impact'] as number) - 600)).toBeLessThan(15);
      expect(a['label']).toBeNull();
    }
    const lab = await run(['anomalies', 'label', '--start', start, '--scope', 'service=Amazon EC2', '--label', 'planned', '--data-dir', dir]);
    expect(lab.code).toBe(0);
    const after = JSON.parse((await run(['anomalies', '--json', '--since', start, '--data-dir', dir])).out) as { anomalies: Record<string, unknown>[] };
    expect(after.anomalies.map((a) => [JSON.stringify(a['scope']), a['label']]).sort()).toEqual([['{"billing_account":"1"}', null], ['{"service":"Amazon EC2"}', 'planned']]);
    expect(JSON.parse((await run(['anomalies', '--json', '--since', addDays(start, 2), '--data-dir', dir])).out)).toEqual({ anomalies: [] });
  });

  it('bad arguments exit 1 with the usage', async () => {
    const r = await run(['anomalies', 'label', '--start', '2026-13-01', '--scope', 'service=X', '--label', 'planned', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--start "2026-13-01"/);
    const l = await run(['anomalies', 'label', '--start', '2026-01-01', '--scope', 'service=X', '--label', 'oops', '--data-dir', dir]);
    expect(l.code).toBe(1);
    expect(l.err).toMatch(/expected, planned or incident/);
  });
});
