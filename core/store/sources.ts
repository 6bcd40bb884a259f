/** Sources: where charges and metrics come from (a file drop, a cloud account, the demo). */
import { HeadroomError } from '../lib';
import { inTransaction, isoTs, num, type Sql } from './db';
import type { NewSource, SourceRecord, SourceSettings } from './types';

/** Settings keys that look like secrets are refused: secrets belong in the OS keychain, never in the store. */
const SECRET_KEY = /(secret|password|passwd|token|credential|private|apikey|api_key)/i;

function checkSettings(settings: SourceSettings): string {
  for (const k of Object.keys(settings)) {
    if (SECRET_KEY.test(k)) {
      throw new HeadroomError('BAD_INPUT', `Source setting "${k}" looks like a secret. The store keeps non-secret settings only; secrets go to the OS keychain.`);
    }
  }
  return JSON.stringify(settings);
}

interface SourceRow {
  id: number;
  name: string;
  kind: string;
  provider: string | null;
  settings: string;
  created_at: string;
}

export const SOURCE_SELECT = `SELECT id, name, kind, provider, CAST(settings AS VARCHAR) AS settings,
  strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at FROM sources`;

export function toSource(r: SourceRow): SourceRecord {
  return {
    id: num(r.id),
    name: r.name,
    kind: r.kind,
    provider: r.provider,
    settings: JSON.parse(r.settings) as SourceSettings,
    createdAt: r.created_at,
  };
}

export async function listSources(sql: Sql): Promise<SourceRecord[]> {
  return (await sql.all<SourceRow & Record<string, unknown>>(`${SOURCE_SELECT} ORDER BY id`)).map(toSource);
}

export async function getSource(sql: Sql, idOrName: number | string): Promise<SourceRecord | undefined> {
  const rows =
    typeof idOrName === 'number'
      ? await sql.all<SourceRow & Record<string, unknown>>(`${SOURCE_SELECT} WHERE id = $v`, { v: idOrName })
      : await sql.all<SourceRow & Record<string, unknown>>(`${SOURCE_SELECT} WHERE name = $v`, { v: idOrName });
  const r = rows[0];
  return r ? toSource(r) : undefined;
}

/** Returns the source called `name`, creating it if absent. A source of that name but another kind is a CONFLICT. */
export async function ensureSource(sql: Sql, s: NewSource, now: () => Date): Promise<SourceRecord> {
  return inTransaction(sql, (tx) => ensureSourceIn(tx, s, now));
}

/** ensureSource inside a transaction the caller holds (so a write can create its source and its rows atomically). */
export async function ensureSourceIn(tx: Sql, s: NewSource, now: () => Date): Promise<SourceRecord> {
  const settings = checkSettings(s.settings ?? {});
  const existing = await getSource(tx, s.name);
  if (existing) {
    if (existing.kind !== s.kind) {
      throw new HeadroomError('CONFLICT', `A source named "${s.name}" already exists with kind "${existing.kind}" (not "${s.kind}"). Choose another name.`);
    }
    return existing;
  }
  await tx.run(`INSERT INTO sources (name, kind, provider, settings, created_at) VALUES ($name, $kind, $provider, $settings, CAST($at AS TIMESTAMP))`, {
    name: s.name,
    kind: s.kind,
    provider: s.provider ?? null,
    settings,
    at: isoTs(now()),
  });
  const created = await getSource(tx, s.name);
  if (!created) throw new Error(`source "${s.name}" vanished after insert`);
  return created;
}

/** Sets a source's settings inside the caller's transaction (a full replace of its data re-describes it). */
export async function setSourceSettingsIn(tx: Sql, id: number, settings: SourceSettings): Promise<void> {
  await tx.run(`UPDATE sources SET settings = $settings WHERE id = $id`, { settings: checkSettings(settings), id });
}

export async function updateSourceSettings(sql: Sql, id: number, settings: SourceSettings): Promise<SourceRecord> {
  const json = checkSettings(settings);
  return inTransaction(sql, async (tx) => {
    const existing = await getSource(tx, id);
    if (!existing) throw new HeadroomError('NOT_FOUND', `There is no source with id ${id}. Run "headroom sources" to list them.`);
    await tx.run(`UPDATE sources SET settings = $settings WHERE id = $id`, { settings: json, id });
    return { ...existing, settings: JSON.parse(json) as SourceSettings };
  });
}

/** Deletes a source with all its charges, metrics and import records, in one transaction. */
export async function removeSource(sql: Sql, id: number): Promise<{ charges: number; metrics: number }> {
  return inTransaction(sql, async (tx) => {
    const existing = await getSource(tx, id);
    if (!existing) throw new HeadroomError('NOT_FOUND', `There is no source with id ${id}. Run "headroom sources" to list them.`);
    const c = await tx.all(`DELETE FROM charges WHERE source_id = $id`, { id });
    const m = await tx.all(`DELETE FROM metrics WHERE source_id = $id`, { id });
    await tx.run(`DELETE FROM imports WHERE source_id = $id`, { id });
    await tx.run(`DELETE FROM sources WHERE id = $id`, { id });
    const count = (rows: Record<string, unknown>[]): number => num(rows[0] ? Object.values(rows[0])[0] : 0);
    return { charges: count(c), metrics: count(m) };
  });
}
