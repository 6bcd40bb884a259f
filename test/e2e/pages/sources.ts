import type { Page } from 'playwright-core';

/** Page model of Sources. */
export class SourcesModel {
  constructor(readonly page: Page) {}

  /** Imports files through the file picker (the hidden <input type=file> behind "Choose files…"). */
  async importFiles(paths: readonly string[]): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles([...paths]);
    await this.page.getByTestId('import-results').waitFor({ timeout: 60_000 });
  }

  /** Ticks or clears "The files are the parts of one export". */
  async setParts(on: boolean): Promise<void> {
    await this.page.getByTestId('import-parts').setChecked(on);
  }

  async importResultRows(): Promise<string[][]> {
    return this.page.getByTestId('import-results').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  }

  async coverageRows(): Promise<string[][]> {
    return this.page.getByTestId('coverage-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  }
}
