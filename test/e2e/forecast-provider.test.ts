// The provider's own forecast on the Forecast page: an Azure source is synced through the real sync
// path (Azure SDK → loopback Cost Management over https, which also answers the Forecast API) into
// a fresh data dir; `headroom serve` then shows Azure's forecast as a dashed overlay next to ours,
// and no overlay at all where there is nothing comparable (the billed view).
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/lib';
import { AzureConnector, type AzureSettings } from '../../core/ingest/azure';
import { addCloudSource, runSync, type ConnectorFactory } from '../../core/service';
import { openStore } from '../../core/store';
import { startAzureCost, type AzureCostServer } from '../servers/azure-cost/server';
import { fixed, generateDaily } from '../servers/common/generate';
import { trustingAgent } from '../servers/common/tls';
import { type Browser, freshDir, haveChromium, launchBrowser, type Served, screenshot, startServe } from './harness';
import { AppModel } from './pages/app';
import { ForecastModel } from './pages/forecast';

const SUB = '11111111-2222-3333-4444-555555555555';
const TODAY = new Date('2026-07-20T08:00:00Z');
const rows = generateDaily({
  seed: 41,
  from: parseDay('2026-02-01'),
  to: parseDay('2026-07-20'),
  accounts: [{ id: SUB, name: 'sub' }],
  services: ['Virtual Machines', 'Storage', 'SQL Database'],
  regions: ['westeurope', 'northeurope'],
  currency: 'EUR',
});

describe.skipIf(!haveChromium)('forecast page: provider forecast overlay', () => {
  let azure: AzureCostServer;
  let served: Served;
  let dir: Awaited<ReturnType<typeof freshDir>>;
  let browser: Browser;

  beforeAll(async () => {
    azure = await startAzureCost({ rows, pageSize: 500 });
    dir = await freshDir('provider-forecast');
    const store = await openStore(dir.path);
    try {
      await addCloudSource(store, { kind: 'azure', name: 'azure-prod', settings: { scope: `/subscriptions/${SUB}`, endpoint: azure.url } });
      const factory: ConnectorFactory = ({ source, clock }) => {
        const agent = trustingAgent();
        return new AzureConnector({
          settings: source.settings as unknown as AzureSettings,
          clock,
          credential: new ClientSecretCredential('tenant-1', 'client-1', 'loopback-secret', { authorityHost: azure.url, disableInstanceDiscovery: true, agent }),
          agent,
          rand: () => 1,
        });
      };
      await runSync({ store, clock: () => TODAY, sleep: async () => {}, connectors: factory }, { provider: 'azure', from: parseDay('2026-02-01'), to: parseDay('2026-07-20') });
    } finally {
      await store.close();
    }
    expect(azure.served.forecasts).toBe(1);
    served = await startServe(dir.path, ['--no-demo']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await azure?.close();
    await dir?.cleanup();
  });

  it('draws the synced Azure forecast over the forecast horizon in the amortized view, and none in the billed view', async () => {
    const app = new AppModel(browser.page);
    await app.open(served.url);
    await app.go('forecast');
    const page = new ForecastModel(browser.page);
    await page.choose({ model: 'snaive', horizon: 30 });
    await page.run();
    // Our forecast starts on 2026-07-20 (the day after the last synced day) and runs 30 days; Azure's
    // runs from today to the end of the third month ahead, so 30 of its days fall in the chart.
    expect(await page.overlayDays()).toBe(30);
    expect(await page.overlayPaths()).toBe(1);
    const note = page.providerNote();
    expect(await note.textContent()).toMatch(/Azure Cost Management forecast \(AmortizedCost, source “azure-prod”/);
    // The loopback forecasts each day at the mean amortized cost of the last 28 data days.
    const last28 = [...new Set(rows.map((r) => r.day))].sort().slice(-28);
    const perDay = rows.filter((r) => last28.includes(r.day)).reduce((s, r) => s + r.amortized, 0n) / 28n;
    expect(Number(await note.getAttribute('data-provider-days'))).toBe(30);
    expect(Number(await note.getAttribute('data-provider-total'))).toBeCloseTo(30 * Number(fixed(perDay)), 4);
    await screenshot(browser.page, 'forecast-provider-overlay-light');
    await app.setTheme('dark');
    await screenshot(browser.page, 'forecast-provider-overlay-dark');
    await app.setTheme('light');

    // The backtest card is there too, with as many windows as the card reports.
    expect(await page.backtestWindows()).toBe(await page.backtestRowsInTable());

    // Billed view: Azure's forecast is amortized, so there is nothing comparable to draw.
    await browser.page.getByRole('radiogroup', { name: 'Cost view' }).locator('[data-value="billed"]').click();
    await page.run();
    await browser.page.waitForFunction(() => document.querySelector('[data-testid="fan-chart"]')?.getAttribute('data-overlay') === '0');
    expect(await page.overlayPaths()).toBe(0);
    expect(await browser.page.getByTestId('provider-forecast').count()).toBe(0);
    expect(await browser.page.getByTestId('provider-forecast-note').textContent()).toMatch(/amortized view/);
    expect(browser.errors).toEqual([]);
  }, 400_000);
});
