/**
 * A thin, typed layer over one DuckDB connection: parameterised statements only, results as plain
 * objects, and a lane that runs one unit of work at a time so a transaction never interleaves with
 * another caller's statements on the same connection.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** Named (`$name`) or positional (`?`) parameters. User-provided strings always travel here, never in the SQL text. */
export type SqlParams = Readonly<Record<string, DuckDBValue>> | readonly DuckDBValue[];

/** A row as DuckDB's JS converter gives it (BIGINT → bigint, DOUBLE → number, VARCHAR → string …). */
export type SqlRow = Record<string, unknown>;

/** What store modules (and feature owners' migrations) run SQL through. */
export interface Sql {
  run(sql: string, params?: SqlParams): Promise<void>;
  all<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The raw connection, for the appender. Only valid inside the unit of work that handed out this Sql. */
  readonly connection: DuckDBConnection;
}

function toParams(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  return Array.isArray(params) ? [...(params as DuckDBValue[])] : { ...(params as Record<string, DuckDBValue>) };
}

export function sqlOn(connection: DuckDBConnection): Sql {
  return {
    connection,
    async run(sql, params) {
      await connection.run(sql, toParams(params));
    },
    async all<T extends SqlRow>(sql: string, params?: SqlParams): Promise<T[]> {
      const reader = await connection.runAndReadAll(sql, toParams(params));
      return reader.getRowObjectsJS() as T[];
    },
  };
}

/** Runs queued async work one at a time, in order. A failure does not block later work. */
export class Lane {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

/** Runs `fn` inside BEGIN … COMMIT on `sql`; any error rolls back and is rethrown. */
export async function inTransaction<T>(sql: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  await sql.run('BEGIN TRANSACTION');
  try {
    const out = await fn(sql);
    await sql.run('COMMIT');
    return out;
  } catch (e) {
    try {
      await sql.run('ROLLBACK');
    } catch (_rollbackError) {
      // The transaction may already be aborted by DuckDB; the original error is the one to report.
    }
    throw e;
  }
}

/** BIGINT/HUGEINT come back as bigint: counts fit a JS number. */
export function num(v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return 0;
  return Number(v);
}

export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return String(v);
}

/** A Date as a DuckDB TIMESTAMP literal value (UTC, no zone suffix). */
export function isoTs(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
