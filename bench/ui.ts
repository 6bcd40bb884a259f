/**
 * `npm run bench:ui [-- --runs N] [--json]`: time to a rendered Overview and Forecast page on the
 * demo dataset, in headless Chromium (Debian's /usr/bin/chromium) against `headroom serve` on a
 * fresh data folder (the first start loads the demo). "Rendered" = the page's heading is shown,
 * no loading placeholder is left, and its main chart has drawn its SVG paths. Each run is a fresh
 * page load (same tab, so the session token stays in sessionStorage), so it includes fetching the bundle, the API calls and the chart render.
 */
import { performance } from 'node:perf_hooks';
import { freshDir, launchBrowser, startServe } from '../test/e2e/harness';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const json = args.includes('--json');

const PAGES: Record<string, string> = { overview: '[data-testid="spend-chart"] svg path', forecast: '[data-testid="model-card"]' };

const dir = await freshDir('bench-ui');
const t0 = performance.now();
const served = await startServe(dir.path);
const startMs = performance.now() - t0;
const browser = await launchBrowser({ viewport: { width: 1360, height: 900 } });
const results: { page: string; runs: number[]; median: number; min: number; max: number; points: number | null }[] = [];
try {
  // First load: takes the token from the URL into the session.
  await browser.page.goto(served.url);
  await browser.page.getByTestId('nav').waitFor();
  const present = await browser.page.getByTestId('nav').locator('a').evaluateAll((as) => as.map((a) => (a.getAttribute('data-testid') ?? '').replace(/^nav-/, '')));
  for (const [page, chart] of Object.entries(PAGES)) {
    if (!present.includes(page)) {
      process.stderr.write(`bench:ui: the ${page} page is not in this build (its API has not landed): skipped\n`);
      continue;
    }
    const times: number[] = [];
    let points: number | null = null;
    try {
    for (let i = 0; i < runs + 1; i++) {
      const tab = browser.page;
      await tab.goto('about:blank');
      const start = performance.now();
      await tab.goto(`${served.origin}/#/${page}`);
      await tab.locator('main h1').waitFor();
      await tab.waitForFunction(() => document.querySelectorAll('[data-testid="loading"], .skeleton').length === 0, undefined, { timeout: 120_000 });
      await tab.locator(chart).first().waitFor({ state: 'attached', timeout: 120_000 });
      const ms = performance.now() - start;
      points = Number(await tab.locator('[data-points]').first().getAttribute('data-points'));
      if (i > 0) times.push(ms); // run 0 warms DuckDB and the HTTP cache
    }
    } catch (e) {
      process.stderr.write(`bench:ui: ${page} not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
      continue;
    }
    const sorted = [...times].sort((a, b) => a - b);
    results.push({ page, runs: times.map((t) => Math.round(t)), median: Math.round(sorted[Math.floor(sorted.length / 2)]!), min: Math.round(sorted[0]!), max: Math.round(sorted[sorted.length - 1]!), points });
  }
} finally {
  await browser.close();
  await served.stop();
  await dir.cleanup();
}
if (json) process.stdout.write(`${JSON.stringify({ serve_start_ms: Math.round(startMs), results }, null, 2)}\n`);
else {
  process.stdout.write(`headroom serve start (fresh data dir, demo load included): ${Math.round(startMs)} ms\n`);
  process.stdout.write(`page       median ms   min    max    chart points   runs\n`);
  for (const r of results) process.stdout.write(`${r.page.padEnd(10)} ${String(r.median).padStart(9)} ${String(r.min).padStart(6)} ${String(r.max).padStart(6)} ${String(r.points ?? '').padStart(14)}   ${r.runs.join(', ')}\n`);
}
