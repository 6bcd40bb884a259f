#!/usr/bin/env node
// `npm start`: builds the UI and opens the desktop app. Where Electron's binary is not installed
// (an offline machine: `npm ci` could not download it), says so in one line and starts browser
// mode (`headroom serve`) instead, printing the URL to open. Either way, the first run on an empty
// data folder loads the demo dataset.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register();

/** The Electron executable, found without require('electron') (which would try to download it). */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const exe = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : undefined;
}

const log = (line) => process.stderr.write(`${line}\n`);
const { ensureRendererBuilt } = await import('../cli/serve/renderer-build.ts');
await ensureRendererBuilt(log, true);

const exe = electronBinary();
if (exe) {
  const { buildElectron } = await import('../electron/build.ts');
  await buildElectron();
  const child = spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => (process.exitCode = code ?? 0));
} else {
  log('Electron is not installed here (its binary is downloaded by `npm ci` with internet access), so Headroom starts in browser mode: open the URL below.');
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(['serve', ...process.argv.slice(2)]);
}
