import type { Migration } from './types';

/**
 * Capacity pools (issue 5): one row per pool. The definition (usage source, capacity schedule,
 * target, lead time, cost, scaling export settings) is JSON validated by core/api's `poolSchema`
 * on the way in and out, so adding an optional field needs no migration.
 */
export const capacityPools: Migration = {
  version: 2,
  name: 'capacity-pools',
  async up(tx) {
    await tx.run(`CREATE TABLE capacity_pools (
      name VARCHAR PRIMARY KEY,
      definition JSON NOT NULL,
      created_at TIMESTAMP NOT NULL,
      updated_at TIMESTAMP NOT NULL
    )`);
  },
};
