import { qnorm } from './math/stats';
import type { Fitter, FittedModel, Forecast, ForecastOptions, Interval } from './types';

/**
 * Log transform with bias-adjusted back-transformation (Box–Cox with λ = 0: Box & Cox 1964;
 * Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., §3.1 "Mathematical
 * transformations" and §5.6 "Forecasting using transformations" / "Bias adjustments").
 *
 * Growth that compounds (a constant percentage a year, as cloud spend usually grows) is a straight
 * line in log values, which the families' additive trends and Theta's least-squares line follow; on
 * the original scale the same families fit a straight line through a curve and under-forecast its
 * current slope. `withLogTransform` wraps a family's fitter: each fit (the final one and each
 * backtest window's) fits the family on w = log y, and the forecast is back-transformed:
 *
 * - interval bounds and sample paths by exp (quantiles are preserved by a monotone transform);
 * - the point forecast by the bias-adjusted mean of FPP3 §5.6: exp(ŵ_h)·(1 + σ²_h / 2), σ²_h the
 *   forecast variance of w at step h. exp(ŵ_h) alone is the forecast *median*, below the mean that
 *   spend totals add up. σ_h is read off the family's own central 80 % interval of w at step h,
 *   σ_h = (hi − lo) / (2 z_0.9), which is the model's standard deviation for the Gaussian models
 *   and a robust stand-in for the simulated ones.
 *
 * Series with a value ≤ 0 or non-finite are fitted untransformed (the record says so in a warning);
 * the record's spec gains " on log" when the transform was applied, its residuals are on the
 * original scale (y − exp(fitted log)).
 */
export function withLogTransform(fitter: Fitter): Fitter {
  const z80 = qnorm(0.9);
  const wrap = (y: readonly number[], period: number, fit: (w: readonly number[]) => FittedModel): FittedModel => {
    if (!y.every((v) => v > 0 && Number.isFinite(v))) {
      const base = fit(y);
      const refit = base.refit?.bind(base);
      return {
        ...base,
        record: { ...base.record, warnings: [...base.record.warnings, 'The series has values ≤ 0: fitted without the log transform.'] },
        ...(refit ? { refit: (y2: readonly number[]) => wrap(y2, period, refit) } : {}),
      };
    }
    const w = y.map((v) => Math.log(v));
    const base = fit(w);
    const refit = base.refit?.bind(base);
    return {
      record: {
        ...base.record,
        spec: `${base.record.spec} on log`,
        residuals: base.record.residuals.map((r, t) => (y[t] as number) - Math.exp((w[t] as number) - r)),
        sigma2: base.record.sigma2,
      },
      forecast: (h: number, options: ForecastOptions): Forecast => {
        const levels = options.levels.includes(0.8) ? options.levels : [...options.levels, 0.8];
        const f = base.forecast(h, { ...options, levels });
        const iv80 = f.intervals.find((iv) => iv.level === 0.8) as Interval;
        const mean = f.mean.map((m, t) => {
          const sd = Math.max(0, ((iv80.hi[t] as number) - (iv80.lo[t] as number)) / (2 * z80));
          return Math.exp(m) * (1 + (sd * sd) / 2);
        });
        return {
          mean,
          intervals: f.intervals.filter((iv) => options.levels.includes(iv.level)).map((iv) => ({ level: iv.level, lo: iv.lo.map(Math.exp), hi: iv.hi.map(Math.exp) })),
          ...(f.paths ? { paths: f.paths.map((p) => p.map(Math.exp)) } : {}),
        };
      },
      ...(refit ? { refit: (y2: readonly number[]) => wrap(y2, period, refit) } : {}),
    };
  };
  return (y, options) => wrap(y, options.period, (a) => fitter(a, options));
}
