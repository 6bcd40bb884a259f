// Opens every page of the app in both themes, saves a screenshot of each under test-results/screenshots/,
// and fails on any console error or page error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, freshDir, haveChromium, launchBrowser, type Served, screenshot, startServe } from './harness';
import { AppModel } from './pages/app';

describe.skipIf(!haveChromium)('every page', () => {
  let served: Served;
  let dir: Awaited<ReturnType<typeof freshDir>>;
  let browser: Browser;

  beforeAll(async () => {
    dir = await freshDir('pages');
    served = await startServe(dir.path);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await dir?.cleanup();
  });

  it('renders each page with its title, in light and dark, without console errors', async () => {
    const app = new AppModel(browser.page);
    await app.open(served.url);
    // The token left the address bar once read.
    expect(browser.page.url()).not.toContain('token=');
    const ids = await app.pageIds();
    expect(ids.slice(0, 2)).toEqual(['overview', 'explore']);
    expect(ids).toContain('sources');
    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      for (const id of ids) {
        await app.go(id);
        const title = (await app.navLink(id).innerText()).split('\n')[0]!.trim();
        expect(await app.heading().textContent()).toBe(title);
        expect(await browser.page.getByTestId('page-crash').count()).toBe(0);
        await screenshot(browser.page, `${id}-${theme}`);
      }
    }
    expect(browser.errors).toEqual([]);
  }, 600_000);

  it('navigates by keyboard: Ctrl+digit opens a page, arrows move along the navigation', async () => {
    const app = new AppModel(browser.page);
    await app.open(served.url);
    await browser.page.keyboard.press('Control+2');
    await browser.page.getByTestId('page-explore').waitFor();
    await app.navLink('explore').focus();
    await browser.page.keyboard.press('ArrowUp');
    await browser.page.keyboard.press('Enter');
    await browser.page.getByTestId('page-overview').waitFor();
    expect(browser.errors).toEqual([]);
  });
});
