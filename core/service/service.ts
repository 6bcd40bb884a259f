import { SOURCE_WORKER, type WorkerEntry } from '../forecast/batch';
import { silentLogger, type Logger } from '../lib';
import type { Handlers } from '../api';
import { openStore, type Store, type StoreOptions } from '../store';
import { createHandlers } from './handlers';

export interface ServiceOptions {
  readonly dataDir: string;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** DuckDB settings (memory limit, threads). */
  readonly store?: Omit<StoreOptions, 'clock'>;
  /**
   * What the batch forecaster's worker threads load, chosen by the host. Default: core/forecast's
   * sources through tsx (the CLI, `headroom serve`, the bench and tests all run from the source tree).
   * The desktop app passes its bundled `forecast-worker.mjs` (electron/worker/start.ts); null keeps
   * every forecast in this thread.
   */
  readonly forecastWorker?: WorkerEntry | null;
}

/** The running core: owns the store; transports call `handlers` (or `dispatch`). */
export interface Service {
  readonly dataDir: string;
  readonly store: Store;
  readonly handlers: Handlers;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly forecastWorker: WorkerEntry | null;
  close(): Promise<void>;
}

export async function openService(o: ServiceOptions): Promise<Service> {
  const clock = o.clock ?? ((): Date => new Date());
  const logger = o.logger ?? silentLogger;
  const store = await openStore(o.dataDir, { ...o.store, clock });
  const forecastWorker = o.forecastWorker === undefined ? SOURCE_WORKER : o.forecastWorker;
  const deps = { store, dataDir: o.dataDir, clock, logger, forecastWorker };
  return {
    dataDir: o.dataDir,
    store,
    handlers: createHandlers(deps),
    clock,
    logger,
    forecastWorker,
    close: () => store.close(),
  };
}
