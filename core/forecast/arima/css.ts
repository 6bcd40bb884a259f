/**
 * Conditional sum of squares for an ARMA model of a (differenced, centred) series: the
 * innovations are computed recursively with the first `p + mP` of them conditioned away and
 * pre-sample innovations set to zero (Box, Jenkins & Reinsel 2008 §7.1.2). R's `arima` uses this
 * for method "CSS" and for the starting values of "CSS-ML".
 */
export interface CssResult {
  /** Σ e² over the used terms. */
  readonly ssq: number;
  /** Number of terms in the sum. */
  readonly used: number;
}

/** Lags and coefficients of the non-zero entries of a coefficient array (lag = index + 1). */
export interface Sparse {
  readonly lags: Int32Array;
  readonly coefs: Float64Array;
}

export function sparse(coefs: readonly number[]): Sparse {
  const lags: number[] = [];
  const vals: number[] = [];
  coefs.forEach((c, i) => {
    if (c !== 0) {
      lags.push(i + 1);
      vals.push(c);
    }
  });
  return { lags: Int32Array.from(lags), coefs: Float64Array.from(vals) };
}

/**
 * `w` is the differenced series, `mu` its mean under the model; `ncond` = length of the expanded
 * AR polynomial. `work` (length ≥ n) may be passed to avoid an allocation per call.
 * Returns NaN ssq when the recursion explodes (a non-invertible MA).
 */
export function conditionalSumOfSquares(w: Float64Array, phi: Sparse, theta: Sparse, ncond: number, mu = 0, work?: Float64Array): CssResult {
  const n = w.length;
  const e = work !== undefined && work.length >= n ? work : new Float64Array(n);
  let ssq = 0;
  const pl = phi.lags;
  const pc = phi.coefs;
  const ql = theta.lags;
  const qc = theta.coefs;
  let csum = 0;
  for (let k = 0; k < pc.length; k++) csum += pc[k]!;
  // (w_t − μ) − Σ φ (w_{t−l} − μ) = w_t − Σ φ w_{t−l} − μ(1 − Σφ)
  const shift = mu * (1 - csum);
  for (let t = ncond; t < n; t++) {
    let v = w[t]! - shift;
    for (let k = 0; k < pl.length; k++) v -= pc[k]! * w[t - pl[k]!]!;
    for (let k = 0; k < ql.length; k++) {
      const j = t - ql[k]!;
      if (j >= ncond) v -= qc[k]! * e[j]!;
    }
    e[t] = v;
    ssq += v * v;
  }
  if (!Number.isFinite(ssq)) return { ssq: NaN, used: n - ncond };
  return { ssq, used: n - ncond };
}

/** Orders of the ARMA part whose conditional sum of squares is minimised. */
export interface CssLayout {
  readonly p: number;
  readonly q: number;
  readonly P: number;
  readonly Q: number;
  readonly constant: boolean;
  /** Seasonal period (1 when P = Q = 0). */
  readonly m: number;
}

/** One non-zero of ∂(expanded coefficient)/∂(parameter): lag and a factor index (−1 → the constant 1). */
interface Term {
  readonly lag: number;
  /** Index into the other factor's coefficients, or −1 for the unit term. */
  readonly other: number;
}

/**
 * The conditional sum of squares with its exact gradient, for the CSS stage of `fitArima` (the
 * objective R's `arima` minimises by BFGS with numerical gradients).
 * Parameters x = (φ₁…φₚ, θ₁…θ_q, Φ₁…Φ_P, Θ₁…Θ_Q, μ).
 *
 * With a(B) = φ(B)Φ(Bᵐ) and b(B) = θ(B)Θ(Bᵐ) expanded, the innovations are
 *   eₜ = (wₜ − μ) − Σ aₗ (w_{t−l} − μ) − Σ_{t−l ≥ c} bₗ e_{t−l},   t ≥ c = p + mP,
 * and their derivatives follow the same MA recursion (Box, Jenkins & Reinsel 2008 §7.2.4):
 *   ∂eₜ/∂x = −Σ (∂aₗ/∂x)(w_{t−l} − μ) − Σ (∂bₗ/∂x) e_{t−l} − Σ bₗ ∂e_{t−l}/∂x,
 *   ∂eₜ/∂μ = −(1 − Σ aₗ) − Σ bₗ ∂e_{t−l}/∂μ,
 * where ∂a/∂φᵢ has 1 at lag i and −Φⱼ at lag mj + i, ∂a/∂Φⱼ has 1 at lag mj and −φᵢ at mj + i,
 * and likewise for b with + signs. `gradient` sums them by the adjoint (reverse) recursion.
 */
export interface CssProblem {
  /** Number of innovations (n − p − mP). */
  readonly size: number;
  /** Fills `r` with the innovations at x; returns Σe² (Infinity when they explode). */
  residuals(x: Float64Array, r: Float64Array): number;
  /** Σe² at x, into the problem's own buffer (which `gradient` reuses at the same x). */
  value(x: Float64Array): number;
  /** ½·log(Σe²/size) at x; its gradient into `grad`. */
  gradient(x: Float64Array, grad: Float64Array): number;
}

export function cssProblem(w: Float64Array, L: CssLayout): { problem: CssProblem; ncond: number } {
  const objective = new CssObjective(w, L);
  return { problem: objective, ncond: objective.ncond };
}

/**
 * The state of one CSS problem. The recursions run in the module-level functions below, which
 * take every array and scalar as an argument: V8 then keeps them in registers (closures over
 * mutable `let`s re-read their context on every access, and optimised code shared by the closures
 * of several problems ran 2–4× slower per point).
 */
class CssObjective implements CssProblem {
  readonly size: number;
  readonly ncond: number;
  private readonly w: Float64Array;
  private readonly p: number;
  private readonly q: number;
  private readonly P: number;
  private readonly Q: number;
  private readonly m: number;
  private readonly k: number;
  private readonly constant: boolean;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly aL: Int32Array;
  private readonly bL: Int32Array;
  /** Coefficient values aligned with the lag lists (aV[u] = a at lag aL[u]). */
  private readonly aV: Float64Array;
  private readonly bV: Float64Array;
  private readonly maxB: number;
  /** Derivative terms per parameter. */
  private readonly terms: Term[][];
  private readonly e: Float64Array;
  private readonly lam: Float64Array;
  private readonly dA: Float64Array;
  private readonly dB: Float64Array;
  private readonly dAbyLag: Float64Array;
  private readonly dBbyLag: Float64Array;
  private readonly lastX: Float64Array;
  private mu = 0;
  private shift = 0;
  private lastS = Infinity;
  private lastValid = false;

  constructor(w: Float64Array, L: CssLayout) {
    const { p, q, P, Q, constant, m } = L;
    this.w = w;
    this.p = p;
    this.q = q;
    this.P = P;
    this.Q = Q;
    this.m = m;
    this.constant = constant;
    this.ncond = p + m * P;
    this.size = w.length - this.ncond;
    this.k = p + q + P + Q + (constant ? 1 : 0);
    const na = p + m * P;
    const nb = q + m * Q;
    this.a = new Float64Array(na + 1);
    this.b = new Float64Array(nb + 1);
    // Structural non-zero lags of a and b: i, mj and mj + i.
    const lagsOf = (ns: number, NS: number): number[] => {
      const set = new Set<number>();
      for (let i = 1; i <= ns; i++) set.add(i);
      for (let j = 1; j <= NS; j++) for (let i = 0; i <= ns; i++) set.add(m * j + i);
      return [...set].sort((x, y) => x - y);
    };
    this.aL = Int32Array.from(lagsOf(p, P));
    this.bL = Int32Array.from(lagsOf(q, Q));
    const terms: Term[][] = [];
    for (let i = 1; i <= p; i++) terms.push([{ lag: i, other: -1 }, ...Array.from({ length: P }, (_, j) => ({ lag: m * (j + 1) + i, other: j }))]);
    for (let i = 1; i <= q; i++) terms.push([{ lag: i, other: -1 }, ...Array.from({ length: Q }, (_, j) => ({ lag: m * (j + 1) + i, other: j }))]);
    for (let j = 1; j <= P; j++) terms.push([{ lag: m * j, other: -1 }, ...Array.from({ length: p }, (_, i) => ({ lag: m * j + i + 1, other: i }))]);
    for (let j = 1; j <= Q; j++) terms.push([{ lag: m * j, other: -1 }, ...Array.from({ length: q }, (_, i) => ({ lag: m * j + i + 1, other: i }))]);
    this.terms = terms;
    this.aV = new Float64Array(this.aL.length);
    this.bV = new Float64Array(this.bL.length);
    this.maxB = this.bL.length > 0 ? (this.bL[this.bL.length - 1] as number) : 0;
    this.e = new Float64Array(Math.max(0, this.size));
    this.lam = new Float64Array(Math.max(0, this.size));
    this.dA = new Float64Array(this.aL.length);
    this.dB = new Float64Array(this.bL.length);
    this.dAbyLag = new Float64Array(na + 1);
    this.dBbyLag = new Float64Array(nb + 1);
    this.lastX = new Float64Array(this.k);
  }

  /** Expands φ(B)Φ(Bᵐ) and θ(B)Θ(Bᵐ) at x into aV, bV; sets μ and the shift μ(1 − Σa). */
  private expand(x: Float64Array): void {
    const { a, b, p, q, P, Q, m, aL, bL, aV, bV } = this;
    a.fill(0);
    b.fill(0);
    for (let i = 0; i < p; i++) a[i + 1] = x[i] as number;
    for (let i = 0; i < q; i++) b[i + 1] = x[p + i] as number;
    for (let j = 0; j < P; j++) {
      const sv = x[p + q + j] as number;
      const lag = m * (j + 1);
      a[lag] = (a[lag] as number) + sv;
      for (let i = 0; i < p; i++) a[lag + i + 1] = (a[lag + i + 1] as number) - (x[i] as number) * sv;
    }
    for (let j = 0; j < Q; j++) {
      const sv = x[p + q + P + j] as number;
      const lag = m * (j + 1);
      b[lag] = (b[lag] as number) + sv;
      for (let i = 0; i < q; i++) b[lag + i + 1] = (b[lag + i + 1] as number) + (x[p + i] as number) * sv;
    }
    let sa = 0;
    for (let u = 0; u < aL.length; u++) {
      const v = a[aL[u] as number] as number;
      aV[u] = v;
      sa += v;
    }
    for (let u = 0; u < bL.length; u++) bV[u] = b[bL[u] as number] as number;
    this.mu = this.constant ? (x[this.k - 1] as number) : 0;
    // (wₜ − μ) − Σ aₗ (w_{t−l} − μ) = wₜ − Σ aₗ w_{t−l} − μ(1 − Σa)
    this.shift = this.mu * (1 - sa);
  }

  residuals(x: Float64Array, r: Float64Array): number {
    this.expand(x);
    const S = cssForward(this.w, this.ncond, this.size, this.aL, this.aV, this.bL, this.bV, this.maxB, this.shift, r);
    if (r === this.e) {
      this.lastX.set(x);
      this.lastS = S;
      this.lastValid = true;
    } else this.lastValid = false;
    return S;
  }

  /** Like `residuals`, into the problem's own buffer (which `gradient` can reuse). */
  value(x: Float64Array): number {
    return this.residuals(x, this.e);
  }

  /**
   * ½·log(Σe²/N) (the objective of R's CSS) and its gradient by the adjoint recursion: with
   * e = b(B)⁻¹u, λ = b(B)⁻ᵀe (run backwards), ∂Σe²/∂aₗ = −2Σλₛ(w − μ)_{t−l},
   * ∂Σe²/∂bₗ = −2Σλₛe_{s−l}, ∂Σe²/∂μ = −2(1 − Σa)Σλ, then the chain rule to the factors:
   * two passes over the series whatever the number of parameters.
   */
  gradient(x: Float64Array, grad: Float64Array): number {
    const { k, p, q, P, constant, aL, bL, aV, dA, dB, dAbyLag, dBbyLag, size } = this;
    // The optimizer asks for the gradient where it has just evaluated: reuse those residuals.
    let same = this.lastValid;
    for (let c = 0; c < k && same; c++) same = x[c] === this.lastX[c];
    const S = same ? this.lastS : this.residuals(x, this.e);
    if (!(S > 0) || !Number.isFinite(S)) return Infinity;
    const sumLam = cssAdjoint(this.w, this.ncond, size, aL, bL, this.bV, this.maxB, this.e, this.lam, dA, dB);
    const mu = this.mu;
    // ∂Σe²/∂aₗ = −2Σλₛ(w_{t−l} − μ) = −2(Σλₛw_{t−l} − μΣλ);  ∂Σe²/∂bₗ = −2Σλₛe_{s−l}
    for (let u = 0; u < aL.length; u++) dAbyLag[aL[u] as number] = -2 * ((dA[u] as number) - mu * sumLam);
    for (let u = 0; u < bL.length; u++) dBbyLag[bL[u] as number] = -2 * (dB[u] as number);
    for (let c = 0; c < k; c++) {
      if (constant && c === k - 1) {
        // shift = μ(1 − Σa): ∂Σe²/∂μ = −2(1 − Σa)Σλ
        let sa = 0;
        for (let u = 0; u < aV.length; u++) sa += aV[u] as number;
        grad[c] = mu !== 0 ? (-2 * this.shift * sumLam) / mu : -2 * (1 - sa) * sumLam;
        continue;
      }
      const isAr = c < p || (c >= p + q && c < p + q + P);
      const otherBase = c < p ? p + q : c < p + q ? p + q + P : c < p + q + P ? 0 : p;
      let gsum = 0;
      for (const term of this.terms[c] as Term[]) {
        const f = term.other < 0 ? 1 : isAr ? -(x[otherBase + term.other] as number) : (x[otherBase + term.other] as number);
        gsum += f * ((isAr ? dAbyLag[term.lag] : dBbyLag[term.lag]) as number);
      }
      grad[c] = gsum;
    }
    const scale = 0.5 / S;
    for (let c = 0; c < k; c++) grad[c] = (grad[c] as number) * scale;
    return 0.5 * Math.log(S / size);
  }
}

/** The innovations eₛ (s = t − ncond) into r; returns Σe² (Infinity when they explode). */
function cssForward(
  w: Float64Array,
  ncond: number,
  size: number,
  aL: Int32Array,
  aV: Float64Array,
  bL: Int32Array,
  bV: Float64Array,
  maxB: number,
  shift: number,
  r: Float64Array,
): number {
  const nA = aL.length;
  const nB = bL.length;
  let ssq = 0;
  // The first maxB innovations see pre-sample (zero) innovations; after that no bounds checks.
  const head = Math.min(maxB, size);
  for (let s = 0; s < head; s++) {
    const t = s + ncond;
    let v = (w[t] as number) - shift;
    for (let u = 0; u < nA; u++) v -= (aV[u] as number) * (w[t - (aL[u] as number)] as number);
    for (let u = 0; u < nB; u++) {
      const l = bL[u] as number;
      if (l > s) break;
      v -= (bV[u] as number) * (r[s - l] as number);
    }
    r[s] = v;
    ssq += v * v;
  }
  for (let s = head; s < size; s++) {
    const t = s + ncond;
    let v = (w[t] as number) - shift;
    for (let u = 0; u < nA; u++) v -= (aV[u] as number) * (w[t - (aL[u] as number)] as number);
    for (let u = 0; u < nB; u++) v -= (bV[u] as number) * (r[s - (bL[u] as number)] as number);
    r[s] = v;
    ssq += v * v;
  }
  return Number.isFinite(ssq) ? ssq : Infinity;
}

/**
 * λ = b(B)⁻ᵀe, backwards, and in the same pass dA[u] = Σλₛw_{t−aL[u]} and
 * dB[u] = Σλₛe_{s−bL[u]}; returns Σλ.
 */
function cssAdjoint(
  w: Float64Array,
  ncond: number,
  size: number,
  aL: Int32Array,
  bL: Int32Array,
  bV: Float64Array,
  maxB: number,
  e: Float64Array,
  lam: Float64Array,
  dA: Float64Array,
  dB: Float64Array,
): number {
  const nA = aL.length;
  const nB = bL.length;
  dA.fill(0);
  dB.fill(0);
  let sumLam = 0;
  for (let s = size - 1; s >= 0; s--) {
    let v = e[s] as number;
    if (s + maxB < size) for (let u = 0; u < nB; u++) v -= (bV[u] as number) * (lam[s + (bL[u] as number)] as number);
    else
      for (let u = 0; u < nB; u++) {
        const l = bL[u] as number;
        if (s + l >= size) break;
        v -= (bV[u] as number) * (lam[s + l] as number);
      }
    lam[s] = v;
    sumLam += v;
    const t = s + ncond;
    for (let u = 0; u < nA; u++) dA[u] = (dA[u] as number) + v * (w[t - (aL[u] as number)] as number);
    if (s >= maxB) for (let u = 0; u < nB; u++) dB[u] = (dB[u] as number) + v * (e[s - (bL[u] as number)] as number);
    else
      for (let u = 0; u < nB; u++) {
        const l = bL[u] as number;
        if (l > s) break;
        dB[u] = (dB[u] as number) + v * (e[s - l] as number);
      }
  }
  return sumLam;
}
