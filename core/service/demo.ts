/**
 * The demo dataset use case: generate Cartwheel Commerce (core/ingest/demo) for the day before
 * `as_of` and write it under the `demo` source — charge rows, capacity metrics and the two
 * capacity pools. Idempotent: every load replaces everything the previous load wrote, so loading
 * twice gives the same totals, and loading on a later day moves the window.
 */
import { dayOf, parseDay, type Day, type ProgressSink } from '../lib';
import { poolSchema, type demoApi, type DemoLoadRes, type FeatureHandlers, type Pool } from '../api';
import { DEMO_SEED, generateDemo, seededRandom, type DemoPoolDefinition } from '../ingest/demo';
import { putPool } from '../store';
import type { ServiceDeps } from './context';

/** Name (and kind) of the source the demo rows live under. */
export const DEMO_SOURCE = 'demo';

// A load owns all of the demo source's rows and points, whatever window an earlier load had.
const ALL_DAYS = { from: '1970-01-01' as Day, to: '9999-12-31' as Day };
const ALL_TIME = { from: '1970-01-01T00:00:00Z', to: '9999-01-01T00:00:00Z' };

export interface LoadDemoOptions {
  /** The data ends the day before; default: today (UTC) by the service clock. */
  readonly asOf?: string;
  readonly signal?: AbortSignal;
  readonly progress?: ProgressSink;
}

/** The demo's pool as core/api's capacity pool (what `headroom pool list` shows). */
export function demoPoolToPool(p: DemoPoolDefinition): Pool {
  return poolSchema.parse({
    name: p.name,
    description: p.description,
    usage: { kind: 'metric', metric: p.metric, labels: { ...p.labels } },
    capacity: typeof p.capacity === 'number' ? [{ from: '1970-01-01', capacity: p.capacity }] : p.capacity.map((s) => ({ from: s.from, capacity: s.capacity })),
    target: p.target,
    lead_time_days: p.leadTimeDays,
    unit: p.unit,
    cost_per_unit: p.costPerUnit ?? null,
    currency: p.currency,
    scaling: null,
  });
}

/**
 * Generates and stores the demo dataset. The charge rows are one transaction (the store's
 * `replaceChargeRows`), each metric series one, the pools one; each replaces exactly what the
 * previous demo load wrote, so an interrupted load is repaired by loading again.
 */
export async function loadDemo(deps: ServiceDeps, o: LoadDemoOptions = {}): Promise<DemoLoadRes> {
  const { store } = deps;
  const asOf = o.asOf === undefined ? dayOf(deps.clock()) : parseDay(o.asOf);
  const progress = o.progress ?? ((): void => {});
  progress({ phase: 'generate', done: 0, total: 3, message: 'Generating the demo dataset' });
  const d = generateDemo({ asOf, random: seededRandom(DEMO_SEED) });
  const settings = { company: d.truth.company, seed: DEMO_SEED, as_of: asOf, from: d.from, to: d.to };
  let source = await store.ensureSource({ name: DEMO_SOURCE, kind: 'demo', provider: null, settings });
  if (JSON.stringify(source.settings) !== JSON.stringify(settings)) source = await store.updateSourceSettings(source.id, settings);

  progress({ phase: 'charges', done: 1, total: 3, message: `Writing ${d.charges.length} charge rows` });
  const written = await store.replaceChargeRows({ sourceId: source.id, ...ALL_DAYS, rows: d.charges, format: 'demo', ...(o.signal ? { signal: o.signal } : {}) });

  progress({ phase: 'metrics', done: 2, total: 3, message: `Writing ${d.metrics.length} metric series and ${d.pools.length} pools` });
  let points = 0;
  for (const m of d.metrics) {
    const r = await store.replaceMetricPoints({ sourceId: source.id, name: m.name, unit: m.unit, labels: m.labels, ...ALL_TIME, points: m.points, ...(o.signal ? { signal: o.signal } : {}) });
    points += r.pointsWritten;
  }
  const pools = d.pools.map(demoPoolToPool);
  const now = deps.clock();
  await store.transaction(async (tx) => {
    for (const p of pools) await putPool(tx, p.name, p, now);
  });
  progress({ phase: 'done', done: 3, total: 3 });

  return {
    source: source.name,
    company: d.truth.company,
    as_of: asOf,
    period: { start: d.from, end: d.to },
    rows_written: written.rowsWritten,
    rows_replaced: written.rowsReplaced,
    metric_series: d.metrics.length,
    metric_points: points,
    pools: pools.map((p) => p.name),
    commitments: d.truth.commitments.length,
    anomalies: d.truth.anomalies.length,
    totals: [{ currency: d.totals.currency as DemoLoadRes['totals'][number]['currency'], billed_cost: d.totals.billedCents / 100, effective_cost: d.totals.effectiveCents / 100 }],
  };
}

/**
 * First start: when the store holds no source at all, load the demo so the app shows something
 * real. Returns null (and writes nothing) when the store already has data.
 */
export async function loadDemoIfEmpty(deps: ServiceDeps, o: LoadDemoOptions = {}): Promise<DemoLoadRes | null> {
  if ((await deps.store.listSources()).length > 0) return null;
  return loadDemo(deps, o);
}

export function demoHandlers(deps: ServiceDeps): FeatureHandlers<typeof demoApi> {
  return {
    'demo.load': (req, ctx) => loadDemo(deps, { ...(req.as_of !== undefined ? { asOf: req.as_of } : {}), signal: ctx.signal, progress: ctx.progress }),
  };
}
