import { normalSampler } from '../random';
import type { Random } from '../types';
import type { EtsFit } from './fit';

/**
 * Point forecasts (Hyndman et al. 2008, Table 2.1): ŷ_{n+h} = ℓ_n + φ_h b_n (⊕ s_{n+h−m(k+1)}), with
 * φ_h = φ + φ² + … + φ^h. For the linear (class 1/2) models this is the forecast mean; for the
 * multiplicative-season models it is the usual point forecast (the mean to first order), as R.
 */
export function etsMean(fit: EtsFit, h: number): number[] {
  const { spec, m, params, final } = fit;
  const phi = spec.trend === 'N' ? 0 : spec.damped ? params.phi : 1;
  const out: number[] = [];
  let phiSum = 0;
  let pw = 1;
  for (let t = 1; t <= h; t++) {
    pw *= phi;
    phiSum += pw;
    const q = final.level + phiSum * (spec.trend === 'N' ? 0 : final.trend);
    if (spec.season === 'N') out.push(q);
    else {
      const s = final.season[(fit.n + t - 1) % m] as number;
      out.push(spec.season === 'A' ? q + s : q * s);
    }
  }
  return out;
}

/**
 * Sample paths by simulating the state space model forward from the final state with Gaussian
 * innovations ε ~ N(0, σ²) (Hyndman et al. 2008, §6.1): additive error y = ŷ + ε, multiplicative
 * error y = ŷ(1 + ε), then the usual state updates.
 */
export function etsSimulate(fit: EtsFit, h: number, count: number, random: Random): number[][] {
  const { spec, m, params } = fit;
  const z = normalSampler(random);
  const sigma = Math.sqrt(fit.sigma2);
  const trend = spec.trend !== 'N';
  const phi = trend ? (spec.damped ? params.phi : 1) : 0;
  const seasonType = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const multErr = spec.error === 'M';
  const s = new Float64Array(m);
  const out: number[][] = [];
  for (let k = 0; k < count; k++) {
    s.set(fit.final.season);
    let l = fit.final.level;
    let b = trend ? fit.final.trend : 0;
    let j = fit.n % m;
    const path = new Array<number>(h);
    for (let t = 0; t < h; t++) {
      const phib = phi * b;
      const q = l + phib;
      const sv = seasonType === 0 ? 0 : (s[j] as number);
      const yhat = seasonType === 0 ? q : seasonType === 1 ? q + sv : q * sv;
      const e = sigma * z();
      const err = multErr ? yhat * e : e;
      path[t] = yhat + err;
      if (seasonType === 2) {
        const es = sv !== 0 ? err / sv : 0;
        l = q + params.alpha * es;
        b = phib + params.beta * es;
        s[j] = sv + (q !== 0 ? (params.gamma * err) / q : 0);
      } else {
        l = q + params.alpha * err;
        b = phib + params.beta * err;
        if (seasonType === 1) s[j] = sv + params.gamma * err;
      }
      if (seasonType !== 0 && ++j === m) j = 0;
    }
    out.push(path);
  }
  return out;
}
