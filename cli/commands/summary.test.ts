import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openService } from '../../core/service';
import { TEST_SELECT, days, makeCharges, tempDir, writeChargesCsv, type TestCharge } from '../../core/store/testing/fixtures';

const run = runCli;

let dir: string;
let cleanup: () => void;
let usd: TestCharge[];
let eur: TestCharge[];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-'));
  usd = makeCharges(21, ['111', '222'], days('2025-01-30', 5));
  eur = makeCharges(22, ['333'], days('2025-02-01', 2), 'EUR');
  const svc = await openService({ dataDir: dir, clock: () => new Date('2026-03-01T00:00:00Z') });
  const src = await svc.store.ensureSource({ name: 'files', kind: 'files', provider: 'AWS' });
  const f = writeChargesCsv(dir, 'x.csv', [...usd, ...eur]);
  await svc.store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 'test', selectSql: TEST_SELECT, params: { file: f.file } });
  await svc.close();
});
afterEach(() => cleanup());

/** Independent sums (in currency units) over test rows. */
function sums(rows: readonly TestCharge[]): { billed: number; effective: number } {
  return rows.reduce((a, r) => ({ billed: a.billed + r.billedMicros / 1e6, effective: a.effective + r.effectiveMicros / 1e6 }), { billed: 0, effective: 0 });
}

describe('headroom summary', () => {
  it('--json prints totals per currency equal to independent sums', async () => {
    const r = await run(['summary', '--json', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { totals: { currency: string; billed_cost: number; effective_cost: number }[]; groups: unknown[] };
    expect(Object.keys(j).sort()).toEqual(['groups', 'totals']);
    expect(j.groups).toEqual([]);
    expect(j.totals.map((t) => t.currency)).toEqual(['EUR', 'USD']);
    const [e, u] = j.totals;
    expect(e?.billed_cost).toBeCloseTo(sums(eur).billed, 6);
    expect(u?.effective_cost).toBeCloseTo(sums(usd).effective, 6);
  });

  it('groups by dimensions and tags within a date range, with filters; the global --data-dir may come first', async () => {
    const r = await run(['--data-dir', dir, 'summary', '--by', 'billing_account,tag:env', '--from', '2025-02-01', '--to', '2025-02-03', '--filter', 'service=Amazon EC2', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { groups: { currency: string; group: Record<string, string | null>; billed_cost: number; effective_cost: number }[] };
    const inRange = [...usd, ...eur].filter((c) => c.day >= '2025-02-01' && c.day < '2025-02-03' && c.service === 'Amazon EC2');
    const expected = new Map<string, number>();
    for (const c of inRange) {
      const k = JSON.stringify([c.currency, c.account, c.tags['env'] ?? null]);
      expected.set(k, (expected.get(k) ?? 0) + c.billedMicros / 1e6);
    }
    expect(j.groups).toHaveLength(expected.size);
    for (const g of j.groups) {
      expect(Object.keys(g.group)).toEqual(['billing_account', 'tag:env']);
      const k = JSON.stringify([g.currency, g.group['billing_account'], g.group['tag:env']]);
      expect(g.billed_cost).toBeCloseTo(expected.get(k) ?? NaN, 6);
    }
  });

  it('prints a readable table', async () => {
    const r = await run(['summary', '--by', 'service'], { HEADROOM_DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/currency\s+billed cost\s+effective cost/);
    expect(r.out).toContain('Amazon EC2');
  });

  it("writes each currency's amounts in its own minor unit (yen whole, dinars to 3 decimals, dollars to 2); --json keeps the exact sums", async () => {
    const { dir: d, cleanup: c } = tempDir('headroom-cli-minor-');
    try {
      const jpy = makeCharges(31, ['444'], days('2025-02-01', 2), 'JPY');
      const kwd = makeCharges(32, ['555'], days('2025-02-01', 2), 'KWD');
      const svc = await openService({ dataDir: d, clock: () => new Date('2026-03-01T00:00:00Z') });
      const src = await svc.store.ensureSource({ name: 'files', kind: 'files', provider: 'AWS' });
      const f = writeChargesCsv(d, 'x.csv', [...usd, ...jpy, ...kwd]);
      await svc.store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 'test', selectSql: TEST_SELECT, params: { file: f.file } });
      await svc.close();
      const r = await run(['summary', '--data-dir', d]);
      expect(r.code).toBe(0);
      const cells = (cur: string): string[] | undefined => r.out.split('\n').find((l) => l.startsWith(`${cur} `))?.trim().split(/\s+/);
      const j = sums(jpy);
      const k = sums(kwd);
      const u = sums(usd);
      // The sums have micro-unit fractions, so a two-decimal yen figure would show them.
      expect(Math.abs(j.billed - Math.round(j.billed))).toBeGreaterThan(0.001);
      const grouped = (x: number, digits: number): string => {
        const [int, frac] = (Math.round(Math.abs(x) * 10 ** digits) / 10 ** digits).toFixed(digits).split('.');
        return `${x < 0 ? '-' : ''}${int!.replace(/\B(?=(\d{3})+$)/g, ',')}${frac ? `.${frac}` : ''}`;
      };
      expect(cells('JPY')).toEqual(['JPY', grouped(j.billed, 0), grouped(j.effective, 0)]);
      expect(cells('KWD')).toEqual(['KWD', grouped(k.billed, 3), grouped(k.effective, 3)]);
      expect(cells('USD')).toEqual(['USD', grouped(u.billed, 2), grouped(u.effective, 2)]);
      expect(cells('JPY')?.[1]).not.toContain('.');
      const json = await run(['summary', '--json', '--data-dir', d]);
      const totals = (JSON.parse(json.out) as { totals: { currency: string; billed_cost: number }[] }).totals;
      expect(totals.find((t) => t.currency === 'JPY')?.billed_cost).toBeCloseTo(j.billed, 6);
      expect(totals.find((t) => t.currency === 'KWD')?.billed_cost).toBeCloseTo(k.billed, 6);
    } finally {
      c();
    }
  });

  it('usage errors exit 1 with a clear message and the usage', async () => {
    for (const argv of [
      ['summary', '--by', 'colour'],
      ['summary', '--from', '2025-13-01'],
      ['summary', '--bogus'],
      ['summary', '--filter', 'service'],
      ['summary', 'extra'],
    ]) {
      const r = await run([...argv, '--data-dir', dir]);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(/^headroom: /);
      expect(r.err).toContain('Usage: headroom summary');
    }
    const bad = await run(['summary', '--by', 'colour', '--data-dir', dir]);
    expect(bad.err).toContain('tag:<key>');
    const day = await run(['summary', '--from', '2025-13-01', '--data-dir', dir]);
    expect(day.err).toContain('headroom: --from "2025-13-01" is not a date: give a day as YYYY-MM-DD, e.g. 2026-03-31.');
  });
});

describe('headroom sources', () => {
  it('--json lists sources with coverage', async () => {
    const r = await run(['sources', '--json', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { sources: { source: { name: string; provider: string }; charges: Record<string, unknown>; imports: number; lastImportAt: string }[] };
    expect(j.sources).toHaveLength(1);
    expect(j.sources[0]).toMatchObject({
      source: { name: 'files', provider: 'AWS' },
      charges: { rows: usd.length + eur.length, firstDay: '2025-01-30', lastDay: '2025-02-03', currencies: ['EUR', 'USD'] },
      imports: 1,
      lastImportAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('says so when the store is empty, and refuses unknown options', async () => {
    const { dir: empty, cleanup: c } = tempDir('headroom-cli-empty-');
    const r = await run(['sources', '--data-dir', empty]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('The store is empty');
    const bad = await run(['sources', '--nope', '--data-dir', empty]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Unknown option '--nope'");
    c();
  });
});
