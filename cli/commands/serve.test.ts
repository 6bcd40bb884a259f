import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeadroomError } from '../../core/lib';
import { runCli } from '../../test/cli-harness';
import { type ServeFlags, parseServeFlags, serveCommand } from './serve';

/** The flags for a command line that is not -h/--help. */
function flags(argv: string[]): ServeFlags {
  const f = parseServeFlags(argv);
  if (f === undefined) throw new Error(`${argv.join(' ')} read as --help`);
  return f;
}

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'headroom-serve-flags-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('headroom serve flags', () => {
  it('defaults to loopback on a free port', () => {
    expect(flags([])).toEqual({ port: 0, host: '127.0.0.1', dataDir: undefined, memoryLimit: undefined, noDemo: false });
    expect(flags(['--port', '8123', '--host=::1', '--data-dir', '/d', '--memory-limit', '2GB'])).toEqual({ port: 8123, host: '::1', dataDir: '/d', memoryLimit: '2GB', noDemo: false });
    expect(flags(['--memory-limit=512mb']).memoryLimit).toBe('512mb');
    expect(flags(['--no-demo']).noDemo).toBe(true);
    expect(flags(['--host', 'localhost', '--port=0']).host).toBe('127.0.0.1');
    expect(parseServeFlags(['--help'])).toBeUndefined();
    expect(parseServeFlags(['-h', '--port', '1'])).toBeUndefined();
  });

  it('refuses non-loopback hosts and bad ports with a message saying why', () => {
    expect(() => flags(['--host', '0.0.0.0'])).toThrow(/only listens on this computer/);
    expect(() => flags(['--host', '192.168.1.5'])).toThrow(HeadroomError);
    expect(() => flags(['--port', '70000'])).toThrow('--port "70000" must be a whole number from 0 to 65535.');
    expect(() => flags(['--port=-1'])).toThrow('--port "-1" must be a whole number from 0 to 65535.');
    expect(() => flags(['--port='])).toThrow('--port "" must be a whole number from 0 to 65535.');
    expect(() => flags(['--data-dir='])).toThrow('--data-dir "" is empty: give the data folder, e.g. --data-dir ~/headroom-data.');
  });

  it('unknown options, missing values and a value on --no-demo exit 1 as in every command (blank line, then the usage), before the data folder is made', async () => {
    const dir = join(root, 'never');
    const cases: [string[], string][] = [
      [['--open', '--data-dir', dir], "Unknown option '--open'."],
      [['--data-dir', dir, '--port'], "Option '--port <value>' argument missing."],
      [['--data-dir', dir, '--host'], "Option '--host <value>' argument missing."],
      [['--port', '8080', '--data-dir'], "Option '--data-dir <value>' argument missing."],
      [['--no-demo=yes', '--data-dir', dir], "Option '--no-demo' does not take an argument."],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['serve', ...args], { HEADROOM_DATA_DIR: dir });
      expect({ args, code: r.code, out: r.out, err: r.err }).toEqual({ args, code: 1, out: '', err: `headroom: ${message}\n\n${serveCommand.usage}\n` });
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('--help prints the usage and exits 0 without starting', async () => {
    const dir = join(root, 'never');
    expect(await runCli(['serve', '--help', '--data-dir', dir])).toEqual({ code: 0, out: `${serveCommand.usage}\n`, err: '' });
    expect(existsSync(dir)).toBe(false);
  });
});
