import type { Page } from 'playwright-core';

/** Page model of Overview. */
export class OverviewModel {
  constructor(readonly page: Page) {}

  /** The "All data" KPI as text (e.g. "$1,234"). */
  async totalText(): Promise<string> {
    return (await this.page.getByTestId('kpi-total-value').textContent()) ?? '';
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
