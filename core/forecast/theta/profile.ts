import { linearTrend, reciprocals } from '../math/stats';

/**
 * Least-squares estimation of the optimised (OTM) and dynamic (DOTM) theta models of Fiorucci et
 * al. (2016) by profiling. In the recursions of `thetaRecursion` the one-step prediction is
 *   μₜ = ℓ⁽ᵈ⁾ₜ₋₁ + (1−α)ᵗ·ℓ₀ + k·Sₜ,   k = 1 − 1/θ,
 *   Sₜ = Aₜ(1−α)ᵗ + Bₜ(1 − (1−α)^{t+1})/α,
 * where ℓ⁽ᵈ⁾ is the exponential smoothing of the data started from 0 and Aₜ, Bₜ come from the data
 * alone (the regression through Y₁..Yₜ, or through the whole sample for OTM). For a given α the
 * sum of squared errors is therefore a quadratic in (ℓ₀, k), minimised in closed form (with k
 * clamped to [0, 1 − 10⁻⁴], i.e. θ ∈ [1, 10⁴], the bounds of the paper); α ∈ [0.1, 0.99] is then
 * found by a grid and golden-section search on the profile. This reaches the least-squares optimum
 * the paper defines with a few dozen passes over the series, where a simplex over (ℓ₀, α, θ) needs
 * hundreds and can stop short.
 */
export interface ThetaProfileFit {
  readonly l0: number;
  readonly alpha: number;
  readonly theta: number;
  readonly sse: number;
}

const ALPHA_MIN = 0.1;
const ALPHA_MAX = 0.99;
const K_MAX = 1 - 1e-4;

/**
 * The regression coefficients the prediction of time i uses (i ≥ 1): through Y₀..Y_{i−1} for the
 * dynamic model (updated recursively), through the whole sample for the static one. They do not
 * depend on the parameters, so they are computed once per series.
 */
function trendCoefficients(y: Float64Array, dynamic: boolean): { A: Float64Array; B: Float64Array; s0: number } {
  const n = y.length;
  const A = new Float64Array(n);
  const B = new Float64Array(n);
  if (!dynamic) {
    const lt = linearTrend(y);
    A.fill(lt.intercept - lt.slope);
    B.fill(lt.slope);
    return { A, B, s0: lt.intercept };
  }
  const inv = reciprocals(n + 2);
  let meanY = y[0] as number;
  let a = meanY;
  let b = 0;
  for (let i = 1; i < n; i++) {
    A[i] = a;
    B[i] = b;
    const yi = y[i] as number;
    const inv1 = inv[i + 1] as number;
    const newMean = (i * meanY + yi) * inv1;
    b = ((i - 1) * b + 6 * (yi - meanY) * inv1) * (inv[i + 2] as number);
    a = newMean - b * (i + 2) * 0.5;
    meanY = newMean;
  }
  return { A, B, s0: 0 };
}

/** Best (ℓ₀, k) and the SSE for one α. */
function profileAt(y: Float64Array, alpha: number, dynamic: boolean, T: { A: Float64Array; B: Float64Array; s0: number }): { l0: number; k: number; sse: number } {
  const n = y.length;
  const beta = 1 - alpha;
  const invAlpha = 1 / alpha;
  const y0 = y[0] as number;
  const TA = T.A;
  const TB = T.B;
  let Sbb = 0;
  let Sss = 0;
  let Sbs = 0;
  let Sbz = 0;
  let Ssz = 0;
  let Szz = 0;
  if (!dynamic) {
    // t = 0 enters the static model's fit: μ₀ = ℓ₀ + k(A + B) (the regression line at t = 1).
    const s0 = T.s0;
    Sbb += 1;
    Sss += s0 * s0;
    Sbs += s0;
    Sbz += y0;
    Ssz += s0 * y0;
    Szz += y0 * y0;
  }
  let ellD = alpha * y0;
  let pw = beta;
  for (let i = 1; i < n; i++) {
    const S = (TA[i] as number) * pw + (TB[i] as number) * (1 - pw * beta) * invAlpha;
    const yi = y[i] as number;
    const z = yi - ellD;
    Sbb += pw * pw;
    Sss += S * S;
    Sbs += pw * S;
    Sbz += pw * z;
    Ssz += S * z;
    Szz += z * z;
    pw *= beta;
    ellD = alpha * yi + beta * ellD;
  }
  let l0: number;
  let k: number;
  const det = Sbb * Sss - Sbs * Sbs;
  if (det > 1e-12 * Sbb * Sss && Sbb > 0) {
    l0 = (Sbz * Sss - Ssz * Sbs) / det;
    k = (Ssz * Sbb - Sbz * Sbs) / det;
  } else {
    k = Sss > 0 ? Ssz / Sss : 0;
    l0 = Number.NaN;
  }
  if (!(k >= 0 && k <= K_MAX) || !Number.isFinite(l0)) {
    k = Math.min(K_MAX, Math.max(0, Number.isFinite(k) ? k : 0));
    l0 = Sbb > 0 ? (Sbz - k * Sbs) / Sbb : y0;
  }
  const sse = Szz - 2 * l0 * Sbz - 2 * k * Ssz + l0 * l0 * Sbb + 2 * l0 * k * Sbs + k * k * Sss;
  return { l0, k, sse: Math.max(0, sse) };
}

export function fitThetaProfile(y: Float64Array, dynamic: boolean): ThetaProfileFit {
  const T = trendCoefficients(y, dynamic);
  const at = (a: number): number => profileAt(y, a, dynamic, T).sse;
  // Coarse grid, then golden section in the bracket around the best grid point.
  const G = 12;
  const grid = Array.from({ length: G }, (_, i) => Math.min(ALPHA_MAX, ALPHA_MIN + ((ALPHA_MAX - ALPHA_MIN) * i) / (G - 1)));
  const values = grid.map(at);
  let best = 0;
  for (let i = 1; i < G; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  let lo = grid[Math.max(0, best - 1)] as number;
  let hi = grid[Math.min(G - 1, best + 1)] as number;
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - r * (hi - lo);
  let x2 = lo + r * (hi - lo);
  let f1 = at(x1);
  let f2 = at(x2);
  while (hi - lo > 1e-5) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - r * (hi - lo);
      f1 = at(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + r * (hi - lo);
      f2 = at(x2);
    }
  }
  let alpha = f1 <= f2 ? x1 : x2;
  if ((values[best] as number) < Math.min(f1, f2)) alpha = grid[best] as number;
  const p = profileAt(y, alpha, dynamic, T);
  return { l0: p.l0, alpha, theta: 1 / (1 - p.k), sse: p.sse };
}
