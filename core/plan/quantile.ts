/**
 * Empirical quantiles over sample paths.
 *
 * Plans use the inverse of the empirical distribution function — Hyndman & Fan (1996), "Sample
 * quantiles in statistical packages", The American Statistician 50(4), definition 1: the smallest
 * sample value x with F̂(x) ≥ p. Unlike interpolating definitions it always returns a value that
 * occurred in the sample, so "at service level p" holds exactly on the simulated paths, and it works
 * on censored samples that contain `Infinity` ("not within the horizon").
 */

/** Definition-1 quantile of an ascending-sorted sample. `p` in (0, 1]. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  if (!(p > 0 && p <= 1)) throw new RangeError(`quantile level ${p} is outside (0, 1]`);
  const k = Math.ceil(p * sorted.length - 1e-9);
  const v = sorted[Math.min(Math.max(k, 1), sorted.length) - 1];
  if (v === undefined) throw new Error('unreachable: index within bounds');
  return v;
}

/** Definition-1 quantile of an unsorted sample (copied and sorted; NaN is not allowed). */
export function quantile(sample: readonly number[], p: number): number {
  for (const v of sample) if (Number.isNaN(v)) throw new RangeError('quantile of a sample containing NaN');
  return quantileSorted(Array.from(Float64Array.from(sample).sort()), p);
}

/** Several quantiles of one sample, sorting once. */
export function quantiles(sample: readonly number[], ps: readonly number[]): number[] {
  for (const v of sample) if (Number.isNaN(v)) throw new RangeError('quantile of a sample containing NaN');
  const sorted = Array.from(Float64Array.from(sample).sort());
  return ps.map((p) => quantileSorted(sorted, p));
}

/** Checks the shape of sample paths: at least one path, all the same non-zero length, finite values. */
export function checkPaths(paths: readonly (readonly number[])[], what: string): { n: number; h: number } {
  const first = paths[0];
  if (!first || first.length === 0) throw new RangeError(`${what}: no sample paths (or paths of length 0) were given`);
  const h = first.length;
  for (const [k, p] of paths.entries()) {
    if (p.length !== h) throw new RangeError(`${what}: path ${k} has ${p.length} steps, path 0 has ${h}`);
    for (const v of p) if (!Number.isFinite(v)) throw new RangeError(`${what}: path ${k} contains a non-finite value`);
  }
  return { n: paths.length, h };
}
