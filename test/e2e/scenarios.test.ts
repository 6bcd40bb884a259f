// Scenarios page on the demo dataset: the service's validation shows next to the driver it names;
// a scenario made in the form appears in the comparison with the service's own figures.
import { describe, expect, it } from 'vitest';
import { apiCall, usdWhole } from './api';
import { contrast, over, rgba } from './contrast';
import { appPerSpec, haveChromium, screenshot } from './harness';
import { AppModel } from './pages/app';
import { ScenariosModel } from './pages/scenarios';

describe.skipIf(!haveChromium)('scenarios page', () => {
  const spec = appPerSpec('scenarios');

  it('creates a growth scenario through the form and sees it in the comparison', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('scenarios');
    const page = new ScenariosModel(spec.browser.page);
    expect(await spec.browser.page.getByTestId('empty').innerText()).toContain('No scenarios yet');
    await page.startNew();
    await page.fillName('Growth 25');
    // A driver without its date: the service refuses it and the message sits on that driver.
    await page.setDriver(0, { kind: 'growth', value: '25', from: '' });
    await page.save();
    const err = spec.browser.page.getByTestId('driver-row').nth(0).getByTestId('driver-error');
    await err.waitFor();
    expect(await err.innerText()).toContain('"from" is missing');
    expect((await apiCall(spec.served, 'scenarios.list', {})).scenarios).toEqual([]);
    // Chromium may log the refused call as a failed 400 load; nothing else may have gone wrong.
    expect(spec.browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
    spec.browser.errors.length = 0;

    const summary = await apiCall(spec.served, 'summary', {});
    const end = summary.period!.end; // the day after the data
    const from = nextMonth(end);
    await page.setDriver(0, { from });
    await page.save();
    await page.total('Growth 25').waitFor({ timeout: 300_000 });

    // Saved as the API form of the driver …
    expect((await apiCall(spec.served, 'scenarios.list', {})).scenarios).toEqual([{ name: 'Growth 25', currency: 'USD', scope: [], drivers: [`growth:rate=0.25,from=${from}`] }]);
    // … and compared with the figures the service gives for the same request.
    const cmp = await apiCall(spec.served, 'scenarios.compare', { names: ['Growth 25'] });
    const r = cmp.scenarios[0]!;
    expect(r.total.scenario.p50).toBeGreaterThan(r.total.baseline.p50);
    const cell = page.total('Growth 25').getByTestId('scenario-p50');
    expect(await cell.innerText()).toContain(usdWhole(r.total.scenario.p50));
    expect(await page.chartSeries()).toEqual(['Baseline', 'Growth 25']);
    const whole = r.months.filter((m) => m.days === new Date(Date.UTC(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)), 0)).getUTCDate()).length;
    expect(Number(await spec.browser.page.getByTestId('scenario-chart').getAttribute('data-months'))).toBe(whole);
    expect(await spec.browser.page.locator('[data-testid="scenario-chart"] .scenario-band path').count()).toBeGreaterThanOrEqual(2);

    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      await screenshot(spec.browser.page, `scenarios-compared-${theme}`);
      // Each P10–P90 band (baseline and scenario) must stand off the card in both themes: the
      // colours and opacities as Chromium resolved them (theme tokens), composited here, WCAG 2
      // contrast ratio as for the Overview's fan (the old fixed opacities: 1.19/1.17 light, 1.24/1.19 dark).
      const c = await spec.browser.page.evaluate(() => {
        const card = document.querySelector('[data-testid="scenario-comparison"]')!;
        const bands = Array.from(card.querySelectorAll('[data-testid="scenario-chart"] .scenario-band')).map((g) => {
          const s = getComputedStyle(g.querySelector('.recharts-area-area')!);
          return { kind: g.classList.contains('baseline') ? 'baseline' : 'scenario', fill: s.fill, opacity: Number(s.fillOpacity) * Number(s.opacity) * Number(getComputedStyle(g).opacity) };
        });
        return { surface: getComputedStyle(card).backgroundColor, bands };
      });
      expect(c.bands.map((b) => b.kind)).toEqual(['baseline', 'scenario']);
      const surface = rgba(c.surface).rgb;
      for (const b of c.bands) {
        const fill = rgba(b.fill);
        const band = over({ rgb: fill.rgb, a: fill.a * b.opacity }, surface);
        expect.soft(contrast(band, surface), `${theme}: ${b.kind} band (${b.fill} at ${b.opacity}) on ${c.surface}`).toBeGreaterThanOrEqual(1.25);
      }
    }
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);

  it('fits the comparison with its budgets in a 1280×800 and a 1024×700 window, its text readable in both themes', async () => {
    await apiCall(spec.served, 'budgets.add', { budget: { name: 'Cloud month', amount: 460_000, period: 'month', currency: 'USD', scope: [] } });
    await apiCall(spec.served, 'budgets.add', { budget: { name: 'Cloud quarter', amount: 1_440_000, period: 'quarter', currency: 'USD', scope: [] } });
    await apiCall(spec.served, 'scenarios.add', { scenario: { name: 'Step down', currency: 'USD', scope: [], drivers: [`step:factor=0.9,from=${nextMonth((await apiCall(spec.served, 'summary', {})).period!.end)}`] } });
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('scenarios');
    await spec.browser.page.getByTestId('scenario-budget-row').first().waitFor({ timeout: 300_000 });
    const out: string[] = [];
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
      await spec.browser.page.setViewportSize(size);
      await app.settled();
      out.push(...(await app.overflowing()).map((o) => `${size.width}px: ${o}`));
      for (const theme of ['light', 'dark'] as const) {
        await app.setTheme(theme);
        out.push(...(await app.lowContrastText()).map((o) => `${theme}: ${o}`));
      }
    }
    await spec.browser.page.setViewportSize({ width: 1360, height: 900 });
    expect(out).toEqual([]);
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);
});

/** First day of the month after `day`'s month. */
function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
