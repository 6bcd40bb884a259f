/**
 * DuckDB memory sizes, without DuckDB: this module imports nothing, so the desktop app's main
 * process can check a memory setting (core/service memory-limit) without loading the native module.
 */

/**
 * DuckDB's size units for `memory_limit` (DuckDB docs, "Configuration"; its parser
 * `DBConfig::ParseMemoryLimit`), case-insensitive: decimal ones powers of 1000, binary ones of 1024.
 */
const UNIT_BYTES: Readonly<Record<string, number>> = {
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1e3,
  kb: 1e3,
  kilobyte: 1e3,
  kilobytes: 1e3,
  m: 1e6,
  mb: 1e6,
  megabyte: 1e6,
  megabytes: 1e6,
  g: 1e9,
  gb: 1e9,
  gigabyte: 1e9,
  gigabytes: 1e9,
  t: 1e12,
  tb: 1e12,
  terabyte: 1e12,
  terabytes: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * Bytes of a DuckDB memory size (`768MB` = 768·10⁶, `1.5GiB` = 1.5·2³⁰): a decimal number, optional
 * spaces and one of DuckDB's units; undefined for anything else (percentages, exponents, `none`,
 * `-1`, a bare number). The store caps its threads with it; core/service checks user input with it.
 */
export function memoryLimitBytes(limit: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)\s*$/i.exec(limit);
  const unit = m ? UNIT_BYTES[(m[2] as string).toLowerCase()] : undefined;
  return m && unit !== undefined ? Number(m[1]) * unit : undefined;
}
