import type { Handlers } from '../api';
import type { ServiceDeps } from './context';
import { anomaliesHandlers } from './anomalies';
import { budgetsHandlers } from './budgets';
import { scenariosHandlers } from './scenarios';
import { reportsHandlers } from './report';
import { capacityHandlers } from './capacity';
import { costsHandlers } from './costs';
import { demoHandlers } from './demo';
import { forecastHandlers } from './forecast';
import { metricsHandlers } from './metrics';
import { importHandlers } from './import';
import { sourcesHandlers } from './sources';
import { syncHandlers } from './sync-handlers';

/** Every method of core/api, implemented. Each feature adds `core/service/<feature>.ts` and one line here. */
export function createHandlers(deps: ServiceDeps): Handlers {
  return {
    ...sourcesHandlers(deps),
    ...costsHandlers(deps),
    ...capacityHandlers(deps),
    ...metricsHandlers(deps),
    ...syncHandlers(deps),
    ...importHandlers(deps),
    ...demoHandlers(deps),
    ...forecastHandlers(deps),
    ...budgetsHandlers(deps),
    ...scenariosHandlers(deps),
    ...anomaliesHandlers(deps),
    ...reportsHandlers(deps),
  };
}
