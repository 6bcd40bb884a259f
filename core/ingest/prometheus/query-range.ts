/**
 * Prometheus HTTP API `/api/v1/query_range` (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries).
 *
 * Prometheus refuses a range query that would return more than 11,000 points per series
 * ("exceeded maximum resolution of 11,000 points per timeseries"), so a long range is split into
 * consecutive windows of at most `maxPoints` steps, aligned on the step, and the series are joined
 * by label set. Auth: HTTP basic or a bearer token. Errors are HeadroomErrors: an unreachable server
 * is UNAVAILABLE, 401/403 is AUTH, a PromQL error (status "error") is BAD_INPUT carrying the
 * server's own message.
 */
import { HeadroomError } from '../../lib';

export type PrometheusAuth = { readonly kind: 'bearer'; readonly token: string } | { readonly kind: 'basic'; readonly username: string; readonly password: string };

export interface QueryRangeRequest {
  /** Base URL of the server, e.g. `http://127.0.0.1:9090` (a path prefix is kept). */
  readonly url: string;
  readonly query: string;
  /** Unix seconds, inclusive. */
  readonly start: number;
  readonly end: number;
  /** Step in seconds. */
  readonly step: number;
  readonly auth?: PrometheusAuth;
  readonly signal?: AbortSignal;
  /** Points per request per series; default 10,000 (under Prometheus's 11,000 limit). */
  readonly maxPoints?: number;
  /** The HTTP client (global fetch by default). */
  readonly fetch?: typeof fetch;
}

export interface PromSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** [unix seconds, value], ascending, non-finite values ("NaN", "+Inf") dropped. */
  readonly samples: readonly (readonly [number, number])[];
}

export interface QueryRangeResult {
  readonly series: readonly PromSeries[];
  readonly requests: number;
}

/** The windows a range is split into: each has at most `maxPoints` evaluation timestamps. */
export function chunkRange(start: number, end: number, step: number, maxPoints: number): { start: number; end: number }[] {
  if (!(step > 0)) throw new HeadroomError('BAD_INPUT', `The step must be greater than 0 seconds (got ${step}).`);
  if (end < start) throw new HeadroomError('BAD_INPUT', `The range ends (${end}) before it starts (${start}).`);
  const out: { start: number; end: number }[] = [];
  for (let s = start; s <= end; s += maxPoints * step) out.push({ start: s, end: Math.min(end, s + (maxPoints - 1) * step) });
  return out;
}

type PromJson = {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: { metric?: Record<string, string>; values?: [number, string][] }[] };
};

export async function queryRange(req: QueryRangeRequest): Promise<QueryRangeResult> {
  const doFetch = req.fetch ?? fetch;
  const base = parseBase(req.url);
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };
  if (req.auth?.kind === 'bearer') headers['Authorization'] = `Bearer ${req.auth.token}`;
  if (req.auth?.kind === 'basic') headers['Authorization'] = `Basic ${Buffer.from(`${req.auth.username}:${req.auth.password}`, 'utf8').toString('base64')}`;
  const merged = new Map<string, { labels: Record<string, string>; samples: [number, number][] }>();
  const windows = chunkRange(req.start, req.end, req.step, req.maxPoints ?? 10_000);
  for (const w of windows) {
    const u = new URL('api/v1/query_range', base);
    const body = new URLSearchParams({ query: req.query, start: String(w.start), end: String(w.end), step: String(req.step) });
    let res: Response;
    try {
      res = await doFetch(u, { method: 'POST', headers, body, ...(req.signal ? { signal: req.signal } : {}) });
    } catch (e) {
      if (req.signal?.aborted) throw new HeadroomError('CANCELLED', 'Cancelled: nothing was imported.', { cause: e });
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
      throw new HeadroomError('UNAVAILABLE', `Cannot reach Prometheus at ${req.url}: ${cause}. Check the URL and that the server is running and reachable.`, { cause: e });
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403) {
      throw new HeadroomError('AUTH', `Prometheus at ${req.url} refused the credentials (HTTP ${res.status}). Check the bearer token or the user and password.`);
    }
    let json: PromJson;
    try {
      json = JSON.parse(text) as PromJson;
    } catch (e) {
      throw new HeadroomError('REMOTE', `${u.origin}${u.pathname} answered HTTP ${res.status} with something that is not the Prometheus API (${text.slice(0, 120).replace(/\s+/g, ' ')}). Is ${req.url} the Prometheus server's base URL?`, { cause: e });
    }
    if (json.status !== 'success') {
      const msg = json.error ?? `HTTP ${res.status}`;
      const code = json.errorType === 'bad_data' || res.status === 400 || res.status === 422 ? 'BAD_INPUT' : 'REMOTE';
      throw new HeadroomError(code, `Prometheus rejected the query ${JSON.stringify(req.query)}: ${msg}${json.errorType ? ` (${json.errorType})` : ''}.`);
    }
    if (json.data?.resultType !== 'matrix') throw new HeadroomError('REMOTE', `Prometheus answered a range query with a ${json.data?.resultType ?? 'missing'} result instead of a matrix.`);
    for (const r of json.data.result ?? []) {
      const labels = r.metric ?? {};
      const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
      let m = merged.get(key);
      if (!m) {
        m = { labels: { ...labels }, samples: [] };
        merged.set(key, m);
      }
      for (const [t, v] of r.values ?? []) {
        const x = Number(v);
        if (Number.isFinite(x)) m.samples.push([Number(t), x]);
      }
    }
  }
  return { series: [...merged.values()].map((m) => ({ labels: m.labels, samples: m.samples.sort((a, b) => a[0] - b[0]) })), requests: windows.length };
}

function parseBase(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch (e) {
    throw new HeadroomError('BAD_INPUT', `"${url}" is not a URL: give the Prometheus server's base URL, e.g. http://127.0.0.1:9090.`, { cause: e });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HeadroomError('BAD_INPUT', `"${url}" must be an http:// or https:// URL.`);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u;
}

/**
 * The usual kube-state-metrics expressions for a Kubernetes capacity pool (kube-state-metrics v2
 * metric names): requested vs allocatable CPU cores or memory bytes, summed over the cluster.
 * Requests count only pods that hold them — phase Pending or Running, as the kubernetes-mixin
 * `…:active:kube_pod_container_resource_requests` recording rules do: kube-state-metrics keeps
 * exporting the requests of a completed Job's pod (Succeeded/Failed) for as long as the pod object
 * exists. `selector` adds label matchers to the requests and the allocatable series, e.g. `cluster="prod"`.
 */
export function kubePoolQueries(resource: 'cpu' | 'memory', selector = ''): { requests: string; allocatable: string; unit: string } {
  const sel = selector.trim() === '' ? '' : `,${selector.trim()}`;
  return {
    requests: `sum(kube_pod_container_resource_requests{resource="${resource}"${sel}} * on(namespace, pod) group_left() max by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Running"} == 1))`,
    allocatable: `sum(kube_node_status_allocatable{resource="${resource}"${sel}})`,
    unit: resource === 'cpu' ? 'core' : 'byte',
  };
}
