import { classicalSeasonalFigure, seasonalityTest } from '../math/stats';
import type { FitRecord } from '../types';
import { type BaselineSpec, validateBaselineSpec } from './spec';

/** What a baseline fit keeps for forecasting. */
export interface BaselineFit {
  readonly spec: BaselineSpec;
  readonly record: FitRecord;
  /** The (seasonally adjusted, for naive2) series the random walk runs on. */
  readonly base: Float64Array;
  /** Seasonal indices of the last m observations, for naive2 (all 1 when not seasonal). */
  readonly lastSeason: Float64Array;
  readonly drift: number;
  readonly sigma: number;
}

/**
 * Fits a random-walk baseline (Hyndman & Athanasopoulos, FPP3 §5.2; M4 Naive2 as the organisers'
 * `naive2()` in `Benchmarks and Evaluation.R`).
 * - naive: ŷ_{t} = y_{t−1}, σ² = mean squared one-step residual (as R `naive()`);
 * - snaive: ŷ_t = y_{t−m};
 * - drift: ŷ_t = y_{t−1} + c with c = (y_n − y_1)/(n−1), residual variance about c with n−2 d.f.;
 * - naive2: naive on the series divided by the classical multiplicative seasonal indices when the
 *   M4 90 % seasonality test says seasonal, else plain naive.
 */
export function fitBaseline(y: readonly number[], spec: BaselineSpec): BaselineFit {
  validateBaselineSpec(spec, y.length);
  const n = y.length;
  const m = spec.period;
  const warnings: string[] = [];
  let base = Float64Array.from(y);
  let lastSeason = new Float64Array(Math.max(1, m)).fill(1);
  let seasonal = false;
  if (spec.kind === 'naive2' && m > 1) {
    seasonal = seasonalityTest(y, m) && y.every((v) => v > 0);
    if (seasonal) {
      const fig = classicalSeasonalFigure(y, m, 'multiplicative');
      base = Float64Array.from(y, (v, t) => v / (fig[t % m] as number));
      lastSeason = Float64Array.from({ length: m }, (_, j) => fig[(n - m + j) % m] as number);
    }
  }
  const lag = spec.kind === 'snaive' ? m : 1;
  const drift = spec.kind === 'drift' ? ((y[n - 1] as number) - (y[0] as number)) / (n - 1) : 0;
  const residuals = new Array<number>(n).fill(Number.NaN);
  let ss = 0;
  let cnt = 0;
  for (let t = lag; t < n; t++) {
    const s = spec.kind === 'naive2' ? seasonAt(y, base, t) : 1;
    const fitted = ((base[t - lag] as number) + drift) * s;
    const r = (y[t] as number) - fitted;
    residuals[t] = r;
    const rb = (base[t] as number) - (base[t - lag] as number) - drift;
    ss += rb * rb;
    cnt++;
  }
  const dof = spec.kind === 'drift' ? cnt - 1 : cnt;
  const sigma2 = dof > 0 ? ss / dof : 0;
  if (sigma2 === 0) warnings.push('The series is constant at this lag: the intervals have zero width.');
  const params: Record<string, number> = {};
  if (spec.kind === 'drift') params['drift'] = drift;
  if (spec.kind === 'naive2') params['seasonal'] = seasonal ? 1 : 0;
  const label = spec.kind === 'snaive' ? `SNaive[${m}]` : spec.kind === 'drift' ? 'RW with drift' : spec.kind === 'naive2' ? (seasonal ? `Naive2[${m}]` : 'Naive2 (not seasonal)') : 'Naive';
  const record: FitRecord = { family: spec.kind, spec: label, params, n, residuals, sigma2, warnings };
  return { spec, record, base, lastSeason, drift, sigma: Math.sqrt(sigma2) };
}

/** Seasonal index in force at time t for naive2 (ratio of the original to the adjusted series). */
function seasonAt(y: readonly number[], base: Float64Array, t: number): number {
  const b = base[t] as number;
  return b === 0 ? 1 : (y[t] as number) / b;
}
