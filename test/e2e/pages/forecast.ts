import type { Locator, Page } from 'playwright-core';

/** Page model of Forecast. */
export class ForecastModel {
  constructor(readonly page: Page) {}

  async choose(options: { model?: string; horizon?: 30 | 90 | 180 | 365 }): Promise<void> {
    if (options.model) await this.page.getByTestId('forecast-model').selectOption(options.model);
    if (options.horizon) await this.page.getByTestId('forecast-horizon').locator(`[data-value="${options.horizon}"]`).click();
  }

  async run(timeout = 240_000): Promise<void> {
    await this.page.getByTestId('run-forecast').click();
    await this.page.getByTestId('model-card').waitFor({ timeout });
  }

  /** Forecast days drawn, from the chart's data attribute. */
  async forecastDays(): Promise<number> {
    return Number(await this.page.getByTestId('fan-chart').getAttribute('data-forecast'));
  }

  async bandPaths(): Promise<number> {
    return this.page.locator('[data-testid="fan-chart"] .fan-band-80 path, [data-testid="fan-chart"] .fan-band-95 path').count();
  }

  async modelSpec(): Promise<string> {
    return ((await this.page.getByTestId('model-spec').textContent()) ?? '').trim();
  }

  /** Days of the provider's forecast drawn on the fan chart (0 = no overlay). */
  async overlayDays(): Promise<number> {
    return Number(await this.page.getByTestId('fan-chart').getAttribute('data-overlay'));
  }

  /** The overlay's drawn line (recharts renders one path per line). */
  async overlayPaths(): Promise<number> {
    return this.page.locator('[data-testid="fan-chart"] .fan-overlay path').count();
  }

  providerNote(): Locator {
    return this.page.getByTestId('provider-forecast');
  }

  /** Backtest windows on the backtest chart. */
  async backtestWindows(): Promise<number> {
    return Number(await this.page.getByTestId('backtest-chart').getAttribute('data-windows'));
  }

  async backtestRowsInTable(): Promise<number> {
    return this.page.locator('[data-testid="backtest-windows"] tbody tr').count();
  }
}
