import { isHeadroomError } from '../core/lib';
import { hoistGlobalOptions } from './args';
import type { Command, CommandContext } from './command';
import { commands } from './commands';

function findCommand(argv: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
  let best: { command: Command; rest: readonly string[] } | undefined;
  for (const c of commands) {
    if (c.words.length <= argv.length && c.words.every((w, i) => argv[i] === w)) {
      if (!best || c.words.length > best.command.words.length) best = { command: c, rest: argv.slice(c.words.length) };
    }
  }
  return best;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.words.join(' ').length), 8);
  const lines = commands.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    'headroom — cloud cost & capacity planner',
    '',
    'Usage: headroom <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global: --data-dir DIR (or HEADROOM_DATA_DIR) chooses the data folder;',
    '        --memory-limit SIZE (or HEADROOM_MEMORY_LIMIT) the memory the database may use',
    '        (e.g. 512MB, 2GB, 1.5GiB; at least 128MB; default 768MB).',
    'Exit codes: 0 ok, 1 a problem with your input (message on stderr), 2 an internal error.',
    '',
  ].join('\n');
}

/** Runs the CLI; returns the exit code. 0 ok, 1 user error, 2 internal error. */
export async function main(rawArgv: readonly string[], io: Partial<Pick<CommandContext, 'stdout' | 'stderr' | 'env' | 'signal'>> = {}): Promise<number> {
  const argv = hoistGlobalOptions(rawArgv);
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    const target = argv[0] === 'help' && argv.length > 1 ? findCommand(argv.slice(1)) : undefined;
    stdout.write(target ? `${target.command.usage}\n` : help());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    stderr.write(`headroom: unknown command "${argv.join(' ')}". Run "headroom help" for the list.\n`);
    return 1;
  }
  let signal = io.signal;
  let cleanup = (): void => {};
  if (!signal) {
    const ac = new AbortController();
    const onSig = (): void => ac.abort(new Error('interrupted'));
    process.once('SIGINT', onSig);
    process.once('SIGTERM', onSig);
    cleanup = () => {
      process.off('SIGINT', onSig);
      process.off('SIGTERM', onSig);
    };
    signal = ac.signal;
  }
  try {
    return await found.command.run({ argv: found.rest, stdout, stderr, env, signal });
  } catch (e) {
    if (isHeadroomError(e)) {
      stderr.write(`headroom: ${e.message}\n`);
      return 1;
    }
    stderr.write(`headroom: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\nPlease report this with the command you ran.\n`);
    return 2;
  } finally {
    cleanup();
  }
}
