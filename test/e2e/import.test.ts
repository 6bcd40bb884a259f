// Imports a real FOCUS export from ../shared/data through the UI and checks the totals move by exactly the file's sum.
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../rfc4180';
import { sharedData } from '../shared-data';
import { apiCall } from './api';
import { type Browser, freshDir, haveChromium, launchBrowser, type Served, screenshot, startServe } from './harness';
import { AppModel } from './pages/app';
import { OverviewModel } from './pages/overview';
import { SourcesModel } from './pages/sources';

async function usdEffectiveTotal(served: Served): Promise<number> {
  const { totals } = await apiCall(served, 'summary', {});
  return totals.find((t) => t.currency === 'USD')?.effective_cost ?? 0;
}

describe.skipIf(!haveChromium)('import through the UI', () => {
  let served: Served;
  let dir: Awaited<ReturnType<typeof freshDir>>;
  let browser: Browser;

  beforeEach(async () => {
    dir = await freshDir('import');
    served = await startServe(dir.path);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await browser?.close();
    await served?.stop();
    await dir?.cleanup();
  });

  it('imports a FOCUS file by the picker and the Overview total moves by the file total', async () => {
    const file = sharedData('focus', 'focus-1.0_sample_1000rows.csv');
    const rows = parseCsv(await readFile(file, 'utf8'));
    const header = rows[0]!;
    const cost = header.indexOf('EffectiveCost');
    const cur = header.indexOf('BillingCurrency');
    const fileUsd = rows.slice(1).filter((r) => r.length === header.length && r[cur] === 'USD').reduce((t, r) => t + Number(r[cost]), 0);
    expect(fileUsd).toBeCloseTo(14.98, 2);

    const before = await usdEffectiveTotal(served);
    const app = new AppModel(browser.page);
    const overview = new OverviewModel(browser.page);
    await app.open(served.url);
    await app.settled();
    const shownBefore = (await overview.isEmpty()) ? null : await overview.totalText();

    await app.go('sources');
    const sources = new SourcesModel(browser.page);
    await sources.importFiles([file]);
    const result = (await sources.importResultRows())[0]!;
    expect(result[0]).toBe('focus-1.0_sample_1000rows.csv');
    expect(result[1]).toMatch(/^focus-1\.0/);
    expect(result[3]).toBe('1,000');
    await screenshot(browser.page, 'sources-after-import');

    const after = await usdEffectiveTotal(served);
    expect(after - before).toBeCloseTo(fileUsd, 6);
    await app.go('overview');
    const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: after >= 10_000 ? 0 : 2, maximumFractionDigits: after >= 10_000 ? 0 : 2 }).format(after);
    expect(await overview.totalText()).toBe(expected);
    expect(await overview.totalText()).not.toBe(shownBefore);

    // Importing the same file again changes nothing and says so.
    await app.go('sources');
    await sources.importFiles([file]);
    expect((await sources.importResultRows())[0]![6]).toContain('already imported');
    expect(await usdEffectiveTotal(served)).toBeCloseTo(after, 9);
    expect(browser.errors).toEqual([]);
  }, 300_000);
});
