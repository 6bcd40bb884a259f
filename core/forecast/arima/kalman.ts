import type { Sparse } from './css';

/**
 * Exact Gaussian likelihood of a stationary ARMA(p, q) process by the Kalman filter
 * (Gardner, Harvey & Phillips 1980; Harvey 1989 §3.4; Durbin & Koopman 2012 §3.4).
 *
 * State-space form: Jones (1980) / Akaike (1974) — the state at t is
 *   xₜ = (wₜ, ŵ_{t+1|t}, …, ŵ_{t+r−1|t}),  r = max(p, q + 1),
 * with transition T (shift up, last row = φ_r … φ₁), disturbance loading g = (ψ₀, …, ψ_{r−1})
 * (the MA(∞) weights) and observation wₜ = xₜ[0]. Its stationary covariance has the closed form
 *   P₀[i][j] = γ(|i−j|) − Σ_{k<min(i,j)} ψₖ ψ_{k+|i−j|}   (σ² = 1),
 * so no Lyapunov equation needs solving (the step that makes Gardner's algorithm slow for long
 * seasonal polynomials). Once P has converged to g gᵀ (the filter reached steady state) the
 * remaining steps use the O(r) "quick recursions" of Gardner et al. (1980).
 *
 * σ² is concentrated out: the filter runs with unit innovation variance and
 *   σ̂² = Σ vₜ²/Fₜ / n,  log L = −½ [n log(2π σ̂²) + n + Σ log Fₜ]
 * which is the likelihood R's `arima` maximizes.
 */
export interface KalmanResult {
  /** Σ v²/F. */
  readonly ssq: number;
  /** Σ log F. */
  readonly sumLogF: number;
  readonly n: number;
  /** One-step prediction errors vₜ (unscaled; variance σ²Fₜ). */
  readonly innovations?: Float64Array;
  /** Gains Fₜ. */
  readonly gains?: Float64Array;
  /** Predicted state a_{n+1|n} = (ŵ_{n+1|n}, …, ŵ_{n+r|n}). */
  readonly finalState?: Float64Array;
  /** Predicted state covariance P_{n+1|n} (row-major r×r, σ² = 1). */
  readonly finalCov?: Float64Array;
}

/** MA(∞) weights ψ₀ … ψ_{k−1} of θ(B)/φ(B) (dense coefficient arrays). */
export function psiWeights(phi: readonly number[], theta: readonly number[], k: number): Float64Array {
  const psi = new Float64Array(k);
  if (k === 0) return psi;
  psi[0] = 1;
  for (let j = 1; j < k; j++) {
    let v = j <= theta.length ? theta[j - 1]! : 0;
    const top = Math.min(j, phi.length);
    for (let i = 1; i <= top; i++) v += phi[i - 1]! * psi[j - i]!;
    psi[j] = v;
  }
  return psi;
}

/**
 * Autocovariances γ(0 … k−1) of the ARMA process with unit innovation variance, in O(p² + k·q):
 * the AR part's autocovariances come from its partial autocorrelations (the Durbin–Levinson
 * recursion run backwards gives every intermediate order; γ(0) = 1/Π(1 − πⱼ²) and
 * γ(l) = Σⱼ φ_{l,j} γ(l−j) for l ≤ p, the full AR recursion beyond), and the ARMA's are their
 * convolution with the MA part's, γ(l) = Σⱼ c(j) γ_AR(l − j), c(j) = Σᵢ θᵢ θ_{i+j}
 * (Brockwell & Davis 1991 §3.3, §8.2). Returns null when the AR part is not stationary.
 */
export function armaAutocovariances(phi: readonly number[], theta: readonly number[], k: number): Float64Array | null {
  const p = phi.length;
  const q = theta.length;
  // MA autocovariances c(0…q) with θ₀ = 1.
  const c = new Float64Array(q + 1);
  for (let j = 0; j <= q; j++) {
    let s = 0;
    for (let i = 0; i + j <= q; i++) s += (i === 0 ? 1 : theta[i - 1]!) * (i + j === 0 ? 1 : theta[i + j - 1]!);
    c[j] = s;
  }
  const len = k + q + 1;
  const g = new Float64Array(len); // γ_AR(0 … len−1)
  if (p === 0) {
    g[0] = 1;
  } else {
    // Step down, keeping every order's coefficients: orders[m] = φ_{m,1..m}.
    const orders: Float64Array[] = new Array<Float64Array>(p + 1);
    orders[p] = Float64Array.from(phi);
    let prod = 1;
    for (let m = p; m >= 1; m--) {
      const a = orders[m]!;
      const pm = a[m - 1]!;
      if (!(Math.abs(pm) < 1)) return null;
      prod *= 1 - pm * pm;
      const next = new Float64Array(m - 1);
      const denom = 1 - pm * pm;
      for (let j = 1; j < m; j++) next[j - 1] = (a[j - 1]! + pm * a[m - j - 1]!) / denom;
      orders[m - 1] = next;
    }
    g[0] = 1 / prod;
    const top = Math.min(p, len - 1);
    for (let l = 1; l <= top; l++) {
      const a = orders[l]!;
      let s = 0;
      for (let j = 1; j <= l; j++) s += a[j - 1]! * g[l - j]!;
      g[l] = s;
    }
    for (let l = p + 1; l < len; l++) {
      let s = 0;
      for (let j = 1; j <= p; j++) s += phi[j - 1]! * g[l - j]!;
      g[l] = s;
    }
  }
  const gamma = new Float64Array(k);
  for (let l = 0; l < k; l++) {
    let s = c[0]! * g[l]!;
    for (let j = 1; j <= q; j++) s += c[j]! * (g[Math.abs(l - j)]! + g[l + j]!);
    gamma[l] = s;
  }
  return gamma;
}

export interface KalmanOptions {
  /** Keep vₜ, Fₜ and the final state (for residuals and forecasting). */
  readonly keep?: boolean;
  /** Steady-state tolerance on max diag(P − g gᵀ). */
  readonly tol?: number;
}

/**
 * Runs the filter over `w` (already centred). `phi`/`theta` are the expanded dense polynomials;
 * `phiSparse` their sparse form (for the O(r·nnz) transition products).
 * Returns null if the stationary covariance cannot be formed (non-stationary AR).
 */
export function armaKalman(w: Float64Array, phi: readonly number[], theta: readonly number[], phiSparse: Sparse, options: KalmanOptions = {}): KalmanResult | null {
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const n = w.length;
  const keep = options.keep ?? false;
  const tol = options.tol ?? 1e-9;
  const g = psiWeights(phi, theta, r);
  const gamma = armaAutocovariances(phi, theta, r);
  if (gamma === null) return null;
  // P₀ (Jones 1980).
  const P = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      const lag = j - i;
      let v = gamma[lag]!;
      for (let k = 0; k < i; k++) v -= g[k]! * g[k + lag]!;
      P[i * r + j] = v;
      P[j * r + i] = v;
    }
  }
  // Last row of T as sparse (column index = r − lag).
  const tl = phiSparse.lags;
  const tc = phiSparse.coefs;
  const a = new Float64Array(r);
  const au = new Float64Array(r);
  const M = new Float64Array(r * r);
  const u = new Float64Array(r);
  const innovations = keep ? new Float64Array(n) : undefined;
  const gains = keep ? new Float64Array(n) : undefined;
  let ssq = 0;
  let sumLogF = 0;
  let steady = false;
  for (let t = 0; t < n; t++) {
    const v = w[t]! - a[0]!;
    if (steady) {
      // P = g gᵀ, F = 1, K = g: aᵤ = a + g v; a ← T aᵤ.
      for (let i = 0; i < r; i++) au[i] = a[i]! + g[i]! * v;
      ssq += v * v;
      if (innovations !== undefined) {
        innovations[t] = v;
        gains![t] = 1;
      }
    } else {
      const F = P[0]!;
      if (!(F > 0) || !Number.isFinite(F)) return null;
      ssq += (v * v) / F;
      sumLogF += Math.log(F);
      if (innovations !== undefined) {
        innovations[t] = v;
        gains![t] = F;
      }
      // Update: aᵤ = a + P[:,0] v / F ; M = P − P[:,0] P[0,:] / F.
      for (let i = 0; i < r; i++) au[i] = a[i]! + (P[i * r]! * v) / F;
      for (let i = 0; i < r; i++) {
        const pi0 = P[i * r]! / F;
        for (let j = 0; j < r; j++) M[i * r + j] = P[i * r + j]! - pi0 * P[j * r]!;
      }
      // Predict: P = T M Tᵀ + g gᵀ.
      // u = M cᵀ where c is the last row of T.
      for (let i = 0; i < r; i++) {
        let s = 0;
        for (let k = 0; k < tl.length; k++) s += M[i * r + (r - tl[k]!)]! * tc[k]!;
        u[i] = s;
      }
      let cu = 0;
      for (let k = 0; k < tl.length; k++) cu += tc[k]! * u[r - tl[k]!]!;
      let maxDev = 0;
      for (let i = 0; i < r; i++) {
        for (let j = i; j < r; j++) {
          let v2: number;
          if (i < r - 1 && j < r - 1) v2 = M[(i + 1) * r + (j + 1)]!;
          else if (i < r - 1) v2 = u[i + 1]!;
          else v2 = cu;
          v2 += g[i]! * g[j]!;
          P[i * r + j] = v2;
          P[j * r + i] = v2;
        }
        const dev = P[i * r + i]! - g[i]! * g[i]!;
        if (dev > maxDev) maxDev = dev;
      }
      if (maxDev < tol) steady = true;
    }
    // a ← T aᵤ.
    let last = 0;
    for (let k = 0; k < tl.length; k++) last += tc[k]! * au[r - tl[k]!]!;
    for (let i = 0; i < r - 1; i++) a[i] = au[i + 1]!;
    a[r - 1] = last;
  }
  if (!Number.isFinite(ssq)) return null;
  const result: KalmanResult = { ssq, sumLogF, n };
  if (!keep) return result;
  const finalCov = new Float64Array(r * r);
  if (steady) for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) finalCov[i * r + j] = g[i]! * g[j]!;
  else finalCov.set(P);
  return { ...result, innovations, gains, finalState: a.slice(), finalCov };
}

/**
 * The same likelihood by the Chandrasekhar recursions (Morf, Sidhu & Kailath 1974; Herbst 2015),
 * O(r) per observation instead of O(r²). For a time-invariant model started at the stationary
 * covariance, ΔPₜ = P_{t+1} − Pₜ has rank one: ΔPₜ = μₜ wₜ wₜᵀ with w₁ = T P₀ Zᵀ, μ₁ = −1/F₁, and
 *   F_{t+1} = Fₜ + μₜ (Zwₜ)²,   K_{t+1} = (Kₜ Fₜ + μₜ (Zwₜ) T wₜ) / F_{t+1},
 *   μ_{t+1} = μₜ + μₜ² (Zwₜ)² / Fₜ,   w_{t+1} = T wₜ − K_{t+1} (Zwₜ),
 * where Kₜ = T Pₜ Zᵀ / Fₜ and aₜ₊₁ = T aₜ + Kₜ vₜ. (Derived from P_{t+1} = Lₜ Pₜ Lₜᵀ + g gᵀ with
 * Lₜ = T − KₜZ.) Used inside the optimizer; the final fit runs the full filter for the state
 * covariance the intervals need.
 */
export function armaLikelihoodFast(
  w: Float64Array,
  phi: readonly number[],
  theta: readonly number[],
  phiSparse: Sparse,
  mean = 0,
  /** When given, receives the standardized innovations vₜ/√Fₜ. */
  out?: Float64Array,
): { ssq: number; sumLogF: number; n: number } | null {
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const n = w.length;
  const gamma = armaAutocovariances(phi, theta, r);
  if (gamma === null) return null;
  // First column of P₀ (Jones form): P₀[i][0] = γ(i) (no ψ-sum since min(i,0) = 0).
  const tl = phiSparse.lags;
  const tc = phiSparse.coefs;
  const applyT = (x: Float64Array, out: Float64Array): void => {
    let last = 0;
    for (let k = 0; k < tl.length; k++) last += tc[k]! * x[r - tl[k]!]!;
    for (let i = 0; i < r - 1; i++) out[i] = x[i + 1]!;
    out[r - 1] = last;
  };
  let F = gamma[0]!;
  if (!(F > 0)) return null;
  const col = Float64Array.from(gamma.subarray(0, r));
  const K = new Float64Array(r);
  applyT(col, K); // G₁ = T P₀ Zᵀ
  const wv = K.slice(); // w₁ = G₁
  for (let i = 0; i < r; i++) K[i] = K[i]! / F;
  let mu = -1 / F;
  const a = new Float64Array(r);
  const Tw = new Float64Array(r);
  const nnz = tl.length;
  const rm1 = r - 1;
  let ssq = 0;
  let sumLogF = 0;
  let invSqrtF = 1 / Math.sqrt(F);
  for (let t = 0; t < n; t++) {
    const v = w[t]! - mean - a[0]!;
    ssq += (v * v) / F;
    if (out !== undefined) out[t] = v * invSqrtF;
    sumLogF += Math.log(F);
    // a ← T a + K v (in place: shift up, then the last row from the old values).
    let last = 0;
    for (let k = 0; k < nnz; k++) last += tc[k]! * a[r - tl[k]!]!;
    for (let i = 0; i < rm1; i++) a[i] = a[i + 1]! + K[i]! * v;
    a[rm1] = last + K[rm1]! * v;
    const zw = wv[0]!;
    const Fn = F + mu * zw * zw;
    if (!(Fn > 0) || !Number.isFinite(Fn)) return null;
    let lastW = 0;
    for (let k = 0; k < nnz; k++) lastW += tc[k]! * wv[r - tl[k]!]!;
    for (let i = 0; i < rm1; i++) Tw[i] = wv[i + 1]!;
    Tw[rm1] = lastW;
    const c = mu * zw;
    const muNext = mu + (mu * mu * zw * zw) / F;
    let maxW = 0;
    for (let i = 0; i < r; i++) {
      const ki = (K[i]! * F + c * Tw[i]!) / Fn;
      K[i] = ki;
      const wi = Tw[i]! - ki * zw;
      wv[i] = wi;
      const aw = wi < 0 ? -wi : wi;
      if (aw > maxW) maxW = aw;
    }
    F = Fn;
    invSqrtF = 1 / Math.sqrt(F);
    mu = muNext;
    // Converged: ΔP = μ w wᵀ is negligible, so F and K no longer move.
    if (Math.abs(mu) * maxW * maxW < 1e-13) {
      sumLogF += (n - t - 1) * Math.log(F);
      ssq = steadyInnovations(w, t + 1, mean, a, K, tl, tc, F, invSqrtF, ssq, out);
      break;
    }
  }
  if (!Number.isFinite(ssq)) return null;
  return { ssq, sumLogF, n };
}

/**
 * The steady-state tail of `armaLikelihoodFast` (F and K fixed): innovations from time `from` on,
 * added to `ssq` (returned); the state `a` advances in place. A function of its own so that the
 * loop keeps its operands in registers.
 */
function steadyInnovations(
  w: Float64Array,
  from: number,
  mean: number,
  a: Float64Array,
  K: Float64Array,
  tl: Int32Array,
  tc: Float64Array,
  F: number,
  invSqrtF: number,
  ssqIn: number,
  out: Float64Array | undefined,
): number {
  const n = w.length;
  const r = a.length;
  const rm1 = r - 1;
  const nnz = tl.length;
  let ssq = ssqIn;
  for (let t = from; t < n; t++) {
    const v = (w[t] as number) - mean - (a[0] as number);
    ssq += (v * v) / F;
    if (out !== undefined) out[t] = v * invSqrtF;
    let last = 0;
    for (let k = 0; k < nnz; k++) last += (tc[k] as number) * (a[r - (tl[k] as number)] as number);
    for (let i = 0; i < rm1; i++) a[i] = (a[i + 1] as number) + (K[i] as number) * v;
    a[rm1] = last + (K[rm1] as number) * v;
  }
  return ssq;
}
