// Runs a forecast from the Forecast page on the demo dataset and checks the fan and the model card
// against the service's own answer for the same request.
import { describe, expect, it } from 'vitest';
import { addDays, COST_TRAINING_DAYS, parseDay } from '../../core/api';
import { apiCall } from './api';
import { appPerSpec, haveChromium, screenshot } from './harness';
import { AppModel } from './pages/app';
import { ForecastModel } from './pages/forecast';

describe.skipIf(!haveChromium)('forecast page', () => {
  const spec = appPerSpec('forecast');

  it('runs an ETS forecast of total spend and shows the 80/95 fan and the model card', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    if (!(await app.pageIds()).includes('forecast')) throw new Error('the Forecast page is missing although forecast.series is in the contract');
    await app.go('forecast');
    const page = new ForecastModel(spec.browser.page);
    await page.choose({ model: 'ets', horizon: 90 });
    await page.run();
    expect(await page.forecastDays()).toBe(90);
    expect(await page.bandPaths()).toBeGreaterThanOrEqual(2);

    // The card shows the spec the service chose for the same request (independent call over the API).
    const summary = await apiCall(spec.served, 'summary', {});
    // The page trains on the window every cost forecast uses, never before the data's first day.
    const earliest = addDays(summary.period!.end, -COST_TRAINING_DAYS);
    const from = earliest > summary.period!.start ? earliest : summary.period!.start;
    const body = await apiCall(spec.served, 'forecast.series', { horizon: 90, model: 'ets', view: 'effective', levels: [0.8, 0.95], backtest: true, from: parseDay(from) });
    const fc = body.series[0]!.forecast!;
    const card = fc.card;
    expect(await page.modelSpec()).toBe(`${card.spec} (${card.family})`);
    // The backtest's mean absolute error is an amount of the series' currency (a day's cost), written as money.
    const currency = body.series[0]!.currency;
    const maeDigits = Math.abs(card.backtest!.mae) >= 10_000 ? 0 : 2;
    expect(await spec.browser.page.getByTestId('backtest-mae').innerText()).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: maeDigits, maximumFractionDigits: maeDigits }).format(card.backtest!.mae));
    // The composition card: one row per part, the service's notes, and usage + recurring = the forecast.
    expect(fc.basis.usage.forecast_total + fc.basis.recurring.projected_total).toBeCloseTo(fc.mean.reduce((a, b) => a + b, 0), 2);
    expect(await spec.browser.page.locator('[data-testid="basis-table"] tbody tr').count()).toBe(4);
    expect(await spec.browser.page.locator('[data-testid="basis-notes"] li').count()).toBe(fc.basis.notes.length);
    // The calendar effects table lists the service's days (none when no holiday falls in the horizon).
    const calendarDays = spec.browser.page.locator('[data-testid="basis-calendar-day"]');
    expect(await calendarDays.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-day')))).toEqual(fc.basis.calendar.effects.map((e) => e.day));
    // The same history as a budget's forecast (budgets.status, computed by the service on its own):
    // the Forecast page, budgets and reports train on one window, so their figures agree.
    await apiCall(spec.served, 'budgets.add', { budget: { name: 'Window check', amount: 1_000_000, period: 'month', currency: 'USD', scope: [] } });
    const budget = (await apiCall(spec.served, 'budgets.status', { name: 'Window check', paths: 100 })).budgets[0]!;
    const day = (d: string): string => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(`${d}T00:00:00Z`));
    const header = await spec.browser.page.locator('[data-testid="basis-table"] thead th').nth(1).innerText();
    expect(header).toBe(`History ${day(budget.basis!.history.from)} – ${day(addDays(budget.basis!.history.to, -1))}`);
    await screenshot(spec.browser.page, 'forecast-run-light');
    expect(spec.browser.errors).toEqual([]);
  }, 400_000);
});
