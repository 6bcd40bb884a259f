import type { FeatureHandlers, forecastApi } from '../api';
import { addDays, isHeadroomError } from '../lib';
import type { ServiceDeps } from './context';
import { basisView, forecastCostBasis, loadCostBasis } from './forecast-basis';

/** JSON has no NaN/Infinity: the card's non-finite statistics travel as null (or are dropped). */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

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
          const { card } = fc;
          series.push({
            ...base,
            forecast: {
              start: fc.composition.history.to,
              mean: [...fc.mean],
              intervals: fc.intervals.map((i) => ({ level: i.level, lo: [...i.lo], hi: [...i.hi] })),
              ...(fc.paths ? { paths: fc.paths.map((p) => [...p]) } : {}),
              card: {
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
              },
              ...(fc.usage.backtest
                ? { backtest: fc.usage.backtest.map((w) => ({ start: addDays(s.start, w.origin), actual: [...w.actual], mean: [...w.mean], intervals: w.intervals.map((i) => ({ level: i.level, lo: [...i.lo], hi: [...i.hi] })) })) }
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

/**
 * The cost view a provider's forecast metric matches: amortized metrics (Azure `AmortizedCost`,
 * AWS `AmortizedCost`/`NetAmortizedCost`) are EffectiveCost; the rest (`ActualCost`,
 * `UnblendedCost`, `BlendedCost`, `NetUnblendedCost`) are the billed view.
 */
export function viewOfMetric(metric: string): 'effective' | 'billed' {
  return /amortized/i.test(metric) ? 'effective' : 'billed';
}
