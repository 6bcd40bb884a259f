import type { Logger } from '../lib';
import type { Store } from '../store';

/** What every feature's handlers get: the open store, the clock and the logger. */
export interface ServiceDeps {
  readonly store: Store;
  readonly dataDir: string;
  readonly clock: () => Date;
  readonly logger: Logger;
}
