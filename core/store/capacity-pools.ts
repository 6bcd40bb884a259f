/** The `capacity_pools` table: pool definitions as JSON, keyed by name (issue 5). */
import { isoTs, type Sql } from './db';

export interface StoredPool {
  readonly name: string;
  /** The definition as written (validated by the service with core/api's pool schema). */
  readonly definition: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export async function listPools(sql: Sql): Promise<StoredPool[]> {
  const rows = await sql.all<{ name: string; d: string; c: string; u: string }>(
    `SELECT name, CAST(definition AS VARCHAR) AS d, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS c, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS u FROM capacity_pools ORDER BY name`,
  );
  return rows.map((r) => ({ name: r.name, definition: JSON.parse(r.d) as unknown, createdAt: r.c, updatedAt: r.u }));
}

/** Inserts or replaces a pool; returns whether it existed before. */
export async function putPool(sql: Sql, name: string, definition: unknown, now: Date): Promise<{ replaced: boolean }> {
  const existing = await sql.all(`SELECT 1 FROM capacity_pools WHERE name = $n`, { n: name });
  if (existing.length > 0) {
    await sql.run(`UPDATE capacity_pools SET definition = $d, updated_at = CAST($at AS TIMESTAMP) WHERE name = $n`, { n: name, d: JSON.stringify(definition), at: isoTs(now) });
    return { replaced: true };
  }
  await sql.run(`INSERT INTO capacity_pools VALUES ($n, $d, CAST($at AS TIMESTAMP), CAST($at AS TIMESTAMP))`, { n: name, d: JSON.stringify(definition), at: isoTs(now) });
  return { replaced: false };
}

export async function deletePool(sql: Sql, name: string): Promise<boolean> {
  const rows = await sql.all(`DELETE FROM capacity_pools WHERE name = $n RETURNING name`, { n: name });
  return rows.length > 0;
}
