import type { Locator, Page } from 'playwright-core';

/** Page model of Budgets. */
export class BudgetsModel {
  constructor(readonly page: Page) {}

  async add(b: { name: string; amount: number; period?: 'month' | 'quarter' | 'year' }): Promise<void> {
    await this.page.getByTestId('add-budget').first().click();
    const form = this.page.getByTestId('budget-form');
    await form.getByLabel('Name').fill(b.name);
    await form.getByLabel('Amount').fill(String(b.amount));
    if (b.period) await form.getByLabel('Period').selectOption(b.period);
    await form.getByRole('button', { name: 'Save budget' }).click();
  }

  card(name: string): Locator {
    return this.page.getByTestId(`budget-${name}`);
  }
}
