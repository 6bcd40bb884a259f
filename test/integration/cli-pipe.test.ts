// `headroom … | head`: the reader closes the pipe after the first lines; the command must stop
// quietly (exit 0, nothing on stderr) rather than die on an unhandled EPIPE.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { repoRoot } from '../shared-data';

let data: string;
beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'headroom-pipe-'));
  const r = await runCli(['demo', '--data-dir', data]);
  expect(r.code).toBe(0);
}, 120_000);
afterAll(() => rmSync(data, { recursive: true, force: true }));

/** Runs the real `bin/headroom.js` with stdout read by a "head" that closes the pipe after the first chunk. */
function headOne(args: readonly string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'headroom.js'), ...args, '--data-dir', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    let first = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString();
      child.stdout.destroy(); // what `head -1` does once it has its line
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, first, stderr }));
  });
}

describe('headroom piped into a reader that stops early', () => {
  it('summary --by service,region stops quietly once the pipe is closed', async () => {
    const r = await headOne(['summary', '--by', 'service,region']);
    expect(r.first).toMatch(/^Period 2023-|^Period \d{4}-/);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);
});
