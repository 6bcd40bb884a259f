import { HeadroomError } from '../lib';
import { inTransaction, isoTs, num, type Sql } from './db';
import type { Migration } from './migrations';

/** Applies every migration not yet recorded in `schema_migrations`, each in its own transaction. Returns the versions applied. */
export async function migrate(sql: Sql, migrations: readonly Migration[], now: () => Date): Promise<number[]> {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1];
    const cur = migrations[i];
    if (prev && cur && cur.version <= prev.version) {
      throw new Error(`migrations out of order: ${prev.version}-${prev.name} is listed before ${cur.version}-${cur.name}`);
    }
  }
  await sql.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`);
  const rows = await sql.all<{ version: number }>(`SELECT version FROM schema_migrations ORDER BY version`);
  const applied = new Set(rows.map((r) => num(r.version)));
  const known = new Set(migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if ([...applied].some((v) => !known.has(v))) {
    throw new HeadroomError(
      'UNSUPPORTED',
      `The data folder was written by a newer Headroom (schema version ${newest}). Update Headroom, or point --data-dir at another folder.`,
    );
  }
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await inTransaction(sql, async (tx) => {
      await m.up(tx);
      await tx.run(`INSERT INTO schema_migrations VALUES ($version, $name, $at)`, {
        version: m.version,
        name: m.name,
        at: isoTs(now()),
      });
    }).catch((e: unknown) => {
      throw new Error(`migration ${m.version}-${m.name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    done.push(m.version);
  }
  return done;
}
