import type { Page } from 'playwright-core';

/** Page model of Overview. */
export class OverviewModel {
  constructor(readonly page: Page) {}

  /** The "All data" KPI as text (e.g. "$1,234"). */
  async totalText(): Promise<string> {
    return (await this.page.getByTestId('kpi-total-value').textContent()) ?? '';
  }

  /** A KPI's value as text, by its test id (`kpi-total`, `kpi-7d`…). */
  async kpiText(id: string): Promise<string> {
    return (await this.page.getByTestId(`${id}-value`).innerText()).trim();
  }

  /** The Top movers list as shown, top first: name, "previous → current" and the signed change. */
  async movers(): Promise<{ name: string; amounts: string; change: string }[]> {
    await this.page.getByTestId('mover').first().waitFor();
    return this.page.getByTestId('mover').evaluateAll((items) =>
      items.map((li) => ({
        name: li.querySelector('.name')?.textContent?.trim() ?? '',
        amounts: li.querySelector('[data-testid="mover-amounts"]')?.textContent?.trim() ?? '',
        change: li.querySelector('[data-testid="mover-change"]')?.textContent?.trim() ?? '',
      })),
    );
  }

  async isEmpty(): Promise<boolean> {
    return (await this.page.getByTestId('empty').count()) > 0 && (await this.page.getByTestId('kpi-total').count()) === 0;
  }

  async setView(view: 'effective' | 'billed'): Promise<void> {
    await this.page.getByTestId('cost-view').locator(`[data-value="${view}"]`).click();
  }

  async chartPoints(): Promise<number> {
    return Number(await this.page.getByTestId('spend-chart').getAttribute('data-points'));
  }
}
