import type { Writable } from 'node:stream';

/** What a command gets: its arguments (after the command words) and where to write. */
export interface CommandContext {
  readonly argv: readonly string[];
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: long commands stop cleanly and leave the store as it was. */
  readonly signal: AbortSignal;
}

/** One CLI command. `words` is the command path (`['pool', 'add']`). Returns the exit code. */
export interface Command {
  readonly words: readonly string[];
  readonly summary: string;
  /** Usage lines shown by `headroom help <command>` and on a usage error. */
  readonly usage: string;
  run(ctx: CommandContext): Promise<number>;
}
