// Budgets page on the demo dataset: a budget added through the form comes back from the service
// with its probability of going over, and the burn chart draws the actual and the forecast band.
import { describe, expect, it } from 'vitest';
import { apiCall, percent, usdWhole } from './api';
import { appPerSpec, haveChromium, screenshot } from './harness';
import { AppModel } from './pages/app';
import { BudgetsModel } from './pages/budgets';

describe.skipIf(!haveChromium)('budgets page', () => {
  const spec = appPerSpec('budgets');

  it('adds a monthly budget and shows its chance of going over and its burn chart', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('budgets');
    const page = new BudgetsModel(spec.browser.page);
    // A budget near the month's expected total, so the chance is neither 0 nor 1 for certain.
    const mtd = await apiCall(spec.served, 'summary', {});
    const end = mtd.period!.end;
    const month = await apiCall(spec.served, 'summary', { from: `${end.slice(0, 7)}-01` as never, to: end });
    const spent = month.totals.find((t) => t.currency === 'USD')!.effective_cost;
    const daysSeen = Number(end.slice(8, 10)) - 1;
    const amount = Math.round((spent / Math.max(1, daysSeen)) * 30);
    await page.add({ name: 'Cloud month', amount, period: 'month' });
    const card = page.card('Cloud month');
    await card.getByTestId('burn-chart').waitFor({ timeout: 300_000 });
    await app.settled();

    const status = await apiCall(spec.served, 'budgets.status', { name: 'Cloud month' });
    const b = status.budgets[0]!;
    expect(b.amount).toBe(amount);
    expect(await card.getByTestId('budget-probability').innerText()).toBe(`${percent(b.probability_over)} chance over`);
    expect(await card.getByTestId('budget-forecast').innerText()).toContain(`P10 ${usdWhole(b.forecast.p10)} – P90 ${usdWhole(b.forecast.p90)}`);
    // The burn chart: one point per day of the month (actual days + forecast days), the band drawn.
    const chart = card.getByTestId('burn-chart');
    expect(Number(await chart.getAttribute('data-days'))).toBe(b.burn.actual.length + b.burn.p50.length);
    expect(Number(await chart.getAttribute('data-forecast-days'))).toBe(b.burn.p50.length);
    expect(b.burn.actual.length + b.burn.p50.length).toBe(new Date(Date.UTC(Number(b.period_start.slice(0, 4)), Number(b.period_start.slice(5, 7)), 0)).getUTCDate());
    expect(await chart.locator('.burn-band path').count()).toBeGreaterThan(0);
    expect(await chart.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(1);

    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      await screenshot(spec.browser.page, `budgets-added-${theme}`);
    }
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);

  it('offers the scope values that have spend, so a scoped budget needs no guessing', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('budgets');
    await spec.browser.page.getByTestId('add-budget').first().click();
    const form = spec.browser.page.getByTestId('budget-form');
    await form.getByLabel('Scope').selectOption('service');
    const byService = await apiCall(spec.served, 'summary', { by: ['service'] });
    const expected = [...new Set(byService.groups.filter((g) => g.currency === 'USD').map((g) => g.group['service'] ?? '').filter((v) => v !== ''))].sort();
    expect(expected.length).toBeGreaterThan(5);
    const list = form.getByTestId('budget-scope-values');
    await expect.poll(() => list.locator('option').count(), { timeout: 60_000 }).toBe(expected.length);
    expect(await list.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(expected);
    // The input is tied to the list (the browser's suggestions).
    expect(await form.getByTestId('budget-scope-value').getAttribute('list')).toBe(await list.getAttribute('id'));
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(spec.browser.errors).toEqual([]);
  }, 300_000);
});
