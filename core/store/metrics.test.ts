import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store';
import { openStore } from './store';
import { tempDir } from './testing/fixtures';

let dir: string;
let cleanup: () => void;
let store: Store;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-metrics-'));
  store = await openStore(dir);
});
afterEach(async () => {
  await store.close();
  cleanup();
});

/** Every row of the metrics table and the source names, in a fixed order: what "unchanged" compares. */
async function snapshot(): Promise<{ rows: string[]; sources: string[] }> {
  const rows = await store.read((sql) =>
    sql.all(`SELECT source_id, name, series_key, strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS ts, value, unit FROM metrics ORDER BY source_id, name, series_key, ts, value`),
  );
  return { rows: rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))), sources: (await store.listSources()).map((s) => s.name) };
}

const hours = (n: number, v: (i: number) => number): { ts: string; value: number }[] =>
  Array.from({ length: n }, (_, i) => ({ ts: new Date(Date.UTC(2026, 0, 1, i)).toISOString(), value: v(i) }));

const file = { name: 'metrics-file:/tmp/cpu.csv', kind: 'metrics-file' } as const;
const three = [
  { name: 'cpu', unit: 'cores', labels: { host: 'a' }, points: hours(48, (i) => i) },
  { name: 'cpu', unit: 'cores', labels: { host: 'b' }, points: hours(48, (i) => 2 * i) },
  { name: 'mem', unit: 'GiB', labels: { host: 'a' }, points: hours(24, () => 7) },
];

describe('replaceSourceMetrics', () => {
  it('writes every series of a set in one go, and writing the same set again gives the same rows', async () => {
    const first = await store.replaceSourceMetrics({ source: file, series: three });
    expect(first).toMatchObject({ pointsWritten: 120, pointsReplaced: 0 });
    const a = await snapshot();
    expect(a.rows).toHaveLength(120);
    expect(a.sources).toEqual(['metrics-file:/tmp/cpu.csv']);
    const again = await store.replaceSourceMetrics({ source: file, series: three });
    expect(again).toMatchObject({ pointsWritten: 120, pointsReplaced: 120 });
    expect(await snapshot()).toEqual(a);
    // A re-import whose file lost a series leaves only what the file now holds.
    await store.replaceSourceMetrics({ source: file, series: three.slice(0, 2) });
    expect((await snapshot()).rows).toHaveLength(96);
  });

  it('a bad point in the last series rolls the whole write back: metrics and sources unchanged', async () => {
    const other = { name: 'metrics-file:/tmp/other.csv', kind: 'metrics-file' } as const;
    await store.replaceSourceMetrics({ source: other, series: [{ name: 'disk', unit: 'GB', labels: {}, points: hours(5, (i) => i) }] });
    await store.replaceSourceMetrics({ source: file, series: three.slice(0, 1) });
    const before = await snapshot();
    expect(before.rows).toHaveLength(53);
    const bad = [...three.slice(0, 2), { ...three[2]!, points: [...hours(23, () => 7), { ts: '2026-01-01T23:00:00Z', value: Number.NaN }] }];
    await expect(store.replaceSourceMetrics({ source: file, series: bad })).rejects.toThrow('Point 24 of metric "mem" [["host","a"]] at 2026-01-01T23:00:00Z has no finite value.');
    expect(await snapshot()).toEqual(before);
    // A new source whose last series is bad is not created either.
    const fresh = { name: 'metrics-file:/tmp/new.csv', kind: 'metrics-file' } as const;
    const badTs = [three[0]!, { ...three[1]!, points: [{ ts: 'yesterday', value: 1 }] }];
    await expect(store.replaceSourceMetrics({ source: fresh, series: badTs })).rejects.toThrow('Point 1 of metric "cpu" [["host","b"]] "yesterday" is not an ISO timestamp');
    expect(await snapshot()).toEqual(before);
  });

  it('a cancelled write keeps nothing; a ranged write replaces only its window of the named metrics', async () => {
    await store.replaceSourceMetrics({ source: file, series: three });
    const before = await snapshot();
    const ac = new AbortController();
    ac.abort();
    await expect(store.replaceSourceMetrics({ source: file, series: three, signal: ac.signal })).rejects.toThrow('Cancelled: nothing was written.');
    expect(await snapshot()).toEqual(before);
    // Replace hours 24–47 of cpu with zeros; mem and the first day of cpu stay.
    const window = { from: '2026-01-02T00:00:00Z', to: '2026-01-03T00:00:00Z' };
    const zeros = hours(48, () => 0).slice(24);
    const res = await store.replaceSourceMetrics({ source: file, range: window, series: [{ ...three[0]!, points: zeros }, { ...three[1]!, points: zeros }] });
    expect(res).toMatchObject({ pointsWritten: 48, pointsReplaced: 48 });
    const [a] = await store.metricSeries({ name: 'cpu', labels: { host: 'a' } });
    expect(a?.points.map((p) => p.value)).toEqual([...Array.from({ length: 24 }, (_, i) => i), ...Array.from({ length: 24 }, () => 0)]);
    expect((await store.metricSeries({ name: 'mem' }))[0]?.points).toHaveLength(24);
    await expect(store.replaceSourceMetrics({ source: file, range: window, series: [{ ...three[0]!, points: hours(1, () => 1) }] })).rejects.toThrow(
      'Point 1 of metric "cpu" [["host","a"]] at 2026-01-01T00:00:00.000Z is outside [2026-01-02T00:00:00Z, 2026-01-03T00:00:00Z).',
    );
  });
});
