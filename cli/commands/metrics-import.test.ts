import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli-harness';
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
