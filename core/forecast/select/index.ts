/**
 * Automatic model choice per series by rolling-origin backtest (Tashman 2000; Hyndman &
 * Athanasopoulos FPP3 §5.10), over single models and their median/mean combinations, followed by
 * an optional split-conformal calibration of the interval widths (Vovk, Gammerman & Shafer 2005;
 * the "conformalized" scaling of Romano, Patterson & Candès 2019) from the backtest errors.
 *
 * Each candidate is fitted once on the whole series (model search included) and re-estimated
 * with the same specification (`FittedModel.refit`) at each backtest origin; combinations are
 * scored from their members' window forecasts without refitting.
 */
import { HeadroomError, isHeadroomError } from '../../lib';
import type { BacktestSummary, CandidateScore } from '../card';
import { combine } from '../combo/fit';
import { nestIntervals, pathIntervals } from '../math/intervals';
import { quantileSorted } from '../math/stats';
import { coverage, mae, maseScale, rmse, smape } from '../metrics';
import { childRandom } from '../random';
import type { Fitter, FittedModel, Interval, Random } from '../types';

export interface AutoOptions {
  readonly period: number;
  readonly horizon: number;
  readonly levels: readonly number[];
  readonly random: Random;
  /** Sample paths wanted in the result (0 = none). */
  readonly paths: number;
  /** Candidate model names (resolved by `lookup`). */
  readonly candidates: readonly string[];
  readonly lookup: (name: string) => Fitter | undefined;
  /** Backtest windows (default 3), each `horizon` long, origins `horizon` apart. */
  readonly windows?: number;
  /** Also consider the median and the mean of all candidates that fitted (default true). */
  readonly combinations?: boolean;
  /** Conformal scaling of the interval widths from backtest errors (default true). */
  readonly calibrate?: boolean;
}

export interface AutoResult {
  readonly mean: number[];
  readonly intervals: Interval[];
  readonly paths?: (readonly number[])[];
  readonly family: string;
  readonly spec: string;
  readonly members: readonly FittedModel[];
  readonly candidates: readonly CandidateScore[];
  readonly backtest?: BacktestSummary;
  /** The chosen option's rolling-origin windows behind `backtest` (intervals before calibration). */
  readonly windows?: readonly BacktestWindowForecast[];
  readonly calibration?: readonly { readonly level: number; readonly factor: number }[];
  readonly warnings: readonly string[];
}

/** One backtest window: trained on y[0..origin), forecast h ahead, compared with what happened. */
export interface BacktestWindowForecast {
  readonly origin: number;
  readonly actual: readonly number[];
  readonly mean: readonly number[];
  readonly intervals: readonly Interval[];
}

/** Paths per member per backtest window (for pooled window intervals) and for the final forecast. */
const WINDOW_PATHS = 200;
const FINAL_PATHS = 1500;

interface Run {
  readonly name: string;
  readonly model: FittedModel;
  /**
   * Per window: the refitted model, its point forecast, and the random stream its sample paths
   * will be drawn from. Paths are simulated only for the members of the chosen option (scoring
   * needs the means alone); the stream is split off in the same order either way, so the result
   * does not depend on which paths were simulated.
   */
  readonly windows: { readonly model: FittedModel; readonly mean: readonly number[]; readonly random: Random }[];
}

/** Sample paths of one member in one backtest window, simulated on first use. */
function windowPaths(r: Run, w: number, h: number, cache: Map<Run, (readonly (readonly number[])[])[]>): readonly (readonly number[])[] {
  let perWindow = cache.get(r);
  if (perWindow === undefined) {
    perWindow = [];
    cache.set(r, perWindow);
  }
  let paths = perWindow[w];
  if (paths === undefined) {
    const win = r.windows[w];
    paths = win ? (win.model.forecast(h, { levels: [], paths: WINDOW_PATHS, random: win.random }).paths ?? []) : [];
    perWindow[w] = paths;
  }
  return paths;
}

interface Option {
  readonly label: string;
  readonly family: string;
  readonly members: readonly Run[];
  readonly how: 'median' | 'mean';
  score: number;
}

/** Number of training points a backtest window must keep. */
export function minimumTraining(period: number): number {
  return Math.max(16, period > 1 ? 2 * period + 8 : 0);
}

export function autoForecast(y: readonly number[], options: AutoOptions): AutoResult {
  const { period, horizon: h, levels, random } = options;
  const n = y.length;
  const warnings: string[] = [];
  const minTrain = minimumTraining(period);
  let W = options.windows ?? 3;
  while (W > 0 && n - W * h < minTrain) W--;
  if (W === 0) warnings.push(`The series (${n} points) is too short for a backtest of horizon ${h}; the model was chosen without one.`);
  const origins = Array.from({ length: W }, (_, k) => n - (W - k) * h);
  const scaleLag = period > 1 ? period : 1;
  const runs: Run[] = [];
  for (const name of options.candidates) {
    const fitter = options.lookup(name);
    if (!fitter) continue;
    try {
      const model = fitter(y, { period });
      const windows = origins.map((o) => {
        const train = y.slice(0, o);
        let m: FittedModel;
        try {
          m = model.refit ? model.refit(train) : fitter(train, { period });
        } catch (e) {
          if (!isHeadroomError(e)) throw e;
          m = fitter(train, { period });
        }
        const windowRandom = childRandom(random);
        return { model: m, mean: m.forecast(h, { levels: [] }).mean, random: windowRandom };
      });
      runs.push({ name, model, windows });
    } catch (e) {
      if (!isHeadroomError(e) && !(e instanceof RangeError)) throw e;
      warnings.push(`candidate ${name} failed (${e.message}); left out`);
    }
  }
  if (runs.length === 0) throw new HeadroomError('BAD_INPUT', `No candidate model could be fitted: ${warnings.join('; ')}`);
  const opts: Option[] = runs.map((r) => ({ label: r.model.record.spec, family: r.model.record.family, members: [r], how: 'median', score: Number.NaN }));
  if ((options.combinations ?? true) && runs.length >= 3) {
    opts.push({ label: 'median', family: 'combo', members: runs, how: 'median', score: Number.NaN });
    opts.push({ label: 'mean', family: 'combo', members: runs, how: 'mean', score: Number.NaN });
  }
  const windowMean = (o: Option, w: number): number[] =>
    Array.from({ length: h }, (_, t) => combine(o.members.map((r) => (r.windows[w]?.mean[t] as number) ?? Number.NaN), o.how));
  const scales = origins.map((o) => {
    const s = maseScale(y.slice(0, o), o > scaleLag ? scaleLag : 1);
    return s > 0 && Number.isFinite(s) ? s : 1;
  });
  for (const o of opts) {
    if (W === 0) {
      o.score = Number.NaN;
      continue;
    }
    let s = 0;
    for (let w = 0; w < W; w++) {
      const actual = y.slice(origins[w] as number, (origins[w] as number) + h);
      s += mae(actual, windowMean(o, w)) / (scales[w] as number);
    }
    o.score = s / W;
  }
  // Without a backtest keep the first candidate (the caller orders them by preference).
  const best = W === 0 ? (opts[0] as Option) : opts.reduce((a, b) => (Number.isFinite(b.score) && (!Number.isFinite(a.score) || b.score < a.score) ? b : a));
  const members = best.members;
  const spec = members.length === 1 ? best.label : `${best.how === 'median' ? 'Median' : 'Mean'}(${members.map((r) => r.model.record.spec).join(', ')})`;
  // Final forecast: members' forecasts, combined; pooled paths for the intervals of a combination.
  const each = Math.ceil(Math.max(FINAL_PATHS, options.paths) / members.length);
  const fcs = members.map((r) => r.model.forecast(h, { levels, paths: members.length > 1 || options.paths > 0 ? each : 0, random: childRandom(random) }));
  const mean = Array.from({ length: h }, (_, t) => combine(fcs.map((f) => f.mean[t] as number), best.how));
  const pooled: (readonly number[])[] = [];
  for (let i = 0; i < each; i++) for (const f of fcs) if (f.paths?.[i]) pooled.push(f.paths[i] as readonly number[]);
  let intervals: Interval[] = members.length === 1 ? [...(fcs[0]?.intervals ?? [])] : pathIntervals(mean, pooled, levels);
  let paths: (readonly number[])[] | undefined = options.paths > 0 ? pooled.slice(0, options.paths) : undefined;
  // Backtest summary and conformal calibration of the chosen option.
  let backtest: BacktestSummary | undefined;
  let backtestWindows: BacktestWindowForecast[] | undefined;
  let calibration: { level: number; factor: number }[] | undefined;
  if (W > 0) {
    const simulated = new Map<Run, (readonly (readonly number[])[])[]>();
    const wins = origins.map((o, w) => {
      const actual = y.slice(o, o + h);
      const m = windowMean(best, w);
      const wp: (readonly number[])[] = [];
      const memberPaths = members.map((r) => windowPaths(r, w, h, simulated));
      for (let i = 0; i < WINDOW_PATHS; i++) for (const mp of memberPaths) if (mp[i]) wp.push(mp[i] as readonly number[]);
      return { origin: o, actual, mean: m, intervals: pathIntervals(m, wp, levels) };
    });
    backtestWindows = wins;
    if (options.calibrate ?? true) {
      // The backtest errors calibrate the final forecast only when its windows fitted the same way:
      // a yearly profile (yearly.ts) the final fit applied but no window had the history to
      // estimate makes the windows' intervals a different model's; they may then widen, not narrow.
      const profiled = (m: FittedModel): boolean => (m.record.yearly?.harmonics ?? 0) > 0;
      const comparable = !members.some((r) => profiled(r.model)) || members.some((r) => r.windows.some((w) => profiled(w.model)));
      if (!comparable) warnings.push('The final fit applies a yearly profile that the backtest windows had too little history to estimate; their errors may widen its intervals but not narrow them.');
      calibration = levels.map((level) => {
        const ratios: number[] = [];
        for (const w of wins) {
          const iv = w.intervals.find((i) => i.level === level) as Interval;
          w.actual.forEach((a, t) => {
            const m = w.mean[t] as number;
            const half = a >= m ? (iv.hi[t] as number) - m : m - (iv.lo[t] as number);
            const dev = Math.abs(a - m);
            ratios.push(half > 0 ? dev / half : dev > 0 ? 4 : 0);
          });
        }
        const sorted = Float64Array.from(ratios).sort();
        // finite-sample split-conformal quantile: the ⌈(N+1)·level⌉-th smallest ratio
        const N = sorted.length;
        const q = Math.min(1, Math.ceil((N + 1) * level) / N);
        const factor = Math.min(4, Math.max(comparable ? 0.5 : 1, quantileSorted(sorted, q)));
        return { level, factor };
      });
      const scaleInterval = (iv: Interval, f: number): Interval => ({
        level: iv.level,
        lo: iv.lo.map((l, t) => (mean[t] as number) - f * ((mean[t] as number) - l)),
        hi: iv.hi.map((u, t) => (mean[t] as number) + f * (u - (mean[t] as number))),
      });
      intervals = nestIntervals(intervals.map((iv) => scaleInterval(iv, calibration?.find((c) => c.level === iv.level)?.factor ?? 1)));
      if (paths) {
        const f = calibration.reduce((s, c) => s + c.factor, 0) / calibration.length;
        paths = paths.map((p) => p.map((v, t) => (mean[t] as number) + f * (v - (mean[t] as number))));
      }
    }
    const avg = (f: (w: (typeof wins)[number], i: number) => number): number => wins.reduce((s, w, i) => s + f(w, i), 0) / wins.length;
    backtest = {
      windows: W,
      horizon: h,
      step: h,
      mae: avg((w) => mae(w.actual, w.mean)),
      rmse: avg((w) => rmse(w.actual, w.mean)),
      smape: avg((w) => smape(w.actual, w.mean)),
      mase: best.score,
      coverage: levels.map((level) => ({ level, rate: avg((w) => coverage(w.actual, w.intervals.find((i) => i.level === level) as Interval)) })),
    };
  }
  const candidates: CandidateScore[] = opts.map((o) => ({ model: o.members.length === 1 ? (o.members[0] as Run).name : `combo-${o.how}`, spec: o.label, score: o.score }));
  return {
    mean,
    intervals,
    ...(paths ? { paths } : {}),
    family: best.family,
    spec,
    members: members.map((r) => r.model),
    candidates,
    ...(backtest ? { backtest } : {}),
    ...(backtestWindows ? { windows: backtestWindows } : {}),
    ...(calibration ? { calibration } : {}),
    warnings,
  };
}
