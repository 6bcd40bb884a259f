/**
 * `npm run bench:ui [-- --runs N] [--json]`: time to a rendered Overview and Forecast page on the
 * demo dataset, in headless Chromium (Debian's /usr/bin/chromium) against `headroom serve` on a
 * fresh data folder (the first start loads the demo). "Rendered" = the page's heading is shown,
 * no loading placeholder is left, and its main chart has drawn its SVG paths. Each run is a fresh
 * page load (same tab, so the session token stays in sessionStorage), so it includes fetching the bundle, the API calls and the chart render.
 * The Forecast page draws its chart only once a forecast runs, so it is measured twice: to its
 * controls (`forecast`), and to the fan chart and model card of the default forecast (automatic
 * model, 90 days, total spend) after clicking Run (`forecast+run`, the load included).
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { freshDir, launchBrowser, startServe } from '../test/e2e/harness';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const json = args.includes('--json');

interface Measure {
  readonly page: string;
  /** What must be drawn for the page to count as rendered. */
  readonly drawn: string;
  /** A button to click once the page is ready (the measure then includes what it starts). */
  readonly click?: string;
  /** Steps after the page is ready, included in the time (e.g. choosing a grouping). */
  readonly then?: (tab: Page, period: { start: string; end: string }) => Promise<void>;
}
const MEASURES: readonly (Measure & { readonly name: string })[] = [
  { name: 'overview', page: 'overview', drawn: '[data-testid="spend-chart"] svg path' },
  { name: 'forecast', page: 'forecast', drawn: '[data-testid="run-forecast"]:not([disabled])' },
  { name: 'forecast+run', page: 'forecast', drawn: '[data-testid="fan-chart"] svg path.recharts-curve', click: '[data-testid="run-forecast"]:not([disabled])' },
  // Many series over three years: every SKU of the demo, daily, from its first day (the chart keeps
  // the largest 7 + "Other" and at most 366 points; the table keeps them all).
  {
    name: 'explore-3y-sku',
    page: 'explore',
    drawn: '[data-testid="explore-chart"] svg path',
    then: async (tab, period) => {
      await tab.getByTestId('group-by-select').selectOption('sku');
      await tab.getByTestId('from').fill(period.start);
      // The previous chart stays up while the new query loads: wait for the three-year one (366 points at most).
      await tab.waitForFunction(() => Number(document.querySelector('[data-testid="explore-chart"]')?.getAttribute('data-points')) > 300, undefined, { timeout: 120_000 });
    },
  },
];

const dir = await freshDir('bench-ui');
const t0 = performance.now();
const served = await startServe(dir.path);
const startMs = performance.now() - t0;
const browser = await launchBrowser({ viewport: { width: 1360, height: 900 } });
const results: { page: string; runs: number[]; median: number; min: number; max: number; points: number | null; series: number | null }[] = [];
try {
  // First load: takes the token from the URL into the session.
  await browser.page.goto(served.url);
  await browser.page.getByTestId('nav').waitFor();
  const present = await browser.page.getByTestId('nav').locator('a').evaluateAll((as) => as.map((a) => (a.getAttribute('data-testid') ?? '').replace(/^nav-/, '')));
  const summary = (await (await fetch(`${served.origin}/api/call/summary`, { method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ by: ['sku'] }) })).json()) as { value: { period: { start: string; end: string }; groups: unknown[] } };
  const period = summary.value.period;
  process.stdout.write(`demo: ${period.start} to ${period.end}, ${summary.value.groups.length} SKUs\n`);
  for (const { name, page, drawn, click, then } of MEASURES) {
    if (!present.includes(page)) {
      process.stderr.write(`bench:ui: the ${page} page is not in this build (its API has not landed): skipped\n`);
      continue;
    }
    const times: number[] = [];
    let points: number | null = null;
    let series: number | null = null;
    try {
    for (let i = 0; i < runs + 1; i++) {
      const tab = browser.page;
      await tab.goto('about:blank');
      const start = performance.now();
      await tab.goto(`${served.origin}/#/${page}`);
      await tab.locator('main h1').waitFor();
      await tab.waitForFunction(() => document.querySelectorAll('[data-testid="loading"], .skeleton').length === 0, undefined, { timeout: 120_000 });
      if (then) await then(tab, period);
      if (click) {
        await tab.locator(click).first().click({ timeout: 120_000 });
        await tab.locator('[data-testid="model-card"]').waitFor({ timeout: 300_000 });
      }
      await tab.locator(drawn).first().waitFor({ state: 'attached', timeout: 300_000 });
      const ms = performance.now() - start;
      const chartEl = tab.locator(`[data-testid="${page === 'explore' ? 'explore-chart' : page === 'overview' ? 'spend-chart' : 'fan-chart'}"][data-points]`);
      points = (await chartEl.count()) > 0 ? Number(await chartEl.first().getAttribute('data-points')) : null;
      series = (await chartEl.count()) > 0 && (await chartEl.first().getAttribute('data-series')) !== null ? Number(await chartEl.first().getAttribute('data-series')) : null;
      if (i > 0) times.push(ms); // run 0 warms DuckDB and the HTTP cache
    }
    } catch (e) {
      process.stderr.write(`bench:ui: ${name} not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      continue;
    }
    const sorted = [...times].sort((a, b) => a - b);
    results.push({ page: name, runs: times.map((t) => Math.round(t)), median: Math.round(sorted[Math.floor(sorted.length / 2)]!), min: Math.round(sorted[0]!), max: Math.round(sorted[sorted.length - 1]!), points, series });
  }
} finally {
  await browser.close();
  await served.stop();
  await dir.cleanup();
}
if (json) process.stdout.write(`${JSON.stringify({ serve_start_ms: Math.round(startMs), results }, null, 2)}\n`);
else {
  process.stdout.write(`headroom serve start (fresh data dir, demo load included): ${Math.round(startMs)} ms\n`);
  process.stdout.write(`page            median ms   min    max   chart points  series   runs\n`);
  for (const r of results) process.stdout.write(`${r.page.padEnd(15)} ${String(r.median).padStart(9)} ${String(r.min).padStart(6)} ${String(r.max).padStart(6)} ${String(r.points ?? '').padStart(14)} ${String(r.series ?? '').padStart(7)}   ${r.runs.join(', ')}\n`);
}
