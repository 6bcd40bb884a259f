import { HeadroomError, isHeadroomError } from '../lib';
import type { ModelCard } from './card';
import { rollingOrigin, summarizeBacktest } from './backtest';
import { withCalendarEffects, type CalendarKeys } from './calendar';
import { withYearlyProfile } from './yearly';
import { withLogTransform } from './transform';
import { childRandom, createRandom } from './random';
import { familyFitter } from './registry';
import { defaultPeriods } from './mstl';
import { autoForecast, minimumTraining, type BacktestWindowForecast } from './select';
import type { FitRecord, FittedModel, Fitter, Forecast, Interval, SamplePaths } from './types';

/**
 * Models by name. Besides the families, `theta-standard|optimized|dynamic` pick a theta variant
 * (`theta` alone is the default variant).
 */
export type ModelName = 'auto' | 'ets' | 'theta' | 'arima' | 'snaive' | 'naive' | 'naive2' | 'drift' | 'combo' | 'mstl' | 'theta-standard' | 'theta-optimized' | 'theta-dynamic';

export const MODEL_NAMES: readonly ModelName[] = ['auto', 'ets', 'theta', 'arima', 'snaive', 'naive', 'naive2', 'drift', 'combo', 'mstl', 'theta-standard', 'theta-optimized', 'theta-dynamic'];

export interface ForecastSeriesOptions {
  /** Seasonal period (1 = none), e.g. 7 for daily data with a weekly cycle, 24 for hourly. */
  readonly period: number;
  /** Steps ahead, ≥ 1. */
  readonly horizon: number;
  readonly model?: ModelName;
  /** Interval levels as fractions (0.8) or percentages (80). Default [0.8, 0.95]. */
  readonly levels?: readonly number[];
  /** Number of sample paths to return (default 0). */
  readonly paths?: number;
  /** Seed of the random stream used for simulated intervals and paths (default 1). */
  readonly seed?: number;
  /**
   * Points excluded from training (e.g. labelled anomalies), same length as `values`. They are
   * replaced by the model's own interpolation (its one-step fitted values) and listed in the card.
   */
  readonly exclude?: readonly boolean[];
  /**
   * Return the rolling-origin backtest windows (actual vs predicted). `auto` always backtests and
   * returns the windows of the option it chose; a specific model is backtested only when asked
   * (3 windows of `horizon`, as `auto`), which also fills the card's backtest scores.
   */
  readonly backtest?: boolean;
  /**
   * `auto` only: the most recent values it trains on (default `autoTrainingWindow(period, horizon)`,
   * `Infinity` = the whole series). The card's `trainingWindow` says which values were used.
   */
  readonly trainingWindow?: number;
  /**
   * Calendar keys of every value and then of every horizon step (length `values.length + horizon`):
   * days with the same key share a multiplicative calendar effect (core/forecast/calendar.ts), which
   * every fit estimates from its own training values and applies to the horizon. The card's
   * `calendar` lists the effects of the final fit.
   */
  readonly calendar?: CalendarKeys;
  /**
   * Daily data: estimate a yearly profile (Fourier terms of period 365.25 chosen by AICc, yearly.ts)
   * in every fit and apply it to the horizon when it stands out (needs 1.5 years of values).
   */
  readonly yearly?: boolean;
  /**
   * Fit every model on log values and back-transform with the bias-adjusted mean (transform.ts,
   * FPP3 §5.6): growth that compounds becomes a straight line. Series with a value ≤ 0 are fitted
   * untransformed.
   */
  readonly log?: boolean;
}

export type { BacktestWindowForecast } from './select';

export interface SeriesForecast {
  readonly mean: readonly number[];
  readonly intervals: readonly Interval[];
  readonly paths?: SamplePaths;
  readonly card: ModelCard;
  /** The backtest windows behind `card.backtest`, oldest first, when `backtest` was asked for. */
  readonly backtest?: readonly BacktestWindowForecast[];
}

/** Backtest windows a forecast uses (as `auto`). */
const BACKTEST_WINDOWS = 3;

/** Order in which a failed model falls back (STYLE §18: degrade with a warning, never fail the batch). */
const FALLBACKS: readonly string[] = ['ets', 'naive2', 'snaive', 'naive'];

interface Prepared {
  readonly y: number[];
  readonly excluded: number[];
  readonly period: number;
  readonly levels: number[];
  readonly warnings: string[];
}

function prepare(values: readonly number[], options: ForecastSeriesOptions): Prepared {
  const { period, horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 100000) throw new HeadroomError('BAD_INPUT', `horizon must be an integer from 1 to 100000 (got ${horizon}).`);
  if (!Number.isInteger(period) || period < 1 || period > 100000) throw new HeadroomError('BAD_INPUT', `period must be an integer ≥ 1 (1 = no season; got ${period}).`);
  const tw = options.trainingWindow;
  if (tw !== undefined && !(tw === Infinity || (Number.isInteger(tw) && tw >= 2))) {
    throw new HeadroomError('BAD_INPUT', `trainingWindow must be a whole number of values ≥ 2, or Infinity for the whole series (got ${tw}).`);
  }
  if (options.exclude && options.exclude.length !== values.length) {
    throw new HeadroomError('BAD_INPUT', `exclude has ${options.exclude.length} flags but the series has ${values.length} values: give one flag per value.`);
  }
  if (options.calendar && options.calendar.length !== values.length + horizon) {
    throw new HeadroomError('BAD_INPUT', `calendar has ${options.calendar.length} keys but the series has ${values.length} values and the horizon ${horizon} steps: give one key (or null) per value and per step (${values.length + horizon}).`);
  }
  const levels = (options.levels ?? [0.8, 0.95]).map((l) => (l >= 1 ? l / 100 : l));
  for (const l of levels) if (!(l > 0 && l < 1)) throw new HeadroomError('BAD_INPUT', `interval level ${l} is out of range: use a fraction in (0, 1) such as 0.95, or a percentage such as 95.`);
  const warnings: string[] = [];
  const excluded: number[] = [];
  let missing = 0;
  values.forEach((v, i) => {
    const bad = !Number.isFinite(v);
    if (bad) missing++;
    if (bad || options.exclude?.[i] === true) excluded.push(i);
  });
  if (missing > 0) warnings.push(`${missing} missing or non-finite value(s) were treated as excluded points and interpolated.`);
  const observed = values.length - excluded.length;
  if (observed < 2) throw new HeadroomError('BAD_INPUT', `The series has ${observed} usable value(s); a forecast needs at least 2.`);
  if (values.every((v) => v === 0)) warnings.push('The series is all zeros: the forecast is zero with zero-width intervals.');
  let p = period;
  if (p > 1 && values.length < 2 * p) {
    warnings.push(`The series has ${values.length} values, fewer than two seasons of ${p}: fitted without seasonality (period 1).`);
    p = 1;
  }
  return { y: fillExcluded(values, excluded, p), excluded, period: p, levels, warnings };
}

/**
 * First guess for excluded/missing points: the mean of the same season's neighbours one period
 * before and after when they exist, else linear interpolation between the nearest kept values.
 */
function fillExcluded(values: readonly number[], excluded: readonly number[], period: number): number[] {
  const y = [...values];
  if (excluded.length === 0) return y;
  const ex = new Set(excluded);
  const n = y.length;
  const near = (i: number, dir: number): number => {
    for (let j = i + dir; j >= 0 && j < n; j += dir) if (!ex.has(j)) return j;
    return -1;
  };
  for (const i of excluded) {
    if (period > 1) {
      const a = i - period >= 0 && !ex.has(i - period) ? (values[i - period] as number) : Number.NaN;
      const b = i + period < n && !ex.has(i + period) ? (values[i + period] as number) : Number.NaN;
      const ok = [a, b].filter((v) => Number.isFinite(v));
      if (ok.length > 0) {
        y[i] = ok.reduce((s, v) => s + v, 0) / ok.length;
        continue;
      }
    }
    const l = near(i, -1);
    const r = near(i, 1);
    if (l >= 0 && r >= 0) y[i] = (values[l] as number) + (((values[r] as number) - (values[l] as number)) * (i - l)) / (r - l);
    else y[i] = values[l >= 0 ? l : r] as number;
  }
  return y;
}

/** Fits, then (when points are excluded) replaces them by the model's one-step fitted values and refits. */
function fitWithExclusions(fit: (y: readonly number[]) => FittedModel, y: number[], excluded: readonly number[]): FittedModel {
  let model = fit(y);
  if (excluded.length === 0) return model;
  const r = model.record.residuals;
  const y2 = [...y];
  let changed = false;
  for (const i of excluded) {
    const res = r[i];
    if (res !== undefined && Number.isFinite(res)) {
      y2[i] = (y[i] as number) - res;
      changed = true;
    }
  }
  if (changed) model = fit(y2);
  return model;
}

/** A way to fit a named model on a prepared series: returns the fitted model or throws. */
export type ModelRunner = (y: readonly number[], period: number) => FittedModel;

/** The family's fitter, with calendar effects when the series has calendar keys (`offset`: where the values it is given start in them). */
function fitterFor(name: string, calendar: CalendarKeys | undefined, offset: number, yearly = false, log = false): Fitter | undefined {
  const family0 = familyFitter(name);
  const family = family0 && log ? withLogTransform(family0) : family0;
  const f = family && yearly ? withYearlyProfile(family) : family;
  return f && calendar ? withCalendarEffects(f, calendar, offset) : f;
}

function runnerFor(name: string, calendar: CalendarKeys | undefined, yearly = false, log = false): ModelRunner | undefined {
  const f = fitterFor(name, calendar, 0, yearly, log);
  return f ? (y, period) => f(y, { period }) : undefined;
}

/**
 * The candidates `auto` compares by backtest, in order of preference when the series is too short
 * to backtest. ARIMA joins when the period is at most 12: its seasonal search is far slower than
 * the others on long periods (R's auto.arima takes a minute per M4 hourly series).
 */
export function autoCandidates(period: number): string[] {
  const out = ['ets', 'theta-dynamic', 'theta'];
  if (period <= 12) out.push('arima');
  out.push(period > 1 ? 'snaive' : 'naive');
  if (period > 1 && familyFitter('mstl')) out.push('mstl');
  return out.filter((n) => familyFitter(n) !== undefined);
}

/**
 * The most recent values `auto` trains on by default: max(40 × horizon, 20 × the longest cycle its
 * candidates model). Older values cost fitting time in every candidate, backtest refit and ARIMA
 * order search (each linear in n) and rarely help the forecast. The 20-cycle floor keeps every
 * hourly (cycles 24, 168: 3,360 values) and daily (7, 365.25: 7,305 values) series up to 20
 * years whole; the horizon term is what cuts long non-seasonal or short-cycle series (weekly data
 * with period 1 and horizon 13: the last 520 weeks).
 *
 * Chosen on the M4 Weekly *validation* split (each series' last 13 training values held out; the
 * test set unseen) among all/300/500/800/1000/max(1000, 20c)/40h/80h/1500/2000 by mean OWA over
 * period 1 and 52, by a criterion fixed before the runs; the table and the single test-set run
 * are in README.md ("Choosing the training window on validation").
 */
export function autoTrainingWindow(period: number, horizon: number): number {
  return Math.max(Math.ceil(40 * horizon), Math.ceil(20 * longestAutoCycle(period)));
}

/** The longest cycle `auto`'s candidates model for `period` (1 when none): the period itself, or MSTL's longest (168 for 24, 365.25 for 7). */
export function longestAutoCycle(period: number): number {
  return Math.max(period, ...defaultPeriods(period));
}

/**
 * Forecasts one series with the requested model (default `auto`), with intervals at `levels`,
 * optional sample paths and a model card. `auto` picks per series, by rolling-origin backtest,
 * among single models and their median/mean combinations, and calibrates the interval widths on
 * the backtest errors (conformal). A model that cannot be fitted falls back to simpler ones
 * (ETS → Naive2 → seasonal naive → naive) with a warning; only a series with fewer than two
 * usable values is an error.
 */
export function forecastSeries(values: readonly number[], options: ForecastSeriesOptions): SeriesForecast {
  const prep = prepare(values, options);
  const requested = options.model ?? 'auto';
  if (!MODEL_NAMES.includes(requested)) throw new HeadroomError('BAD_INPUT', `Unknown model "${String(requested)}": use one of ${MODEL_NAMES.join(', ')}.`);
  const seed = options.seed ?? 1;
  const warnings = [...prep.warnings];
  const random = createRandom(seed);
  const wantPaths = options.paths ?? 0;
  const order = [requested === 'auto' ? 'ets' : requested, ...FALLBACKS.filter((f) => f !== requested)];
  const fitFallback = (): FittedModel => {
    for (const name of order) {
      const run = runnerFor(name, options.calendar, options.yearly, options.log);
      if (!run) {
        warnings.push(`Model "${name}" is not available in this build; falling back.`);
        continue;
      }
      try {
        return fitWithExclusions((y) => run(y, prep.period), prep.y, prep.excluded);
      } catch (e) {
        if (!isHeadroomError(e) && !(e instanceof RangeError)) throw e;
        warnings.push(`${name} failed (${e.message}); falling back.`);
      }
    }
    throw new HeadroomError('BAD_INPUT', `No model could be fitted to this series: ${warnings.join(' ')}`);
  };
  let model: FittedModel | undefined;
  const base = {
    requested,
    period: prep.period,
    horizon: options.horizon,
    levels: prep.levels,
    trainingWindow: { start: 0, end: values.length, n: values.length },
    excluded: prep.excluded,
    seed,
  };
  if (requested === 'auto') {
    // Excluded points were replaced by the first model's interpolation; the selection runs on that series.
    if (prep.excluded.length > 0) model = fitFallback();
    const cleaned = model ? cleanedSeries(prep.y, prep.excluded, model) : prep.y;
    const window = options.trainingWindow ?? autoTrainingWindow(prep.period, options.horizon);
    const start = cleaned.length > window ? cleaned.length - window : 0;
    const recent = start > 0 ? cleaned.slice(start) : cleaned;
    const rule = options.trainingWindow === undefined ? ', the default max(40 × horizon, 20 × longest cycle)' : '';
    const windowNote = start > 0 ? [`auto trained on the most recent ${window} of ${cleaned.length} values${rule} (trainingWindow to change).`] : [];
    try {
      const a = autoForecast(recent, {
        period: prep.period,
        horizon: options.horizon,
        levels: prep.levels,
        random,
        paths: wantPaths,
        candidates: autoCandidates(prep.period),
        lookup: (name) => fitterFor(name, options.calendar, start, options.yearly, options.log),
      });
      const single = a.members.length === 1 ? (a.members[0] as FittedModel).record : undefined;
      const card: ModelCard = {
        ...base,
        trainingWindow: { start, end: values.length, n: values.length - start },
        family: a.family,
        spec: a.spec,
        params: single ? single.params : Object.fromEntries(a.members.flatMap((m) => Object.entries(m.record.params).filter(([k]) => !/^s\d+$/.test(k)).map(([k, v]) => [`${m.record.family}.${k}`, v]))),
        ...recordStats(single),
        sigma2: single ? single.sigma2 : Number.NaN,
        ...(a.members.length > 1 ? { members: a.members.map((m) => ({ family: m.record.family, spec: m.record.spec, ...(m.record.aicc !== undefined ? { aicc: m.record.aicc } : {}) })) } : {}),
        candidates: a.candidates,
        ...(a.backtest ? { backtest: a.backtest } : {}),
        ...(a.calibration ? { calibration: a.calibration } : {}),
        ...calendarCard((a.members[0] as FittedModel | undefined)?.record),
        warnings: dedupe([...warnings, ...windowNote, ...a.warnings, ...a.members.flatMap((m) => m.record.warnings)]),
      };
      return { mean: a.mean, intervals: a.intervals, ...(a.paths ? { paths: a.paths } : {}), card, ...(options.backtest && a.windows ? { backtest: a.windows } : {}) };
    } catch (e) {
      if (!isHeadroomError(e) && !(e instanceof RangeError)) throw e;
      warnings.push(`automatic selection failed (${e.message}); falling back.`);
    }
  }
  model ??= fitFallback();
  const fc: Forecast = model.forecast(options.horizon, { levels: prep.levels, paths: wantPaths, random });
  const rec = model.record;
  const bt = options.backtest ? backtestModel(model, cleanedSeries(prep.y, prep.excluded, model), prep, options.horizon, random, warnings, options.calendar, options.yearly, options.log) : undefined;
  const card: ModelCard = {
    ...base,
    family: rec.family,
    spec: rec.spec,
    params: rec.params,
    ...recordStats(rec),
    sigma2: rec.sigma2,
    ...(bt ? { backtest: bt.summary } : {}),
    ...calendarCard(rec),
    warnings: dedupe([...warnings, ...rec.warnings]),
  };
  return { mean: fc.mean, intervals: fc.intervals, ...(fc.paths ? { paths: fc.paths } : {}), card, ...(bt ? { backtest: bt.windows } : {}) };
}

/**
 * Rolling-origin backtest of one fitted specification (core/forecast/backtest): re-estimated at each
 * origin with `refit` (the family's full fitter when it has none), windows `horizon` apart, as many
 * as leave `minimumTraining(period)` points to train on. Undefined (with a warning) when the
 * series is too short for even one window.
 */
function backtestModel(model: FittedModel, y: readonly number[], prep: Prepared, horizon: number, random: ReturnType<typeof createRandom>, warnings: string[], calendar: CalendarKeys | undefined, yearly = false, log = false) {
  const opts = { horizon, windows: BACKTEST_WINDOWS, maseperiod: prep.period };
  const fitter = fitterFor(model.record.family, calendar, 0, yearly, log);
  const windows = rollingOrigin(
    y,
    opts,
    (train, h) => {
      const m = model.refit ? model.refit(train) : fitter ? fitter(train, { period: prep.period }) : model;
      return m.forecast(h, { levels: prep.levels, random: childRandom(random) });
    },
    minimumTraining(prep.period),
  );
  if (windows.length === 0) {
    warnings.push(`The series (${y.length} points) is too short for a backtest of horizon ${horizon}.`);
    return undefined;
  }
  return {
    summary: summarizeBacktest(windows, { ...opts, windows: windows.length }),
    windows: windows.map((w) => ({ origin: w.origin, actual: w.actual, mean: w.mean, intervals: w.intervals })),
  };
}

/** The card's `calendar`: the effects the final fit applied (every member of a combination was fitted on the same values, so they share them). */
function calendarCard(rec: FitRecord | undefined): Pick<ModelCard, 'calendar'> {
  return rec?.calendar ? { calendar: rec.calendar } : {};
}

function recordStats(rec: FitRecord | undefined): Partial<Pick<ModelCard, 'loglik' | 'aic' | 'aicc' | 'bic'>> {
  if (!rec) return {};
  return {
    ...(rec.loglik !== undefined ? { loglik: rec.loglik } : {}),
    ...(rec.aic !== undefined ? { aic: rec.aic } : {}),
    ...(rec.aicc !== undefined ? { aicc: rec.aicc } : {}),
    ...(rec.bic !== undefined ? { bic: rec.bic } : {}),
  };
}

function cleanedSeries(y: readonly number[], excluded: readonly number[], model: FittedModel): number[] {
  const out = [...y];
  for (const i of excluded) {
    const r = model.record.residuals[i];
    if (r !== undefined && Number.isFinite(r)) out[i] = (y[i] as number) - r;
  }
  return out;
}

function dedupe(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
