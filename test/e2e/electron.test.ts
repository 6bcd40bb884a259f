// Desktop smoke test through Playwright's Electron driver. It runs where Electron's binary is
// installed (npm ci with internet access) and is skipped, saying why, where it is not.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../electron/build';
import { repoRoot } from '../shared-data';
import { freshDir } from './harness';

function electronBinary(): string | undefined {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'path.txt'))) return undefined;
  const exe = join(pkg, 'dist', readFileSync(join(pkg, 'path.txt'), 'utf8').trim());
  return existsSync(exe) ? exe : undefined;
}

const exe = electronBinary();
const title = exe ? 'desktop app (Electron)' : 'desktop app (SKIPPED: no Electron binary in node_modules/electron/dist — npm ci could not download it on this offline machine)';

describe.skipIf(!exe)(title, () => {
  it('opens a hardened window on Overview and talks to the worker', async () => {
    await buildElectron();
    const dir = await freshDir('electron');
    const app = await _electron.launch({ executablePath: exe!, args: [repoRoot, '--no-sandbox'], env: { ...process.env, HEADROOM_DATA_DIR: dir.path } });
    try {
      const win = await app.firstWindow();
      await win.getByTestId('nav').waitFor();
      expect(await win.locator('main h1').textContent()).toBe('Overview');
      // The renderer has the named preload API and no Node.
      expect(await win.evaluate(() => Object.keys((window as unknown as { headroom: object }).headroom).sort())).toEqual(['cancel', 'onProgress', 'openExternal', 'openFiles', 'pathForFile', 'secrets', 'send']);
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      // window.open is denied.
      await win.evaluate(() => window.open('https://example.com/'));
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      await dir.cleanup();
    }
  });
});
