import type { FeatureHandlers, sourcesApi } from '../api';
import type { ServiceDeps } from './context';

export function sourcesHandlers({ store }: ServiceDeps): FeatureHandlers<typeof sourcesApi> {
  return {
    'sources.list': async () => ({ sources: (await store.listSources()).map((s) => ({ ...s, settings: { ...s.settings } })) }),
  };
}
