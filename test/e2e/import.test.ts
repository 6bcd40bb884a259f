// Imports a real FOCUS export from ../shared/data through the UI and checks the totals move by exactly the file's sum.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

  it('imports the parts of one export together when the box is ticked; dropped one after the other, the second part says it replaced the first', async () => {
    // A real AWS CUR split round-robin into two parts, as AWS splits a large report: both cover the same days.
    const file = sharedData('aws', 'cur-legacy', 'focus-converters_sample-anonymous-aws-export-dataset.csv');
    const [header, ...lines] = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
    const parts = [0, 1].map((k) => join(dir.path, `report-0000${k + 1}.csv`));
    await Promise.all(parts.map((p, k) => writeFile(p, `${[header, ...lines.filter((_l, i) => i % 2 === k)].join('\n')}\n`)));
    const rows = parseCsv(await readFile(file, 'utf8'));
    const h = rows[0]!;
    const cost = h.indexOf('lineItem/UnblendedCost');
    const wholeBilled = rows.slice(1).filter((r) => r.length === h.length).reduce((t, r) => t + Number(r[cost]), 0);
    const billed = async (): Promise<number> => (await apiCall(served, 'summary', {})).totals.find((t) => t.currency === 'USD')?.billed_cost ?? 0;
    const base = await billed();

    const app = new AppModel(browser.page);
    await app.open(served.url);
    await app.settled();
    await app.go('sources');
    const sources = new SourcesModel(browser.page);
    await sources.importFiles(parts);
    const one = await sources.importResultRows();
    expect(one.map((r) => r[0])).toEqual(['report-00001.csv', 'report-00002.csv']);
    expect(one[1]![6]).toMatch(/replaced \d+ earlier rows/);
    expect((await billed()) - base).not.toBeCloseTo(wholeBilled, 4);

    await sources.setParts(true);
    await sources.importFiles(parts);
    const together = await sources.importResultRows();
    expect(together.map((r) => r[6]).every((s) => s?.startsWith('imported'))).toBe(true);
    expect((await billed()) - base).toBeCloseTo(wholeBilled, 6);
    await screenshot(browser.page, 'sources-import-parts');
    expect(browser.errors).toEqual([]);
  }, 300_000);
});
