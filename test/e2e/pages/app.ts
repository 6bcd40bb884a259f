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

  /**
   * What sticks out of its card sideways (left or right edge past the card's, not inside a
   * scrolling or clipping box), and tables that scroll sideways in their box (columns out of
   * sight): content that does not fit at this window size. One line per element.
   */
  async overflowing(): Promise<string[]> {
    return this.page.evaluate(() => {
      const out: string[] = [];
      for (const card of Array.from(document.querySelectorAll('main .card'))) {
        const c = card.getBoundingClientRect();
        for (const el of Array.from(card.querySelectorAll('*'))) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || (r.right <= c.right + 1 && r.left >= c.left - 1)) continue;
          let inBox = false;
          for (let p = el.parentElement; p && p !== card; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') inBox = true;
          if (inBox) continue;
          const name = card.getAttribute('data-testid') ?? card.querySelector('h2, h3')?.textContent ?? 'card';
          out.push(`${name}: <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${Math.round(Math.max(r.right - c.right, c.left - r.left))} px out: "${(el.textContent ?? '').slice(0, 40)}"`);
        }
      }
      for (const wrap of Array.from(document.querySelectorAll('main .table-wrap'))) {
        if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
        const card = wrap.closest('.card');
        const name = card?.getAttribute('data-testid') ?? card?.querySelector('h2, h3')?.textContent ?? 'table';
        out.push(`${name}: the table scrolls sideways, ${wrap.scrollWidth - wrap.clientWidth} px of columns out of sight`);
      }
      return out;
    });
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }
}
