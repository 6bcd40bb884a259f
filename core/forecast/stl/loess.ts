/**
 * Locally weighted regression of degree 0 or 1 on equally spaced positions, as STL uses it
 * (Cleveland, Cleveland, McRae & Terpenning 1990, §2 "Loess"): the q nearest positions get tricube
 * weights T(|xᵢ − x| / λ_q(x)), times optional robustness weights; when q exceeds the number of
 * points n, λ_q(x) = λ_n(x)·q/n.
 *
 * `values[i]` sits at position i (0-based). `at` may lie outside [0, n−1] (STL extrapolates the
 * cycle-subseries one period each way).
 */
/** The q-nearest window [left, right] of positions 0…n−1 around `at`, and the bandwidth λ_q(at). */
export function loessWindow(n: number, q: number, at: number): { left: number; right: number; lambda: number } {
  const span = Math.min(q, n);
  let left = Math.round(at) - Math.floor((span - 1) / 2);
  if (left < 0) left = 0;
  if (left + span > n) left = n - span;
  const right = left + span - 1;
  let lambda = Math.max(at - left, right - at);
  if (q > n) lambda *= q / n;
  if (lambda <= 0) lambda = 1;
  return { left, right, lambda };
}

/**
 * Normalized weights of a degree-0 loess estimate at `at` (they sum to 1; index = position).
 * Used to propagate noise through the seasonal smoother (variance factor Σw², self-weight w_at).
 */
export function loessWeights(n: number, q: number, at: number): Float64Array {
  const { left, right, lambda } = loessWindow(n, q, at);
  const w = new Float64Array(n);
  let sw = 0;
  for (let i = left; i <= right; i++) {
    const r = Math.abs(i - at) / lambda;
    if (r >= 1) continue;
    const t = 1 - r * r * r;
    w[i] = t * t * t;
    sw += w[i]!;
  }
  if (sw > 0) for (let i = left; i <= right; i++) w[i] = w[i]! / sw;
  return w;
}

export function loessAt(values: ArrayLike<number>, n: number, q: number, degree: 0 | 1, at: number, robust?: ArrayLike<number>): number {
  // Window of q nearest positions (clamped to the data).
  const { left, right, lambda } = loessWindow(n, q, at);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = left; i <= right; i++) {
    const r = Math.abs(i - at) / lambda;
    if (r >= 1) continue;
    const t = 1 - r * r * r;
    let wt = t * t * t;
    if (robust !== undefined) wt *= robust[i]!;
    if (wt <= 0) continue;
    const x = i - at;
    const y = values[i]!;
    sw += wt;
    sy += wt * y;
    if (degree === 1) {
      sx += wt * x;
      sxx += wt * x * x;
      sxy += wt * x * y;
    }
  }
  if (sw <= 0) return NaN;
  if (degree === 0) return sy / sw;
  const mx = sx / sw;
  const my = sy / sw;
  const varx = sxx / sw - mx * mx;
  // Fortran STL: fall back to the weighted mean when the spread is tiny.
  if (varx <= 1e-12 * lambda * lambda) return my;
  const slope = (sxy / sw - mx * my) / varx;
  return my + slope * (0 - mx);
}
