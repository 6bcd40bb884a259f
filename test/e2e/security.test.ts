// Security specs for browser mode: the session token, Host/Origin checks, and links that never navigate the app.
import { createServer, request, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Browser, freshDir, haveChromium, launchBrowser, type Served, startServe } from './harness';
import { AppModel } from './pages/app';

let served: Served;
let dir: Awaited<ReturnType<typeof freshDir>>;
let browser: Browser | undefined;

beforeEach(async () => {
  dir = await freshDir('security');
  served = await startServe(dir.path, ['--no-demo']);
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await served.stop();
  await dir.cleanup();
});

function raw(path: string, headers: Record<string, string>, body = '{}'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: served.port, path, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-mode security', () => {
  it('prints exactly one line: the loopback URL with the session token', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers an API call without the token with 401, and with it 200', async () => {
    const host = `127.0.0.1:${served.port}`;
    expect(await raw('/api/call/sources.list', { Host: host })).toBe(401);
    expect(await raw('/api/call/sources.list', { Host: host, Authorization: 'Bearer not-the-token' })).toBe(401);
    expect(await raw('/api/call/sources.list', { Host: host, Authorization: `Bearer ${served.token}` })).toBe(200);
  });

  it('refuses a foreign Origin or Host even with the token', async () => {
    const auth = { Authorization: `Bearer ${served.token}` };
    expect(await raw('/api/call/sources.list', { ...auth, Host: `127.0.0.1:${served.port}`, Origin: 'https://evil.example' })).toBe(403);
    expect(await raw('/api/call/sources.list', { ...auth, Host: `evil.example:${served.port}` })).toBe(403);
    expect(await raw('/api/call/sources.list', { ...auth, Host: `127.0.0.1:${served.port}`, Origin: `http://127.0.0.1:${served.port}` })).toBe(200);
  });

  it.skipIf(!haveChromium)('a page on another origin cannot call the API, even knowing the token', async () => {
    // The attacker's page lives on another loopback port (a different origin).
    const attacker: Server = createServer((_req, res) => res.end('<!doctype html><title>attacker</title>'));
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
    const attackerPort = (attacker.address() as { port: number }).port;
    try {
      browser = await launchBrowser();
      await browser.page.goto(`http://127.0.0.1:${attackerPort}/`);
      const result = await browser.page.evaluate(
        async ({ port, token }) => {
          const out: string[] = [];
          try {
            const r = await fetch(`http://127.0.0.1:${port}/api/call/sources.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
            out.push(`cors:${r.status}`);
          } catch {
            out.push('cors:blocked');
          }
          try {
            const simple = await fetch(`http://127.0.0.1:${port}/api/call/sources.list`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
            out.push(`simple:${simple.type}`);
          } catch {
            out.push('simple:blocked');
          }
          return out;
        },
        { port: served.port, token: served.token },
      );
      // Chromium blocks both before they reach the server (CORS preflight refused with 403; the
      // no-cors request by Private Network Access); were one to get through, its foreign Origin gets 403.
      expect(result).toEqual(['cors:blocked', 'simple:blocked']);
    } finally {
      attacker.closeAllConnections();
      await new Promise<void>((r) => attacker.close(() => r()));
    }
  });

  it.skipIf(!haveChromium)('an external link never navigates the app', async () => {
    browser = await launchBrowser();
    // No traffic leaves this machine: requests to anything but the app are aborted.
    await browser.context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const app = new AppModel(browser.page);
    await app.open(served.url);
    await app.go('sources');
    const before = browser.page.url();
    await browser.page.getByTestId('focus-link').click();
    // A link injected into the page (as imported text could be) is intercepted too.
    await browser.page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://evil.example/phish';
      a.id = 'injected';
      a.textContent = 'x';
      document.querySelector('main')!.append(a);
    });
    await browser.page.click('#injected');
    await browser.page.waitForTimeout(300);
    expect(browser.page.url()).toBe(before);
    expect(new URL(browser.page.url()).origin).toBe(served.origin);
    await expect(app.heading().textContent()).resolves.toBe('Sources');
    browser.errors.splice(0, browser.errors.length, ...browser.errors.filter((e) => !/ERR_FAILED|net::/.test(e)));
    expect(browser.errors).toEqual([]);
  });
});
