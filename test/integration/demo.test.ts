import { runCli } from '../cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SEED, generateDemo, seededRandom } from '../../core/ingest/demo';
import { parseDay } from '../../core/lib';
import { loadDemoIfEmpty, openService } from '../../core/service';
import { tempDir } from '../../core/store/testing/fixtures';

const run = runCli;

interface Totals {
  totals: { currency: string; billed_cost: number; effective_cost: number }[];
  groups: { currency: string; group: Record<string, string | null>; billed_cost: number; effective_cost: number }[];
}

const cents = (x: number): number => Math.round(x * 100);
const AS_OF = parseDay('2026-06-15');

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('headroom-demo-'));
});
afterEach(() => cleanup());

// Each load writes ~80k rows through the store's appender (a few seconds): the test keeps to three.
describe('headroom demo', () => {
  it('loads on first start, via the CLI again without changing a cent, and moves its window on a later day', async () => {
    const d = generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED) });
    // Independent sums from the rows themselves, per provider.
    const byProvider = new Map<string, { billed: number; effective: number }>();
    for (const r of d.charges) {
      const p = byProvider.get(r.ProviderName) ?? { billed: 0, effective: 0 };
      p.billed += Math.round(Number(r.BilledCost) * 100);
      p.effective += Math.round(Number(r.EffectiveCost) * 100);
      byProvider.set(r.ProviderName, p);
    }
    const check = async (): Promise<void> => {
      const s = await run(['summary', '--json', '--data-dir', dir]);
      expect(s.code).toBe(0);
      const j = JSON.parse(s.out) as Totals;
      expect(j.totals).toHaveLength(1);
      expect(j.totals[0]?.currency).toBe('USD');
      expect(cents(j.totals[0]?.billed_cost ?? NaN)).toBe(d.totals.billedCents);
      expect(cents(j.totals[0]?.effective_cost ?? NaN)).toBe(d.totals.effectiveCents);
      const g = JSON.parse((await run(['summary', '--by', 'provider', '--json', '--data-dir', dir])).out) as Totals;
      expect(g.groups).toHaveLength(3);
      for (const row of g.groups) {
        const want = byProvider.get(row.group['provider'] ?? '');
        expect(cents(row.billed_cost)).toBe(want?.billed);
        expect(cents(row.effective_cost)).toBe(want?.effective);
      }
    };

    // 1. First start: the service loads the demo into the empty store (the app's `npm start` path).
    const svc = await openService({ dataDir: dir, clock: () => new Date(`${AS_OF}T09:30:00Z`) });
    try {
      const first = await loadDemoIfEmpty(svc);
      expect(first).toMatchObject({ as_of: AS_OF, rows_written: d.charges.length, rows_replaced: 0, period: { start: d.from, end: AS_OF }, pools: d.pools.map((p) => p.name) });
      expect(await loadDemoIfEmpty(svc)).toBeNull();
      // The pools and metrics are in the store for the capacity planner.
      const ctx = { signal: new AbortController().signal, progress: (): void => {} };
      const pools = await svc.handlers['pools.list']({}, ctx);
      expect(pools.pools.map((p) => p.name).sort()).toEqual(d.pools.map((p) => p.name).sort());
      // Every demo pool names its cost's currency (the demo bills in USD), so no plan reads it by default.
      expect(pools.pools.map((p) => p.currency)).toEqual(d.pools.map(() => 'USD'));
      const metrics = (await svc.handlers['metrics.list']({}, ctx)).metrics.filter((m) => m.source === 'demo');
      expect(metrics.map((m) => m.name).sort()).toEqual(d.metrics.map((m) => m.name).sort());
      for (const m of metrics) expect(m.points).toBe(d.metrics.find((x) => x.name === m.name)?.points.length);
    } finally {
      await svc.close();
    }
    await check();

    // 2. `headroom demo` on the same day: everything replaced, the same totals to the cent.
    const second = await run(['demo', '--as-of', AS_OF, '--json', '--data-dir', dir]);
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ source: 'demo', rows_written: d.charges.length, rows_replaced: d.charges.length, metric_series: d.metrics.length });
    await check();

    // 3. A later day moves the window: nothing of the earlier load is left.
    const later = parseDay('2026-07-01');
    const r = await run(['demo', '--as-of', later, '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Loaded the demo \(Cartwheel Commerce\): [\d,]+ charge rows 2023-07-01 … 2026-07-01 \(end exclusive\), 4 metric series, pools .+; USD [\d,.]+ billed, [\d,.]+ effective\.\n$/);
    const l = generateDemo({ asOf: later, random: seededRandom(DEMO_SEED) });
    const j = JSON.parse((await run(['summary', '--json', '--data-dir', dir])).out) as Totals;
    expect(cents(j.totals[0]?.effective_cost ?? NaN)).toBe(l.totals.effectiveCents);
    expect(cents(j.totals[0]?.billed_cost ?? NaN)).toBe(l.totals.billedCents);
  }, 240_000);

  it('refuses a bad --as-of with exit 1 and leaves the store empty', async () => {
    const r = await run(['demo', '--as-of', '2026-13-01', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/as_of.*YYYY-MM-DD/);
    const s = await run(['sources', '--json', '--data-dir', dir]);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ sources: [] });
  });
});
