import type { Download, Page } from 'playwright-core';

/** Page model of Explore. */
export class ExploreModel {
  constructor(readonly page: Page) {}

  async groupBy(dimension: string): Promise<void> {
    await this.page.getByTestId('group-by-select').selectOption(dimension);
  }

  async granularity(g: 'daily' | 'weekly' | 'monthly'): Promise<void> {
    await this.page.getByTestId('granularity').locator(`[data-value="${g}"]`).click();
  }

  async tableRows(): Promise<string[][]> {
    return this.page.getByTestId('explore-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? '')));
  }

  async exportCsv(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('export-csv').click()]);
    return download;
  }
}
