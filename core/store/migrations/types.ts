import type { Sql } from '../db';

/**
 * One schema step. `up` runs inside its own transaction together with the `schema_migrations`
 * insert, so a migration is applied entirely or not at all. Never edit a landed migration: add a
 * new file and list it in `migrations/index.ts`.
 */
export interface Migration {
  /** Strictly increasing, matches the file's `NNN-` prefix. */
  readonly version: number;
  readonly name: string;
  up(tx: Sql): Promise<void>;
}
