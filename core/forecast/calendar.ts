import { scaleForecast } from './scale';
import { median } from './math/stats';
import type { Fitter, FittedModel, ForecastOptions } from './types';

/**
 * Calendar effects: days whose level a model of trend and weekly/yearly cycles cannot know because
 * they move through the calendar (Black Friday falls on 23–29 November, Easter on 22 March –
 * 25 April) or are too short and sharp for a yearly cycle to hold (24–26 December).
 *
 * The caller names each day of the history and of the horizon with a calendar key or nothing
 * (`CalendarKeys`: "Thanksgiving week+4" is Black Friday in every year). A key's effect is the
 * multiplicative factor by which its days stand above or below the days around them — the
 * intervention / holiday-dummy idea of dynamic regression (Hyndman & Athanasopoulos, *Forecasting:
 * Principles and Practice*, 3rd ed., §7.4 "Useful predictors", dummy variables for public holidays
 * and Easter; §10 dynamic regression), estimated here model-free so that it composes with every
 * family:
 *
 *   ratio_i  = y_i / b_i, where b_i is the median of the same weekday's values 1–4 periods before
 *              and after day i that carry no key (lag `period`, the seasonal period; 1 without one);
 *   effect_k = exp(mean of log ratio_i over the occurrences of key k).
 *
 * An effect is applied only when it stands out of the ordinary day-to-day noise: |mean log ratio|
 * > 3 σ / √m, with m the key's occurrences and σ² the mean, over its occurrences, of the squared robust spread
 * (1.4826 × MAD) of log(y_j / b_j) over the days j without a key on the same weekday (phase of
 * the period) — so a calendar that does not fit a series changes nothing.
 *
 * `withCalendarEffects` wraps a family's fitter: every fit (the final one and each rolling-origin
 * backtest window's) estimates the effects from its own training values only, divides the key days
 * by them, fits the family on the adjusted series, and multiplies the forecast (mean, intervals and
 * sample paths) of key days in the horizon back. The record carries the effects it used (`calendar`). Backtests therefore score the effects honestly: a
 * window never sees the holiday it is asked to forecast.
 */

/** `keys[i]` = the calendar key of value i (history first, then the horizon), or null/undefined for an ordinary day. */
export type CalendarKeys = readonly (string | null | undefined)[];

export interface CalendarEffect {
  readonly key: string;
  /** Multiplicative effect (2 = twice the level of the days around it). */
  readonly factor: number;
  /** Occurrences in the training values the effect was estimated from. */
  readonly occurrences: number;
}

export interface CalendarEffects {
  /** Effects that stood out of the noise and are applied. */
  readonly applied: readonly CalendarEffect[];
  /** Keys seen in training whose effect did not stand out (not applied). */
  readonly ignored: readonly CalendarEffect[];
  /** Robust spread of the ordinary days' log ratios (the noise the effects are tested against). */
  readonly noise: number;
}

const NEIGHBOURS = 4;
/** How many standard errors an effect must stand out by: 3 keeps chance effects rare (0.3 % per key under normal noise) while a Black Friday (×2, log 0.7) stands out of any cost series' daily noise. */
const Z = 3;
/** Below this many ordinary-day ratios the noise is not measured and no effect is applied. */
const MIN_ORDINARY = 28;

/**
 * Effects of the keys on `y` (`keyAt(i)` = key of y[i]), estimated as documented above. Days with
 * non-positive values, or without two ordinary same-weekday neighbours, are left out.
 */
export function estimateCalendarEffects(y: readonly number[], keyAt: (i: number) => string | null | undefined, period: number): CalendarEffects {
  const lag = Math.max(1, Math.round(period));
  const n = y.length;
  const keyed = (i: number): boolean => {
    const k = keyAt(i);
    return k !== null && k !== undefined;
  };
  const logRatio = (i: number): number | undefined => {
    const v = y[i] as number;
    if (!(v > 0)) return undefined;
    const around: number[] = [];
    for (let s = 1; s <= NEIGHBOURS; s++) {
      for (const j of [i - s * lag, i + s * lag]) {
        if (j < 0 || j >= n || keyed(j)) continue;
        const w = y[j] as number;
        if (w > 0 && Number.isFinite(w)) around.push(w);
      }
    }
    if (around.length < 2) return undefined;
    return Math.log(v / median(around));
  };
  const ordinary: number[] = [];
  const ordinaryByPhase: number[][] = Array.from({ length: lag }, () => []);
  const byKey = new Map<string, { ratios: number[]; phases: number[] }>();
  for (let i = 0; i < n; i++) {
    const r = logRatio(i);
    if (r === undefined) continue;
    const k = keyAt(i);
    if (k === null || k === undefined) {
      ordinary.push(r);
      (ordinaryByPhase[i % lag] as number[]).push(r);
      continue;
    }
    const e = byKey.get(k) ?? { ratios: [], phases: [] };
    e.ratios.push(r);
    e.phases.push(i % lag);
    byKey.set(k, e);
  }
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const effects = [...byKey].map(([key, e]) => ({ key, factor: Math.exp(mean(e.ratios)), occurrences: e.ratios.length, e }));
  const strip = ({ key, factor, occurrences }: CalendarEffect): CalendarEffect => ({ key, factor, occurrences });
  if (ordinary.length < MIN_ORDINARY) return { applied: [], ignored: effects.map(strip), noise: Number.NaN };
  const spread = (xs: readonly number[]): number => {
    const mid = median(xs);
    return 1.4826 * median(xs.map((r) => Math.abs(r - mid)));
  };
  const noise = spread(ordinary);
  // Noise per weekday (phase of the period): a weekend of half the weekday cost with the same
  // absolute noise is twice as noisy in ratio terms; pooled where a phase has too few days.
  const phaseNoise = ordinaryByPhase.map((rs) => (rs.length >= MIN_ORDINARY / 2 ? spread(rs) : noise));
  const applied: CalendarEffect[] = [];
  const ignored: CalendarEffect[] = [];
  for (const x of effects) {
    const m = x.occurrences;
    const sigma = Math.sqrt(mean(x.e.phases.map((ph) => (phaseNoise[ph] as number) ** 2)));
    (Math.abs(Math.log(x.factor)) > (Z * sigma) / Math.sqrt(m) ? applied : ignored).push(strip(x));
  }
  return { applied, ignored, noise };
}

/**
 * `fitter` with calendar effects: `keys[offset + i]` is the key of the i-th value the wrapped
 * fitter is given (a training window starts at `offset` of the series `keys` describes; backtests
 * pass prefixes of it), and `keys[offset + n + t]` that of horizon step t. The record keeps the
 * family's spec and params; residuals are on the original scale.
 */
export function withCalendarEffects(fitter: Fitter, keys: CalendarKeys, offset: number): Fitter {
  const keyAt = (i: number): string | null | undefined => keys[offset + i];
  const wrap = (y: readonly number[], period: number, fit: (adjusted: readonly number[]) => FittedModel): FittedModel => {
    const effects = estimateCalendarEffects(y, keyAt, period);
    const factor = new Map(effects.applied.map((e) => [e.key, e.factor]));
    /** The effect on value i (1 on ordinary days and when no effect stood out). */
    const f = (i: number): number => {
      const k = keyAt(i);
      return (k !== null && k !== undefined ? factor.get(k) : undefined) ?? 1;
    };
    const base = fit(y.map((v, i) => v / f(i)));
    const n = y.length;
    const refit = base.refit?.bind(base);
    return {
      record: { ...base.record, residuals: base.record.residuals.map((r, i) => r * f(i)), calendar: effects },
      forecast: (h: number, options: ForecastOptions) => scaleForecast(base.forecast(h, options), (t) => f(n + t)),
      ...(refit ? { refit: (y2: readonly number[]) => wrap(y2, period, refit) } : {}),
    };
  };
  return (y, options) => wrap(y, options.period, (a) => fitter(a, options));
}
