// Commitments page on the demo company billed in three currencies (AWS in yen, Google Cloud in
// euros, Azure in dollars): every scope's figures, its expiring commitments' hourly amounts and its
// savings chart are in that scope's own currency, checked against the service's plan over the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Day } from '../../core/api';
import { apiCall } from './api';
import { seedDemoInCurrencies } from './demo-currencies';
import { freshDir, haveChromium, launchBrowser, startServe, type Browser, type Served } from './harness';
import { AppModel } from './pages/app';

const BILLING: Record<string, readonly [string, number]> = { AWS: ['JPY', 1], 'Google Cloud': ['EUR', 1] };

/** ISO 4217 minor units of the three currencies. */
const MINOR: Record<string, number> = { JPY: 0, EUR: 2, USD: 2 };
/** An hourly rate as the page writes it: the currency's minor unit, and one digit more when the rate has it, en-US. */
const price = (v: number, currency: string): string => new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: MINOR[currency], maximumFractionDigits: MINOR[currency]! + 1 }).format(v);
/** The scope's currency, read from its name (`AWS 2109… Compute (JPY)`), not from the plan's field. */
const currencyOfScope = (scope: string): string => /\(([A-Z]{3})\)$/.exec(scope)?.[1] ?? 'none';

describe.skipIf(!haveChromium)('commitments page', () => {
  let dir: Awaited<ReturnType<typeof freshDir>> | undefined;
  let served: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    dir = await freshDir('commitments');
    await seedDemoInCurrencies(dir.path, '2026-06-01' as Day, BILLING);
    served = await startServe(dir.path);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await dir?.cleanup();
  });

  it("writes each scope's commitment, expiring amounts and savings chart in the scope's currency", async () => {
    const page = browser!.page;
    const app = new AppModel(page);
    await app.open(served!.url);
    await app.go('commitments');
    await page.getByTestId('commitment-plans').waitFor({ timeout: 120_000 });
    const plan = await apiCall(served!, 'commitments.plan', { term: '1y' });
    expect(new Set(plan.recommendations.map((r) => currencyOfScope(r.scope)))).toEqual(new Set(['JPY', 'EUR', 'USD']));

    for (const r of plan.recommendations) {
      const row = page.locator(`[data-testid="commitment-row"][data-scope="${r.scope}"]`);
      expect(await row.getByTestId('commit-per-hour').innerText()).toBe(price(r.hourly_commitment, currencyOfScope(r.scope)));
    }
    // Yen rates carry a tenth of a yen at most.
    const yen = plan.recommendations.find((r) => currencyOfScope(r.scope) === 'JPY')!;
    expect(await page.locator(`[data-testid="commitment-row"][data-scope="${yen.scope}"]`).getByTestId('commit-per-hour').innerText()).toMatch(/^¥[\d,]+(\.\d)?$/);

    // Expiring commitments of every scope, each in its own scope's currency (there are some in yen and some in euros).
    expect(new Set(plan.expiring.map((e) => currencyOfScope(e.scope)))).toEqual(new Set(['JPY', 'EUR', 'USD']));
    expect(await page.getByTestId('expiring-row').getByTestId('covered-per-hour').allInnerTexts()).toEqual(plan.expiring.map((e) => price(e.covered_per_hour, currencyOfScope(e.scope))));

    // One savings chart per currency: amounts in different currencies never share an axis.
    const charts = await page.getByTestId('savings-chart').evaluateAll((els) => els.map((e) => e.getAttribute('data-currency')));
    expect([...charts].sort()).toEqual(['EUR', 'JPY', 'USD']);
    expect(browser!.errors).toEqual([]);
  }, 300_000);
});
