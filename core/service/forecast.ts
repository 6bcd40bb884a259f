import type { FeatureHandlers, forecastApi } from '../api';
import { forecastSeries } from '../forecast';
import { isHeadroomError } from '../lib';
import { addDays } from '../lib/dates';
import type { ServiceDeps } from './context';

/** JSON has no NaN/Infinity: the card's non-finite statistics travel as null (or are dropped). */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * `forecast.series`: the store's daily series per group (the same query as `series.daily`), each
 * forecast by core/forecast with its model card. A series that cannot be forecast (fewer than two
 * days) comes back with `forecast: null` and the reason; the others are unaffected.
 */
export function forecastHandlers({ store }: ServiceDeps): FeatureHandlers<typeof forecastApi> {
  return {
    'forecast.series': async (req, ctx) => {
      const { horizon, period, model, levels, paths, seed, ...query } = req;
      const data = await store.dailySeries(query);
      const series = [];
      let done = 0;
      for (const s of data.series) {
        if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('cancelled');
        const history = { start: s.start, values: [...s.values] };
        const base = { currency: s.currency, group: { ...s.group }, history };
        try {
          const fc = forecastSeries(s.values, {
            period: period ?? 7,
            horizon,
            ...(model ? { model } : {}),
            ...(levels ? { levels } : {}),
            ...(paths ? { paths } : {}),
            ...(seed !== undefined ? { seed } : {}),
          });
          const { card } = fc;
          series.push({
            ...base,
            forecast: {
              start: addDays(s.start, s.values.length),
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
  };
}
