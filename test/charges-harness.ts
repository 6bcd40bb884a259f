import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CHARGE_COLUMNS } from '../core/model';
import { csvRecords } from './rfc4180';

/** A fresh in-memory DuckDB connection. */
export async function memoryConnection(): Promise<DuckDBConnection> {
  const inst = await DuckDBInstance.create(':memory:');
  return inst.connect();
}

/** The part of a FileImportPlan that runs: the SELECT and its bound parameters. */
export interface PlannedSelect {
  readonly selectSql: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Rows of a query over a plan's SELECT (`sql(from)` gets the parenthesised SELECT). */
export async function queryPlan(conn: DuckDBConnection, plan: PlannedSelect, sql: (from: string) => string): Promise<Record<string, unknown>[]> {
  const r = await conn.runAndReadAll(sql(`(${plan.selectSql})`), plan.params);
  return r.getRowObjectsJson();
}

export interface CurrencyTotal {
  readonly currency: string;
  readonly billed: number;
  readonly effective: number;
}

/** Runs a plan's SELECT and sums it per currency (what the store would hold). */
export async function selectTotals(conn: DuckDBConnection, plan: PlannedSelect): Promise<CurrencyTotal[]> {
  const r = await conn.runAndReadAll(`SELECT BillingCurrency AS c, CAST(sum(BilledCost) AS DOUBLE) AS b, CAST(sum(EffectiveCost) AS DOUBLE) AS e FROM (${plan.selectSql}) GROUP BY 1 ORDER BY 1`, plan.params);
  return r.getRowObjectsJson().map((x) => ({ currency: String(x['c']), billed: Number(x['b']), effective: Number(x['e']) }));
}

/** Column names and types a SELECT yields. */
export async function selectColumns(conn: DuckDBConnection, plan: PlannedSelect): Promise<[string, string][]> {
  const r = await conn.runAndReadAll(`DESCRIBE ${plan.selectSql}`, plan.params);
  return r.getRowObjectsJson().map((x) => [String(x['column_name']), String(x['column_type'])]);
}

/** CHARGE_COLUMNS as DESCRIBE reports them: every plan's SELECT must yield exactly these. */
export const EXPECTED_COLUMNS: [string, string][] = CHARGE_COLUMNS.map(([n, t]) => [n, t]);

/**
 * Independent totals of a CSV file: parse it with the test's own RFC 4180 parser and apply `rule`
 * (the format's documented cost rule, written out in the test) to every record.
 */
export function independentTotals(path: string, rule: (r: Record<string, string>) => { currency: string; billed: number; effective: number }): CurrencyTotal[] {
  const by = new Map<string, { billed: number; effective: number }>();
  for (const rec of csvRecords(readFileSync(path, 'utf8'))) {
    const x = rule(rec);
    const t = by.get(x.currency) ?? { billed: 0, effective: 0 };
    t.billed += x.billed;
    t.effective += x.effective;
    by.set(x.currency, t);
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, ...t }));
}
