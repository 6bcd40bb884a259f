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

  /** Waits until no loading placeholder or refreshing (aria-busy) figures are left on the page. */
  async settled(timeout = 120_000): Promise<void> {
    await this.page.waitForFunction(() => document.querySelectorAll('[data-testid="loading"], .skeleton, [aria-busy="true"]').length === 0, undefined, { timeout });
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
      for (const wrap of Array.from(document.querySelectorAll('main *'))) {
        if (!['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX) || wrap.scrollWidth <= wrap.clientWidth + 1) continue;
        const card = wrap.closest('.card');
        const name = card?.getAttribute('data-testid') ?? card?.querySelector('h2, h3')?.textContent ?? 'table';
        out.push(`${name}: the table scrolls sideways, ${wrap.scrollWidth - wrap.clientWidth} px of columns out of sight`);
      }
      return out;
    });
  }

  /**
   * Text in the main pane whose colour stands off its background by less than WCAG 2's AA ratio
   * (4.5:1, 3:1 for large text), with the element's opacity and translucent backgrounds composited
   * as Chromium computed them. One line per class, size and ratio.
   */
  async lowContrastText(): Promise<string[]> {
    return this.page.evaluate(() => {
      const parse = (c: string): number[] | null => {
        const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(c);
        return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
      };
      const lum = (c: readonly number[]): number => {
        const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const background = (el: Element): number[] => {
        const layers: number[][] = [];
        for (let e: Element | null = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c[3]! > 0) {
            layers.push(c);
            if (c[3]! >= 1) break;
          }
        }
        let base = [255, 255, 255];
        for (const l of layers.reverse()) base = base.map((v, i) => l[3]! * l[i]! + (1 - l[3]!) * v);
        return base;
      };
      const out = new Set<string>();
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!text || !el || el.closest('svg, [disabled]')) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || el.getBoundingClientRect().width === 0) continue;
        let opacity = 1;
        for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
        const fg = parse(cs.color)!;
        const bg = background(el);
        const a = fg[3]! * opacity;
        const f = fg.slice(0, 3).map((v, i) => a * v + (1 - a) * bg[i]!);
        const [hi, lo] = [lum(f), lum(bg)].sort((x, y) => y - x) as [number, number];
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(cs.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) out.add(`"${text.slice(0, 30)}" (${el.className || el.tagName}, ${cs.fontSize}): ${ratio.toFixed(2)}:1`);
      }
      return [...out];
    });
  }

  heading(): Locator {
    return this.page.locator('main h1');
  }
}
