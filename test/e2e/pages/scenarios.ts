import type { Locator, Page } from 'playwright-core';

/** Page model of Scenarios. */
export class ScenariosModel {
  constructor(readonly page: Page) {}

  async startNew(): Promise<void> {
    await this.page.getByTestId('new-scenario').first().click();
    await this.page.getByTestId('scenario-form').waitFor();
  }

  async fillName(name: string): Promise<void> {
    await this.page.getByTestId('scenario-name').fill(name);
  }

  driver(i: number): Locator {
    return this.page.getByTestId('driver-row').nth(i);
  }

  async setDriver(i: number, d: { kind?: string; value?: string; from?: string }): Promise<void> {
    const row = this.driver(i);
    if (d.kind) await row.getByTestId('driver-kind').selectOption(d.kind);
    if (d.value !== undefined) await row.getByTestId('driver-value').fill(d.value);
    if (d.from !== undefined) await row.getByTestId('driver-from').fill(d.from);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('save-scenario').click();
  }

  /** The comparison's totals row of a scenario. */
  total(name: string): Locator {
    return this.page.locator(`[data-testid="scenario-total"][data-name="${name}"]`);
  }

  async chartSeries(): Promise<string[]> {
    return ((await this.page.getByTestId('scenario-chart').getAttribute('data-series')) ?? '').split('|');
  }
}
