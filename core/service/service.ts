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
}

/** The running core: owns the store; transports call `handlers` (or `dispatch`). */
export interface Service {
  readonly dataDir: string;
  readonly store: Store;
  readonly handlers: Handlers;
  readonly clock: () => Date;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function openService(o: ServiceOptions): Promise<Service> {
  const clock = o.clock ?? ((): Date => new Date());
  const logger = o.logger ?? silentLogger;
  const store = await openStore(o.dataDir, { ...o.store, clock });
  const deps = { store, dataDir: o.dataDir, clock, logger };
  return {
    dataDir: o.dataDir,
    store,
    handlers: createHandlers(deps),
    clock,
    logger,
    close: () => store.close(),
  };
}
