import type { Migration } from './types';

/**
 * `imports.unit_id`: the files imported together as the parts of one export (`import --parts`)
 * share it (the first part's import id); any other import is a unit of its own (`unit_id = id`).
 * A unit's parts replace older rows together, and importing files again is `unchanged` only when
 * one earlier unit holds every one of them (core/store/charges-write.ts).
 */
export const importUnits: Migration = {
  version: 4,
  name: 'import-units',
  async up(tx) {
    await tx.run(`ALTER TABLE imports ADD COLUMN unit_id INTEGER`);
    await tx.run(`UPDATE imports SET unit_id = id`);
  },
};
