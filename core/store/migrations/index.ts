import { base } from './001-base';
import { capacityPools } from './002-capacity-pools';
import { sync } from './003-sync';
import { importUnits } from './004-import-units';
import type { Migration } from './types';

export type { Migration } from './types';

/**
 * Every schema migration, in order. To change the schema add `NNN-name.ts` exporting a
 * `Migration` with the next version and append it here (one line).
 */
export const MIGRATIONS: readonly Migration[] = [base, capacityPools, sync, importUnits];
