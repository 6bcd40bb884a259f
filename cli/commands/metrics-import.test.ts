import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness';
import { openStore } from '../../core/store';
import { tempDir } from '../../core/store/testing/fixtures';

let dir: string;
let cleanup: () => void;
const run = (...argv: string[]): ReturnType<typeof runCli> => runCli([...argv, '--data-dir', dir]);

beforeEach(() => {
  ({ dir, cleanup } = tempDir('headroom-cli-metrics-'));
});
afterEach(() => cleanup());

/** A long-format file: three series (cpu on two hosts, mem), 24 hourly rows each; `bad` replaces the last row. */
function longCsv(file: string, scale: number, bad?: string): void {
  const lines = ['timestamp,metric,labels,value'];
  for (const [metric, host] of [['cpu', 'a'], ['cpu', 'b'], ['mem', 'a']] as const) {
    for (let h = 0; h < 24; h++) lines.push(`2026-01-01T${String(h).padStart(2, '0')}:00:00Z,${metric},host=${host},${scale * (h + 1)}`);
  }
  if (bad !== undefined) lines[lines.length - 1] = bad;
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('headroom metrics import (long format)', () => {
  it('is one transaction: a bad row in the last series leaves the stored metrics unchanged; re-importing is idempotent', async () => {
    const file = join(dir, 'fleet.csv');
    longCsv(file, 1);
    const first = await run('metrics', 'import', file, '--unit', 'cores');
    expect(first.code).toBe(0);
    expect(first.out).toContain('72 rows (long) into 3 series');
    const listed = (await run('metrics', 'list', '--json')).out;
    expect((JSON.parse(listed) as { metrics: { points: number }[] }).metrics.map((m) => m.points)).toEqual([24, 24, 24]);

    longCsv(file, 10, '2026-01-01T23:00:00Z,mem,host=a,lots');
    const bad = await run('metrics', 'import', file, '--unit', 'cores');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${file}, line 73, column "value": "lots" is not a number. Fix or remove the row and import again.`);
    expect((await run('metrics', 'list', '--json')).out).toBe(listed);

    // The same file again: same rows, no duplicates.
    longCsv(file, 1);
    expect((await run('metrics', 'import', file, '--unit', 'cores')).code).toBe(0);
    expect((await run('metrics', 'list', '--json')).out).toBe(listed);
  });
});

describe('headroom metrics import --name on a long file', () => {
  it('replaces only that metric: importing the file one metric at a time keeps the others, and equals importing it whole', async () => {
    const file = join(dir, 'fleet.csv');
    longCsv(file, 1);
    expect((await run('metrics', 'import', file, '--name', 'cpu', '--unit', 'cores')).out).toContain('48 rows (long) into 2 series');
    expect((await run('metrics', 'import', file, '--name', 'mem', '--unit', 'cores')).out).toContain('24 rows (long) into 1 series');
    const listed = JSON.parse((await run('metrics', 'list', '--json')).out) as { metrics: { name: string; labels: Record<string, string>; points: number }[] };
    expect(listed.metrics.map((m) => [m.name, m.labels['host'], m.points])).toEqual([
      ['cpu', 'a', 24],
      ['cpu', 'b', 24],
      ['mem', 'a', 24],
    ]);
    // cpu again with new values: cpu is replaced (no duplicates), mem stays as it was.
    longCsv(file, 10);
    expect((await run('metrics', 'import', file, '--name', 'cpu', '--unit', 'cores')).code).toBe(0);
    const store = await openStore(dir);
    try {
      const values = async (name: string): Promise<number[][]> => (await store.metricSeries({ name })).map((s) => s.points.map((p) => p.value));
      const hours = Array.from({ length: 24 }, (_, h) => h + 1);
      expect(await values('cpu')).toEqual([hours.map((v) => 10 * v), hours.map((v) => 10 * v)]);
      expect(await values('mem')).toEqual([hours]);
    } finally {
      await store.close();
    }
    // The whole file afterwards: every metric from this import, nothing left over.
    expect((await run('metrics', 'import', file, '--unit', 'cores')).code).toBe(0);
    const whole = (await run('metrics', 'list', '--json')).out;
    const fresh = tempDir('headroom-cli-metrics-whole-');
    try {
      expect((await runCli(['metrics', 'import', file, '--unit', 'cores', '--data-dir', fresh.dir])).code).toBe(0);
      const again = (await runCli(['metrics', 'list', '--json', '--data-dir', fresh.dir])).out;
      expect(whole).toBe(again);
    } finally {
      fresh.cleanup();
    }
  });
});
