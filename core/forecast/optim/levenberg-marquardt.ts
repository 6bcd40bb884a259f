/**
 * Nonlinear least squares by the Levenberg–Marquardt method (Levenberg 1944; Marquardt 1963,
 * "An algorithm for least-squares estimation of nonlinear parameters", SIAM J. Appl. Math. 11;
 * Nocedal & Wright 2006 §10.3): minimise S(x) = Σₜ rₜ(x)² by the damped Gauss–Newton steps
 *   (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr,
 * with λ divided by 10 after a step that lowers S and multiplied by 10 after one that does not.
 * The Gauss–Newton matrix JᵀJ is augmented by a secant estimate of the second-order term
 * Σ rₜ∇²rₜ (Dennis, Gay & Welsch 1981, "An adaptive nonlinear least-squares algorithm", ACM TOMS 7),
 * which time-series residuals (innovations that do not vanish at the optimum) need for fast
 * convergence. Used for ARMA conditional sums of squares and Kalman innovations, where a
 * quasi-Newton method with numerical gradients needs many more evaluations.
 *
 * The caller supplies the residuals and, optionally, their Jacobian; without one the Jacobian is
 * taken by forward differences (one residual evaluation per parameter).
 */
import { choleskySolve } from './cholesky';
export interface LeastSquaresProblem {
  /** Number of residuals. */
  readonly size: number;
  /** Fills `r` with the residuals at x; returns Σr² (Infinity or NaN when x is infeasible). */
  residuals(x: Float64Array, r: Float64Array): number;
  /**
   * Optional analytic Jacobian at x, given the residuals `r` there: column c (∂r/∂x_c) in
   * `J[c·size … (c+1)·size)`.
   */
  jacobian?(x: Float64Array, r: Float64Array, J: Float64Array): void;
}

export interface LeastSquaresOptions {
  readonly maxIter?: number;
  /** Stop when an accepted step lowers S by less than relTol·S. */
  readonly relTol?: number;
  /** Forward-difference step (relative, with a floor of the same absolute size). */
  readonly step?: number;
}

export interface LeastSquaresResult {
  readonly x: Float64Array;
  /** Σr² at x. */
  readonly value: number;
  readonly iterations: number;
  /** Residual evaluations (Jacobian columns by differences included). */
  readonly evaluations: number;
  readonly converged: boolean;
}

export function levenbergMarquardt(problem: LeastSquaresProblem, x0: ArrayLike<number>, options: LeastSquaresOptions = {}): LeastSquaresResult {
  const k = x0.length;
  const n = problem.size;
  const maxIter = options.maxIter ?? 100;
  const relTol = options.relTol ?? 1e-10;
  const h = options.step ?? 1e-7;
  let x = Float64Array.from(x0);
  let r = new Float64Array(n);
  let rTrial = new Float64Array(n);
  let J = new Float64Array(k * n);
  let Jold = new Float64Array(k * n);
  const A = new Float64Array(k * k);
  const Sm = new Float64Array(k * k);
  const g = new Float64Array(k);
  const gNew = new Float64Array(k);
  const ySharp = new Float64Array(k);
  const M = new Float64Array(k * k);
  const delta = new Float64Array(k);
  const v = new Float64Array(k);
  const Ss = new Float64Array(k);
  let xTrial = new Float64Array(k);
  const xp = new Float64Array(k);
  let evaluations = 1;
  const finite = (val: number): number => (Number.isFinite(val) ? val : Infinity);
  let S = finite(problem.residuals(x, r));
  if (k === 0 || !Number.isFinite(S)) return { x, value: S, iterations: 0, evaluations, converged: k === 0 };

  const jacobian = (): void => {
    if (problem.jacobian) {
      problem.jacobian(x, r, J);
      return;
    }
    xp.set(x);
    for (let c = 0; c < k; c++) {
      const xc = x[c] as number;
      const hc = h * Math.max(1, Math.abs(xc));
      xp[c] = xc + hc;
      const col = J.subarray(c * n, (c + 1) * n);
      evaluations++;
      let Sp = finite(problem.residuals(xp, col));
      let sign = 1;
      if (!Number.isFinite(Sp)) {
        // Backward difference at the edge of the feasible region.
        xp[c] = xc - hc;
        evaluations++;
        Sp = finite(problem.residuals(xp, col));
        sign = -1;
      }
      xp[c] = xc;
      if (!Number.isFinite(Sp)) col.fill(0);
      else differenceColumn(col, r, sign, hc);
    }
  };
  jacobian();
  jtv(J, r, g, k, n);
  gaussNewtonMatrix(J, A, k, n);

  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    let gmax = 0;
    for (let a = 0; a < k; a++) gmax = Math.max(gmax, Math.abs(g[a] as number));
    if (gmax <= 1e-14 * (S + 1e-300)) {
      converged = true;
      break;
    }
    let accepted = false;
    let small = false;
    while (lambda < 1e12) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) M[a * k + b] = (A[a * k + b] as number) + (Sm[a * k + b] as number);
        const dii = A[a * k + a] as number;
        M[a * k + a] = (M[a * k + a] as number) + lambda * Math.max(dii, 1e-12);
        delta[a] = -(g[a] as number);
      }
      if (!choleskySolve(M, delta, k)) {
        lambda *= 10;
        continue;
      }
      let stepNorm = 0;
      let xNorm = 0;
      for (let a = 0; a < k; a++) {
        xTrial[a] = (x[a] as number) + (delta[a] as number);
        stepNorm = Math.max(stepNorm, Math.abs(delta[a] as number));
        xNorm = Math.max(xNorm, Math.abs(x[a] as number));
      }
      evaluations++;
      const St = finite(problem.residuals(xTrial, rTrial));
      if (St < S) {
        // A small decrease counts as convergence only for an undamped step: a heavily damped step
        // is small because λ is large, not because the optimum is near.
        small = (S - St <= relTol * S && lambda <= 1e-2) || stepNorm <= 1e-10 * (xNorm + 1e-10);
        [x, xTrial] = [xTrial, x];
        [r, rTrial] = [rTrial, r];
        S = St;
        lambda = Math.max(lambda / 10, 1e-12);
        accepted = true;
        break;
      }
      if (stepNorm <= 1e-12 * (xNorm + 1e-12)) break;
      lambda *= 10;
    }
    if (!accepted || small) {
      converged = true;
      break;
    }
    // New Jacobian and gradient; secant update of the second-order term Σ rₜ∇²rₜ that Gauss–Newton
    // leaves out (Dennis, Gay & Welsch 1981, NL2SOL): y = g₊ − g, y# = (J₊ − J)ᵀ r₊, s = δ,
    //   S ← τS + [(y# − τSs) yᵀ + y (y# − τSs)ᵀ]/yᵀs − [(y# − τSs)ᵀs] y yᵀ/(yᵀs)²,
    // sized by τ = min(1, |sᵀy#| / |sᵀSs|). Without it Gauss–Newton converges only linearly here,
    // because time-series residuals do not vanish at the optimum.
    [J, Jold] = [Jold, J];
    jacobian();
    jtv(J, r, gNew, k, n);
    jtv(Jold, r, ySharp, k, n);
    let ys = 0;
    let sYs = 0;
    let sSs = 0;
    for (let a = 0; a < k; a++) {
      const ya = (gNew[a] as number) - (g[a] as number);
      const yh = (gNew[a] as number) - (ySharp[a] as number);
      ySharp[a] = yh;
      ys += ya * (delta[a] as number);
      sYs += yh * (delta[a] as number);
      let sa = 0;
      for (let b = 0; b < k; b++) sa += (Sm[a * k + b] as number) * (delta[b] as number);
      Ss[a] = sa;
      sSs += sa * (delta[a] as number);
      v[a] = ya; // y kept in v until the update below
    }
    if (ys > 1e-14 * S) {
      const tau = sSs !== 0 ? Math.min(1, Math.abs(sYs) / Math.abs(sSs)) : 1;
      let vs = 0;
      for (let a = 0; a < k; a++) {
        const diff = (ySharp[a] as number) - tau * (Ss[a] as number);
        Ss[a] = diff;
        vs += diff * (delta[a] as number);
      }
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const ya = v[a] as number;
          const yb = v[b] as number;
          Sm[a * k + b] = tau * (Sm[a * k + b] as number) + ((Ss[a] as number) * yb + ya * (Ss[b] as number)) / ys - (vs * ya * yb) / (ys * ys);
        }
      }
    }
    g.set(gNew);
    gaussNewtonMatrix(J, A, k, n);
  }
  return { x, value: S, iterations, evaluations, converged };
}

// The O(n) loops as module-level functions of their operands (closures over the mutable
// buffers above re-read them from the context on every access).

/** col ← sign·(col − r)/hc: a forward (sign 1) or backward (−1) difference column. */
function differenceColumn(col: Float64Array, r: Float64Array, sign: number, hc: number): void {
  for (let t = 0; t < col.length; t++) col[t] = (sign * ((col[t] as number) - (r[t] as number))) / hc;
}

/** out = Jᵀ·vec for the k × n Jacobian `Jm` (columns contiguous). */
function jtv(Jm: Float64Array, vec: Float64Array, out: Float64Array, k: number, n: number): void {
  for (let a = 0; a < k; a++) {
    const ca = a * n;
    let sum = 0;
    for (let t = 0; t < n; t++) sum += (Jm[ca + t] as number) * (vec[t] as number);
    out[a] = sum;
  }
}

/** A = JᵀJ (k × k). */
function gaussNewtonMatrix(J: Float64Array, A: Float64Array, k: number, n: number): void {
  for (let a = 0; a < k; a++) {
    const ca = a * n;
    for (let b = a; b < k; b++) {
      const cb = b * n;
      let val = 0;
      for (let t = 0; t < n; t++) val += (J[ca + t] as number) * (J[cb + t] as number);
      A[a * k + b] = val;
      A[b * k + a] = val;
    }
  }
}

