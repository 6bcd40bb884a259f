/**
 * Capacity planning use cases (issue 5): metric imports (CSV files, Prometheus), capacity pools,
 * exhaustion plans with scaling recommendations and exports, commitment sizing.
 * Effects (files, HTTP, store) live here; the math is core/plan's, the forecasts core/forecast's.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { addDays, addMonths, dayOf, daysBetween, HeadroomError, type Day } from '../lib';
import { DEFAULT_POOL_CURRENCY, poolSchema, type capacityApi, type FeatureHandlers, type Pool, type PoolPlan } from '../api';
import type { ModelName, SeriesForecast } from '../forecast';
import { isCurrencyCode } from '../ingest/files';
import { metricCsvToPoints } from '../ingest/metrics';
import { queryRange } from '../ingest/prometheus';
import {
  capacityOn,
  capacityPlan,
  capacitySchedule,
  commitmentRecommendation,
  commitmentUsage,
  expiryCliffs,
  nonNegativePaths,
  quantileSorted,
  scalingRecommendation,
  scalingToHpaPatch,
  scalingToTfvars,
  type ExistingCommitment,
  type HolidayCalendar,
  type ScalingRecommendation,
} from '../plan';
import { commitmentFacts, eligibleUsageDaily, listPools, putPool, usageQuantityDaily, type CommitmentFacts, type Store } from '../store';
import type { ServiceDeps } from './context';
import { readHolidayCalendar } from './anomalies';
import { calendarKeys, horizonEffects } from './calendar';
import { cachedForecast, cachedForecasts } from './forecast-cache';

/** Sample paths drawn per forecast: enough for stable P10/P90 of a first-passage date. */
const DEFAULT_PATHS = 500;
/** Commitment terms are long (365 or 1,095 daily steps): fewer paths keep the pooled sample manageable. */
const COMMITMENT_PATHS = 200;
const SEED = 1;

/** The currency of the pool's cost (null when it has none) and, when it is the default rather than the pool's own, a note saying so. */
export function poolCostCurrency(pool: Pool): { currency: string | null; warning: string | null } {
  if (pool.cost_per_unit === null) return { currency: null, warning: null };
  if (pool.currency !== undefined) return { currency: pool.currency, warning: null };
  return {
    currency: DEFAULT_POOL_CURRENCY,
    warning: `The pool's cost per unit has no currency and is read as ${DEFAULT_POOL_CURRENCY}; if it is in another currency, add the pool again with --currency (headroom pool add … --currency EUR --replace).`,
  };
}

export function capacityHandlers(deps: ServiceDeps): FeatureHandlers<typeof capacityApi> {
  const { store } = deps;
  return {
    'metrics.import': async (req, ctx) => {
      const file = resolve(req.file);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new HeadroomError('BAD_INPUT', `Cannot read ${req.file}: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
      }
      const parsed = metricCsvToPoints(text, req.file, req.name);
      const unit = req.unit ?? '1';
      // One transaction for the file: its source and every series, replacing all the source held (all or nothing, idempotent);
      // a long file imported for one metric (--name) replaces only that metric, keeping the others imported from it.
      const { source } = await store.replaceSourceMetrics({
        source: { name: `metrics-file:${file}`, kind: 'metrics-file', settings: { file, layout: parsed.layout } },
        ...(parsed.layout === 'long' && req.name !== undefined ? { replace: 'names' as const } : {}),
        series: parsed.series.map((s) => ({ name: s.name, unit, labels: s.labels, points: s.points })),
        signal: ctx.signal,
      });
      return {
        source: source.name,
        layout: parsed.layout,
        rows: parsed.rows,
        series: parsed.series.map((s) => ({ name: s.name, labels: { ...s.labels }, points: s.points.length, first: s.points[0]?.ts ?? '', last: s.points.at(-1)?.ts ?? '' })),
        notes: [...parsed.notes],
      };
    },

    'metrics.addPrometheus': async (req, ctx) => {
      const step = req.step_seconds;
      // The same name for another query or server: its points would mix with this one's, under one name.
      const existing = await store.getSource(req.name);
      const reread = existing !== undefined && existing.kind === 'prometheus' && (existing.settings['url'] !== req.url || existing.settings['query'] !== req.query);
      if (reread && req.replace !== true) {
        throw new HeadroomError(
          'CONFLICT',
          `The metric source "${req.name}" already reads ${JSON.stringify(existing.settings['query'])} from ${String(existing.settings['url'])}; importing ${JSON.stringify(req.query)} from ${req.url} under the same name would mix the two queries' points. Give it another --name, or pass --replace to replace all of "${req.name}"'s points with the new query's.`,
        );
      }
      const end = Math.floor(deps.clock().getTime() / 1000 / step) * step;
      const start = end - Math.round((req.range_days * 86_400) / step) * step;
      const result = await queryRange({ url: req.url, query: req.query, start, end, step, ...(req.auth ? { auth: req.auth } : {}), signal: ctx.signal });
      if (result.series.length === 0) {
        throw new HeadroomError('NOT_FOUND', `Prometheus at ${req.url} returned no series for ${JSON.stringify(req.query)} over the last ${req.range_days} days: check the metric name and label matchers.`);
      }
      const written = result.series.map((s) => {
        const { __name__: _n, ...labels } = s.labels;
        return { name: req.name, unit: req.unit ?? '1', labels, points: s.samples.map(([t, v]) => ({ ts: new Date(t * 1000).toISOString(), value: v })) };
      });
      // The sync's range for every series in one transaction, with the source (all or nothing).
      const { source } = await store.replaceSourceMetrics({
        source: { name: req.name, kind: 'prometheus', settings: { url: req.url, query: req.query, step_seconds: step, auth: req.auth?.kind ?? 'none' } },
        // A new query for the source replaces all its points; the same query only its range (a re-sync).
        ...(reread ? {} : { range: { from: new Date(start * 1000).toISOString(), to: new Date((end + step) * 1000).toISOString() } }),
        series: written,
        signal: ctx.signal,
      });
      const series = written.map((s) => ({ name: s.name, labels: s.labels, points: s.points.length, first: s.points[0]?.ts ?? '', last: s.points.at(-1)?.ts ?? '' }));
      return { source: source.name, series, requests: result.requests };
    },

    'metrics.list': async () => {
      const [catalog, sources] = await Promise.all([store.metricCatalog(), store.listSources()]);
      const names = new Map(sources.map((s) => [s.id, s.name]));
      return { metrics: catalog.map((m) => ({ source: names.get(m.sourceId) ?? String(m.sourceId), name: m.name, unit: m.unit, labels: { ...m.labels }, points: m.points, first: m.firstTs, last: m.lastTs })) };
    },

    'pools.add': async (req) => {
      const pool = poolSchema.parse(req.pool);
      if (pool.currency !== undefined && !isCurrencyCode(pool.currency)) {
        throw new HeadroomError('BAD_INPUT', `Pool "${pool.name}": currency "${pool.currency}" is not an ISO 4217 currency code. Use the code the cost per unit is in, such as USD, EUR or GBP.`);
      }
      capacitySchedule(pool.capacity, `pool "${pool.name}" capacity`);
      await checkUsageExists(store, pool);
      const existing = (await store.read((sql) => listPools(sql))).find((p) => p.name === pool.name);
      if (existing && req.replace !== true) throw new HeadroomError('CONFLICT', `A pool named "${pool.name}" already exists: choose another name or replace it (--replace).`);
      const { replaced } = await store.transaction((tx) => putPool(tx, pool.name, pool, deps.clock()));
      return { pool, replaced };
    },

    'pools.list': async () => ({ pools: await readPools(store) }),

    'pools.show': async (req) => {
      const pool = await findPool(store, req.name);
      const usage = await poolUsage(store, pool);
      const last = usage.values.findLastIndex((v) => Number.isFinite(v));
      return {
        pool,
        usage: {
          days: usage.values.filter((v) => Number.isFinite(v)).length,
          first: usage.values.length > 0 ? usage.start : null,
          last: last >= 0 ? addDays(usage.start, last) : null,
          last_peak: last >= 0 ? (usage.values[last] ?? null) : null,
        },
      };
    },

    'capacity.plan': async (req, ctx) => {
      const pools = req.pool === undefined ? await readPools(store) : [await findPool(store, req.pool)];
      const horizon = req.horizon_days;
      const paths = req.paths ?? DEFAULT_PATHS;
      const model = req.model ?? 'auto';
      // Every pool's forecast at once (worker threads when there are several), handed to planPool:
      // not re-read from the memo, which keeps 16 entries and so would lose them with more pools.
      const usages = await Promise.all(pools.map((p) => poolUsage(store, p).catch(() => null)));
      const holidays = await readHolidayCalendar(store);
      const wanted = pools.every((p) => p.lead_time_days < horizon) ? usages.flatMap((u, i) => (u ? [{ i, values: u.values, start: u.start }] : [])) : [];
      const forecasts = new Map<number, SeriesForecast>();
      await cachedForecasts(
        wanted.map((w) => ({ values: w.values, options: poolForecastOptions(horizon, paths, model, calendarKeys(holidays, w.start, w.values.length + horizon)) })),
        { entry: deps.forecastWorker, logger: deps.logger, ...(ctx.signal ? { signal: ctx.signal } : {}) },
      )
        .then((fcs) => fcs.forEach((fc, k) => forecasts.set((wanted[k] as { i: number }).i, fc)))
        .catch(rethrowCancel); // a pool that cannot be forecast fails below, in order, with its own message
      const out: PoolPlan[] = [];
      const today = dayOf(deps.clock());
      for (const [i, pool] of pools.entries()) out.push(withStaleNote((await planPool(store, pool, req.horizon_days, req.service_level ?? 0.95, req.paths ?? DEFAULT_PATHS, req.model ?? 'auto', holidays, forecasts.get(i))).plan, today));
      return { pools: out };
    },

    'capacity.export': async (req) => {
      const pool = await findPool(store, req.pool);
      if (!pool.scaling) {
        throw new HeadroomError('BAD_INPUT', `Pool "${pool.name}" has no scaling settings: add them with "headroom pool add --name ${pool.name} … --scaling asg|hpa --resource NAME --unit-capacity N --replace".`);
      }
      const { scaling, plan } = await planPool(store, pool, req.horizon_days, 0.95, DEFAULT_PATHS, 'auto', await readHolidayCalendar(store));
      if (!scaling) throw new Error('scaling recommendation missing for a pool with scaling settings');
      const comment = `Headroom scaling recommendation for pool "${pool.name}" (${pool.unit}), from the forecast after ${plan.as_of} over ${req.horizon_days} days`;
      return { text: req.format === 'tfvars' ? scalingToTfvars(scaling, pool.scaling.resource, comment) : scalingToHpaPatch(scaling, pool.scaling.resource, comment) };
    },

    'commitments.plan': async (req, ctx) => planCommitments(store, deps, req.term, req.discount, req.paths ?? COMMITMENT_PATHS, req.model ?? 'auto', ctx.signal),
  };
}

async function readPools(store: Store): Promise<Pool[]> {
  return (await store.read((sql) => listPools(sql))).map((p) => poolSchema.parse(p.definition));
}

async function findPool(store: Store, name: string): Promise<Pool> {
  const pools = await readPools(store);
  const pool = pools.find((p) => p.name === name);
  if (!pool) {
    throw new HeadroomError('NOT_FOUND', `No pool named "${name}". ${pools.length === 0 ? 'Add one with "headroom pool add".' : `Pools: ${pools.map((p) => p.name).join(', ')}.`}`);
  }
  return pool;
}

async function checkUsageExists(store: Store, pool: Pool): Promise<void> {
  if (pool.usage.kind === 'metric') {
    const catalog = await store.metricCatalog();
    const usage = pool.usage;
    const named = catalog.filter((m) => m.name === usage.metric);
    if (named.length === 0) {
      const known = [...new Set(catalog.map((m) => m.name))];
      throw new HeadroomError('NOT_FOUND', `Unknown metric "${usage.metric}". ${known.length === 0 ? 'No metrics are imported yet: use "headroom metrics import" or "headroom metrics add-prometheus".' : `Known metrics: ${known.slice(0, 20).join(', ')}.`}`);
    }
    if (!named.some((m) => Object.entries(usage.labels).every(([k, v]) => m.labels[k] === v))) {
      throw new HeadroomError('NOT_FOUND', `Metric "${usage.metric}" has no series with labels ${JSON.stringify(usage.labels)}. Its label sets: ${named.map((m) => JSON.stringify(m.labels)).join('; ')}.`);
    }
  } else {
    const usage = pool.usage;
    const rows = await store.read((sql) => usageQuantityDaily(sql, { consumedUnit: usage.consumed_unit, filters: usage.filters }));
    if (rows.length === 0) throw new HeadroomError('NOT_FOUND', `No usage rows with ConsumedUnit "${usage.consumed_unit}" match the pool's filters.`);
  }
}

/** A first or last day with fewer than this share of its neighbour's samples is incomplete (a few missed scrapes are not). */
const INCOMPLETE_DAY = 0.9;

/** The pool's daily peak, dense from its first to its last day (missing days NaN). */
async function poolUsage(store: Store, pool: Pool): Promise<{ start: Day; values: number[] }> {
  const byDay = new Map<string, number>();
  if (pool.usage.kind === 'metric') {
    const series = await store.metricSeries({ name: pool.usage.metric, labels: pool.usage.labels, step: 'day', agg: 'max' });
    // Several series under one pool (per node, per source) add up: the pool's peak is their sum of daily peaks.
    for (const s of series) for (const p of s.points) byDay.set(p.ts.slice(0, 10), (byDay.get(p.ts.slice(0, 10)) ?? 0) + p.value);
    // A day's peak is known once the whole day is in: a first or last day with fewer than
    // INCOMPLETE_DAY of the samples of the day next to it (a file that starts or ends mid-day, a
    // Prometheus range ending now) is left out rather than forecast from an understated value.
    const usage = pool.usage;
    const count = async (day: Day): Promise<number> =>
      (await store.metricSeries({ name: usage.metric, labels: usage.labels, step: 'raw', from: day, to: addDays(day, 1) })).reduce((n, s) => n + s.points.length, 0);
    for (const end of ['last', 'first'] as const) {
      const sorted = [...byDay.keys()].sort();
      const day = (end === 'last' ? sorted.at(-1) : sorted[0]) as Day | undefined;
      if (day === undefined || byDay.size < 2) break;
      if ((await count(day)) < INCOMPLETE_DAY * (await count(addDays(day, end === 'last' ? -1 : 1)))) byDay.delete(day);
    }
  } else {
    const usage = pool.usage;
    const rows = await store.read((sql) => usageQuantityDaily(sql, { consumedUnit: usage.consumed_unit, filters: usage.filters }));
    // A day's usage quantity (e.g. vCPU-hours) ÷ 24 is the day's average units in use.
    for (const r of rows) byDay.set(r.day, r.quantity / 24);
  }
  const days = [...byDay.keys()].sort();
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) {
    const what = pool.usage.kind === 'metric' ? `metric "${pool.usage.metric}" with labels ${JSON.stringify(pool.usage.labels)}` : `usage in ${pool.usage.consumed_unit}`;
    throw new HeadroomError('NOT_FOUND', `Pool "${pool.name}": no data for ${what}. Import it first.`);
  }
  const n = daysBetween(first as Day, last as Day) + 1;
  return { start: first as Day, values: Array.from({ length: n }, (_, i) => byDay.get(addDays(first as Day, i)) ?? Number.NaN) };
}

/**
 * A metric pool's daily low on the days of its usage series (Σ over its series of each day's minimum,
 * as the usage is Σ of daily maxima; missing days NaN), or null for a billing pool, whose daily
 * average has no intra-day low to read.
 */
async function poolDailyLow(store: Store, pool: Pool, usage: { start: Day; values: readonly number[] }): Promise<number[] | null> {
  if (pool.usage.kind !== 'metric') return null;
  const series = await store.metricSeries({ name: pool.usage.metric, labels: pool.usage.labels, step: 'day', agg: 'min' });
  const byDay = new Map<string, number>();
  for (const s of series) for (const p of s.points) byDay.set(p.ts.slice(0, 10), (byDay.get(p.ts.slice(0, 10)) ?? 0) + p.value);
  return usage.values.map((v, i) => (Number.isFinite(v) ? (byDay.get(addDays(usage.start, i)) ?? Number.NaN) : Number.NaN));
}

/** Data older than this many days before today gets a note on the plan. */
const STALE_DAYS = 7;

/**
 * A plan forecasts from the day after its data: when that was more than STALE_DAYS ago (an old file,
 * a Prometheus sync that stopped), its dates, order-by included, are not about the weeks ahead and
 * "overdue" is measured from the data's end. Say so in the plan's warnings.
 */
export function withStaleNote(plan: PoolPlan, today: Day): PoolPlan {
  const behind = daysBetween(plan.as_of, today);
  if (behind <= STALE_DAYS) return plan;
  return {
    ...plan,
    warnings: [...plan.warnings, `The data ends ${plan.as_of}, ${behind.toLocaleString('en-US')} days before today (${today}): the forecast, exhaustion and order-by dates start from there. Import or sync newer data for a current plan.`],
  };
}

/** Prefetch failures are left to the plan's own loop, except a cancellation. */
function rethrowCancel(e: unknown): void {
  if (e instanceof HeadroomError && e.code === 'CANCELLED') throw e;
}

/** A pool's forecast options; `calendar`: the holiday calendar's keys of its history and horizon (calendar.ts), so a Black Friday peak is forecast as one. */
const poolForecastOptions = (horizon: number, paths: number, model: ModelName, calendar: readonly (string | null)[]) => ({ period: 7, horizon, paths, seed: SEED, levels: [0.8], model, calendar });

/** `prefetched`: the pool's forecast with these options, already made (capacity.plan forecasts every pool at once). */
async function planPool(store: Store, pool: Pool, horizon: number, serviceLevel: number, paths: number, model: ModelName, holidays: HolidayCalendar, prefetched?: SeriesForecast): Promise<{ plan: PoolPlan; scaling: ScalingRecommendation | null }> {
  const schedule = capacitySchedule(pool.capacity, `pool "${pool.name}" capacity`);
  if (pool.lead_time_days >= horizon) {
    throw new HeadroomError('BAD_INPUT', `Pool "${pool.name}": the lead time (${pool.lead_time_days} days) is not shorter than the horizon (${horizon} days), so an order-by date could never be seen in time. Use --horizon ${Math.max(2 * pool.lead_time_days, pool.lead_time_days + 30)}d or more.`);
  }
  const usage = await poolUsage(store, pool);
  const asOf = addDays(usage.start, usage.values.length - 1);
  const calendar = calendarKeys(holidays, usage.start, usage.values.length + horizon);
  const fc = prefetched ?? cachedForecast(usage.values, poolForecastOptions(horizon, paths, model, calendar));
  if (!fc.paths) throw new Error('the forecast returned no sample paths');
  // A quantity never negative in its history (bytes, requests, CPU) is forecast within [0, ∞) (core/plan/capacity/support.ts).
  const sample = nonNegativePaths(fc.paths, usage.values);
  const plan = capacityPlan({ paths: sample, asOf, capacity: schedule, target: pool.target, leadTimeDays: pool.lead_time_days, serviceLevel, ...(pool.cost_per_unit !== null ? { costPerUnitMonth: pool.cost_per_unit } : {}) });
  // The scaling minimum comes from the forecast of the daily low (same options), not of the daily peak.
  const low = pool.scaling ? await poolDailyLow(store, pool, usage) : null;
  const lowPaths = low ? cachedForecast(low, poolForecastOptions(horizon, paths, model, calendar)).paths : undefined;
  const troughPaths = low && lowPaths ? nonNegativePaths(lowPaths, low) : undefined;
  const scaling = pool.scaling
    ? scalingRecommendation({ paths: sample, ...(troughPaths ? { troughPaths } : {}), stepHours: 24, startMs: Date.parse(`${addDays(asOf, 1)}T00:00:00Z`), unitCapacity: pool.scaling.unit_capacity, target: pool.target, headroom: pool.scaling.headroom })
    : null;
  // Each day's values sorted once for the three bands (was once per band).
  const sortedDays = Array.from({ length: horizon }, (_, t) => sample.map((s) => s[t] ?? 0).sort((a, b) => a - b));
  const band = (p: number): number[] => sortedDays.map((col) => quantileSorted(col, p));
  const cost = poolCostCurrency(pool);
  const recommendations: PoolPlan['recommendations'] = plan.recommendations.map((r) => ({ kind: r.kind, add: r.add, order_by: r.order_by, monthly_cost: r.monthly_cost, currency: r.monthly_cost === null ? null : cost.currency, reason: r.reason }));
  if (scaling && pool.scaling) recommendations.push({ kind: 'scaling', target: pool.scaling.kind, resource: pool.scaling.resource, min: scaling.min, max: scaling.max, scheduled: scaling.scheduled.map((a) => ({ ...a })) });
  return {
    scaling,
    plan: {
      name: pool.name,
      unit: pool.unit,
      capacity: capacityOn(schedule, addDays(asOf, 1)),
      target: pool.target,
      lead_time_days: pool.lead_time_days,
      as_of: asOf,
      horizon_days: horizon,
      service_level: serviceLevel,
      exhaustion: { p10: plan.exhaustion.p10, p50: plan.exhaustion.p50, p90: plan.exhaustion.p90 },
      exhaustion_probability: plan.exhaustion.probability,
      order_by: plan.orderBy,
      needed_capacity: plan.neededCapacity,
      recommendations,
      history: { start: usage.start, values: usage.values.map((v) => (Number.isFinite(v) ? v : null)) },
      forecast: { start: addDays(asOf, 1), p10: band(0.1), p50: band(0.5), p90: band(0.9), model: fc.card.spec, calendar_effects: horizonEffects(calendar, usage.values.length, horizon, addDays(asOf, 1), fc.card) },
      capacity_schedule: schedule.map((s) => ({ from: s.from, capacity: s.capacity })),
      warnings: [...fc.card.warnings, ...(cost.warning !== null ? [cost.warning] : [])],
    },
  };
}

/** Term in months from a commitment SKU such as "ComputeSavingsPlans:1yr-NoUpfront", "…, 1 Year", "for 3 Years". */
export function termMonthsFromSku(sku: string | null): number | null {
  if (!sku) return null;
  const m = /(\d)\s*(?:yr|year|years|-year)\b/i.exec(sku);
  return m ? Number(m[1]) * 12 : null;
}

/**
 * An existing commitment from its FOCUS rows: discount = 1 − Σ EffectiveCost / Σ ListCost of its
 * Used rows; its hourly amount (used + unused amortised cost per day ÷ 24) at that discount covers
 * amount / (1 − d) of on-demand usage per hour; it expires at its first day + the term in its SKU,
 * or the day after its last row when the rows stopped before the data did.
 */
export function existingFromFacts(f: CommitmentFacts, lastDataDay: Day): (ExistingCommitment & { discount: number; scope: string }) | null {
  if (f.days === 0 || f.usedList <= 0) return null;
  const discount = Math.min(Math.max(1 - f.usedCost / f.usedList, 0), 0.95);
  const perHour = (f.usedCost + f.unusedCost) / f.days / 24;
  const term = termMonthsFromSku(f.sku);
  const expires = f.lastDay < lastDataDay ? addDays(f.lastDay, 1) : term !== null ? addMonths(f.firstDay, term) : addDays(lastDataDay, 100_000);
  return { id: f.id, type: f.type ?? 'Commitment', coveredPerHour: perHour / (1 - discount), expires, discount, scope: scopeName(f.provider, f.account, f.currency) };
}

function scopeName(provider: string, account: string, currency: string): string {
  return `${provider} ${account} Compute (${currency})`;
}

/** A scope's daily on-demand list rate (per hour) from its first to its last day, or why it cannot be planned. */
function scopeRates(scope: string, rows: readonly { day: Day; list: number }[]): { first: Day; last: Day; n: number; rates: number[] } | { note: string } | null {
  const first = rows[0]?.day;
  const last = rows.at(-1)?.day;
  if (!first || !last) return null;
  const n = daysBetween(first, last) + 1;
  if (n < 60) return { note: `${scope}: only ${n} days of usage; at least 60 are needed to forecast a commitment term.` };
  const byDay = new Map(rows.map((r) => [r.day, r.list / 24]));
  const rates = Array.from({ length: n }, (_, i) => byDay.get(addDays(first, i)) ?? 0);
  if (rates.slice(-30).every((r) => r === 0)) return { note: `${scope}: no compute usage in the last 30 days; nothing to commit to.` };
  return { first, last, n, rates };
}

/** A scope's rate forecast options over the term; `calendar`: the holiday calendar's keys from its first day (calendar.ts), as every cost and pool forecast. */
const commitmentForecastOptions = (termDays: number, paths: number, model: ModelName, calendar: readonly (string | null)[]) => ({ period: 7, horizon: termDays, paths, seed: SEED, levels: [0.8], model, calendar });

async function planCommitments(store: Store, { forecastWorker, logger }: Pick<ServiceDeps, 'forecastWorker' | 'logger'>, term: '1y' | '3y', discount: number | undefined, paths: number, model: ModelName, signal?: AbortSignal) {
  const [usage, facts] = await Promise.all([store.read((sql) => eligibleUsageDaily(sql)), store.read((sql) => commitmentFacts(sql))]);
  if (usage.length === 0) throw new HeadroomError('NOT_FOUND', 'No compute usage in the store: import billing data (FOCUS, CUR, exports) or run "headroom demo" first.');
  const termDays = term === '1y' ? 365 : 1095;
  const termMonths = term === '1y' ? 12 : 36;
  const scopes = new Map<string, { provider: string; account: string; currency: string; rows: { day: Day; list: number }[] }>();
  for (const u of usage) {
    const key = scopeName(u.provider, u.account, u.currency);
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = { provider: u.provider, account: u.account, currency: u.currency, rows: [] }));
    s.rows.push({ day: u.day, list: u.list });
  }
  const recommendations = [];
  const expiring = [];
  const notes: string[] = [];
  // Every scope's forecast at once (worker threads when there are several), handed to the loop (not
  // re-read from the memo, which keeps 16 entries).
  const prepared = [...scopes].map(([scope, s]) => scopeRates(scope, s.rows));
  const holidays = await readHolidayCalendar(store);
  const keysOf = (first: Day, n: number): (string | null)[] => calendarKeys(holidays, first, n + termDays);
  const wanted = prepared.flatMap((p, k) => (p && 'rates' in p ? [{ k, values: p.rates, first: p.first }] : []));
  const forecasts = new Map<number, SeriesForecast>();
  await cachedForecasts(
    wanted.map((w) => ({ values: w.values, options: commitmentForecastOptions(termDays, paths, model, keysOf(w.first, w.values.length)) })),
    { entry: forecastWorker, logger, ...(signal ? { signal } : {}) },
  )
    .then((fcs) => fcs.forEach((fc, j) => forecasts.set((wanted[j] as { k: number }).k, fc)))
    .catch(rethrowCancel); // a scope that cannot be forecast fails below, in order, with its own message
  for (const [k, [scope, s]] of [...scopes].entries()) {
    const prep = prepared[k];
    if (!prep) continue;
    if ('note' in prep) {
      notes.push(prep.note);
      continue;
    }
    const { first, last, n, rates } = prep;
    const existing = facts
      .filter((f) => scopeName(f.provider, f.account, f.currency) === scope)
      .map((f) => existingFromFacts(f, last))
      .filter((e): e is NonNullable<typeof e> => e !== null && e.expires > first);
    const sameTerm = facts.filter((f) => scopeName(f.provider, f.account, f.currency) === scope && termMonthsFromSku(f.sku) === termMonths && f.usedList > 0);
    const observed = sameTerm.length > 0 ? 1 - sameTerm.reduce((a, f) => a + f.usedCost, 0) / sameTerm.reduce((a, f) => a + f.usedList, 0) : undefined;
    const d = discount ?? observed;
    if (d === undefined) {
      notes.push(`${scope}: no ${term} commitment in the data to read a discount from; give --discount (e.g. 0.3).`);
      continue;
    }
    const fc = forecasts.get(k) ?? cachedForecast(rates, commitmentForecastOptions(termDays, paths, model, keysOf(first, n)));
    if (!fc.paths) throw new Error('the forecast returned no sample paths');
    const history = rates.slice(-30).map((rate, i) => ({ day: addDays(last, i - Math.min(30, n) + 1), rate }));
    const rec = commitmentRecommendation({ paths: fc.paths, stepHours: 24, asOf: last, discount: d, termDays, existing, history });
    const recent = facts.filter((f) => scopeName(f.provider, f.account, f.currency) === scope && f.lastDay >= addDays(last, -29));
    const sums = recent.reduce((a, f) => ({ usedCost: a.usedCost + f.usedCost, unusedCost: a.unusedCost + f.unusedCost, coveredListCost: a.coveredListCost + f.usedList }), { usedCost: 0, unusedCost: 0, coveredListCost: 0 });
    const eligibleList = s.rows.filter((r) => r.day > addDays(last, -30)).reduce((a, r) => a + r.list, 0);
    const current = commitmentUsage({ ...sums, eligibleListCost: eligibleList });
    recommendations.push({
      scope,
      currency: s.currency,
      term,
      discount: d,
      hourly_commitment: rec.hourly_commitment,
      covered_per_hour: rec.covered_per_hour,
      expected_savings: rec.expected_savings,
      break_even_utilization: rec.break_even_utilization,
      expected_utilization: rec.expected_utilization,
      trailing_30d_commitment: rec.trailing_30d_commitment,
      trailing_30d_savings: rec.trailing_30d_savings,
      current_coverage: recent.length > 0 ? current.coverage : null,
      current_utilization: current.utilization,
      as_of: last,
      model: fc.card.spec,
    });
    for (const c of expiryCliffs(existing, last, termDays, (x) => existing.find((e) => e.id === x.id)?.discount ?? 0)) expiring.push({ scope, currency: s.currency, ...c });
  }
  return { recommendations, expiring, notes };
}
