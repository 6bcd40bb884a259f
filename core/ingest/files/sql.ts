/**
 * SQL building blocks shared by the converters. Every converter reads a raw relation whose columns are
 * all VARCHAR (exactly as the file wrote the cells) and maps them to the charges columns with these
 * expressions; validation queries use the same expressions so a cell is judged exactly as it is imported.
 */

/** Quotes an SQL string literal. */
export function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Quotes an SQL identifier. */
export function ident(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** The DuckDB type of money and quantities in the charges table. */
export const DECIMAL = 'DECIMAL(38,12)';

/**
 * A cell as text with the source's null spellings mapped to NULL; the empty string is always null.
 * The spellings are matched exactly, as DuckDB's CSV reader matches its `nullstr` list (the planner
 * passes each spelling as written, lower- and upper-cased): a plain comparison, where trimming and
 * lower-casing every cell of a multi-GB file cost as much as reading it. Cells are not trimmed
 * otherwise: numbers and dates cast with surrounding spaces.
 */
export function text(col: string, nulls: readonly string[] = []): string {
  if (nulls.length === 0) return `NULLIF(${col}, '')`;
  return `CASE WHEN ${col} IN (${['', ...nulls].map(lit).join(', ')}) THEN NULL ELSE ${col} END`;
}

/** A decimal number (plain or scientific notation) or NULL when the text is not one. */
export function dec(textExpr: string): string {
  return `TRY_CAST(${textExpr} AS ${DECIMAL})`;
}

/** True when a non-null text is not a number. */
export function notNumber(textExpr: string): string {
  return `(${textExpr} IS NOT NULL AND ${dec(textExpr)} IS NULL)`;
}

/**
 * Normalises an ISO-8601-ish timestamp text so DuckDB can parse it: `T10:00Z` gains seconds, a trailing
 * ` UTC` (BigQuery JSON) becomes `+00:00`.
 */
/**
 * Normalises an ISO 8601 timestamp text with an offset so DuckDB's TIMESTAMPTZ cast reads it: a
 * time without seconds (`T10:00+01:00`) gains `:00`, a trailing ` UTC` (BigQuery JSON) becomes `+00:00`.
 */
function normOffsetTs(textExpr: string): string {
  return `regexp_replace(regexp_replace(${textExpr}, '([T ]\\d\\d:\\d\\d)([+-]\\d\\d:?\\d\\d)$', '\\1:00\\2'), ' UTC$', '+00:00')`;
}

/**
 * The UTC instant of an ISO 8601 timestamp text as a naive TIMESTAMP, or NULL when the text is not
 * one (hour 30, `4/1/25`). `…Z` and texts without an offset are UTC already (FOCUS requires UTC; AWS
 * and GCP write UTC); texts with an offset (`-07:00`, `+00:00`, ` UTC`) are converted to UTC.
 * Cheap string tests come first: this runs on every row of multi-GB files.
 */
export function utcTimestamp(textExpr: string): string {
  const t = textExpr;
  const time = `substr(${t}, 11)`;
  return `CASE WHEN NOT (substr(${t}, 5, 1) = '-' AND substr(${t}, 8, 1) = '-' AND regexp_full_match(left(${t}, 10), '\\d{4}-\\d{2}-\\d{2}')) THEN NULL
    WHEN right(${t}, 1) = 'Z' THEN TRY_CAST(left(${t}, length(${t}) - 1) AS TIMESTAMP)
    WHEN NOT (contains(${time}, '+') OR contains(${time}, '-') OR ends_with(${t}, ' UTC')) THEN TRY_CAST(${t} AS TIMESTAMP)
    ELSE timezone('UTC', TRY_CAST(${normOffsetTs(t)} AS TIMESTAMPTZ)) END`;
}

/** The UTC calendar day of a timestamp text (see utcTimestamp). */
export function utcDay(textExpr: string): string {
  return `CAST(${utcTimestamp(textExpr)} AS DATE)`;
}

/**
 * A day written either ISO (`2020-09-22`, `2019-07-29 00:00:00`) or US style (`09/21/2023`, `9/2/2023`,
 * optionally followed by a time), as Azure exports write them. Two-digit years are refused.
 */
export function isoOrUsDay(textExpr: string): string {
  return `CASE WHEN NOT contains(${textExpr}, '/') THEN CAST(${utcTimestamp(textExpr)} AS DATE) WHEN regexp_full_match(${textExpr}, '\\d{1,2}/\\d{1,2}/\\d{4}( .*)?') THEN CAST(TRY_STRPTIME(split_part(${textExpr}, ' ', 1), '%m/%d/%Y') AS DATE) ELSE NULL END`;
}

/** `CASE lower(x) WHEN k THEN v … ELSE fallback END` for value maps. */
export function caseMap(textExpr: string, map: Readonly<Record<string, string | null>>, fallback = 'NULL'): string {
  const whens = Object.entries(map).map(([k, v]) => `WHEN ${lit(k.toLowerCase())} THEN ${v === null ? 'NULL' : lit(v)}`);
  return `CASE lower(${textExpr}) ${whens.join(' ')} ELSE ${fallback} END`;
}

/** A JSON object text built from (key, value-expr) pairs, skipping NULL values; NULL when none is set. */
export function tagsFromColumns(pairs: readonly (readonly [key: string, valueExpr: string])[]): string {
  if (pairs.length === 0) return 'NULL::VARCHAR';
  const entries = pairs.map(([k, v]) => `{'k': ${lit(k)}, 'v': ${v}}`).join(', ');
  return `NULLIF(CAST(to_json(map_from_entries(list_filter([${entries}], x -> x.v IS NOT NULL))) AS VARCHAR), '{}')`;
}

/** Sum of the `amount` fields of a credits list written as JSON or as a Python repr (`'amount': -5e-06`). */
export function creditsSum(textExpr: string): string {
  return `COALESCE(list_sum(list_transform(regexp_extract_all(${textExpr}, '[''"]amount[''"]\\s*:\\s*(-?[0-9][0-9.eE+-]*)', 1), x -> TRY_CAST(x AS ${DECIMAL}))), 0)`;
}
