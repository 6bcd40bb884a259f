import { autoArima, toFittedModel } from '../arima';
import { fitEts } from '../ets';
import { thetaFitter } from '../theta';
import { loessWeights, mstl } from '../stl';
import type { FittedModel } from '../types';
import { type MstlSpec, validateMstlSpec } from './spec';

/**
 * MSTL forecasting model (Bandara, Hyndman & Bergmeir 2021, §3.3): decompose y into trend,
 * seasonal components and remainder by MSTL (`core/forecast/stl`), model the seasonally adjusted
 * series (trend + remainder) with a non-seasonal model, and carry each seasonal component forward
 * by seasonal naive of its last cycle — the approach of R's `stlf()`/`forecast.mstl()`.
 *
 * Periods with fewer than two full cycles in the data (n ≤ 2·period) are dropped with a warning
 * in the record, e.g. a 400-day series keeps the weekly cycle but not the yearly one.
 *
 * Interval correction (Headroom's, not in R's `stlf`): the seasonal smoothers absorb part of the
 * noise — with two or three yearly cycles each yearly value is an average of two or three points —
 * so the adjusted series understates the noise and the projected seasonal carries estimation
 * error. We count the smoothers' equivalent parameters df = Σ self-weights of the degree-0
 * cycle-subseries loess (Cleveland et al. 1990 §4), inflate the adjusted model's variance by
 * n/(n − df), and add σ²·Σw² of the loess weights behind each projected seasonal value
 * (see intervals.ts).
 */
export interface MstlFit {
  readonly spec: MstlSpec;
  /** Periods actually used (after dropping the too-long ones). */
  readonly periods: readonly number[];
  readonly seasonals: readonly (readonly number[])[];
  readonly adjusted: readonly number[];
  readonly model: FittedModel;
  readonly n: number;
  /** Seasonal smoothing spans used (odd), one per kept period. */
  readonly spans: readonly number[];
  /**
   * Equivalent number of parameters the seasonal smoothers used (Σ of their self-weights), and
   * the factor n / (n − df) by which the adjusted series understates the noise variance.
   */
  readonly seasonalDf: number;
  readonly inflation: number;
  /** Noise variance estimate: inflation × mean squared residual of the adjusted-series model. */
  readonly noiseVariance: number;
  readonly warnings: readonly string[];
}

/**
 * `previous` (optional): a fitted adjusted-series model whose `refit` re-estimates the same
 * specification (used by `refit` in backtests instead of a new model search).
 */
export function fitMstl(y: readonly number[], specIn: MstlSpec, previous?: FittedModel): MstlFit {
  const spec = validateMstlSpec(specIn);
  const n = y.length;
  const warnings: string[] = [];
  // 4 STL inner passes instead of R's 2: removes the end-of-series bias of a long seasonal component (see stl/mstl.ts).
  const d = mstl(y, spec.periods, { inner: 4 });
  for (const p of d.dropped) {
    warnings.push(`series too short for seasonal period ${p}: ${n} points, MSTL needs more than ${2 * Math.round(p)} (two full cycles); that period was dropped`);
  }
  const seasonal = new Array<number>(n).fill(0);
  for (const s of d.seasonals) for (let t = 0; t < n; t++) seasonal[t] = seasonal[t]! + s[t]!;
  const adjusted = y.map((v, t) => v - seasonal[t]!);
  const model =
    previous?.refit !== undefined
      ? previous.refit(adjusted)
      : spec.adjusted === 'arima'
        ? toFittedModel(autoArima(adjusted, 1).fit)
        : spec.adjusted === 'theta'
          ? thetaFitter('optimized')(adjusted, { period: 1 })
          : fitEts(adjusted, { period: 1 });
  const spans = d.seasonalWindows.map((w) => {
    const r = Math.max(3, Math.round(w));
    return r % 2 === 0 ? r + 1 : r;
  });
  let seasonalDf = 0;
  d.periods.forEach((period, i) => {
    const P = Math.round(period);
    for (let j = 0; j < P; j++) {
      const len = Math.floor((n - 1 - j) / P) + 1;
      for (let k = 0; k < len; k++) seasonalDf += loessWeights(len, spans[i]!, k)[k]!;
    }
  });
  const inflation = n / Math.max(n - seasonalDf, n / 4);
  let ss = 0;
  let count = 0;
  for (const e of model.record.residuals) {
    if (Number.isFinite(e)) {
      ss += e * e;
      count++;
    }
  }
  const noiseVariance = count > 0 ? (inflation * ss) / count : 0;
  return { spec, periods: d.periods, seasonals: d.seasonals, adjusted, model, n, spans, seasonalDf, inflation, noiseVariance, warnings };
}
