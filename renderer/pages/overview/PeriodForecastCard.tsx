import { useMemo } from 'react';
import { addDays, COST_TRAINING_DAYS, type CostView, type PeriodKind, type Res } from '../../../core/api';
import { FanChart } from '../../charts';
import { Card } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useRoute } from '../../hooks/useRoute';
import { formatDay, formatMoney, formatMonth, moneyScale } from '../../lib/format';

type PeriodFigure = Res<'forecast.periods'>['series'][number]['periods'][number];

/** Sample paths the service reads the period quantiles off (they stay in the service: only the figures travel). */
const PATHS = 1000;
const SHOWN_HISTORY = 60;

/**
 * Spend forecast to the end of this month, quarter and year (`forecast.periods`: P10–P90 of the
 * period totals, computed by the service from its sample paths), with a small fan chart.
 */
export function PeriodForecastCard({ currency, view }: { readonly currency: string; readonly view: CostView }) {
  const { navigate } = useRoute();
  const res = useCall('forecast.periods', { view, training_days: COST_TRAINING_DAYS, recent_days: SHOWN_HISTORY, levels: [0.8, 0.95], paths: PATHS, seed: 1 });
  const series = res.data?.series.find((s) => s.currency === currency);
  const f = series?.forecast ?? null;
  const band = useMemo(() => (f ? { start: f.start, mean: f.mean, intervals: f.intervals } : undefined), [f]);
  /** The last period's end (exclusive): how far the forecast runs. */
  const until = series?.periods.map((p) => p.end).sort().pop();
  /** The three figures share one money format, set by the largest. */
  const scale = moneyScale((series?.periods ?? []).flatMap((p) => [p.p10, p.p90, p.actual]));
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
            {series.periods.map((p) => <Figure key={p.kind} p={p} currency={currency} scale={scale} />)}
          </div>
          <div>
            <FanChart actual={series.history} forecast={band} currency={currency} height={210} testId="period-fan" />
            <div className="faint" style={{ fontSize: 12, marginTop: 4 }}>Daily {view === 'effective' ? 'amortized' : 'billed'} cost, last {SHOWN_HISTORY} days and the forecast to {until ? formatDay(addDays(until, -1)) : '—'} · <span title={f.card.spec}>model: {f.card.family}</span></div>
          </div>
        </div>
      )}
    </Card>
  );
}

const TITLE: Readonly<Record<PeriodKind, string>> = { month: 'Month end', quarter: 'Quarter end', year: 'Year end' };

function Figure({ p, currency, scale }: { readonly p: PeriodFigure; readonly currency: string; readonly scale: number }) {
  const name = p.kind === 'month' ? formatMonth(p.start) : p.kind === 'quarter' ? `Q${Math.floor((Number(p.start.slice(5, 7)) - 1) / 3) + 1} ${p.start.slice(0, 4)}` : p.start.slice(0, 4);
  const money = (v: number): string => formatMoney(v, currency, { scale });
  return (
    <div className="period-figure" data-testid={`forecast-${p.kind}`}>
      <div className="kpi-label">{TITLE[p.kind]} <span className="faint">· {name}</span></div>
      <div className="kpi-value" data-testid={`forecast-${p.kind}-p50`}>{money(p.p50)}</div>
      <div className="period-band" aria-label={`P10 to P90: ${money(p.p10)} to ${money(p.p90)}`}>
        P10–P90 <span className="num">{money(p.p10)} – {money(p.p90)}</span>
      </div>
      <div className="kpi-foot">{money(p.actual)} spent · {p.remaining} {p.remaining === 1 ? 'day' : 'days'} to go</div>
    </div>
  );
}
