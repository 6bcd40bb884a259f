import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_LIMIT } from '../core/store';
import { hoistGlobalOptions, parseCommandArgs, withService } from './args';
import type { CommandContext } from './command';
import { runCli, sink } from '../test/cli-harness';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'headroom-cli-args-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** DuckDB's own rendering of a byte count (binary units, one decimal, truncated), worked out here from the bytes. */
const mib = (bytes: number): string => `${(Math.floor((bytes / 2 ** 20) * 10) / 10).toFixed(1)} MiB`;

/**
 * What DuckDB's memory_limit is for a command line, the way every command opens the store: main's
 * hoisting of global options, the command's parseCommandArgs, withService.
 */
async function memoryLimitFor(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const args = parseCommandArgs(hoistGlobalOptions(argv), 'usage', { json: { type: 'boolean' } });
  const ctx: CommandContext = { argv, stdout: sink().stream, stderr: sink().stream, env, signal: new AbortController().signal };
  return withService(ctx, args.values, async (s) => {
    const rows = await s.store.read((sql) => sql.all<{ v: string }>("SELECT current_setting('memory_limit') AS v"));
    return rows[0]!.v;
  });
}

describe('--memory-limit and HEADROOM_MEMORY_LIMIT', () => {
  it('--memory-limit 256MB reaches DuckDB, before or after the command words', async () => {
    const dir = join(root, 'data');
    expect(await memoryLimitFor(['--memory-limit', '256MB', '--data-dir', dir], {})).toBe(mib(256e6));
    expect(await memoryLimitFor(['--data-dir', dir, '--memory-limit=1.5GiB', '--json'], {})).toBe('1.5 GiB');
  });

  it('HEADROOM_MEMORY_LIMIT applies without the flag; the flag wins over it; neither is the store default (768MB)', async () => {
    const dir = join(root, 'data');
    expect(await memoryLimitFor(['--data-dir', dir], { HEADROOM_MEMORY_LIMIT: '1gb' })).toBe(mib(1e9));
    expect(await memoryLimitFor(['--data-dir', dir, '--memory-limit', '300MB'], { HEADROOM_MEMORY_LIMIT: '1gb' })).toBe(mib(300e6));
    expect(DEFAULT_MEMORY_LIMIT).toBe('768MB');
    expect(await memoryLimitFor(['--data-dir', dir], {})).toBe(mib(768e6));
  });

  it('a bad value is exit 1 with a message naming the flag or variable, the value and an example, and the data folder is not touched', async () => {
    const dir = join(root, 'never');
    const flag = await runCli(['sources', '--data-dir', dir, '--memory-limit', '64MB'], {});
    expect(flag.code).toBe(1);
    expect(flag.out).toBe('');
    expect(flag.err).toBe('headroom: --memory-limit "64MB" is below the minimum of 128MB (DuckDB needs room for an import\'s staging next to its buffers): give at least 128MB, e.g. --memory-limit 2GB.\n');
    const env = await runCli(['--data-dir', dir, 'summary'], { HEADROOM_MEMORY_LIMIT: 'plenty' });
    expect(env.code).toBe(1);
    expect(env.err).toMatch(/^headroom: HEADROOM_MEMORY_LIMIT="plenty" is not a memory size: .*e\.g\. HEADROOM_MEMORY_LIMIT=2GB/);
    const serve = await runCli(['serve', '--data-dir', dir, '--memory-limit', 'lots'], {});
    expect(serve.code).toBe(1);
    expect(serve.err).toMatch(/^headroom: --memory-limit "lots" is not a memory size/);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});
