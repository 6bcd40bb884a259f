import { Writable } from 'node:stream';
import { main } from '../../cli/main';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env, signal = new AbortController().signal): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, env, signal });
  return { code, out: out.text(), err: err.text() };
}
