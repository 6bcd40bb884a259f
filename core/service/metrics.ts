import type { FeatureHandlers, metricsApi } from '../api';
import type { ServiceDeps } from './context';

export function metricsHandlers({ store }: ServiceDeps): FeatureHandlers<typeof metricsApi> {
  return {
    'metrics.series': async (req) => ({
      series: (await store.metricSeries(req)).map((s) => ({ ...s, labels: { ...s.labels }, points: s.points.map((p) => ({ ts: p.ts, value: p.value })) })),
    }),
  };
}
