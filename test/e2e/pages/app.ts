import type { Locator, Page } from 'playwright-core';

/** Page model of the app shell: navigation, theme, page readiness. */
export class AppModel {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('nav').waitFor();
  }

  navLink(id: string): Locator {
    return this.page.getByTestId(`nav-${id}`);
  }

  /** Ids of the pages in the navigation, in order. */
  async pageIds(): Promise<string[]> {
    const ids = await this.page.getByTestId('nav').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace(/^nav-/, ''));
  }

  async go(id: string): Promise<void> {
    await this.navLink(id).click();
    await this.page.getByTestId(`page-${id}`).waitFor();
    await this.settled();
  }

  /** Waits until no loading placeholder is left on the page. */
  async settled(timeout = 120_000): Promise<void> {
    await this.page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"], .skeleton').length === 0, undefined, { timeout });
    await this.page.waitForTimeout(150);
  }

  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    const current = await this.page.evaluate(() => document.documentElement.dataset['theme']);
    if (current !== theme) await this.page.getByTestId('theme-toggle').click();
    await this.page.waitForFunction((t) => document.documentElement.dataset['theme'] === t, theme);
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }
}
