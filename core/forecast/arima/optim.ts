/**
 * Quasi-Newton minimization (BFGS, Nocedal & Wright 2006 §6.1) with central-difference gradients
 * and a backtracking Armijo line search, optionally inside box bounds (iterates are projected
 * onto the box). Mirrors the settings of R's `optim(method = "BFGS")` that `arima` uses:
 * relative tolerance 1e-8 on the objective, at most 100 iterations.
 */
export interface MinimizeOptions {
  readonly maxIter?: number;
  readonly relTol?: number;
  /** Finite-difference step for the gradient. */
  readonly step?: number;
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  /** Forward instead of central differences: half the evaluations per gradient. */
  readonly forward?: boolean;
  /** Analytic gradient at x (replaces the finite differences). */
  readonly gradient?: (x: readonly number[]) => number[];
}

export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export function minimizeBfgs(f: (x: readonly number[]) => number, x0: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIter = options.maxIter ?? 100;
  const relTol = options.relTol ?? 1e-8;
  const h = options.step ?? 1e-4;
  const lower = options.lower;
  const upper = options.upper;
  let evaluations = 0;
  const project = (x: number[]): number[] => {
    if (lower === undefined && upper === undefined) return x;
    return x.map((v, i) => Math.min(upper?.[i] ?? Infinity, Math.max(lower?.[i] ?? -Infinity, v)));
  };
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let x = project(x0.slice());
  let fx = value(x);
  if (n === 0 || !Number.isFinite(fx)) return { x, value: fx, iterations: 0, evaluations, converged: n === 0 };
  const gradient = (xc: readonly number[], fc: number): number[] => {
    if (options.gradient !== undefined) return options.gradient(xc);
    const g = new Array<number>(n);
    const xt = xc.slice();
    for (let i = 0; i < n; i++) {
      const xi = xc[i]!;
      xt[i] = xi + h;
      const fp = value(xt);
      if (options.forward === true && Number.isFinite(fp)) {
        xt[i] = xi;
        g[i] = (fp - fc) / h;
        continue;
      }
      xt[i] = xi - h;
      const fm = value(xt);
      xt[i] = xi;
      if (Number.isFinite(fp) && Number.isFinite(fm)) g[i] = (fp - fm) / (2 * h);
      else if (Number.isFinite(fp)) g[i] = (fp - fc) / h;
      else if (Number.isFinite(fm)) g[i] = (fc - fm) / h;
      else g[i] = 0;
    }
    return g;
  };
  // Inverse Hessian approximation.
  let H = identity(n);
  let g = gradient(x, fx);
  let iterations = 0;
  let converged = false;
  let resets = 0;
  while (iterations < maxIter) {
    iterations++;
    let dir = H.map((row) => -dot(row, g));
    let slope = dot(dir, g);
    if (!(slope < 0)) {
      H = identity(n);
      dir = g.map((v) => -v);
      slope = dot(dir, g);
      if (!(slope < 0)) {
        converged = true;
        break;
      }
    }
    let t = 1;
    let xn = x;
    let fn = Infinity;
    let accepted = false;
    for (let k = 0; k < 30; k++) {
      xn = project(x.map((v, i) => v + t * dir[i]!));
      fn = value(xn);
      if (fn <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.2;
    }
    if (!accepted) {
      if (resets++ > 0 || isIdentity(H)) {
        converged = true;
        break;
      }
      H = identity(n);
      continue;
    }
    const gn = gradient(xn, fn);
    const s = xn.map((v, i) => v - x[i]!);
    const yv = gn.map((v, i) => v - g[i]!);
    const sy = dot(s, yv);
    const done = Math.abs(fx - fn) <= relTol * (Math.abs(fx) + relTol);
    x = xn;
    fx = fn;
    g = gn;
    if (done) {
      converged = true;
      break;
    }
    if (sy > 1e-12) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = H.map((row) => dot(row, yv));
      const yHy = dot(yv, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i]![j] = H[i]![j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
  }
  return { x, value: fx, iterations, evaluations, converged };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function isIdentity(H: readonly (readonly number[])[]): boolean {
  return H.every((row, i) => row.every((v, j) => v === (i === j ? 1 : 0)));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
