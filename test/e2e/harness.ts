/**
 * E2E harness: `headroom serve` as a child process on a fresh data dir, and Debian's Chromium
 * driven by playwright-core with a fresh profile. Every page records console errors and page
 * errors so specs can fail on them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot } from '../shared-data';

export const CHROMIUM = process.env['HEADROOM_CHROMIUM'] ?? '/usr/bin/chromium';
export const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');

export interface Served {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly dataDir: string;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/** A fresh temp folder, removed by `cleanup`. */
export async function freshDir(prefix: string): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `headroom-e2e-${prefix}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Starts `headroom serve --data-dir DIR` and waits for its one-line URL. */
export async function startServe(dataDir: string, extraArgs: readonly string[] = []): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin', 'headroom.js'), 'serve', '--data-dir', dataDir, ...extraArgs], {
    cwd: repoRoot,
    env: { ...process.env, HEADROOM_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headroom serve printed no URL within 90 s. stderr:\n${err}`)), 90_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`headroom serve exited with ${code}. stderr:\n${err}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.hash.replace(/^#token=/, ''),
    dataDir,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** console.error messages and uncaught page errors seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Whether the e2e browser exists here (CI installs Debian's chromium). */
export const haveChromium = existsSync(CHROMIUM);

export async function launchBrowser(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  const profile = await freshDir('profile');
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1360, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watch = (p: Page): void => {
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await profile.cleanup();
    },
  };
}

/** Saves a screenshot of the whole page (the main pane scrolls, so the viewport grows to fit it). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  const size = page.viewportSize() ?? { width: 1360, height: 900 };
  const height = await page.evaluate(() => Math.max(document.querySelector('main')?.scrollHeight ?? 0, window.innerHeight));
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 4000) });
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(size);
  return path;
}

/** What `appPerSpec` sets up; read its fields inside tests and hooks (they exist once beforeAll ran). */
export interface SpecApp {
  readonly served: Served;
  readonly browser: Browser;
}

/**
 * One spec's app: a fresh data dir, `headroom serve` on it (the demo loads on the empty folder)
 * and a fresh browser, set up in the spec's beforeAll and torn down in its afterAll. Call it at
 * the top of a describe block.
 */
export function appPerSpec(name: string): SpecApp {
  let served: Served | undefined;
  let dir: Awaited<ReturnType<typeof freshDir>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dir = await freshDir(name);
    served = await startServe(dir.path);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await dir?.cleanup();
  });
  const ready = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is read before the spec's beforeAll ran (or it failed)`);
    return v;
  };
  return {
    get served() { return ready(served, 'served'); },
    get browser() { return ready(browser, 'browser'); },
  };
}
