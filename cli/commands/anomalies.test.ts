import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dayOf, type Day } from '../../core/lib';
import type { CurrencyCode } from '../../core/model';
import { seedDailyCost, tempDir, usageRow } from '../../core/store/testing/fixtures';
import { inHolidayWindow } from '../../core/plan';
import { openStore } from '../../core/store';

const run = runCli;
/** Daily cost of day i (from the first day): a weekly pattern, small deterministic noise, +300 on the two spike days. */
const amountOf = (i: number): number => 100 + (i % 7) * 10 + ((i * 37) % 11) / 5 + (i === SPIKE || i === SPIKE + 1 ? 300 : 0);

let dir: string;
let first: Day;
/** Day index (from the first day) of the two-day spike: about 150, moved off the holiday windows (the CLI runs on the real clock). */
let SPIKE = 150;
let cleanup: () => void;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-anomalies-'));
  // The CLI runs on the real clock: 200 days of a weekly pattern ending yesterday, +300 on two days.
  const today = dayOf(new Date());
  const from = addDays(today, -200);
  first = from;
  SPIKE = 150;
  while (inHolidayWindow(addDays(from, SPIKE)) || inHolidayWindow(addDays(from, SPIKE + 1))) SPIKE++;
  await seedDailyCost(dir, from, today, amountOf);
});
afterEach(() => cleanup());

describe('headroom anomalies', () => {
  it('prints the injected spike, seen per service and per billing account, once in the issue\'s JSON shape, and labels it', async () => {
    const r = await run(['anomalies', '--json', '--data-dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { anomalies: Record<string, unknown>[] };
    expect(body.anomalies.map((a) => Object.keys(a))).toEqual([['start', 'end', 'scope', 'expected', 'actual', 'impact', 'severity', 'label', 'currency', 'kind', 'step', 'scopes', 'drivers', 'period_impact']]);
    const start = addDays(first, SPIKE);
    // One event: the service's and the billing account's runs merge, both scopes listed.
    const scopes = body.anomalies[0]!['scopes'] as { scope: Record<string, string>; start: string; end: string; impact: number }[];
    expect(scopes.map((x) => JSON.stringify([x.start, x.end, x.scope])).sort()).toEqual(
      [[start, addDays(start, 1), { billing_account: '1' }], [start, addDays(start, 1), { service: 'Amazon EC2' }]].map((x) => JSON.stringify(x)).sort(),
    );
    expect(body.anomalies[0]!['kind']).toBe('spike');
    expect(body.anomalies[0]!['step']).toBeNull();
    for (const a of body.anomalies) {
      expect(Math.abs((a['impact'] as number) - 600)).toBeLessThan(15);
      expect(a['label']).toBeNull();
      // Drill-down: one account holds the whole excess; against the same weekdays of the four weeks
      // before, the excess is the 600 added (± the ±1 noise term per day).
      const drivers = a['drivers'] as { dimension: string; value: string | null; impact: number; share: number }[];
      const top = drivers.find((d) => d.dimension === 'billing_account' || d.dimension === 'service')!;
      expect(top.value === '1' || top.value === 'Amazon EC2').toBe(true);
      expect(Math.abs(top.impact - 600)).toBeLessThan(8);
      expect(top.share).toBeCloseTo(1, 6);
      // The spike's month is over: with = the month's actual cost, delta = the excess in the month.
      const p = a['period_impact'] as { period: string; open: boolean; with: number; without: number; delta: number; incurred: number };
      const end = a['end'] as Day;
      expect(p.period).toBe(end.slice(0, 7));
      expect(p.open).toBe(false);
      let month = 0;
      for (let i = 0; i < 200; i++) if (addDays(first, i).startsWith(p.period)) month += Math.round(amountOf(i) * 100) / 100;
      expect(p.with).toBeCloseTo(month, 1);
      expect(p.delta).toBeCloseTo(p.with - p.without, 1);
      const inMonth = [SPIKE, SPIKE + 1].filter((i) => addDays(first, i).startsWith(p.period)).length;
      expect(Math.abs(p.delta - 300 * inMonth)).toBeLessThan(15);
      expect(p.incurred).toBe(p.delta);
    }
    const lab = await run(['anomalies', 'label', '--start', start, '--scope', 'service=Amazon EC2', '--label', 'planned', '--data-dir', dir]);
    expect(lab.code).toBe(0);
    const after = JSON.parse((await run(['anomalies', '--json', '--since', start, '--data-dir', dir])).out) as { anomalies: Record<string, unknown>[] };
    expect(after.anomalies.map((a) => a['label'])).toEqual(['planned']);
    // Taken back from the other scope the event was seen in: gone from both.
    const un = await run(['anomalies', 'unlabel', '--start', start, '--scope', 'billing_account=1', '--data-dir', dir]);
    expect(un.err).toBe('');
    expect([un.code, un.out]).toEqual([0, `Cleared the label planned of billing_account=1 from ${start} (2 scopes); its days train forecasts again.\n`]);
    const cleared = JSON.parse((await run(['anomalies', '--json', '--since', start, '--data-dir', dir])).out) as { anomalies: Record<string, unknown>[] };
    expect(cleared.anomalies.map((a) => a['label'])).toEqual([null]);
    const again = await run(['anomalies', 'unlabel', '--start', start, '--scope', 'service=Amazon EC2', '--data-dir', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/No label is set on the anomaly of service=Amazon EC2 that starts on .* none to clear/);
    expect(JSON.parse((await run(['anomalies', '--json', '--since', addDays(start, 2), '--data-dir', dir])).out)).toEqual({ anomalies: [] });
  });

  it('--json names each anomaly\'s currency when the store is billed in several (its amounts are in that currency)', async () => {
    // A second account billed in euros, at a tenth of the dollar account's amounts, with its own spike 20 days earlier.
    const store = await openStore(dir);
    const eurSpike = SPIKE - 20;
    try {
      const src = await store.ensureSource({ name: 'eu', kind: 'files' });
      const rows = Array.from({ length: 200 }, (_, i) => usageRow(addDays(first, i), (amountOf(i) - (i === SPIKE || i === SPIKE + 1 ? 300 : 0) + (i === eurSpike ? 300 : 0)) / 10, { BillingAccountId: '2', ServiceName: 'Compute Engine', ProviderName: 'Google Cloud', BillingCurrency: 'EUR' as CurrencyCode }));
      await store.replaceChargeRows({ sourceId: src.id, from: first, to: addDays(first, 200), rows, format: 'test' });
    } finally {
      await store.close();
    }
    const r = await run(['anomalies', '--json', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { anomalies: { start: string; currency: string; impact: number }[] };
    expect(body.anomalies.map((a) => [a.start, a.currency])).toEqual([[addDays(first, SPIKE), 'USD'], [addDays(first, eurSpike), 'EUR']]);
    // 2 × 300 dollars; 300 / 10 euros.
    expect(Math.abs(body.anomalies[0]!.impact - 600)).toBeLessThan(15);
    expect(Math.abs(body.anomalies[1]!.impact - 30)).toBeLessThan(1.5);
  });

  it('--metric: a metric series\' spike in the JSON shape; bad --step and --label without --metric exit 1', async () => {
    const store = await openStore(dir);
    const from = addDays(dayOf(new Date()), -120);
    // 120 days of a weekly pattern (±1 noise) with +50 on day 100 (moved off the holiday windows).
    let spike = 100;
    while (inHolidayWindow(addDays(from, spike))) spike--;
    try {
      const src = await store.ensureSource({ name: 'metrics', kind: 'files' });
      const points = Array.from({ length: 120 }, (_, i) => ({ ts: `${addDays(from, i)}T00:00:00.000Z`, value: 200 + (i % 7) * 5 + (((i * 37) % 11) - 5) / 5 + (i === spike ? 50 : 0) }));
      await store.replaceMetricPoints({ sourceId: src.id, name: 'queue_depth', unit: 'messages', labels: { queue: 'orders' }, from, to: addDays(from, 120), points });
    } finally {
      await store.close();
    }
    const r = await run(['anomalies', '--metric', 'queue_depth', '--label', 'queue=orders', '--json', '--data-dir', dir]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { metric: string; step: string; anomalies: Record<string, unknown>[] };
    expect([body.metric, body.step]).toEqual(['queue_depth', 'day']);
    expect(body.anomalies.map((a) => [a['start'], a['end'], a['scope'], a['kind'], a['unit']])).toEqual([
      [`${addDays(from, spike)}T00:00:00.000Z`, `${addDays(from, spike)}T00:00:00.000Z`, { queue: 'orders' }, 'spike', 'messages'],
    ]);
    expect(Math.abs((body.anomalies[0]!['impact'] as number) - 50)).toBeLessThan(3);
    expect((await run(['anomalies', '--metric', 'queue_depth', '--step', 'week', '--data-dir', dir])).code).toBe(1);
    const bare = await run(['anomalies', '--metric', 'queue_depth', '--label', 'queue=orders', '--label', 'orders', '--data-dir', dir]);
    expect([bare.code, bare.out]).toEqual([1, '']);
    expect(bare.err).toContain('headroom: --label "orders" must be KEY=VALUE, e.g. env=prod.\n\nUsage: headroom anomalies');
    const stray = await run(['anomalies', '--label', 'queue=orders', '--data-dir', dir]);
    expect(stray.code).toBe(1);
    expect(stray.err).toMatch(/--label goes with --metric/);
  });

  it('holidays: shows the default calendar, a window of your own hides the spike, --remove and --reset undo it; bad windows exit 1 naming the field', async () => {
    const shown = await run(['anomalies', 'holidays', '--json', '--data-dir', dir]);
    expect(shown.code).toBe(0);
    const body = JSON.parse(shown.out) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['presets', 'windows', 'is_default', 'available', 'occurrences']);
    expect([body['presets'], body['windows'], body['is_default']]).toEqual([['us-retail'], [], true]);
    const badYear = await run(['anomalies', 'holidays', '--year', '26', '--data-dir', dir]);
    expect(badYear.code).toBe(1);
    expect(badYear.err).toContain('headroom: --year "26" must be a whole number from 1583 to 9999.\n\nUsage: headroom anomalies holidays');
    const text = await run(['anomalies', 'holidays', '--year', '2026', '--data-dir', dir]);
    expect(text.out).toContain('Presets: us-retail (US retail) — the default.');
    expect(text.out).toMatch(/2026-11-23 +2026-12-01 +Thanksgiving week +us-retail/);

    const start = addDays(first, SPIKE);
    const spikes = async (): Promise<string[]> => (JSON.parse((await run(['anomalies', '--json', '--data-dir', dir])).out) as { anomalies: { start: string }[] }).anomalies.map((a) => a.start);
    expect(await spikes()).toEqual([start]);
    const set = await run(['anomalies', 'holidays', '--preset', 'none', '--add', `Our sale=${start.slice(5)}..${addDays(start, 1).slice(5)}`, '--data-dir', dir]);
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(set.out).toContain(`Saved. Presets: none.\nYour windows: Our sale ${start.slice(5)}..${addDays(start, 1).slice(5)}.`);
    expect(await spikes()).toEqual([]);
    expect((await run(['anomalies', 'holidays', '--remove', 'our sale', '--data-dir', dir])).code).toBe(0);
    expect(await spikes()).toEqual([start]);

    const bad = await run(['anomalies', 'holidays', '--add', 'Freeze=2026-03-05..2026-03-01', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/windows\[0\]\.to: 2026-03-01 is before 2026-03-05; give the window's last day/);
    const shape = await run(['anomalies', 'holidays', '--add', 'Freeze 2026-03-05', '--data-dir', dir]);
    expect([shape.code, /--add "Freeze 2026-03-05" is not NAME=FROM..TO/.test(shape.err)]).toEqual([1, true]);
    const missing = await run(['anomalies', 'holidays', '--remove', 'Nope', '--data-dir', dir]);
    expect([missing.code, /--remove "Nope": no window has that name \(you have none\)/.test(missing.err)]).toEqual([1, true]);
    const reset = JSON.parse((await run(['anomalies', 'holidays', '--reset', '--json', '--data-dir', dir])).out) as Record<string, unknown>;
    expect([reset['presets'], reset['windows'], reset['is_default']]).toEqual([['us-retail'], [], true]);
  });

  it('bad arguments exit 1 with the usage', async () => {
    const r = await run(['anomalies', 'label', '--start', '2026-13-01', '--scope', 'service=X', '--label', 'planned', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('headroom: --start "2026-13-01" is not a date: give a day as YYYY-MM-DD, e.g. 2026-03-31.\n\nUsage: headroom anomalies label');
    const l = await run(['anomalies', 'label', '--start', '2026-01-01', '--scope', 'service=X', '--label', 'oops', '--data-dir', dir]);
    expect(l.code).toBe(1);
    expect(l.err).toContain('headroom: --label "oops" must be expected, planned or incident.\n\nUsage: headroom anomalies label');
    const u = await run(['anomalies', 'unlabel', '--start', '2026-01-01', '--scope', 'service', '--data-dir', dir]);
    expect(u.code).toBe(1);
    expect(u.err).toMatch(/--scope "service" is not DIM=VALUE/);
    const dim = await run(['anomalies', 'unlabel', '--start', '2026-01-01', '--scope', 'planet=mars', '--data-dir', dir]);
    expect(dim.code).toBe(1);
    expect(dim.err).toContain('headroom: --scope "planet=mars": unknown dimension "planet"; use provider, billing_account,');
  });
});
