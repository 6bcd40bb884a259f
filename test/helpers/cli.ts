import { main } from '../../cli/main';
import { sink } from '../cli-harness';

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env, signal = new AbortController().signal): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, env, signal });
  return { code, out: out.text(), err: err.text() };
}
