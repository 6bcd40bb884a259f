import type { Locator, Page } from 'playwright-core';

/** Page model of Anomalies. */
export class AnomaliesModel {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('anomaly-row');
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="anomaly-row"][data-id="${id}"]`);
  }

  /** Waits for the list (the scan can take a while on a busy machine). */
  async ready(timeout = 180_000): Promise<void> {
    await this.page.getByTestId('anomalies-table').waitFor({ timeout });
    await this.page.waitForFunction(() => document.querySelector('[data-testid="anomalies-page"]')?.getAttribute('data-refreshing') === 'false', undefined, { timeout });
  }

  async ids(): Promise<string[]> {
    return this.rows().evaluateAll((rs) => rs.map((r) => r.getAttribute('data-id') ?? ''));
  }

  labelButton(id: string, label: 'expected' | 'planned' | 'incident'): Locator {
    return this.row(id).getByTestId(`label-${label}`);
  }

  /** "Clear label" on a row (present only while the row has a label). */
  clearButton(id: string): Locator {
    return this.row(id).getByTestId('label-clear');
  }

  /** The label shown pressed on a row, or null. */
  async labelOf(id: string): Promise<string | null> {
    for (const l of ['expected', 'planned', 'incident'] as const) if ((await this.labelButton(id, l).getAttribute('aria-pressed')) === 'true') return l;
    return null;
  }

  /** Opens the holiday editor, adds a window and saves it (the list is scanned again when it is accepted). */
  async addHolidayWindow(name: string, from: string, to: string): Promise<void> {
    if ((await this.page.getByTestId('holidays-form').count()) === 0) await this.page.getByTestId('holidays-edit').click();
    await this.page.getByTestId('holiday-window-add').click();
    const row = this.page.getByTestId('holiday-window-row').last();
    await row.getByTestId('holiday-window-name').fill(name);
    await row.getByTestId('holiday-window-from').fill(from);
    await row.getByTestId('holiday-window-to').fill(to);
    await this.page.getByTestId('holidays-save').click();
  }

  /** Name and first day of each holiday window listed. */
  async holidayOccurrences(): Promise<string[]> {
    return this.page.getByTestId('holiday-occurrence').evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-name') ?? ''}|${r.getAttribute('data-start') ?? ''}`));
  }

  async setSeverity(value: 'all' | 'medium' | 'high'): Promise<void> {
    await this.page.getByTestId('anomalies-severity').locator(`[data-value="${value}"]`).click();
  }

  async setSince(day: string): Promise<void> {
    await this.page.getByTestId('anomalies-since').fill(day);
    await this.ready();
  }
}
