// Overview on the demo dataset: the forecast to month, quarter and year end shows the P50 and P10–P90
// of the period totals (computed by the service, `forecast.periods`), checked against totals computed
// here from the sample paths `forecast.series` returns for the same training window, paths and seed.
import { describe, expect, it } from 'vitest';
import { COST_LOOKAHEAD_DAYS, COST_TRAINING_DAYS } from '../../core/api';
import { apiCall, usdWhole } from './api';
import { contrast, over, rgba } from './contrast';
import { appPerSpec, haveChromium } from './harness';
import { AppModel } from './pages/app';
import { OverviewModel } from './pages/overview';

describe.skipIf(!haveChromium)('overview forecast to period end', () => {
  const spec = appPerSpec('overview-forecast');

  it('shows month, quarter and year end totals read off the sample paths', async () => {
    const app = new AppModel(spec.browser.page);
    const calls: string[] = [];
    spec.browser.page.on('request', (r) => calls.push(new URL(r.url()).pathname));
    await app.open(spec.served.url);
    await spec.browser.page.getByTestId('forecast-year-p50').waitFor({ timeout: 300_000 });

    // The forecast the page's request is built on, with its paths, then the period totals computed independently.
    const start = (await apiCall(spec.served, 'summary', {})).period!.end; // first forecast day
    const day = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const y = Number(start.slice(0, 4));
    const m = Number(start.slice(5, 7));
    const iso = (yy: number, mm: number): string => `${yy + Math.floor((mm - 1) / 12)}-${String(((mm - 1) % 12) + 1).padStart(2, '0')}-01`;
    const periods = {
      month: [iso(y, m), iso(y, m + 1)],
      quarter: [iso(y, 3 * Math.floor((m - 1) / 3) + 1), iso(y, 3 * Math.floor((m - 1) / 3) + 4)],
      year: [`${y}-01-01`, `${y + 1}-01-01`],
    } as const;
    const days = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
    // The period totals are a planning forecast: it looks COST_LOOKAHEAD_DAYS ahead (three years of
    // demo history allow it) and the periods read its first days.
    const horizon = Math.max(days(start, periods.year[1]), COST_LOOKAHEAD_DAYS);
    const res = await apiCall(spec.served, 'forecast.series', { from: day(start, -COST_TRAINING_DAYS) as never, to: start as never, horizon, view: 'effective', levels: [0.8, 0.95], paths: 1000, seed: 1 });
    const s = res.series.find((x) => x.currency === 'USD')!;
    for (const kind of ['month', 'quarter', 'year'] as const) {
      const [from, to] = periods[kind];
      const h0 = days(s.history.start, from);
      const spent = s.history.values.slice(Math.max(0, h0)).reduce((a, v) => a + v, 0);
      const remaining = days(start, to);
      const totals = s.forecast!.paths!.map((p) => spent + p.slice(0, remaining).reduce((a, v) => a + v, 0)).sort((a, b) => a - b);
      const q = (p: number): number => totals[Math.ceil(p * totals.length) - 1]!;
      expect(await spec.browser.page.getByTestId(`forecast-${kind}-p50`).innerText()).toBe(usdWhole(q(0.5)));
      expect(await spec.browser.page.getByTestId(`forecast-${kind}`).innerText()).toContain(`${usdWhole(q(0.1))} – ${usdWhole(q(0.9))}`);
      expect(q(0.1)).toBeLessThanOrEqual(q(0.9));
    }
    expect(Number(await spec.browser.page.getByTestId('period-fan').getAttribute('data-forecast'))).toBe(days(start, periods.year[1]));
    // The Budgets page answers the same question for a yearly budget (the service's own computation,
    // same horizon): the Overview's year end is the budget's forecast, not a second opinion.
    await apiCall(spec.served, 'budgets.add', { budget: { name: 'Year', amount: 1_000_000, period: 'year', currency: 'USD', scope: [] } });
    const year = (await apiCall(spec.served, 'budgets.status', { name: 'Year' })).budgets[0]!;
    expect(await spec.browser.page.getByTestId('forecast-year-p50').innerText()).toBe(usdWhole(year.forecast.p50));
    expect(await spec.browser.page.getByTestId('forecast-year').innerText()).toContain(`${usdWhole(year.forecast.p10)} – ${usdWhole(year.forecast.p90)}`);
    // …and so does a scenario judging that budget over its 365-day horizon (it used to pick another model).
    await apiCall(spec.served, 'scenarios.add', { scenario: { name: 'Later growth', currency: 'USD', scope: [], drivers: ['growth:rate=0.1,from=2030-01-01'] } });
    const scen = (await apiCall(spec.served, 'scenarios.show', { name: 'Later growth' })).scenario;
    expect(scen.budgets.find((b) => b.name === 'Year')?.periods[0]?.baseline).toEqual({ actual: year.actual, forecast: year.forecast, probability_over: year.probability_over, likely_breach_date: year.likely_breach_date });
    // The page asks the service for the period figures: no sample paths travel to the browser.
    expect(calls).toContain('/api/call/forecast.periods');
    expect(calls).not.toContain('/api/call/forecast.series');
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);

  it('shows the top movers in the same money format as the headline figures (whole dollars at the demo scale)', async () => {
    const app = new AppModel(spec.browser.page);
    const overview = new OverviewModel(spec.browser.page);
    await app.open(spec.served.url);
    const shown = await overview.movers();

    // The figures, from the service: the store's total, then daily cost per service over the last two weeks.
    const summary = await apiCall(spec.served, 'summary', {});
    const end = summary.period!.end; // the day after the data
    const total = summary.totals.find((t) => t.currency === 'USD')!.effective_cost;
    const day = (n: number): string => new Date(Date.parse(`${end}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const res = await apiCall(spec.served, 'series.daily', { from: day(-14) as never, to: end, by: ['service'], view: 'effective' });
    /** Sum of a series over the days [end + from, end + to). */
    const sum = (x: { readonly start: string; readonly values: readonly number[] }, from: number, to: number): number => {
      const offset = Math.round((Date.parse(`${x.start}T00:00:00Z`) - Date.parse(`${end}T00:00:00Z`)) / 86_400_000);
      return x.values.reduce((t, v, i) => (offset + i >= from && offset + i < to ? t + v : t), 0);
    };
    const usd = res.series.filter((x) => x.currency === 'USD');
    const movers = usd
      .map((x) => ({ name: x.group['service'] ?? null, current: sum(x, -7, 0), previous: sum(x, -14, -7) }))
      .map((m) => ({ ...m, change: m.current - m.previous }))
      .filter((m) => m.change !== 0)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change))
      .slice(0, 6);
    const last7 = usd.reduce((t, x) => t + sum(x, -7, 0), 0);

    // One format for the page, set by its largest figure: whole dollars from 10,000, cents below.
    const digits = total >= 10_000 ? 0 : 2;
    const usdText = (v: number): string => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
    expect(digits).toBe(0); // the demo's three years of spend
    expect(await overview.kpiText('kpi-total')).toBe(usdText(total));
    expect(await overview.kpiText('kpi-7d')).toBe(usdText(last7));
    expect(shown.length).toBe(movers.length);
    expect(shown.length).toBeGreaterThan(0);
    movers.forEach((m, i) => {
      const s = shown[i]!;
      if (m.name !== null) expect(s.name).toBe(m.name);
      expect(s.amounts).toBe(`${usdText(m.previous)} → ${usdText(m.current)}`);
      expect(s.change).toBe(`${m.change > 0 ? '+' : ''}${usdText(m.change)}`);
      // No cents next to the whole-dollar headline figures (they read "$1,548.81" and "$8,698.97 → $10,247.78").
      expect(`${s.amounts} ${s.change}`).not.toMatch(/\.\d\d\b/);
    });
    expect(spec.browser.errors).toEqual([]);
  }, 300_000);

  it('draws the 80 % and 95 % bands with enough contrast in the light and the dark theme', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await spec.browser.page.locator('[data-testid="period-fan"] .fan-band-95 .recharts-area-area').waitFor({ timeout: 300_000 });
    for (const theme of ['light', 'dark'] as const) {
      await app.setTheme(theme);
      // The colours as Chromium resolved them (the bands are theme tokens), composited here.
      const c = await spec.browser.page.evaluate(() => {
        const fill = (sel: string): string => getComputedStyle(document.querySelector(`[data-testid="period-fan"] ${sel} .recharts-area-area`)!).fill;
        return { surface: getComputedStyle(document.querySelector('[data-testid="period-forecast"]')!).backgroundColor, band95: fill('.fan-band-95'), band80: fill('.fan-band-80') };
      });
      const surface = rgba(c.surface).rgb;
      const b95 = over(rgba(c.band95), surface);
      const b80 = over(rgba(c.band80), b95); // the 80 % band is drawn over the 95 %
      // WCAG 2 contrast ratios: the 95 % band stands off the card, the 80 % band off the 95 % (the old 95 % band: 1.17 light, 1.19 dark).
      expect(contrast(b95, surface), `${theme}: 95 % band (${c.band95}) on ${c.surface}`).toBeGreaterThanOrEqual(1.25);
      expect(contrast(b80, b95), `${theme}: 80 % band (${c.band80}) on the 95 %`).toBeGreaterThanOrEqual(1.3);
    }
    expect(spec.browser.errors).toEqual([]);
  }, 600_000);
});

