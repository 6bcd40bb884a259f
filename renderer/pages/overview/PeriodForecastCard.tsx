import { useMemo } from 'react';
import { addDays, type Day, daysBetween } from '../../../core/lib';
import type { CostView } from '../../../core/model';
import { FanChart } from '../../charts';
import { Card } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useRoute } from '../../hooks/useRoute';
import { formatDay, formatMoney, formatMonth } from '../../lib/format';
import { type PeriodForecast, periodForecasts, periodOf } from '../../lib/period-forecast';

/** Sample paths asked for: enough for stable P10/P90 of a sum, small enough to send (200 × ≤ 366 days). */
const PATHS = 200;
const HISTORY_DAYS = 730;
const SHOWN_HISTORY = 60;

/**
 * `dataEnd` is the last day with data; the forecast starts the day after.
 * Spend forecast to the end of this month, quarter and year (P10–P90 from sample paths), with a small fan chart.
 */
export function PeriodForecastCard({ dataEnd, currency, view }: { readonly dataEnd: Day; readonly currency: string; readonly view: CostView }) {
  const { navigate } = useRoute();
  const forecastStart = addDays(dataEnd, 1);
  const yearEnd = periodOf('year', forecastStart).end;
  const horizon = Math.max(1, daysBetween(forecastStart, yearEnd));
  const res = useCall('forecast.series', { from: addDays(forecastStart, -HISTORY_DAYS), to: forecastStart, horizon, view, levels: [0.8, 0.95], paths: PATHS, seed: 1 });
  const series = res.data?.series.find((s) => s.currency === currency);
  const f = series?.forecast ?? null;
  const periods = useMemo(() => (series && f?.paths ? periodForecasts(series.history, f.start, f.paths) : []), [series, f]);
  const actual = useMemo(() => (series ? { start: addDays(series.history.start, Math.max(0, series.history.values.length - SHOWN_HISTORY)), values: series.history.values.slice(-SHOWN_HISTORY) } : undefined), [series]);
  const band = useMemo(() => (f ? { start: f.start, mean: f.mean, intervals: f.intervals } : undefined), [f]);
  return (
    <Card
      title="Forecast to period end"
      testId="period-forecast"
      actions={<button type="button" className="btn small ghost" onClick={() => navigate('forecast')}>Open Forecast</button>}
    >
      {res.status === 'error' ? <ErrorState error={res.error} onRetry={res.reload} title="Could not forecast spend" /> : !res.data || res.status === 'loading' ? <Loading height={200} label="Forecasting to the end of the year…" /> : !series || !f ? (
        <Empty title="Not enough history to forecast">{series?.error ?? 'The forecast needs a few weeks of daily cost in this currency.'} Import more billing history on the Sources page.</Empty>
      ) : (
        <div className="grid period-grid">
          <div className="period-figures">
            {periods.map((p) => <Figure key={p.kind} p={p} currency={currency} />)}
          </div>
          <div>
            <FanChart actual={actual!} forecast={band} currency={currency} height={210} testId="period-fan" />
            <div className="faint" style={{ fontSize: 12, marginTop: 4 }}>Daily {view === 'effective' ? 'amortized' : 'billed'} cost, last {SHOWN_HISTORY} days and the forecast to {formatDay(addDays(yearEnd, -1))} · <span title={f.card.spec}>model: {f.card.family}</span></div>
          </div>
        </div>
      )}
    </Card>
  );
}

const TITLE: Readonly<Record<PeriodForecast['kind'], string>> = { month: 'Month end', quarter: 'Quarter end', year: 'Year end' };

function Figure({ p, currency }: { readonly p: PeriodForecast; readonly currency: string }) {
  const name = p.kind === 'month' ? formatMonth(p.start) : p.kind === 'quarter' ? `Q${Math.floor((Number(p.start.slice(5, 7)) - 1) / 3) + 1} ${p.start.slice(0, 4)}` : p.start.slice(0, 4);
  const whole = { whole: true };
  return (
    <div className="period-figure" data-testid={`forecast-${p.kind}`}>
      <div className="kpi-label">{TITLE[p.kind]} <span className="faint">· {name}</span></div>
      <div className="kpi-value" data-testid={`forecast-${p.kind}-p50`}>{formatMoney(p.p50, currency, whole)}</div>
      <div className="period-band" aria-label={`P10 to P90: ${formatMoney(p.p10, currency, whole)} to ${formatMoney(p.p90, currency, whole)}`}>
        P10–P90 <span className="num">{formatMoney(p.p10, currency, whole)} – {formatMoney(p.p90, currency, whole)}</span>
      </div>
      <div className="kpi-foot">{formatMoney(p.actual, currency, whole)} spent · {p.remaining} {p.remaining === 1 ? 'day' : 'days'} to go</div>
    </div>
  );
}
