/**
 * Sample paths of a quantity that cannot be negative, kept inside its support [0, ∞).
 *
 * The forecast engine's paths are additive-error simulations (Hyndman & Athanasopoulos, FPP3 §5.5,
 * §8.7): nothing bounds them below, so a falling or noisy series of bytes or requests gets paths,
 * and bands, under 0. When the pool's history is never negative (every finite value ≥ 0) the
 * quantity is read as non-negative and each path value v becomes max(v, 0): the sample of the
 * forecast distribution censored at the support's bound. Censoring is a monotone map, so every
 * quantile of the censored sample is the censored quantile (quantiles are equivariant under
 * monotone maps; Koenker, Quantile Regression, 2005): only quantiles below 0 change, to 0.
 *
 * What it changes in a plan (threshold = target × capacity > 0):
 * - first crossings, exhaustion dates and the order-by date: none (a value ≤ 0 never exceeds the
 *   threshold, before or after);
 * - the shortfall to add: none when positive (a censored day contributes −capacity < 0);
 * - needed capacity: only a path whose every day was negative, from a negative need to 0;
 * - the forecast bands shown: a band under 0 shows 0;
 * - the scaling minimum from the daily lows: a negative trough load becomes 0; the instance counts
 *   are at least 1 either way.
 * There is no upper bound: a pool's usage sums its series (a '%' pool over several nodes can peak
 * above 100) and a forecast above the capacity is demand the pool would have to carry, which is
 * what the needed capacity measures; capping it would understate the shortfall.
 *
 * Returns `paths` itself when the history has a negative value or no finite value, else new
 * arrays (the paths may be shared with the forecast cache and are never changed in place).
 */
export function nonNegativePaths(paths: readonly (readonly number[])[], history: readonly number[]): readonly (readonly number[])[] {
  let finite = 0;
  for (const v of history) {
    if (!Number.isFinite(v)) continue;
    if (v < 0) return paths;
    finite++;
  }
  if (finite === 0) return paths;
  return paths.map((p) => (p.some((v) => v < 0) ? p.map((v) => (v < 0 ? 0 : v)) : p));
}
