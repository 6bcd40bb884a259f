import type { FeatureHandlers, syncApi } from '../api';
import type { ServiceDeps } from './context';
import { addCloudSource, runSync } from './sync';

export function syncHandlers(deps: ServiceDeps): FeatureHandlers<typeof syncApi> {
  return {
    'sources.add': async (req) => {
      const s = await addCloudSource(deps.store, req);
      return { source: { ...s, settings: { ...s.settings } } };
    },
    'sync.run': (req, ctx) => runSync({ store: deps.store, clock: deps.clock, env: process.env, signal: ctx.signal, progress: ctx.progress }, req),
  };
}
