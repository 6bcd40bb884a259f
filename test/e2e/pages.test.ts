// Opens every page of the app in both themes, saves a screenshot of each under test-results/screenshots/,
// and fails on any console error or page error.
import { describe, expect, it } from 'vitest';
import { appPerSpec, haveChromium, screenshot } from './harness';
import { AppModel } from './pages/app';

describe.skipIf(!haveChromium)('every page', () => {
  const spec = appPerSpec('pages');

  it('renders each page with its title, in light and dark, without console errors', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    // The token left the address bar once read.
    expect(spec.browser.page.url()).not.toContain('token=');
    const ids = await app.pageIds();
    expect(ids.slice(0, 2)).toEqual(['overview', 'explore']);
    expect(ids).toContain('sources');
    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      for (const id of ids) {
        await app.go(id);
        const title = (await app.navLink(id).innerText()).split('\n')[0]!.trim();
        expect(await app.heading().textContent()).toBe(title);
        expect(await spec.browser.page.getByTestId('page-crash').count()).toBe(0);
        // Every text readable: WCAG AA contrast (faint 12 px text was 3.2:1 light, 3.9:1 dark).
        expect(await app.lowContrastText(), `${id} (${theme})`).toEqual([]);
        await screenshot(spec.browser.page, `${id}-${theme}`);
      }
    }
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);

  it('fits every page in a 1280×800 and a 1024×700 window: nothing sticks out of its card, no table scrolls sideways', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    const ids = await app.pageIds();
    const out: string[] = [];
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
      await spec.browser.page.setViewportSize(size);
      for (const id of ids) {
        await app.go(id);
        out.push(...(await app.overflowing()).map((o) => `${size.width}px ${id}: ${o}`));
      }
    }
    await spec.browser.page.setViewportSize({ width: 1360, height: 900 });
    expect(out).toEqual([]);
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);

  it('navigates by keyboard: Ctrl+digit opens a page, arrows move along the navigation', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await spec.browser.page.keyboard.press('Control+2');
    await spec.browser.page.getByTestId('page-explore').waitFor();
    await app.navLink('explore').focus();
    await spec.browser.page.keyboard.press('ArrowUp');
    await spec.browser.page.keyboard.press('Enter');
    await spec.browser.page.getByTestId('page-overview').waitFor();
    expect(spec.browser.errors).toEqual([]);
  });
});
