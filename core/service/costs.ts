import type { costsApi, FeatureHandlers } from '../api';
import type { ServiceDeps } from './context';

export function costsHandlers({ store }: ServiceDeps): FeatureHandlers<typeof costsApi> {
  return {
    summary: async (req) => {
      const r = await store.summary(req);
      return { period: r.period, totals: [...r.totals], groups: r.groups.map((g) => ({ ...g, group: { ...g.group } })) };
    },
    'series.daily': async (req) => {
      const r = await store.dailySeries(req);
      return { view: r.view, period: r.period, series: r.series.map((s) => ({ ...s, group: { ...s.group }, values: [...s.values] })) };
    },
    coverage: async () => {
      const rows = await store.coverage();
      return {
        sources: rows.map((c) => ({
          ...c,
          source: { ...c.source, settings: { ...c.source.settings } },
          charges: { ...c.charges, currencies: [...c.charges.currencies] },
        })),
      };
    },
  };
}
