import type { WorkerEntry } from '../forecast/batch';
import type { Logger } from '../lib';
import type { Store } from '../store';

/**
 * What every feature's handlers get: the open store, the clock, the logger, and what the forecast
 * worker threads load (chosen by the host: see `ServiceOptions.forecastWorker`).
 */
export interface ServiceDeps {
  readonly store: Store;
  readonly dataDir: string;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly forecastWorker: WorkerEntry | null;
}
