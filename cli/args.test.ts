import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_LIMIT } from '../core/store';
import { HeadroomError } from '../core/lib';
import { choiceFlag, choicesFlag, dayFlag, daysFlag, hoistGlobalOptions, labelsFlag, levelsFlag, moneyFlag, numberFlag, probabilityFlag, parseCommandArgs, wholeNumberFlag, withService } from './args';
import type { CommandContext } from './command';
import { runCli, sink } from '../test/cli-harness';
import { commands } from './commands';
import { sharedData } from '../test/shared-data';

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

/** The message a shared flag parser refuses with (a BAD_INPUT HeadroomError carrying the usage after a blank line), without the usage. */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (e) {
    if (!(e instanceof HeadroomError) || e.code !== 'BAD_INPUT') throw e;
    expect(e.message.endsWith('\n\nUsage: x')).toBe(true);
    return e.message.slice(0, -'\n\nUsage: x'.length);
  }
  throw new Error('accepted');
}

describe('wholeNumberFlag', () => {
  it('accepts whole numbers within the bounds, ends included', () => {
    expect(['100', '20000', ' 640 '].map((v) => wholeNumberFlag('--paths', v, 'Usage: x', { min: 100, max: 20_000 }))).toEqual([100, 20_000, 640]);
    expect(['0', '123456789012'].map((v) => wholeNumberFlag('--seed', v, 'Usage: x', { min: 0 }))).toEqual([0, 123_456_789_012]);
  });

  it('refuses other values naming the flag, the value and the range', () => {
    for (const v of ['99', '20001', '-1', '1.5', '1e3', '', 'x', '0x10']) expect(refusal(() => wholeNumberFlag('--paths', v, 'Usage: x', { min: 100, max: 20_000 }))).toBe(`--paths "${v}" must be a whole number from 100 to 20000.`);
    expect(refusal(() => wholeNumberFlag('--horizon', '0', 'Usage: x', { min: 1 }))).toBe('--horizon "0" must be a whole number of 1 or more.');
  });

  it('--qpu-budget: a bad value exits 1 before the data folder is touched', async () => {
    const dir = join(root, 'never');
    const r = await runCli(['source', 'add', 'azure', '--name', 'a', '--scope', '/subscriptions/x', '--qpu-budget', 'lots', '--data-dir', dir], {});
    expect([r.code, r.out]).toEqual([1, '']);
    expect(r.err).toMatch(/^headroom: --qpu-budget "lots" must be a whole number of 1 or more\.\n\nUsage:/);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('levelsFlag', () => {
  it('accepts percentages strictly between 0 and 100, in the order given', () => {
    expect(levelsFlag('--levels', '80,95', 'Usage: x')).toEqual([80, 95]);
    expect(levelsFlag('--levels', ' 99.5 , 50', 'Usage: x')).toEqual([99.5, 50]);
  });

  it('refuses 0, 100, out of range, empty entries and words, naming the flag and the value', () => {
    for (const v of ['80,120', '0,95', '100', '80,', ',', '', 'high', '-5']) {
      expect(refusal(() => levelsFlag('--levels', v, 'Usage: x'))).toBe(`--levels "${v}": give percentages between 0 and 100, comma separated, e.g. 80,95.`);
    }
  });
});

describe('labelsFlag', () => {
  it('reads a comma list (--labels) and repeated pairs (--label) alike: trimmed, empty values kept, the last of a key wins', () => {
    expect(labelsFlag('--labels', ['env = prod, team=web,,zone='], 'Usage: x', { list: true })).toEqual({ env: 'prod', team: 'web', zone: '' });
    expect(labelsFlag('--labels', [], 'Usage: x', { list: true })).toEqual({});
    expect(labelsFlag('--label', ['queue=orders', 'path=/a=b', 'queue=jobs'], 'Usage: x', { list: false })).toEqual({ queue: 'jobs', path: '/a=b' });
    // a comma is part of a single --label's value
    expect(labelsFlag('--label', ['le=0.5,1'], 'Usage: x', { list: false })).toEqual({ le: '0.5,1' });
  });

  it('refuses a pair without KEY= in one format naming the flag, the value given and an example', () => {
    for (const v of ['env', 'env=prod,web', '=prod', ' =prod', 'a=b,=c']) {
      expect(refusal(() => labelsFlag('--labels', [v], 'Usage: x', { list: true }))).toBe(`--labels "${v}" must be KEY=VALUE pairs separated by commas, e.g. env=prod,team=web.`);
    }
    for (const v of ['orders', '=orders', '', ' ']) {
      expect(refusal(() => labelsFlag('--label', ['queue=orders', v], 'Usage: x', { list: false }))).toBe(`--label "${v}" must be KEY=VALUE, e.g. env=prod.`);
    }
  });
});

describe('dayFlag', () => {
  it('accepts real calendar days', () => {
    expect(['2024-02-29', '2026-01-01', '1999-12-31'].map((v) => dayFlag('--since', v, 'Usage: x'))).toEqual(['2024-02-29', '2026-01-01', '1999-12-31']);
  });

  it('refuses other text naming the flag and the value', () => {
    for (const v of ['2023-02-29', '2026-13-01', '2026-1-5', '20260105', '2026-01-05T00:00', 'today', '']) {
      expect(refusal(() => dayFlag('--from', v, 'Usage: x'))).toBe(`--from "${v}" is not a date: give a day as YYYY-MM-DD, e.g. 2026-03-31.`);
    }
  });

  it('sync --from/--to: a bad day exits 1 before the data folder is touched (the service used to refuse it only after opening the store)', async () => {
    const dir = join(root, 'never');
    for (const [flag, v] of [['--from', '2026-13-01'], ['--to', 'soon']] as const) {
      const r = await runCli(['sync', 'aws', flag, v, '--data-dir', dir], {});
      expect([r.code, r.out]).toEqual([1, '']);
      expect(r.err).toMatch(new RegExp(`^headroom: ${flag} "${v}" is not a date: give a day as YYYY-MM-DD, e\\.g\\. 2026-03-31\\.\\n\\nUsage: headroom sync`));
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('daysFlag', () => {
  it('reads days (90, 90d) and weeks (13w, 2W) within the bounds, ends included', () => {
    expect(['90', '90d', ' 13w ', '2W', '1', '730d'].map((v) => daysFlag('--horizon', v, 'Usage: x', { min: 1, max: 730 }))).toEqual([90, 90, 91, 14, 1, 730]);
    expect(['0d', '0', '5000w'].map((v) => daysFlag('--lead-time', v, 'Usage: x', { min: 0 }))).toEqual([0, 0, 35_000]);
  });

  it('refuses other units, fractions, signs and out-of-range lengths, naming the flag, the value and the range', () => {
    for (const v of ['0d', '731', '105w', '3m', '1.5d', '-1d', 'soon', '']) {
      expect(refusal(() => daysFlag('--horizon', v, 'Usage: x', { min: 1, max: 730 }))).toBe(`--horizon "${v}" must be a number of days (such as 90 or 90d) or weeks (13w), from 1 to 730 days.`);
    }
    expect(refusal(() => daysFlag('--range', '0d', 'Usage: x', { min: 1 }))).toBe('--range "0d" must be a number of days (such as 90 or 90d) or weeks (13w), 1 day or more.');
    expect(refusal(() => daysFlag('--lead-time', '2 weeks', 'Usage: x', { min: 0 }))).toBe('--lead-time "2 weeks" must be a number of days (such as 90 or 90d) or weeks (13w), 0 days or more.');
  });
});

describe('numberFlag, moneyFlag, probabilityFlag', () => {
  it('accept finite numbers within the bounds (exclusive above/below, inclusive min/max)', () => {
    expect(['3', '-2.5', '1e3', ' 0.25 '].map((v) => numberFlag('--x', v, 'Usage: x'))).toEqual([3, -2.5, 1000, 0.25]);
    expect(['1', '0.001'].map((v) => numberFlag('--target', v, 'Usage: x', { above: 0, max: 1 }))).toEqual([1, 0.001]);
    expect(numberFlag('--headroom', '0', 'Usage: x', { min: 0 })).toBe(0);
    expect([moneyFlag('--amount', '4000.50', 'Usage: x', { above: 0 }), moneyFlag('--cost-per-unit', '0', 'Usage: x', { min: 0 })]).toEqual([4000.5, 0]);
    expect(['0.95', '0.5', '0.001'].map((v) => probabilityFlag('--service-level', v, 'Usage: x', 0.95))).toEqual([0.95, 0.5, 0.001]);
  });

  it('refuse other values naming the flag, the value, the range and how to write it', () => {
    for (const v of ['', ' ', 'x', 'Infinity', 'NaN', '1,5']) expect(refusal(() => numberFlag('--unit-capacity', v, 'Usage: x'))).toBe(`--unit-capacity "${v}" must be a number.`);
    expect(refusal(() => numberFlag('--unit-capacity', '0', 'Usage: x', { above: 0 }))).toBe('--unit-capacity "0" must be a number above 0.');
    expect(refusal(() => numberFlag('--headroom', '-0.1', 'Usage: x', { min: 0, hint: '0.1 = 10 %' }))).toBe('--headroom "-0.1" must be a number of 0 or more (0.1 = 10 %).');
    for (const v of ['0', '80', '1.01']) expect(refusal(() => numberFlag('--target', v, 'Usage: x', { above: 0, max: 1, hint: '0.8 = 80 %' }))).toBe(`--target "${v}" must be a number above 0 and at most 1 (0.8 = 80 %).`);
    expect(refusal(() => numberFlag('--x', '11', 'Usage: x', { min: 1, max: 10 }))).toBe('--x "11" must be a number from 1 to 10.');
    expect(refusal(() => numberFlag('--x', '10', 'Usage: x', { below: 10 }))).toBe('--x "10" must be a number below 10.');
    for (const v of ['0', '-5', '$10,000', '10 USD', '']) expect(refusal(() => moneyFlag('--amount', v, 'Usage: x', { above: 0 }))).toBe(`--amount "${v}" must be a number above 0 (no currency sign or thousands separators).`);
    expect(refusal(() => moneyFlag('--cost-per-unit', '-1', 'Usage: x', { min: 0 }))).toBe('--cost-per-unit "-1" must be a number of 0 or more (no currency sign or thousands separators).');
    for (const v of ['0', '1', '30', 'high']) expect(refusal(() => probabilityFlag('--discount', v, 'Usage: x', 0.3))).toBe(`--discount "${v}" must be a number above 0 and below 1 (0.3 = 30 %).`);
    expect(refusal(() => probabilityFlag('--service-level', '95', 'Usage: x', 0.95))).toBe('--service-level "95" must be a number above 0 and below 1 (0.95 = 95 %).');
  });
});

describe('choiceFlag', () => {
  it('returns the word when it is one of the choices (exact, case-sensitive)', () => {
    expect(choiceFlag('--period', 'quarter', ['month', 'quarter', 'year'], 'Usage: x')).toBe('quarter');
    expect(choiceFlag('--term', '3y', ['1y', '3y'], 'Usage: x')).toBe('3y');
  });

  it('refuses other words naming the flag, the value and the choices, and says when a required one is missing', () => {
    for (const v of ['Month', 'week', ' year', '']) expect(refusal(() => choiceFlag('--period', v, ['month', 'quarter', 'year'], 'Usage: x'))).toBe(`--period "${v}" must be month, quarter or year.`);
    expect(refusal(() => choiceFlag('--term', '5y', ['1y', '3y'], 'Usage: x'))).toBe('--term "5y" must be 1y or 3y.');
    expect(refusal(() => choiceFlag('--period', undefined, ['month', 'quarter', 'year'], 'Usage: x'))).toBe('--period is required: give month, quarter or year.');
  });
});

describe('choicesFlag', () => {
  it('returns the words in the order given, each once; "none" is the empty list only where allowed', () => {
    expect(choicesFlag('--kinds', 'year, month,year', ['month', 'quarter', 'year'], 'Usage: x')).toEqual(['year', 'month']);
    expect(choicesFlag('--sections', ' none ', ['budgets', 'capacity'], 'Usage: x', { none: true })).toEqual([]);
  });

  it('refuses an unknown word or an empty list naming the flag and the choices', () => {
    expect(refusal(() => choicesFlag('--kinds', 'month,week', ['month', 'quarter', 'year'], 'Usage: x'))).toBe('--kinds: "week" is not one of month, quarter or year.');
    expect(refusal(() => choicesFlag('--kinds', 'none', ['month', 'quarter', 'year'], 'Usage: x'))).toBe('--kinds: "none" is not one of month, quarter or year.');
    expect(refusal(() => choicesFlag('--kinds', ' , ', ['month', 'quarter', 'year'], 'Usage: x'))).toBe('--kinds needs at least one of month, quarter or year.');
    expect(refusal(() => choicesFlag('--sections', 'costs', ['budgets', 'capacity'], 'Usage: x', { none: true }))).toBe('--sections: "costs" is not one of budgets or capacity (or "none").');
    expect(refusal(() => choicesFlag('--sections', ',', ['budgets', 'capacity'], 'Usage: x', { none: true }))).toBe('--sections needs at least one of budgets or capacity (or "none").');
  });
});

describe('every command', () => {
  it('reports an unknown option, a missing value and an empty --data-dir the same way (exit 1, blank line, its usage), before the data folder is made; --help prints the usage', async () => {
    const dir = join(root, 'never');
    expect(commands.length).toBeGreaterThan(20);
    for (const c of commands) {
      const seen = {
        unknown: await runCli([...c.words, '--no-such-option', '--data-dir', dir], {}),
        missing: await runCli([...c.words, '--data-dir'], { HEADROOM_DATA_DIR: dir }),
        empty: await runCli([...c.words, '--data-dir='], { HEADROOM_DATA_DIR: dir }),
        help: await runCli([...c.words, '--help', '--data-dir', dir], {}),
      };
      expect({ command: c.words.join(' '), ...seen }).toEqual({
        command: c.words.join(' '),
        unknown: { code: 1, out: '', err: `headroom: Unknown option '--no-such-option'.\n\n${c.usage}\n` },
        missing: { code: 1, out: '', err: `headroom: Option '--data-dir <value>' argument missing.\n\n${c.usage}\n` },
        empty: { code: 1, out: '', err: `headroom: --data-dir "" is empty: give the data folder, e.g. --data-dir ~/headroom-data.\n\n${c.usage}\n` },
        help: { code: 0, out: `${c.usage}\n`, err: '' },
      });
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('import --currency and source add --cloud', () => {
  it('a bad value exits 1 naming the flag and the choices, before the data folder is made (the service used to refuse it after opening the store)', async () => {
    const dir = join(root, 'never');
    const file = sharedData('azure', 'exports', 'koku_ea_PascalCase_2020-09.csv');
    for (const v of ['dollars', 'US', '']) {
      const r = await runCli(['import', file, '--currency', v, '--data-dir', dir], {});
      expect([r.code, r.out]).toEqual([1, '']);
      expect(r.err).toMatch(new RegExp(`^headroom: --currency "${v}" is not a three-letter ISO 4217 code such as USD, EUR or GBP\\.\\n\\nUsage: headroom import `));
    }
    const cloud = await runCli(['source', 'add', 'azure', '--name', 'a', '--scope', '/subscriptions/x', '--cloud', 'mars', '--data-dir', dir], {});
    expect([cloud.code, cloud.out]).toEqual([1, '']);
    expect(cloud.err).toMatch(/^headroom: --cloud "mars" must be public, china or usgov\.\n\nUsage:\n {2}headroom source add aws/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a good value reaches the store: --currency in any case, --cloud as given', async () => {
    const dir = join(root, 'data');
    // the koku EA fixture's currency cells say "MC", not an ISO code: --currency usd is what makes it importable
    const imported = await runCli(['import', sharedData('azure', 'exports', 'koku_ea_PascalCase_2020-09.csv'), '--currency', 'usd', '--json', '--data-dir', dir], {});
    expect([imported.code, imported.err]).toEqual([0, '']);
    expect((JSON.parse(imported.out) as { totals: { currency: string }[] }).totals.map((t) => t.currency)).toEqual(['USD']);
    const scope = '/subscriptions/00000000-0000-0000-0000-000000000001';
    const added = await runCli(['source', 'add', 'azure', '--name', 'a', '--scope', scope, '--cloud', 'china', '--json', '--data-dir', dir], {});
    expect([added.code, added.err]).toEqual([0, '']);
    expect((JSON.parse(added.out) as { source: { settings: Record<string, unknown> } }).source.settings).toEqual({ scope, cloud: 'china' });
  });
});
