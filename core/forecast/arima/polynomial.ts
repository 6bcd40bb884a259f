/**
 * Lag polynomials for ARIMA models, in R `arima`'s sign conventions:
 *   AR: φ(B) = 1 − φ₁B − … − φₚBᵖ        MA: θ(B) = 1 + θ₁B + … + θ_qB^q
 * Coefficient arrays hold φ₁…φₚ (resp. θ₁…θ_q) without the leading 1.
 *
 * Stationarity and invertibility are checked with the Schur–Cohn step-down recursion (the
 * Durbin–Levinson recursion run backwards: every partial autocorrelation must lie in (−1, 1));
 * Box, Jenkins & Reinsel (2008) §3.2; Jones (1980) for the partial-autocorrelation
 * reparameterization used during maximum likelihood.
 */

/** (1 − Σφᵢ Bⁱ)(1 − ΣΦⱼ B^{mj}) expanded: returns the AR coefficients of the product. */
export function expandAr(ar: readonly number[], sar: readonly number[], m: number): number[] {
  const p = ar.length;
  const out = new Array<number>(p + m * sar.length).fill(0);
  for (let i = 0; i < p; i++) out[i] = ar[i]!;
  for (let j = 0; j < sar.length; j++) {
    const s = sar[j]!;
    const lag = m * (j + 1);
    out[lag - 1] = out[lag - 1]! + s;
    for (let i = 0; i < p; i++) out[lag + i] = out[lag + i]! - ar[i]! * s;
  }
  return out;
}

/** (1 + Σθᵢ Bⁱ)(1 + ΣΘⱼ B^{mj}) expanded: returns the MA coefficients of the product. */
export function expandMa(ma: readonly number[], sma: readonly number[], m: number): number[] {
  const q = ma.length;
  const out = new Array<number>(q + m * sma.length).fill(0);
  for (let i = 0; i < q; i++) out[i] = ma[i]!;
  for (let j = 0; j < sma.length; j++) {
    const s = sma[j]!;
    const lag = m * (j + 1);
    out[lag - 1] = out[lag - 1]! + s;
    for (let i = 0; i < q; i++) out[lag + i] = out[lag + i]! + ma[i]! * s;
  }
  return out;
}

/** Coefficients δ of (1 − B)^d (1 − B^m)^D = 1 − Σ δⱼ Bʲ, so that y_t = w_t + Σ δⱼ y_{t−j}. */
export function differencingPolynomial(d: number, D: number, m: number): number[] {
  // Work with the full polynomial c₀ + c₁B + … (c₀ = 1), then negate.
  let c = [1];
  const times = (factor: readonly number[]): void => {
    const out = new Array<number>(c.length + factor.length - 1).fill(0);
    for (let i = 0; i < c.length; i++) for (let j = 0; j < factor.length; j++) out[i + j] = out[i + j]! + c[i]! * factor[j]!;
    c = out;
  };
  for (let i = 0; i < d; i++) times([1, -1]);
  if (D > 0) {
    const seasonal = new Array<number>(m + 1).fill(0);
    seasonal[0] = 1;
    seasonal[m] = -1;
    for (let i = 0; i < D; i++) times(seasonal);
  }
  return c.slice(1).map((v) => -v);
}

/** Applies (1 − B)^d (1 − B^m)^D: the result is shorter by d + mD. */
export function difference(y: readonly number[], d: number, D: number, m: number): number[] {
  let x = y.slice();
  for (let i = 0; i < D; i++) x = x.slice(m).map((v, t) => v - x[t]!);
  for (let i = 0; i < d; i++) x = x.slice(1).map((v, t) => v - x[t]!);
  return x;
}

/**
 * Partial autocorrelations of an AR polynomial by the step-down recursion; `null` when the
 * recursion hits |π| ≥ 1 (a root on or inside the unit circle).
 */
export function arToPacf(phi: readonly number[]): number[] | null {
  const p = phi.length;
  let a = phi.slice();
  const pacf = new Array<number>(p).fill(0);
  for (let k = p; k >= 1; k--) {
    const pk = a[k - 1]!;
    if (!(Math.abs(pk) < 1)) return null;
    pacf[k - 1] = pk;
    if (k === 1) break;
    const denom = 1 - pk * pk;
    const next = new Array<number>(k - 1);
    for (let j = 1; j < k; j++) next[j - 1] = (a[j - 1]! + pk * a[k - j - 1]!) / denom;
    a = next;
  }
  return pacf;
}

/** Durbin–Levinson: AR coefficients from partial autocorrelations in (−1, 1). */
export function pacfToAr(pacf: readonly number[]): number[] {
  const p = pacf.length;
  let a: number[] = [];
  for (let k = 1; k <= p; k++) {
    const pk = pacf[k - 1]!;
    const next = new Array<number>(k);
    for (let j = 1; j < k; j++) next[j - 1] = a[j - 1]! - pk * a[k - j - 1]!;
    next[k - 1] = pk;
    a = next;
  }
  return a;
}

/**
 * True when every root of 1 − Σ φₖ zᵏ lies strictly outside the circle |z| = radius.
 * Zero trailing coefficients are ignored. `radius = 1.01` is auto.arima's margin.
 */
export function arRootsOutside(phi: readonly number[], radius = 1): boolean {
  let last = phi.length;
  while (last > 0 && Math.abs(phi[last - 1]!) <= 1e-8) last--;
  if (last === 0) return true;
  const scaled = new Array<number>(last);
  let f = 1;
  for (let k = 0; k < last; k++) {
    f *= radius;
    scaled[k] = phi[k]! * f;
  }
  return arToPacf(scaled) !== null;
}

/** True when every root of 1 + Σ θₖ zᵏ lies strictly outside |z| = radius. */
export function maRootsOutside(theta: readonly number[], radius = 1): boolean {
  return arRootsOutside(theta.map((v) => -v), radius);
}

interface Complex {
  re: number;
  im: number;
}

/**
 * All roots of 1 + c₁z + … + c_k z^k by the Durand–Kerner (Weierstrass) iteration. Used only for
 * the short non-seasonal/seasonal MA blocks (k ≤ 5 in auto.arima).
 */
export function polyRoots(c: readonly number[]): Complex[] {
  let k = c.length;
  while (k > 0 && c[k - 1] === 0) k--;
  if (k === 0) return [];
  // Monic in z: z^k + (c_{k-1}/c_k) z^{k-1} + … + 1/c_k.
  const a = new Array<number>(k + 1);
  a[k] = 1;
  for (let i = 0; i < k; i++) a[i] = (i === 0 ? 1 : c[i - 1]!) / c[k - 1]!;
  const evalMonic = (z: Complex): Complex => {
    let re = 1;
    let im = 0;
    for (let i = k - 1; i >= 0; i--) {
      const nr = re * z.re - im * z.im + a[i]!;
      im = re * z.im + im * z.re;
      re = nr;
    }
    return { re, im };
  };
  const bound = 1 + Math.max(...a.slice(0, k).map(Math.abs));
  const roots: Complex[] = [];
  for (let i = 0; i < k; i++) {
    const ang = (2 * Math.PI * i) / k + 0.4;
    roots.push({ re: bound * 0.5 * Math.cos(ang), im: bound * 0.5 * Math.sin(ang) });
  }
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let i = 0; i < k; i++) {
      const zi = roots[i]!;
      const num = evalMonic(zi);
      let dre = 1;
      let dim = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const zj = roots[j]!;
        const xr = zi.re - zj.re;
        const xi = zi.im - zj.im;
        const nr = dre * xr - dim * xi;
        dim = dre * xi + dim * xr;
        dre = nr;
      }
      const den = dre * dre + dim * dim;
      if (den === 0) continue;
      const qr = (num.re * dre + num.im * dim) / den;
      const qi = (num.im * dre - num.re * dim) / den;
      zi.re -= qr;
      zi.im -= qi;
      moved = Math.max(moved, Math.hypot(qr, qi));
    }
    if (moved < 1e-14) break;
  }
  return roots;
}

/**
 * Reflects roots of 1 + Σθₖzᵏ that lie inside the unit circle to 1/z̄, which leaves the
 * autocovariances (and so the Gaussian likelihood) unchanged up to the innovation variance;
 * the standard way to report an invertible MA (as R's `arima` does after fitting).
 * Returns the new coefficients and the factor by which σ² must be multiplied.
 */
export function invertMa(theta: readonly number[]): { theta: number[]; varianceFactor: number } {
  const q = theta.length;
  if (q === 0 || maRootsOutside(theta)) return { theta: theta.slice(), varianceFactor: 1 };
  const roots = polyRoots(theta);
  let varianceFactor = 1;
  const fixed = roots.map((r) => {
    const m2 = r.re * r.re + r.im * r.im;
    if (m2 < 1) {
      varianceFactor /= m2; // each reflected root r scales σ² by 1/|r|²
      return { re: r.re / m2, im: r.im / m2 };
    }
    return r;
  });
  // Rebuild Π (1 − z/rᵢ).
  let poly: Complex[] = [{ re: 1, im: 0 }];
  for (const r of fixed) {
    const m2 = r.re * r.re + r.im * r.im;
    const inv = { re: r.re / m2, im: -r.im / m2 }; // 1/r
    const next: Complex[] = poly.map((c) => ({ re: c.re, im: c.im }));
    next.push({ re: 0, im: 0 });
    for (let i = 0; i < poly.length; i++) {
      const c = poly[i]!;
      next[i + 1]!.re -= c.re * inv.re - c.im * inv.im;
      next[i + 1]!.im -= c.re * inv.im + c.im * inv.re;
    }
    poly = next;
  }
  const out = poly.slice(1, q + 1).map((c) => c.re);
  while (out.length < q) out.push(0);
  return { theta: out, varianceFactor };
}
