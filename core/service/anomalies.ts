/**
 * Cost anomalies (issue 6, item 2): each service's and each billing account's daily
 * EffectiveCost is scanned by core/plan's detector (robust MSTL + robust z of the remainder);
 * user labels live in the store's kv table (namespace `anomaly-labels`, key `start|dim=value`).
 */
import { addDays, daysBetween, HeadroomError, type Day } from '../lib';
import { anomalyLabelSchema, type AnomalyLabel, type AnomalyView, type anomaliesApi, type FeatureHandlers } from '../api';
import { detectAnomalies } from '../plan';
import type { Store } from '../store';
import type { Dimension } from '../model';
import type { ServiceDeps } from './context';

const NAMESPACE = 'anomaly-labels';
/** Scan window: the last three years of daily cost (enough for the yearly cycle). */
const MAX_HISTORY_DAYS = 3 * 365;
/**
 * The groupings scanned, each group's series on its own: per service, per billing account, and per
 * service within each sub-account (so a jump in a small account is not lost in a big service).
 */
export const ANOMALY_LEVELS: readonly (readonly Dimension[])[] = [['service'], ['billing_account'], ['sub_account', 'service']];
/** An anomaly must move the cost by at least this share of its expected cost (and $1), or it is noise. */
const MIN_RELATIVE_IMPACT = 0.2;
/** |robust z| that flags a day: 5 (4 doubles the flags on the demo dataset and finds nothing more). */
const DEFAULT_THRESHOLD = 5;

/** kv key of a label: the start day and the scope's conditions in a fixed order. */
export const labelKey = (start: Day, scope: Readonly<Record<string, string>>): string =>
  `${start}|${Object.keys(scope).sort().map((k) => `${k}=${scope[k]}`).join(',')}`;

async function readLabels(store: Store): Promise<Map<string, AnomalyLabel>> {
  const out = new Map<string, AnomalyLabel>();
  for (const e of await store.kvList(NAMESPACE)) {
    const v = anomalyLabelSchema.safeParse((e.value as { label?: unknown } | null)?.label);
    if (v.success) out.set(e.key, v.data);
  }
  return out;
}

export interface ScanOptions {
  readonly since?: Day;
  readonly threshold?: number;
  readonly signal?: AbortSignal;
}

/** All anomalies of the store's data, newest first. */
export async function scanAnomalies(store: Store, o: ScanOptions = {}): Promise<{ dataThrough: Day | null; anomalies: AnomalyView[] }> {
  const labels = await readLabels(store);
  const out: AnomalyView[] = [];
  let dataThrough: Day | null = null;
  for (const by of ANOMALY_LEVELS) {
    const res = await store.dailySeries({ by, view: 'effective' });
    for (const s of res.series) {
      if (o.signal?.aborted) throw new HeadroomError('CANCELLED', 'Anomaly detection was cancelled.');
      const scope: Record<string, string> = {};
      for (const d of by) {
        const v = s.group[d];
        if (v !== null && v !== undefined) scope[d] = v;
      }
      if (Object.keys(scope).length < by.length) continue; // rows without the dimension (tax) are no series of their own
      const skip = Math.max(0, s.values.length - MAX_HISTORY_DAYS);
      const values = s.values.slice(skip);
      const start0 = addDays(s.start, skip);
      const last = addDays(s.start, s.values.length - 1);
      if (dataThrough === null || last > dataThrough) dataThrough = last;
      const det = detectAnomalies(values, { threshold: o.threshold ?? DEFAULT_THRESHOLD });
      for (const a of det.anomalies) {
        if (Math.abs(a.impact) < Math.max(1, MIN_RELATIVE_IMPACT * Math.abs(a.expected))) continue;
        const start = addDays(start0, a.start);
        const end = addDays(start0, a.end);
        if (o.since !== undefined && end < o.since) continue;
        out.push({
          start,
          end,
          scope,
          currency: s.currency,
          expected: round2(a.expected),
          actual: round2(a.actual),
          impact: round2(a.impact),
          interval: { lower: round2(a.lower), upper: round2(a.upper) },
          z: Math.round(a.z * 100) / 100,
          severity: a.severity,
          label: labels.get(labelKey(start, scope)) ?? null,
        });
      }
    }
  }
  out.sort((a, b) => (a.start === b.start ? Math.abs(b.impact) - Math.abs(a.impact) : a.start < b.start ? 1 : -1));
  return { dataThrough, anomalies: out };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function anomaliesHandlers({ store }: ServiceDeps): FeatureHandlers<typeof anomaliesApi> {
  return {
    'anomalies.list': async (req, ctx) => {
      ctx.progress({ phase: 'anomalies', done: 0, total: 1, message: 'Scanning daily cost per service and billing account' });
      const r = await scanAnomalies(store, { ...(req.since !== undefined ? { since: req.since } : {}), ...(req.threshold !== undefined ? { threshold: req.threshold } : {}), signal: ctx.signal });
      return { data_through: r.dataThrough, anomalies: r.anomalies };
    },
    'anomalies.label': async (req) => {
      const scope: Record<string, string> = {};
      for (const c of req.scope) {
        if (scope[c.dimension] !== undefined) throw new HeadroomError('BAD_INPUT', `The scope names ${c.dimension} twice; give each dimension once.`);
        scope[c.dimension] = c.value;
      }
      const key = labelKey(req.start, scope);
      const text = Object.entries(scope).map(([k, v]) => `${k}=${v}`).join(', ');
      const found = await scanAnomalies(store);
      const sameScope = found.anomalies.filter((a) => labelKey(a.start, a.scope) === key || (Object.keys(a.scope).length === req.scope.length && req.scope.every((c) => a.scope[c.dimension] === c.value)));
      const matched = sameScope.some((a) => a.start === req.start);
      const nearby = sameScope.filter((a) => Math.abs(daysBetween(a.start, req.start)) <= 14);
      if (!matched && nearby.length > 0) {
        throw new HeadroomError('NOT_FOUND', `No anomaly in ${text} starts on ${req.start}; anomalies there start on ${nearby.map((a) => a.start).join(', ')}. Give one of those dates with --start.`);
      }
      await store.kvSet(NAMESPACE, key, { label: req.label });
      return { start: req.start, scope, label: req.label, matched };
    },
  };
}
