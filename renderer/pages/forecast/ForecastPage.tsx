import { useCallback, useMemo, useState } from 'react';
import type { Req, Res } from '../../../core/api';
import type { Day } from '../../../core/lib';
import type { CostView, Dimension } from '../../../core/model';
import { useBridge } from '../../bridge';
import { FanChart } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { Segmented } from '../../components/Segmented';
import { Empty, ErrorState } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useJob } from '../../hooks/useJob';
import { dimensionLabel } from '../../lib/dimensions';
import { formatDay, formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { mainCurrency } from '../../lib/series-math';

type Model = NonNullable<Req<'forecast.series'>['model']>;
type SeriesForecast = Res<'forecast.series'>['series'][number];
type Card = NonNullable<SeriesForecast['forecast']>['card'];

const MODELS: readonly { value: Model; label: string }[] = [
  { value: 'auto', label: 'Automatic (best in backtest)' },
  { value: 'mstl', label: 'MSTL (weekly + yearly)' },
  { value: 'ets', label: 'ETS' },
  { value: 'theta', label: 'Theta' },
  { value: 'arima', label: 'ARIMA' },
  { value: 'combo', label: 'Combination (ETS, Theta, ARIMA)' },
  { value: 'snaive', label: 'Seasonal naive' },
  { value: 'naive2', label: 'Naive2 (M4 benchmark)' },
];
const SPLITS: readonly Dimension[] = ['provider', 'service', 'billing_account', 'region'];
const HISTORY_DAYS = 730;

interface Choice {
  readonly dimension: Dimension | 'total';
  readonly value: string | null;
  readonly horizon: number;
  readonly model: Model;
  readonly view: CostView;
}

/** Forecast any series or group: actuals and the 80/95 % fan, the model card and its backtest. */
export function ForecastPage() {
  const bridge = useBridge();
  const all = useCall('summary', {});
  const [choice, setChoice] = useState<Choice>({ dimension: 'total', value: null, horizon: 90, model: 'auto', view: 'effective' });
  const values = useCall('summary', choice.dimension === 'total' ? null : { by: [choice.dimension] });
  const currency = all.data ? mainCurrency(all.data.totals) : undefined;
  const options = useMemo(
    () => (values.data?.groups ?? []).filter((g) => g.currency === currency).sort((a, b) => b.effective_cost - a.effective_cost).map((g) => (choice.dimension === 'total' ? null : (g.group[choice.dimension] ?? null))),
    [values.data, currency, choice.dimension],
  );
  const job = useJob(
    useCallback(
      async (signal: AbortSignal, onProgress: Parameters<Parameters<typeof useJob>[0]>[1], c: Choice) => {
        const end = all.data?.period?.end;
        const from = end ? new Date(Date.parse(`${end}T00:00:00Z`) - HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10) : undefined;
        const res = await bridge.call(
          'forecast.series',
          {
            horizon: c.horizon,
            model: c.model,
            view: c.view,
            levels: [0.8, 0.95],
            ...(from ? { from: from as Day } : {}),
            ...(c.dimension !== 'total' && c.value !== undefined ? { filters: [{ dimension: c.dimension, values: [c.value] }] } : {}),
          },
          { signal, onProgress },
        );
        return { choice: c, res };
      },
      [bridge, all.data],
    ),
  );
  const run = (): void => void job.start(choice);
  const result = job.state.status === 'done' ? job.state.result : undefined;
  const series = result?.res.series.find((s) => s.currency === currency) ?? result?.res.series[0];
  const title = choice.dimension === 'total' ? 'Total spend' : `${dimensionLabel(choice.dimension)}: ${choice.value ?? '(none)'}`;

  const header = (
    <PageHeader title="Forecast" subtitle="Daily spend ahead with 80 % and 95 % intervals, the model that made it, and how it did on past data" />
  );
  if (all.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={all.error} onRetry={all.reload} /></div></div>;
  if (all.data && !all.data.period) return <div className="page">{header}<div className="card"><Empty title="Nothing to forecast yet">Import billing data on the Sources page first.</Empty></div></div>;

  return (
    <div className="page" data-testid="forecast-page">
      {header}
      <div className="card" style={{ marginBottom: 14 }}>
        <div className="toolbar" style={{ alignItems: 'flex-end', gap: 14 }}>
          <label className="field">
            Series
            <select className="select" value={choice.dimension} data-testid="forecast-dimension" onChange={(e) => setChoice({ ...choice, dimension: e.target.value as Choice['dimension'], value: null })}>
              <option value="total">Total spend</option>
              {SPLITS.map((d) => <option key={d} value={d}>One {dimensionLabel(d).toLowerCase()}</option>)}
            </select>
          </label>
          {choice.dimension !== 'total' && (
            <label className="field">
              {dimensionLabel(choice.dimension)}
              <select className="select" value={options.indexOf(choice.value)} data-testid="forecast-value" disabled={values.status !== 'ready'} onChange={(e) => setChoice({ ...choice, value: options[Number(e.target.value)] ?? null })}>
                {options.map((v, i) => <option key={String(v)} value={i}>{v ?? '(none)'}</option>)}
              </select>
            </label>
          )}
          <div className="field">
            Horizon
            <Segmented label="Horizon" testId="forecast-horizon" value={String(choice.horizon)} onChange={(h) => setChoice({ ...choice, horizon: Number(h) })} options={[{ value: '30', label: '30 d' }, { value: '90', label: '90 d' }, { value: '180', label: '180 d' }, { value: '365', label: '1 year' }]} />
          </div>
          <label className="field">
            Model
            <select className="select" value={choice.model} data-testid="forecast-model" onChange={(e) => setChoice({ ...choice, model: e.target.value as Model })}>
              {MODELS.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
            </select>
          </label>
          <div className="field">
            Cost
            <Segmented label="Cost view" value={choice.view} onChange={(v) => setChoice({ ...choice, view: v })} options={[{ value: 'effective', label: 'Amortized' }, { value: 'billed', label: 'Billed' }]} />
          </div>
          <button type="button" className="btn primary" onClick={run} disabled={job.state.status === 'running' || !all.data || (choice.dimension !== 'total' && options.length === 0)} data-testid="run-forecast">
            Run forecast
          </button>
        </div>
      </div>

      {job.state.status === 'idle' && <div className="card"><Empty title="Choose a series and run the forecast">Automatic selection tries ETS, Theta, ARIMA, MSTL and their combination on rolling-origin backtests of the last two years, and keeps the one that forecast best.</Empty></div>}
      {job.state.status === 'running' && <div className="card"><ProgressBar label="Forecasting" progress={job.state.progress} onCancel={job.cancel} testId="forecast-progress" /><div className="skeleton" style={{ height: 300, marginTop: 14 }} /></div>}
      {job.state.status === 'cancelled' && <div className="banner">Forecast cancelled.</div>}
      {job.state.status === 'error' && <div className="card"><ErrorState title="The forecast failed" error={job.state.error} onRetry={run} /></div>}
      {series && (
        <ForecastResult title={result!.choice.dimension === 'total' ? 'Total spend' : title} series={series} currency={series.currency} />
      )}
    </div>
  );
}

function ForecastResult({ title, series, currency }: { readonly title: string; readonly series: SeriesForecast; readonly currency: string }) {
  const f = series.forecast;
  const history = useMemo(() => ({ start: series.history.start, values: series.history.values }), [series]);
  const band = useMemo(() => (f ? { start: f.start, mean: f.mean, intervals: f.intervals } : undefined), [f]);
  if (!f) return <div className="card"><Empty title="No forecast for this series">{series.error ?? 'The series is too short to forecast.'}</Empty></div>;
  const total = f.mean.reduce((a, b) => a + b, 0);
  const last = f.start;
  const end = new Date(Date.parse(`${last}T00:00:00Z`) + (f.mean.length - 1) * 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="stack">
      <Card title={<>{title} <span className="faint" style={{ fontWeight: 400 }}>· next {f.mean.length} days ≈ {formatMoney(total, currency, { whole: total >= 10_000 })}</span></>} testId="forecast-chart-card">
        <FanChart actual={history} forecast={band} currency={currency} height={340} testId="fan-chart" />
        <div className="faint" style={{ fontSize: 12, marginTop: 6 }}>Forecast {formatDay(f.start)} – {formatDay(end)}; shaded: 80 % and 95 % prediction intervals.</div>
      </Card>
      <ModelCard card={f.card} />
    </div>
  );
}

function ModelCard({ card }: { readonly card: Card }) {
  const params = Object.entries(card.params);
  return (
    <Card title={<>Model card <span className="badge" style={{ marginLeft: 8 }}>{card.spec}</span></>} testId="model-card">
      <div className="grid two">
        <dl className="facts">
          <dt>Requested</dt><dd>{card.requested}</dd>
          <dt>Chosen</dt><dd data-testid="model-spec">{card.spec} <span className="faint">({card.family})</span></dd>
          {card.members && card.members.length > 0 && (<><dt>Members</dt><dd>{card.members.map((m) => m.spec).join(', ')}</dd></>)}
          <dt>Training window</dt><dd>{formatNumber(card.trainingWindow.n, 0)} days{card.excluded.length > 0 ? `, ${card.excluded.length} excluded` : ''}</dd>
          <dt>Seasonal period</dt><dd>{card.period} days</dd>
          {card.aicc !== undefined && (<><dt>AICc</dt><dd>{formatNumber(card.aicc, 1)}</dd></>)}
          {params.length > 0 && (<><dt>Parameters</dt><dd>{params.map(([k, v]) => `${k} = ${formatNumber(v, 3)}`).join(' · ')}</dd></>)}
          <dt>Seed</dt><dd>{card.seed}</dd>
        </dl>
        <div className="stack">
          {card.backtest ? (
            <div data-testid="backtest">
              <h3 style={{ marginBottom: 8 }}>Backtest · {card.backtest.windows} rolling origins, {card.backtest.horizon}-day horizon</h3>
              <table className="data">
                <tbody>
                  <tr><td>MASE</td><td className="r">{formatNumber(card.backtest.mase, 3)}</td><td className="faint">below 1 beats the seasonal naive</td></tr>
                  <tr><td>sMAPE</td><td className="r">{formatNumber(card.backtest.smape, 2)} %</td><td /></tr>
                  <tr><td>MAE</td><td className="r">{formatNumber(card.backtest.mae, 2)}</td><td /></tr>
                  {card.backtest.coverage.map((c) => (
                    <tr key={c.level}><td>{formatPercent(c.level)} interval coverage</td><td className="r">{formatPercent(c.rate, 1)}</td><td className="faint">{Math.abs(c.rate - c.level) <= 0.05 ? 'calibrated' : c.rate < c.level ? 'too narrow' : 'conservative'}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p className="muted" style={{ margin: 0 }}>Backtests run with automatic selection: choose “Automatic” to see how each candidate forecast past windows and how often the intervals held.</p>}
          {card.candidates && card.candidates.length > 0 && (
            <div>
              <h3 style={{ marginBottom: 6 }}>Candidates (backtest score, lower is better)</h3>
              <div className="muted" style={{ fontSize: 13 }}>{card.candidates.map((c) => `${c.spec}: ${c.score === null ? 'failed' : formatNumber(c.score, 3)}`).join(' · ')}</div>
            </div>
          )}
          {card.warnings.map((w) => <div key={w} className="banner" style={{ marginBottom: 0 }}>{w}</div>)}
        </div>
      </div>
    </Card>
  );
}
