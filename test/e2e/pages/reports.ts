import type { Download, Frame, Page } from 'playwright-core';

/** Page model of Reports. */
export class ReportsModel {
  constructor(readonly page: Page) {}

  async choose(options: { format?: 'pdf' | 'xlsx' | 'html' | 'csv'; from?: string; horizon?: 30 | 90 | 180 | 365; view?: 'effective' | 'billed'; title?: string }): Promise<void> {
    if (options.format) await this.page.getByTestId('report-format').locator(`[data-value="${options.format}"]`).click();
    if (options.from !== undefined) await this.page.getByTestId('report-from').fill(options.from);
    if (options.horizon) await this.page.getByTestId('report-horizon').locator(`[data-value="${options.horizon}"]`).click();
    if (options.view) await this.page.getByTestId('report-view').locator(`[data-value="${options.view}"]`).click();
    if (options.title !== undefined) await this.page.getByTestId('report-title').fill(options.title);
  }

  /** Builds and waits for the result card of this format. */
  async build(format: string, timeout = 240_000): Promise<void> {
    await this.page.getByTestId('build-report').click();
    await this.page.locator(`[data-testid="report-built"] .badge`, { hasText: format.toUpperCase() }).waitFor({ timeout });
  }

  /** Clicks the download link and returns the browser's download. */
  async download(): Promise<Download> {
    const [dl] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('report-download').click()]);
    return dl;
  }

  async stamp(): Promise<string> {
    return ((await this.page.getByTestId('report-stamp').textContent()) ?? '').trim();
  }

  async fileName(): Promise<string> {
    return ((await this.page.getByTestId('report-file-name').textContent()) ?? '').replace(/\s*\(.*\)\s*$/, '').trim();
  }

  /** The sandboxed preview frame (after it rendered). */
  async previewFrame(): Promise<Frame> {
    const handle = await this.page.getByTestId('report-preview').elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error('no report preview frame');
    await frame.waitForSelector('h1');
    return frame;
  }
}
