// Anomalies page on the demo dataset: the chart and table agree with the service, a label chosen by
// keyboard is saved through the API and is still there after a reload, and "Clear label" takes it
// back (in the service and after a reload); the holiday calendar is shown, a bad window is refused
// with the field named, and a window of one's own over an anomaly takes it off the list; screenshots
// in both themes.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/api';
import { apiCall } from './api';
import { appPerSpec, haveChromium, screenshot } from './harness';
import { AnomaliesModel } from './pages/anomalies';
import { AppModel } from './pages/app';

describe.skipIf(!haveChromium)('anomalies page', () => {
  const spec = appPerSpec('anomalies');

  it('ends the chart\'s day axis on the last day drawn, not past the data', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('anomalies');
    const page = new AnomaliesModel(spec.browser.page);
    await page.ready();
    const since = await spec.browser.page.getByTestId('anomalies-since').inputValue();
    const listed = await apiCall(spec.served, 'anomalies.list', { since: since as never });
    const first = listed.anomalies[0]!; // shown on the chart until another row is chosen
    const end60 = addDays(first.end, 60);
    const lastDay = end60 < listed.data_through! ? end60 : listed.data_through!;
    const chart = spec.browser.page.getByTestId('anomaly-chart');
    await expect.poll(() => chart.getAttribute('data-marks'), { timeout: 60_000 }).not.toBe('0');
    const ticks = await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    const short = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${lastDay}T00:00:00Z`));
    expect(ticks.at(-1)).toBe(short);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    // Every label whole inside the chart, at the narrow window too (the last one sits on the edge).
    for (const size of [{ width: 1360, height: 900 }, { width: 1024, height: 700 }]) {
      await spec.browser.page.setViewportSize(size);
      await spec.browser.page.waitForTimeout(300);
      const clipped = await chart.evaluate((c) => {
        const box = c.getBoundingClientRect();
        return Array.from(c.querySelectorAll('.recharts-xAxis-tick-labels text')).filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        }).map((t) => t.textContent);
      });
      expect(clipped, `${size.width}px`).toEqual([]);
    }
    await spec.browser.page.setViewportSize({ width: 1360, height: 900 });
    expect(spec.browser.errors).toEqual([]);
  }, 300_000);

  it('labels an anomaly as an incident and the label persists after a reload', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    // Keyboard: Ctrl+<its number> opens the page.
    const n = (await app.pageIds()).indexOf('anomalies') + 1;
    expect(n).toBeGreaterThan(0);
    await spec.browser.page.keyboard.press(`Control+${n}`);
    await spec.browser.page.getByTestId('page-anomalies').waitFor();
    const page = new AnomaliesModel(spec.browser.page);
    await page.ready();

    // The table lists what the service finds for the same window, newest first.
    const since = await spec.browser.page.getByTestId('anomalies-since').inputValue();
    const listed = await apiCall(spec.served, 'anomalies.list', { since: since as never });
    const key = (a: { start: string; scope: Record<string, string> }): string => `${a.start}|${Object.keys(a.scope).sort().map((k) => `${k}=${a.scope[k]}`).join(',')}`;
    expect(await page.ids()).toEqual(listed.anomalies.map(key));
    expect(listed.anomalies.length).toBeGreaterThan(0);
    // The demo's injected incidents are high severity; pick the largest per-account one.
    const target = [...listed.anomalies].filter((a) => a.severity === 'high' && a.label === null).sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact))[0]!;
    const id = key(target);
    await page.row(id).getByTestId('anomaly-show').click();
    await expect.poll(() => spec.browser.page.getByTestId('anomaly-chart').getAttribute('data-marks'), { timeout: 60_000 }).not.toBe('0');
    // The page's money shares one format: whole units once its largest figure (over every anomaly listed: its days,
    // its month impact, the drivers shown) reaches 10,000.
    const scale = Math.max(...listed.anomalies.flatMap((a) => [a.expected, a.interval.lower, a.interval.upper, a.actual, a.impact, a.period_impact.delta, a.period_impact.with, a.period_impact.without, a.period_impact.incurred, ...a.drivers.slice(0, 7).flatMap((d) => [d.expected, d.actual, d.impact])]).map(Math.abs));
    const digits = scale >= 10_000 ? 0 : 2;
    expect(await spec.browser.page.getByTestId('anomaly-impact').innerText()).toContain(new Intl.NumberFormat('en-US', { style: 'currency', currency: target.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(target.impact));
    expect(await spec.browser.page.getByTestId('anomaly-drivers').count()).toBe(target.drivers.length > 0 ? 1 : 0);

    // Label by keyboard: focus the button, press Enter; it is pressed at once.
    await page.labelButton(id, 'incident').focus();
    await spec.browser.page.keyboard.press('Enter');
    expect(await page.labelOf(id)).toBe('incident');
    // The service re-checks the anomaly exists before saving: that takes a scan.
    await expect.poll(() => page.labelButton(id, 'incident').isEnabled(), { timeout: 180_000, interval: 500 }).toBe(true);
    expect(await spec.browser.page.getByTestId('label-error').count()).toBe(0);
    // Saved in the service …
    const after = await apiCall(spec.served, 'anomalies.list', { since: since as never });
    expect(after.anomalies.find((a) => key(a) === id)?.label).toBe('incident');
    // … and shown after a reload.
    await spec.browser.page.reload();
    await spec.browser.page.getByTestId('page-anomalies').waitFor();
    await page.ready();
    expect(await page.labelOf(id)).toBe('incident');
    expect(await spec.browser.page.getByTestId('anomalies-unlabelled').innerText()).toBe(String(after.anomalies.filter((a) => a.label === null).length));

    // Filtering by severity keeps only high ones.
    await page.setSeverity('high');
    expect(await page.ids()).toEqual(after.anomalies.filter((a) => a.severity === 'high').map(key));
    await page.setSeverity('all');

    await page.row(id).getByTestId('anomaly-show').click();
    expect(await spec.browser.page.getByTestId('anomaly-detail-label').innerText()).toBe('Incident');
    await app.settled();
    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      await screenshot(spec.browser.page, `anomalies-labelled-${theme}`);
    }

    // Clear label: the row shows no label at once, the service drops it, and a reload agrees.
    expect(await page.clearButton(id).count()).toBe(1);
    await page.clearButton(id).click();
    expect(await page.labelOf(id)).toBeNull();
    expect(await page.clearButton(id).count()).toBe(0);
    await expect.poll(async () => (await apiCall(spec.served, 'anomalies.list', { since: since as never })).anomalies.find((a) => key(a) === id)?.label, { timeout: 60_000, interval: 500 }).toBeNull();
    expect(await spec.browser.page.getByTestId('label-error').count()).toBe(0);
    await spec.browser.page.reload();
    await spec.browser.page.getByTestId('page-anomalies').waitFor();
    await page.ready();
    expect(await page.labelOf(id)).toBeNull();
    expect(await page.clearButton(id).count()).toBe(0);
    expect(await spec.browser.page.getByTestId('anomalies-unlabelled').innerText()).toBe(String(after.anomalies.filter((a) => a.label === null).length + 1));
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);

  it('shows the holiday calendar; a bad window names the field, a window of your own over an anomaly takes it off the list', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.navLink('anomalies').click();
    await spec.browser.page.getByTestId('page-anomalies').waitFor();
    const page = new AnomaliesModel(spec.browser.page);
    await page.ready();
    const since = await spec.browser.page.getByTestId('anomalies-since').inputValue();
    const key = (a: { start: string; scope: Record<string, string> }): string => `${a.start}|${Object.keys(a.scope).sort().map((k) => `${k}=${a.scope[k]}`).join(',')}`;

    // The default calendar, as the service computes it.
    const cal = await apiCall(spec.served, 'anomalies.holidays', {});
    expect(cal.is_default).toBe(true);
    expect(await spec.browser.page.getByTestId('holidays-summary').innerText()).toContain('US retail (the default)');
    await expect.poll(() => page.holidayOccurrences(), { timeout: 60_000 }).toEqual(cal.occurrences.map((o) => `${o.name}|${o.start}`));

    // A spike of the list, all of its scopes' days inside one window.
    const before = await apiCall(spec.served, 'anomalies.list', { since: since as never });
    const target = before.anomalies.filter((a) => a.kind === 'spike' && a.end <= addDays(a.start, 6)).sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact))[0]!;
    const first = target.scopes.reduce((m, x) => (x.start < m ? x.start : m), target.start);
    const last = target.scopes.reduce((m, x) => (x.end > m ? x.end : m), target.end);

    // A day that does not exist is refused, the field named; nothing is saved.
    await page.addHolidayWindow('Launch', `${first.slice(0, 4)}-02-30`, last);
    expect(await spec.browser.page.getByTestId('holidays-error').innerText()).toMatch(/windows\[0\]\.from: "\d{4}-02-30" is not a day; write MM-DD/);
    expect((await apiCall(spec.served, 'anomalies.holidays', {})).windows).toEqual([]);
    // Chromium may log the refused call as a failed 400 load; nothing else may have gone wrong.
    expect(spec.browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
    spec.browser.errors.length = 0;
    await spec.browser.page.getByTestId('holiday-window-from').last().fill(first);
    await spec.browser.page.getByTestId('holidays-save').click();
    await spec.browser.page.getByTestId('holidays-summary').waitFor();
    expect((await apiCall(spec.served, 'anomalies.holidays', {})).windows).toEqual([{ name: 'Launch', from: first, to: last }]);
    await expect.poll(() => page.holidayOccurrences(), { timeout: 60_000 }).toContain(`Launch|${first}`);
    // The rescan leaves the target out, and the table is the service's list.
    const after = await apiCall(spec.served, 'anomalies.list', { since: since as never });
    expect(after.anomalies.map(key)).not.toContain(key(target));
    await expect.poll(() => page.ids(), { timeout: 180_000, interval: 500 }).toEqual(after.anomalies.map(key));
    expect(after.anomalies.length).toBe(before.anomalies.length - 1);
    await page.ready();
    await app.settled();
    await spec.browser.page.getByTestId('holidays-card').scrollIntoViewIfNeeded();
    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      await screenshot(spec.browser.page, `anomalies-holidays-${theme}`);
    }
    await spec.browser.page.getByTestId('holidays-edit').click();
    await app.setTheme('light');
    await screenshot(spec.browser.page, 'anomalies-holidays-edit-light');
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);
});
