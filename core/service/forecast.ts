import { COST_TRAINING_DAYS, type FeatureHandlers, type forecastApi, type HandlerContext, type ModelCardView, type PeriodKind, type Req, type Res } from '../api';
import type { Interval, ModelCard } from '../forecast';
import { addDays, daysBetween, isHeadroomError } from '../lib';
import { budgetPeriodOf, periodForecast } from '../plan';
import type { Store } from '../store';
import type { ServiceDeps } from './context';
import { basisView, forecastCostBasis, loadCostBasis } from './forecast-basis';

/** JSON has no NaN/Infinity: the card's non-finite statistics travel as null (or are dropped). */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** A model card as the API carries it. */
export function cardView(card: ModelCard): ModelCardView {
  return {
    requested: card.requested,
    family: card.family,
    spec: card.spec,
    params: Object.fromEntries(Object.entries(card.params).filter(([, v]) => Number.isFinite(v))),
    ...(card.aicc !== undefined && Number.isFinite(card.aicc) ? { aicc: card.aicc } : {}),
    sigma2: finiteOrNull(card.sigma2),
    period: card.period,
    horizon: card.horizon,
    levels: [...card.levels],
    trainingWindow: { ...card.trainingWindow },
    excluded: [...card.excluded],
    ...(card.members ? { members: card.members.map((m) => ({ family: m.family, spec: m.spec })) } : {}),
    ...(card.candidates ? { candidates: card.candidates.map((c) => ({ model: c.model, spec: c.spec, score: finiteOrNull(c.score) })) } : {}),
    ...(card.backtest ? { backtest: { ...card.backtest, coverage: card.backtest.coverage.map((c) => ({ ...c })) } } : {}),
    ...(card.calibration ? { calibration: card.calibration.map((c) => ({ ...c })) } : {}),
    seed: card.seed,
    warnings: [...card.warnings],
  };
}

const intervalsView = (intervals: readonly Interval[]) => intervals.map((i) => ({ level: i.level, lo: [...i.lo], hi: [...i.hi] }));

/**
 * `forecast.series`: the store's daily series per group (the same query as `series.daily`; history
 * is every charge), each forecast on its basis (./forecast-basis: usage model + recurring projection,
 * one-time charges and labelled anomaly days out of training) with its model card and composition.
 * A series that cannot be forecast (fewer than two usage days) comes back with `forecast: null` and
 * the reason; the others are unaffected.
 */
export function forecastHandlers({ store }: ServiceDeps): FeatureHandlers<typeof forecastApi> {
  return {
    'forecast.series': async (req, ctx) => {
      const { horizon, period, model, levels, paths, seed, backtest, ...query } = req;
      const data = await loadCostBasis(store, query);
      const series = [];
      let done = 0;
      for (const s of data.series) {
        if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('cancelled');
        const history = { start: s.start, values: [...s.total] };
        const base = { currency: s.currency, group: { ...s.group }, history };
        try {
          const fc = forecastCostBasis(s, {
            period: period ?? 7,
            horizon,
            ...(model ? { model } : {}),
            ...(levels ? { levels } : {}),
            ...(paths ? { paths } : {}),
            ...(seed !== undefined ? { seed } : {}),
            ...(backtest ? { backtest } : {}),
          });
          series.push({
            ...base,
            forecast: {
              start: fc.composition.history.to,
              mean: [...fc.mean],
              intervals: intervalsView(fc.intervals),
              ...(fc.paths ? { paths: fc.paths.map((p) => [...p]) } : {}),
              card: cardView(fc.card),
              ...(fc.usage.backtest
                ? { backtest: fc.usage.backtest.map((w) => ({ start: addDays(s.start, w.origin), actual: [...w.actual], mean: [...w.mean], intervals: intervalsView(w.intervals) })) }
                : {}),
              basis: basisView(fc.composition),
            },
          });
        } catch (e) {
          if (!isHeadroomError(e)) throw e;
          series.push({ ...base, forecast: null, error: e.message });
        }
        ctx.progress({ phase: 'forecast', done: ++done, total: data.series.length });
      }
      return { view: data.view, period: data.period, series };
    },
    'forecast.periods': (req, ctx) => forecastPeriods(store, req, ctx),
    'forecast.provider': async () => {
      const forecasts = [];
      for (const source of await store.listSources()) {
        for (const f of await store.providerForecasts(source.id)) {
          forecasts.push({
            source: source.name,
            provider: f.provider,
            metric: f.metric,
            view: viewOfMetric(f.metric),
            currency: f.currency,
            ...(f.level !== undefined ? { level: f.level } : {}),
            fetched_at: f.fetchedAt,
            points: f.points.map((p) => ({ from: p.from, to: p.to, mean: p.mean, ...(p.lo !== undefined ? { lo: p.lo } : {}), ...(p.hi !== undefined ? { hi: p.hi } : {}) })),
          });
        }
      }
      return { forecasts };
    },
  };
}

const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/**
 * `forecast.periods`: for each (currency, group) series, the spend to the end of the month, quarter
 * and year that contain the forecast start (the day after the last day of data). Each period total
 * is its actual so far plus, per sample path, the forecast of its remaining days; P10/P50/P90 are
 * read off those totals (core/plan periodForecast). The forecast is the one every cost forecast
 * uses (./forecast-basis, trained on the last `training_days`), so with the same paths and seed it
 * is the forecast `forecast.series` returns. The paths stay here: the response carries the period
 * figures, the daily mean and band to draw, and the last `recent_days` of actual cost.
 */
async function forecastPeriods(store: Store, req: Req<'forecast.periods'>, ctx: HandlerContext): Promise<Res<'forecast.periods'>> {
  const { kinds = PERIOD_KINDS, training_days: trainingDays = COST_TRAINING_DAYS, recent_days: recentDays = 60, model, levels = [0.8, 0.95], paths = 1000, seed = 1, ...query } = req;
  const data = await loadCostBasis(store, query);
  if (!data.period) return { view: data.view, period: null, series: [] };
  const forecastStart = data.period.end;
  const periods = kinds.map((kind) => ({ kind, ...budgetPeriodOf(kind, forecastStart) }));
  const horizon = Math.max(...periods.map((p) => daysBetween(forecastStart, p.end)));
  const series = [];
  let done = 0;
  for (const s of data.series) {
    if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('cancelled');
    const shown = Math.min(recentDays, s.total.length);
    const base = { currency: s.currency, group: { ...s.group }, history: { start: addDays(s.start, s.total.length - shown), values: s.total.slice(s.total.length - shown) } };
    try {
      const fc = forecastCostBasis(s, { maxHistoryDays: trainingDays, period: 7, horizon, levels, paths, seed, planning: true, ...(model ? { model } : {}) });
      const figures = periods.map((p) => {
        // actual[i] is the cost of p.start + i up to the forecast start; days before the data count as 0.
        const from = daysBetween(s.start, p.start);
        const actual = from >= 0 ? s.total.slice(from) : [...new Array<number>(-from).fill(0), ...s.total];
        const f = periodForecast({ period: p, actual, paths: fc.paths ?? [] });
        return { kind: p.kind, start: p.start, end: p.end, actual: f.actual, p10: f.p10, p50: f.p50, p90: f.p90, remaining: f.remaining };
      });
      series.push({ ...base, forecast: { start: forecastStart, mean: [...fc.mean], intervals: intervalsView(fc.intervals), card: cardView(fc.card), basis: basisView(fc.composition) }, periods: figures });
    } catch (e) {
      if (!isHeadroomError(e)) throw e;
      series.push({ ...base, forecast: null, periods: [], error: e.message });
    }
    ctx.progress({ phase: 'forecast', done: ++done, total: data.series.length });
  }
  return { view: data.view, period: data.period, series };
}

/**
 * The cost view a provider's forecast metric matches: amortized metrics (Azure `AmortizedCost`,
 * AWS `AmortizedCost`/`NetAmortizedCost`) are EffectiveCost; the rest (`ActualCost`,
 * `UnblendedCost`, `BlendedCost`, `NetUnblendedCost`) are the billed view.
 */
export function viewOfMetric(metric: string): 'effective' | 'billed' {
  return /amortized/i.test(metric) ? 'effective' : 'billed';
}
