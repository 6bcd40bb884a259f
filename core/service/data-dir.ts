/**
 * Where Headroom keeps its data: `--data-dir`, else `HEADROOM_DATA_DIR`, else the folder Electron's
 * `app.getPath('userData')` gives for the product name "Headroom":
 *   Linux   $XDG_CONFIG_HOME/Headroom, default ~/.config/Headroom
 *   macOS   ~/Library/Application Support/Headroom
 *   Windows %APPDATA%\Headroom (default <home>\AppData\Roaming\Headroom)
 */
import { posix, win32 } from 'node:path';

export const PRODUCT_NAME = 'Headroom';

export interface DataDirInputs {
  /** The `--data-dir` flag, if given. */
  readonly flag?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
  /** Relative flag/env paths resolve against this (default process.cwd()). */
  readonly cwd?: string;
}

export function resolveDataDir(i: DataDirInputs): string {
  const path = i.platform === 'win32' ? win32 : posix;
  const cwd = i.cwd ?? process.cwd();
  const explicit = nonEmpty(i.flag) ?? nonEmpty(i.env['HEADROOM_DATA_DIR']);
  if (explicit !== undefined) return path.resolve(cwd, expandHome(explicit, i.homedir, path));
  switch (i.platform) {
    case 'win32':
      return path.join(nonEmpty(i.env['APPDATA']) ?? path.join(i.homedir, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(i.homedir, 'Library', 'Application Support', PRODUCT_NAME);
    default: {
      const xdg = nonEmpty(i.env['XDG_CONFIG_HOME']);
      return path.join(xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(i.homedir, '.config'), PRODUCT_NAME);
    }
  }
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}

/** `~/x` → `<home>/x` (shells expand it, but not inside `--data-dir=~/x` or an env file). */
function expandHome(p: string, home: string, path: typeof posix): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}
