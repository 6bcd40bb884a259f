// Capacity page on the demo dataset: each pool's order-by date as the service plans it, and an
// order-by date already past (the demo's GKE pool: P10 exhaustion minus a 21-day lead time falls
// before the last day of data) is flagged overdue, as the CLI does, instead of reading as a future date.
import { describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { appPerSpec, haveChromium } from './harness';
import { AppModel } from './pages/app';

const day = (d: string): string => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(`${d}T00:00:00Z`));
const daysFrom = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe.skipIf(!haveChromium)('capacity page', () => {
  const spec = appPerSpec('capacity');

  it('shows each order-by date, flags it overdue and says "now" when it has passed', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('capacity');
    const plan = await apiCall(spec.served, 'capacity.plan', { horizon_days: 180 });
    expect(plan.pools.length).toBeGreaterThan(0);
    let overdue = 0;
    for (const p of plan.pools) {
      const card = spec.browser.page.getByTestId(`pool-${p.name}`);
      const text = await card.getByTestId('order-by').innerText();
      // Calendar effects (a Black Friday peak in the horizon): the page counts the days the service lists.
      const calendar = card.getByTestId('capacity-calendar');
      if (p.forecast.calendar_effects.length === 0) expect(await calendar.count()).toBe(0);
      else expect(await calendar.getAttribute('data-days')).toBe(String(p.forecast.calendar_effects.length));
      if (p.order_by === null) {
        expect(text).toMatch(/^—/);
        continue;
      }
      expect(text).toContain(day(p.order_by));
      const late = daysFrom(p.order_by, p.as_of);
      if (late >= 0) {
        overdue++;
        expect(await card.getByTestId('order-overdue').innerText()).toBe(late === 0 ? 'overdue' : `overdue by ${late} ${late === 1 ? 'day' : 'days'}`);
        const add = p.recommendations.find((r) => r.kind === 'add_capacity');
        if (add?.kind === 'add_capacity' && add.order_by !== null) {
          const banner = await card.getByTestId('add-capacity').innerText();
          expect(banner).toContain(`now: the order-by date, ${day(add.order_by)}, has passed`);
          // The service's reason reads as its own sentence.
          expect(banner).toContain(`. ${add.reason.charAt(0).toUpperCase()}${add.reason.slice(1)}`);
        }
      } else {
        expect(await card.getByTestId('order-overdue').count()).toBe(0);
      }
    }
    // On the charts, no marker line runs through another marker's label (each label is beside its own line).
    for (const p of plan.pools) {
      const crossings = await spec.browser.page.getByTestId(`capacity-chart-${p.name}`).evaluate((chart) => {
        const xs = Array.from(chart.querySelectorAll('.recharts-reference-line line')).map((l) => l.getBoundingClientRect().left);
        const out: string[] = [];
        for (const t of Array.from(chart.querySelectorAll('text.chart-ref-label'))) {
          const r = t.getBoundingClientRect();
          for (const x of xs) if (x > r.left + 1 && x < r.right - 1) out.push(`a marker line at x=${Math.round(x)} runs through the "${t.textContent ?? ''}" label`);
        }
        return out;
      });
      expect(await spec.browser.page.getByTestId(`capacity-chart-${p.name}`).locator('text.chart-ref-label').count()).toBe((p.order_by ? 1 : 0) + new Set([p.exhaustion.p10, p.exhaustion.p50, p.exhaustion.p90].filter((d) => d !== null)).size);
      expect(crossings, p.name).toEqual([]);
    }
    // The demo has one pool whose order-by date has passed (its lead time is longer than the time left).
    expect(overdue).toBeGreaterThan(0);
    expect(spec.browser.errors).toEqual([]);
  }, 400_000);

  it('never shows the old horizon\'s figures as if they answered the new one', async () => {
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('capacity');
    const plans = spec.browser.page.getByTestId('capacity-plans');
    expect(await plans.innerText()).toContain('Chance within 180 days');
    await spec.browser.page.getByTestId('capacity-horizon').locator('[data-value="365"]').click();
    // Sampled until the one-year plan is drawn: while the 180-day figures are still there, they are
    // marked busy (dimmed) and the header says new figures are coming.
    const stale: string[] = [];
    let samples = 0;
    for (const t0 = Date.now(); Date.now() - t0 < 120_000; samples++) {
      const s = await spec.browser.page.evaluate(() => {
        const el = document.querySelector('[data-testid="capacity-plans"]');
        return { text: el?.textContent ?? '', busy: el?.getAttribute('aria-busy'), refreshing: document.querySelectorAll('[data-testid="refreshing"]').length };
      });
      if (s.text.includes('Chance within 365 days') && s.busy !== 'true') break;
      if (s.text.includes('Chance within 180 days') && (s.busy !== 'true' || s.refreshing !== 1)) stale.push(`sample ${samples}: aria-busy=${String(s.busy)}, refreshing=${s.refreshing}`);
      await spec.browser.page.waitForTimeout(40);
    }
    expect(stale).toEqual([]);
    expect(await plans.innerText()).toContain('Chance within 365 days');
    expect(await spec.browser.page.getByTestId('refreshing').count()).toBe(0);
    expect(spec.browser.errors).toEqual([]);
  }, 300_000);

  it('prices each pool\'s capacity to add in the pool\'s own currency (€ for an EUR pool, $ for the demo\'s USD pool)', async () => {
    // The demo pool with a cost per unit, added again as the same pool billed in EUR.
    const { pools } = await apiCall(spec.served, 'pools.list', {});
    const usd = pools.find((p) => p.cost_per_unit !== null);
    if (!usd) throw new Error('the demo has a pool with a cost per unit');
    expect(usd.currency).toBe('USD');
    await apiCall(spec.served, 'pools.add', { pool: { ...usd, name: `${usd.name}-eur`, currency: 'EUR' } });
    const app = new AppModel(spec.browser.page);
    await app.open(spec.served.url);
    await app.go('capacity');
    const plan = await apiCall(spec.served, 'capacity.plan', { horizon_days: 180 });
    // As the page formats money (renderer/lib/format.ts): whole units from 10,000, else the minor unit.
    const money = (v: number, currency: string): string => {
      const digits = Math.abs(v) >= 10_000 ? 0 : 2;
      return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
    };
    for (const [name, currency, sign] of [[usd.name, 'USD', '$'], [`${usd.name}-eur`, 'EUR', '€']] as const) {
      const add = plan.pools.find((p) => p.name === name)?.recommendations.find((r) => r.kind === 'add_capacity');
      if (add?.kind !== 'add_capacity' || add.monthly_cost === null) throw new Error(`${name}: the plan recommends adding capacity at a cost`);
      expect(add.currency).toBe(currency);
      const banner = await spec.browser.page.getByTestId(`pool-${name}`).getByTestId('add-capacity').innerText();
      expect(money(add.monthly_cost, currency).startsWith(sign)).toBe(true);
      expect(banner).toContain(`(≈ ${money(add.monthly_cost, currency)} per month)`);
    }
    expect(spec.browser.errors).toEqual([]);
  }, 300_000);
});
