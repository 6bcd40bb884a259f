import { Writable } from 'node:stream';
import { main } from '../cli/main';

/** A writable that keeps what was written. */
export function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs the `headroom` CLI in-process with captured output; returns the exit code, stdout and stderr. */
export async function runCli(argv: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, env, signal: new AbortController().signal });
  return { code, out: out.text(), err: err.text() };
}
