/** A small namespaced key → JSON value table for settings and feature state that needs no table of its own. */
import { isoTs, type Sql } from './db';

export async function kvGet<T = unknown>(sql: Sql, namespace: string, key: string): Promise<T | undefined> {
  const rows = await sql.all<{ v: string }>(`SELECT CAST(value AS VARCHAR) AS v FROM kv WHERE namespace = $ns AND key = $k`, { ns: namespace, k: key });
  const r = rows[0];
  return r ? (JSON.parse(r.v) as T) : undefined;
}

export async function kvSet(sql: Sql, namespace: string, key: string, value: unknown, now: () => Date): Promise<void> {
  await sql.run(`INSERT OR REPLACE INTO kv VALUES ($ns, $k, $v, CAST($at AS TIMESTAMP))`, {
    ns: namespace,
    k: key,
    v: JSON.stringify(value),
    at: isoTs(now()),
  });
}

export async function kvDelete(sql: Sql, namespace: string, key: string): Promise<void> {
  await sql.run(`DELETE FROM kv WHERE namespace = $ns AND key = $k`, { ns: namespace, k: key });
}

export async function kvList(sql: Sql, namespace: string): Promise<{ key: string; value: unknown }[]> {
  const rows = await sql.all<{ key: string; v: string }>(`SELECT key, CAST(value AS VARCHAR) AS v FROM kv WHERE namespace = $ns ORDER BY key`, { ns: namespace });
  return rows.map((r) => ({ key: r.key, value: JSON.parse(r.v) as unknown }));
}
