/**
 * Nelder–Mead simplex minimisation (Nelder & Mead, Computer Journal 7, 1965) with the usual
 * coefficients (reflection 1, expansion 2, contraction ½, shrink ½) and the stopping rule of R's
 * `optim()`: stop when f(worst) − f(best) ≤ reltol·(|f(best)| + reltol) or after `maxEval`
 * evaluations. Bounds are the caller's job: return `Infinity` outside the feasible region.
 */
export interface NelderMeadOptions {
  /** Initial step per coordinate (the simplex is x0 + step_i·e_i). */
  readonly step: ArrayLike<number>;
  readonly maxEval?: number;
  readonly reltol?: number;
}

export interface NelderMeadResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly evals: number;
  readonly converged: boolean;
}

export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: NelderMeadOptions): NelderMeadResult {
  const d = x0.length;
  const maxEval = options.maxEval ?? 2000;
  const reltol = options.reltol ?? 1e-8;
  const pts: Float64Array[] = [];
  const fv = new Float64Array(d + 1);
  let evals = 0;
  const evalAt = (x: Float64Array): number => {
    evals++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  for (let i = 0; i <= d; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] = (p[i - 1] as number) + (options.step[i - 1] as number);
    pts.push(p);
    fv[i] = evalAt(p);
  }
  const order = new Int32Array(d + 1);
  const centroid = new Float64Array(d);
  const xr = new Float64Array(d);
  const xe = new Float64Array(d);
  const xc = new Float64Array(d);
  let converged = false;
  for (;;) {
    for (let i = 0; i <= d; i++) order[i] = i;
    order.sort((a, b) => (fv[a] as number) - (fv[b] as number));
    const best = order[0] as number;
    const worst = order[d] as number;
    const second = order[d - 1] as number;
    const fb = fv[best] as number;
    const fw = fv[worst] as number;
    if (Number.isFinite(fw) && fw - fb <= reltol * (Math.abs(fb) + reltol)) {
      converged = true;
      break;
    }
    if (evals >= maxEval) break;
    centroid.fill(0);
    for (let i = 0; i <= d; i++) {
      if (i === worst) continue;
      const p = pts[i] as Float64Array;
      for (let j = 0; j < d; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / d;
    }
    const pw = pts[worst] as Float64Array;
    for (let j = 0; j < d; j++) xr[j] = 2 * (centroid[j] as number) - (pw[j] as number);
    const fr = evalAt(xr);
    if (fr < fb) {
      for (let j = 0; j < d; j++) xe[j] = 3 * (centroid[j] as number) - 2 * (pw[j] as number);
      const fe = evalAt(xe);
      if (fe < fr) {
        pw.set(xe);
        fv[worst] = fe;
      } else {
        pw.set(xr);
        fv[worst] = fr;
      }
      continue;
    }
    if (fr < (fv[second] as number)) {
      pw.set(xr);
      fv[worst] = fr;
      continue;
    }
    // contraction: outside if the reflected point improved on the worst, else inside
    const outside = fr < fw;
    for (let j = 0; j < d; j++) {
      xc[j] = outside ? 0.5 * ((centroid[j] as number) + (xr[j] as number)) : 0.5 * ((centroid[j] as number) + (pw[j] as number));
    }
    const fc = evalAt(xc);
    if (fc < Math.min(fr, fw)) {
      pw.set(xc);
      fv[worst] = fc;
      continue;
    }
    // shrink towards the best point
    const pb = pts[best] as Float64Array;
    for (let i = 0; i <= d; i++) {
      if (i === best) continue;
      const p = pts[i] as Float64Array;
      for (let j = 0; j < d; j++) p[j] = (pb[j] as number) + 0.5 * ((p[j] as number) - (pb[j] as number));
      fv[i] = evalAt(p);
    }
    if (evals >= maxEval) break;
  }
  let bi = 0;
  for (let i = 1; i <= d; i++) if ((fv[i] as number) < (fv[bi] as number)) bi = i;
  return { x: Float64Array.from(pts[bi] as Float64Array), f: fv[bi] as number, evals, converged };
}
