import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Path inside the shared third-party data folder (`../shared/data` beside the clone, as on the
 * developers' machines and in CI). `HEADROOM_SHARED_DATA` overrides it. Never copy this data in.
 */
export function sharedData(...parts: string[]): string {
  const base = process.env['HEADROOM_SHARED_DATA'] ?? join(repoRoot, '..', 'shared', 'data');
  if (!existsSync(base)) throw new Error(`shared data folder not found at ${base}: set HEADROOM_SHARED_DATA`);
  return join(base, ...parts);
}
