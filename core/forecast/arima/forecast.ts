import type { ArimaFit } from './fit';
import { psiWeights } from './kalman';
import { differencingPolynomial } from './polynomial';

/**
 * Minimum-MSE point forecasts of a fitted ARIMA model (Box, Jenkins & Reinsel 2008 §5.1;
 * Brockwell & Davis 1991 §9.5). The ARMA part continues from the Kalman filter's predicted
 * state (ŵ_{n+1|n}, …, ŵ_{n+r|n}), beyond r by the AR recursion; the result is integrated back
 * through yₜ = wₜ + Σ δⱼ y_{t−j} with (1−B)^d(1−B^m)^D = 1 − Σ δⱼ Bʲ.
 * For CSS-only fits (used inside the search) the state is rebuilt from the CSS residuals.
 */
export function pointForecast(fit: ArimaFit, h: number): number[] {
  const { d, D, period: m } = fit.spec;
  const phi = fit.phi;
  const mu = fit.coef.mu;
  const r = Math.max(phi.length, fit.theta.length + 1);
  const wHat = new Array<number>(h).fill(0);
  if (fit.finalState !== undefined) {
    for (let k = 0; k < h; k++) {
      if (k < r) wHat[k] = fit.finalState[k]!;
      else {
        let v = 0;
        for (let j = 1; j <= phi.length; j++) v += phi[j - 1]! * wHat[k - j]!;
        wHat[k] = v;
      }
    }
  } else {
    // Conditional forecasts from the residuals (CSS fits).
    const lost = fit.n - fit.nstar;
    const wc: number[] = [];
    const e: number[] = [];
    for (let t = lost; t < fit.n; t++) e.push(Number.isFinite(fit.residuals[t]!) ? fit.residuals[t]! : 0);
    let wCur = fit.y.slice();
    // Recompute the differenced series minus μ.
    for (let i = 0; i < D; i++) wCur = wCur.slice(m).map((v, t) => v - wCur[t]!);
    for (let i = 0; i < d; i++) wCur = wCur.slice(1).map((v, t) => v - wCur[t]!);
    for (const v of wCur) wc.push(v - mu);
    const N = wc.length;
    for (let k = 0; k < h; k++) {
      let v = 0;
      for (let j = 1; j <= phi.length; j++) {
        const idx = N + k - j;
        v += phi[j - 1]! * (idx >= N ? wHat[idx - N]! : (wc[idx] ?? 0));
      }
      for (let j = 1; j <= fit.theta.length; j++) {
        const idx = N + k - j;
        if (idx < N && idx >= 0) v += fit.theta[j - 1]! * (e[idx] ?? 0);
      }
      wHat[k] = v;
    }
  }
  const delta = differencingPolynomial(d, D, m);
  const y = fit.y;
  const n = y.length;
  const out = new Array<number>(h);
  const at = (t: number): number => (t < n ? y[t]! : out[t - n]!);
  for (let k = 0; k < h; k++) {
    let v = wHat[k]! + mu;
    for (let j = 1; j <= delta.length; j++) v += delta[j - 1]! * at(n + k - j);
    out[k] = v;
  }
  return out;
}

/**
 * ψ-weights of the integrated model θ(B)Θ(B^m) / [φ(B)Φ(B^m)(1−B)^d(1−B^m)^D]: the forecast error
 * at horizon h is Σ_{j<h} ψⱼ ε_{n+h−j}, so its variance is σ² Σ_{j<h} ψⱼ² (Box et al. 2008 §5.1.1).
 */
export function integratedPsi(fit: ArimaFit, h: number): Float64Array {
  const { d, D, period: m } = fit.spec;
  const delta = differencingPolynomial(d, D, m);
  const phi = fit.phi;
  // (1 − Σφ Bⁱ)(1 − Σδ Bʲ) = 1 − Σ φ*ₖ Bᵏ
  const len = phi.length + delta.length;
  const star = new Array<number>(len).fill(0);
  for (let i = 0; i < phi.length; i++) star[i] = star[i]! + phi[i]!;
  for (let j = 0; j < delta.length; j++) star[j] = star[j]! + delta[j]!;
  for (let i = 0; i < phi.length; i++) for (let j = 0; j < delta.length; j++) star[i + j + 1] = star[i + j + 1]! - phi[i]! * delta[j]!;
  return psiWeights(star, fit.theta, h);
}
