// Scenarios and Anomalies pages on a store billed in several currencies, as a company with three
// clouds and a Canadian subsidiary has it: the demo company with AWS billed in yen and Google Cloud
// in euros (a tenth of the demo's amounts: a smaller European bill), Azure in dollars, plus the real
// anonymised Azure EA export billed in Canadian dollars from ../shared/data. Amounts of one currency
// are never drawn on another's axis, labelled in another's symbol or formatted at another's scale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, COST_TRAINING_DAYS, type Day, type Res } from '../../core/api';
import { sharedData } from '../shared-data';
import { apiCall } from './api';
import { seedDemoInCurrencies } from './demo-currencies';
import { freshDir, haveChromium, launchBrowser, startServe, type Browser, type Served } from './harness';
import { AnomaliesModel } from './pages/anomalies';
import { AppModel } from './pages/app';
import { ForecastModel } from './pages/forecast';
import { ReportsModel } from './pages/reports';

/** Billing currency and the factor on the demo's amounts, per provider (Azure stays in dollars). */
const BILLING: Record<string, readonly [string, number]> = { AWS: ['JPY', 1], 'Google Cloud': ['EUR', 0.1] };
/** ISO 4217 minor units. */
const MINOR: Record<string, number> = { JPY: 0, EUR: 2, USD: 2, CAD: 2 };
/** Money as the page writes it (en-US): whole units once the figures shown with it reach 10,000, the minor unit below. */
const money = (v: number, currency: string, scale: number): string => {
  const digits = Math.max(Math.abs(v), scale) >= 10_000 ? 0 : MINOR[currency]!;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
};
const symbol = (currency: string): string => new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(1).find((p) => p.type === 'currency')!.value;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&');

describe.skipIf(!haveChromium)('a store billed in several currencies', () => {
  let dir: Awaited<ReturnType<typeof freshDir>> | undefined;
  let served: Served | undefined;
  let browser: Browser | undefined;
  let imported: Res<'import.files'> | undefined;
  beforeAll(async () => {
    dir = await freshDir('currencies');
    await seedDemoInCurrencies(dir.path, '2026-11-26' as Day, BILLING);
    served = await startServe(dir.path);
    // The Canadian subsidiary's real export, imported as a user would: one day of September 2023, before
    // the three years of history that forecasts train on, so its baseline is zero.
    imported = await apiCall(served, 'import.files', { paths: [sharedData('azure', 'exports', 'focus-converters_sample-anonymous-ea-export-dataset.csv')] });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await dir?.cleanup();
  });

  it("draws each currency's scenarios on their own chart with only that currency's budgets, in the table's colours and formats", async () => {
    expect(imported!.results[0]!.totals.map((t) => t.currency)).toEqual(['CAD']);
    for (const [name, currency, amount] of [['all-usd', 'USD', 20_000], ['all-eur', 'EUR', 4_000], ['cad', 'CAD', 5]] as const) {
      await apiCall(served!, 'budgets.add', { budget: { name, currency, amount, period: 'month', scope: [] } });
    }
    await apiCall(served!, 'budgets.add', { budget: { name: 'eur-q', currency: 'EUR', amount: 12_000, period: 'quarter', scope: [] } });
    for (const [name, currency, driver] of [['cad-x', 'CAD', 'growth:rate=0.2,from=2027-01-01'], ['eur-migration', 'EUR', 'step:factor=0.7,from=2027-03-01'], ['usd-growth', 'USD', 'growth:rate=0.2,from=2027-01-01']] as const) {
      await apiCall(served!, 'scenarios.add', { scenario: { name, currency, scope: [], drivers: [driver] } });
    }

    const page = browser!.page;
    const app = new AppModel(page);
    await app.open(served!.url);
    await app.go('scenarios');
    const names = (await apiCall(served!, 'scenarios.list', {})).scenarios.map((s) => s.name);
    expect(names).toEqual(['cad-x', 'eur-migration', 'usd-growth']);
    await page.locator('[data-testid="scenario-total"]').nth(2).waitFor({ timeout: 300_000 });
    await app.settled();
    const cmp = await apiCall(served!, 'scenarios.compare', { names });
    expect(cmp.scenarios.map((s) => s.currency)).toEqual(['CAD', 'EUR', 'USD']);

    // One chart per currency; on each, only the monthly budgets matched to its own scenarios, written in its own currency.
    const charts = page.getByTestId('scenario-chart');
    expect(await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-currency')))).toEqual(['CAD', 'EUR', 'USD']);
    for (const [i, s] of cmp.scenarios.entries()) {
      const chart = charts.nth(i);
      const monthly = s.budgets.filter((b) => b.period === 'month').map((b) => b.name);
      expect(monthly).toEqual([{ CAD: 'cad', EUR: 'all-eur', USD: 'all-usd' }[s.currency]]);
      const labels = await chart.locator('.chart-ref-label').allTextContents();
      expect(labels.map((l) => l.split(' ')[0]), s.currency).toEqual(monthly);
      for (const l of labels) expect(l, s.currency).toMatch(new RegExp(`^\\S+ ${escape(symbol(s.currency))}[\\d,.]+$`));
      // The scenario's line is drawn in its row's swatch colour.
      const line = await chart.locator('.scenario-line.scenario .recharts-line-curve').evaluate((p) => getComputedStyle(p).stroke);
      const swatch = await page.locator(`[data-testid="scenario-total"][data-name="${s.name}"] .swatch`).evaluate((e) => getComputedStyle(e).backgroundColor);
      expect(line, s.name).toBe(swatch);
    }

    // The totals: each currency at its own scale (the Canadian zeros keep their cents), and no ratio to a zero baseline.
    for (const s of cmp.scenarios) {
      const scale = Math.max(...cmp.scenarios.filter((x) => x.currency === s.currency).flatMap((x) => [x.total.baseline.p90, x.total.scenario.p90].map(Math.abs)));
      const row = page.locator(`[data-testid="scenario-total"][data-name="${s.name}"]`);
      expect(await row.getByTestId('scenario-p50').innerText(), s.name).toContain(money(s.total.scenario.p50, s.currency, scale));
    }
    const cad = cmp.scenarios.find((s) => s.currency === 'CAD')!;
    expect(cad.total.baseline.p50).toBe(0);
    expect(await page.locator('[data-testid="scenario-total"][data-name="cad-x"]').getByTestId('scenario-p50').innerText()).toMatch(/^CA\$0\.00/);
    expect(await page.locator('[data-testid="scenario-total"][data-name="cad-x"]').getByTestId('scenario-change').innerText()).toBe('—');
    expect(browser!.errors).toEqual([]);
  }, 600_000);

  it("formats each anomaly's money at its own currency's scale", async () => {
    const page = browser!.page;
    const app = new AppModel(page);
    await app.open(served!.url);
    await app.go('anomalies');
    const anomalies = new AnomaliesModel(page);
    await anomalies.ready();
    const since = await page.getByTestId('anomalies-since').inputValue();
    const listed = (await apiCall(served!, 'anomalies.list', { since: since as never })).anomalies;
    const key = (a: { start: string; scope: Record<string, string> }): string => `${a.start}|${Object.keys(a.scope).sort().map((k) => `${k}=${a.scope[k]}`).join(',')}`;
    expect(await anomalies.ids()).toEqual(listed.map(key));
    // Each anomaly's figures (its days, month effect and the drivers shown); a currency's largest sets its format.
    const figures = (a: (typeof listed)[number]): number[] => [a.expected, a.interval.lower, a.interval.upper, a.actual, a.impact, a.period_impact.delta, a.period_impact.with, a.period_impact.without, a.period_impact.incurred, ...a.drivers.slice(0, 7).flatMap((d) => [d.expected, d.actual, d.impact])].map(Math.abs);
    const scale = (currency: string): number => Math.max(0, ...listed.filter((a) => a.currency === currency).flatMap(figures));
    const currencies = [...new Set(listed.map((a) => a.currency))].sort();
    expect(currencies).toEqual(['EUR', 'JPY', 'USD']);
    // The dollar figures reach whole units, the euro ones do not: one shared scale would drop the euro cents.
    expect(scale('USD')).toBeGreaterThanOrEqual(10_000);
    expect(scale('EUR')).toBeLessThan(10_000);
    for (const a of listed) {
      expect(await anomalies.row(key(a)).getByTestId('anomaly-row-impact').innerText(), key(a)).toBe(money(a.impact, a.currency, scale(a.currency)));
    }
    // The euro anomaly on the chart: its detail at the euro scale.
    const eur = listed.find((a) => a.currency === 'EUR')!;
    await anomalies.row(key(eur)).getByTestId('anomaly-show').click();
    await expect.poll(() => page.getByTestId('anomaly-chart').getAttribute('data-marks'), { timeout: 60_000 }).not.toBe('0');
    expect(await page.getByTestId('anomaly-impact').innerText()).toContain(money(eur.impact, 'EUR', scale('EUR')));
    expect(browser!.errors).toEqual([]);
  }, 600_000);
  it('lets the user pick which currency the Overview, Explore and Forecast show, remembers it, and starts a new budget and builds a report in it', async () => {
    const page = browser!.page;
    const app = new AppModel(page);
    await app.open(served!.url);
    await app.go('overview');
    const totals = (await apiCall(served!, 'summary', {})).totals;
    const picker = page.getByTestId('currency-picker');
    expect(await picker.locator('[role="radio"]').allInnerTexts()).toEqual(['CAD', 'EUR', 'JPY', 'USD']);
    const shown = async (): Promise<string | null> => picker.locator('[aria-checked="true"]').getAttribute('data-value');
    // Dollars: the whole store's dollar total, nothing of the other currencies added.
    await picker.locator('[data-value="USD"]').click();
    const usd = totals.find((t) => t.currency === 'USD')!.effective_cost;
    await expect.poll(() => page.getByTestId('kpi-total-value').innerText()).toBe(money(usd, 'USD', usd));
    await app.settled();
    // The other pages open on the same currency, and so does the next visit.
    await app.go('explore');
    expect(await shown()).toBe('USD');
    expect(await page.getByTestId('explore-chart-card').locator('h2').first().innerText()).toMatch(/^\$[\d,]+/);
    await app.go('forecast');
    expect(await shown()).toBe('USD');
    await page.reload();
    await page.getByTestId('nav').waitFor();
    await app.go('overview');
    expect(await shown()).toBe('USD');
    // Euros (a tenth of the demo's Google Cloud): the euro total.
    await picker.locator('[data-value="EUR"]').click();
    const eur = totals.find((t) => t.currency === 'EUR')!.effective_cost;
    await expect.poll(() => page.getByTestId('kpi-total-value').innerText()).toBe(money(eur, 'EUR', eur));
    await app.settled();
    // A new budget starts in the currency the user is looking at.
    await app.go('budgets');
    await page.getByTestId('add-budget').first().click();
    await expect.poll(() => page.getByTestId('budget-form').getByLabel('Currency').inputValue()).toBe('EUR');
    // A report is built in it too (the service's default would have been the yen, the largest number).
    await app.go('reports');
    expect(await shown()).toBe('EUR');
    const reports = new ReportsModel(page);
    await reports.choose({ format: 'html', horizon: 30 });
    await reports.build('html');
    expect(await page.getByTestId('report-currency').innerText()).toBe('EUR');
    expect(browser!.errors).toEqual([]);
  }, 600_000);

  it("never shows a forecast run in one currency under another: after a switch it offers to run the chosen currency's", async () => {
    const page = browser!.page;
    const app = new AppModel(page);
    await app.open(served!.url);
    await app.go('forecast');
    const picker = page.getByTestId('currency-picker');
    const card = page.getByTestId('forecast-chart-card');
    const providers = (await apiCall(served!, 'summary', { by: ['provider'] })).groups;
    const first = (currency: string): string => providers.filter((g) => g.currency === currency).sort((a, b) => b.effective_cost - a.effective_cost)[0]!.group['provider']!;
    // AWS, the one provider billed in yen, forecast under the yen.
    await picker.locator('[data-value="JPY"]').click();
    await page.getByTestId('forecast-dimension').selectOption('provider');
    await expect.poll(() => page.getByTestId('forecast-value').locator('option:checked').innerText()).toBe(first('JPY'));
    await page.getByTestId('forecast-value').selectOption({ label: first('JPY') });
    const forecast = new ForecastModel(page);
    await forecast.choose({ model: 'snaive', horizon: 30 });
    await forecast.run();
    expect(await card.locator('h2').first().innerText()).toMatch(new RegExp(`^Provider: ${escape(first('JPY'))} · next 30 days ≈ ${escape(symbol('JPY'))}[\\d,]+$`));
    // Dollars: the yen result is not drawn under the dollar control; the page says so and runs the dollar provider shown.
    await picker.locator('[data-value="USD"]').click();
    await page.getByTestId('forecast-other-currency').waitFor({ timeout: 30_000 });
    expect(await card.count()).toBe(0);
    expect(await page.getByTestId('forecast-other-currency').innerText()).toContain(`(Provider: ${first('JPY')}) has only JPY series`);
    expect(await page.getByTestId('forecast-value').locator('option:checked').innerText()).toBe(first('USD'));
    await page.getByTestId('run-forecast-currency').click();
    await page.getByTestId('model-card').waitFor({ timeout: 240_000 });
    // The dollar provider's forecast, as the API gives it on the page's training window.
    const period = (await apiCall(served!, 'summary', {})).period!;
    const earliest = addDays(period.end as Day, -COST_TRAINING_DAYS);
    const from = earliest > period.start ? earliest : (period.start as Day);
    const res = await apiCall(served!, 'forecast.series', { horizon: 30, model: 'snaive', view: 'effective', levels: [0.8, 0.95], backtest: true, from, filters: [{ dimension: 'provider', values: [first('USD')] }] });
    expect(res.series.map((s) => s.currency)).toEqual(['USD']);
    const total = res.series[0]!.forecast!.mean.reduce((a, b) => a + b, 0);
    expect(await card.locator('h2').first().innerText()).toBe(`Provider: ${first('USD')} · next 30 days ≈ ${money(total, 'USD', total)}`);
    expect(browser!.errors).toEqual([]);
  }, 600_000);
});
