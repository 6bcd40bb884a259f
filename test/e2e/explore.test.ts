// Explore on the demo dataset: the daily chart's value axis steps in round numbers; the monthly and weekly charts draw one bar per calendar month or ISO
// week, labelled like the table's columns, each bar the period's total (not a day average over an
// arbitrary run of days).
import { describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { appPerSpec, haveChromium } from './harness';
import { AppModel } from './pages/app';
import { ExploreModel } from './pages/explore';

describe.skipIf(!haveChromium)('explore page', () => {
  const spec = appPerSpec('explore');

  it('charts months and weeks as the table does', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('explore');
    const page = new ExploreModel(spec.browser.page);
    const chart = spec.browser.page.getByTestId('explore-chart');
    const from = await spec.browser.page.getByTestId('from').inputValue();
    const to = await spec.browser.page.getByTestId('to').inputValue();
    const dailySeries = await apiCall(spec.served, 'series.daily', { from: from as never, to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) as never, view: 'effective' });
    const total = dailySeries.series.find((s) => s.currency === 'USD')!;

    // The daily chart's value axis: five ticks from $0 in round steps (it read $8.5K, $17K, $25.5K, $34K).
    const daily = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map(parseCompactUsd);
    expect(daily[0]).toBe(0);
    const step = daily[1]!;
    expect(daily).toEqual(daily.map((_, i) => i * step));
    const mantissa = step / 10 ** Math.floor(Math.log10(step));
    expect([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]).toContain(mantissa);

    await page.granularity('monthly');
    await app.settled();
    const months = await spec.browser.page.getByTestId('explore-table').locator('thead th.r').allInnerTexts();
    const monthCols = months.slice(0, -2); // the period columns, then Total and Share
    expect(monthCols.length).toBeGreaterThanOrEqual(3);
    expect(await chart.getAttribute('data-granularity')).toBe('monthly');
    expect(Number(await chart.getAttribute('data-points'))).toBe(monthCols.length);
    const ticks = await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) expect(monthCols).toContain(t);
    // The stacked bars reach the month's total: the value axis tops out at or above the largest month.
    const byMonth = new Map<string, number>();
    total.values.forEach((v, i) => {
      const m = new Date(Date.parse(`${total.start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + v);
    });
    const biggest = Math.max(...byMonth.values());
    const yTicks = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).map(parseCompactUsd);
    expect(Math.max(...yTicks)).toBeGreaterThanOrEqual(biggest);
    expect(Math.max(...yTicks)).toBeLessThan(biggest * 2);

    await page.granularity('weekly');
    await app.settled();
    const weeks = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 / 7);
    expect(await chart.getAttribute('data-granularity')).toBe('weekly');
    expect(Math.abs(Number(await chart.getAttribute('data-points')) - weeks)).toBeLessThanOrEqual(2);
    expect(spec.browser.errors).toEqual([]);
  }, 400_000);
});

/** `$340K`, `$1.2M`, `$0` → dollars. */
function parseCompactUsd(t: string): number {
  const m = /^\$([\d.,]+)([KMB]?)$/.exec(t.trim());
  if (!m) throw new Error(`not a compact dollar tick: ${t}`);
  return Number(m[1]!.replace(/,/g, '')) * ({ '': 1, K: 1e3, M: 1e6, B: 1e9 } as Record<string, number>)[m[2]!]!;
}
