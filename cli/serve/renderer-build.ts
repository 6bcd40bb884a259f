import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'vite';

/** The repository root (holds vite.config.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where `vite build` writes the renderer. */
export const rendererDir = join(repoRoot, 'dist-renderer');

/**
 * Returns the built renderer folder, building it with Vite first when it is missing (a fresh clone
 * runs `headroom serve` without a separate build step). Vite's output goes to `log`, never stdout:
 * stdout carries only the URL line.
 */
export async function ensureRendererBuilt(log: (line: string) => void, force = false): Promise<string> {
  if (!force && existsSync(join(rendererDir, 'index.html'))) return rendererDir;
  log('headroom: building the UI (vite build)…');
  const vite = await import('vite');
  await vite.build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', customLogger: quietLogger(vite.createLogger('warn'), log) });
  return rendererDir;
}

function quietLogger(base: Logger, log: (line: string) => void): Logger {
  return { ...base, info: () => {}, warn: (msg) => log(msg), warnOnce: (msg) => log(msg), error: (msg) => log(msg) };
}
