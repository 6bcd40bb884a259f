import { useCallback, useMemo, useState } from 'react';
import { addDays, COST_TRAINING_DAYS, type CostView, type Day, daysBetween, type Dimension, type Req, type Res } from '../../../core/api';
import { useBridge } from '../../bridge';
import { BacktestChart, FanChart, windowErrors, windowsMatchHistory } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { Segmented } from '../../components/Segmented';
import { Empty, ErrorState } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useJob } from '../../hooks/useJob';
import { dimensionLabel } from '../../lib/dimensions';
import { formatChange, formatDay, formatMoney, formatNumber, formatPercent, formatTimestamp, moneyScale } from '../../lib/format';
import { clipSeries, type Overlay, providerForecastName, providerOverlay } from '../../lib/provider-forecast';
import { useCurrency } from '../../hooks/useCurrency';
import { CurrencyPicker } from '../../components/CurrencyPicker';

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
  const providers = useCall('summary', { by: ['provider'] });
  const stored = useCall('forecast.provider', bridge.has('forecast.provider') ? {} : null);
  const { currency, currencies, setCurrency } = useCurrency(all.data?.totals);
  const options = useMemo(
    () => (values.data?.groups ?? []).filter((g) => g.currency === currency).sort((a, b) => b.effective_cost - a.effective_cost).map((g) => (choice.dimension === 'total' ? null : (g.group[choice.dimension] ?? null))),
    [values.data, currency, choice.dimension],
  );
  // The value the toolbar shows: the chosen one while the chosen currency has it, else that currency's first
  // (after a currency switch the select shows the new currency's first value; running must forecast that one).
  const value = options.includes(choice.value) ? choice.value : (options[0] ?? null);
  const current: Choice = { ...choice, value };
  const job = useJob(
    useCallback(
      async (signal: AbortSignal, onProgress: Parameters<Parameters<typeof useJob>[0]>[1], c: Choice) => {
        // The training window of every cost forecast (budgets, reports, the Overview), never before the data's
        // first day (days before it are not zero spend, they are unknown).
        const period = all.data?.period;
        const earliest = period ? addDays(period.end, -COST_TRAINING_DAYS) : undefined;
        const from = period && earliest ? (earliest > period.start ? earliest : period.start) : undefined;
        const res = await bridge.call(
          'forecast.series',
          {
            horizon: c.horizon,
            model: c.model,
            view: c.view,
            levels: [0.8, 0.95],
            backtest: true,
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
  const run = (): void => void job.start(current);
  const result = job.state.status === 'done' ? job.state.result : undefined;
  // Only the chosen currency's series: a run whose series are all in other currencies (one provider billed in
  // yen, then the Currency control set to dollars) is not shown under the dollar control.
  const series = result?.res.series.find((s) => s.currency === currency);
  const otherCurrencies = result && !series ? [...new Set(result.res.series.map((s) => s.currency))].sort() : [];
  const titleOf = (c: Choice): string => (c.dimension === 'total' ? 'Total spend' : `${dimensionLabel(c.dimension)}: ${c.value ?? '(none)'}`);
  // The provider's own forecast, where a sync stored one for every provider of this series.
  const overlay = useMemo(() => {
    if (!result || !series?.forecast || !stored.data) return undefined;
    const c = result.choice;
    const ofSeries =
      c.dimension === 'total'
        ? [...new Set((providers.data?.groups ?? []).filter((g) => g.currency === series.currency).map((g) => g.group['provider']).filter((p): p is string => typeof p === 'string'))]
        : c.dimension === 'provider' && c.value
          ? [c.value]
          : [];
    const o = providerOverlay(stored.data.forecasts, { view: c.view, currency: series.currency, providers: ofSeries });
    if (!o) return undefined;
    const clipped = clipSeries(o.series, series.history.start, addDays(series.forecast.start as Day, series.forecast.mean.length));
    return clipped ? { ...o, series: clipped } : undefined;
  }, [result, series, stored.data, providers.data]);
  const overlayNote = useMemo(() => {
    if (overlay || !result || !stored.data || stored.data.forecasts.length === 0) return undefined;
    const f = stored.data.forecasts;
    if (result.choice.dimension !== 'total' && result.choice.dimension !== 'provider') return 'Provider forecasts cover a whole account: pick Total spend or one provider to compare with them.';
    if (f.every((x) => x.view !== result.choice.view)) return `The synced provider forecasts are in the ${f[0]!.view === 'effective' ? 'amortized' : 'billed'} view: switch Cost to compare with them.`;
    return undefined;
  }, [overlay, result, stored.data]);

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
              <select className="select" value={options.indexOf(value)} data-testid="forecast-value" disabled={values.status !== 'ready'} onChange={(e) => setChoice({ ...choice, value: options[Number(e.target.value)] ?? null })}>
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
          <CurrencyPicker currencies={currencies} value={currency} onChange={setCurrency} />
          <button type="button" className="btn primary" onClick={run} disabled={job.state.status === 'running' || !all.data || (choice.dimension !== 'total' && options.length === 0)} data-testid="run-forecast">
            Run forecast
          </button>
        </div>
      </div>

      {job.state.status === 'idle' && <div className="card"><Empty title="Choose a series and run the forecast">Automatic selection tries ETS, Theta, ARIMA, MSTL and their combination on rolling-origin backtests of the last three years, and keeps the one that forecast best.</Empty></div>}
      {job.state.status === 'running' && <div className="card"><ProgressBar label="Forecasting" progress={job.state.progress} onCancel={job.cancel} testId="forecast-progress" /><div className="skeleton" style={{ height: 300, marginTop: 14 }} /></div>}
      {job.state.status === 'cancelled' && <div className="banner">Forecast cancelled.</div>}
      {job.state.status === 'error' && <div className="card"><ErrorState title="The forecast failed" error={job.state.error} onRetry={run} /></div>}
      {result && !series && currency && (
        <div className="card" data-testid="forecast-other-currency">
          <Empty
            title={`No ${currency} forecast yet`}
            action={
              <button type="button" className="btn primary" onClick={run} disabled={!all.data || (choice.dimension !== 'total' && options.length === 0)} data-testid="run-forecast-currency">
                Run forecast in {currency}
              </button>
            }
          >
            The last forecast ({titleOf(result.choice)}) has {otherCurrencies.length === 0 ? 'no series' : `only ${otherCurrencies.join(', ')} series`}: none of its spend is billed in {currency}. Switch the Currency control back to see it, or run the forecast for {titleOf(current)} in {currency}.
          </Empty>
        </div>
      )}
      {series && result && (
        <ForecastResult title={titleOf(result.choice)} series={series} currency={series.currency} overlay={overlay} overlayNote={overlayNote} />
      )}
    </div>
  );
}

function ForecastResult({ title, series, currency, overlay, overlayNote }: { readonly title: string; readonly series: SeriesForecast; readonly currency: string; readonly overlay: Overlay | undefined; readonly overlayNote: string | undefined }) {
  const f = series.forecast;
  const history = useMemo(() => ({ start: series.history.start, values: series.history.values }), [series]);
  const band = useMemo(() => (f ? { start: f.start, mean: f.mean, intervals: f.intervals } : undefined), [f]);
  if (!f) return <div className="card"><Empty title="No forecast for this series">{series.error ?? 'The series is too short to forecast.'}</Empty></div>;
  const total = f.mean.reduce((a, b) => a + b, 0);
  const last = f.start;
  const end = new Date(Date.parse(`${last}T00:00:00Z`) + (f.mean.length - 1) * 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="stack">
      <Card title={<>{title} <span className="faint" style={{ fontWeight: 400 }}>· next {f.mean.length} days ≈ {formatMoney(total, currency)}</span></>} testId="forecast-chart-card">
        <FanChart actual={history} forecast={band} currency={currency} height={340} testId="fan-chart" {...(overlay ? { overlay: overlay.series, overlayLabel: overlay.sources.length === 1 ? providerForecastName(overlay.sources[0]!.provider) : 'Provider forecasts' } : {})} />
        <div className="faint" style={{ fontSize: 12, marginTop: 6 }}>Forecast {formatDay(f.start)} – {formatDay(end)}; shaded: 80 % and 95 % prediction intervals.</div>
        {overlay && <ProviderNote overlay={overlay} currency={currency} forecast={f} />}
        {overlayNote && <div className="faint" style={{ fontSize: 12, marginTop: 4 }} data-testid="provider-forecast-note">{overlayNote}</div>}
      </Card>
      <BasisCard basis={f.basis} currency={currency} horizon={f.mean.length} forecastTotal={total} />
      {f.backtest && f.backtest.length > 0 && f.card.backtest && <BacktestCard history={history} windows={f.backtest} currency={currency} card={f.card} />}
      <ModelCard card={f.card} currency={currency} />
    </div>
  );
}

/** Which provider forecast the dashed line is, when it was fetched, and how its total compares with ours over the days both cover. */
function ProviderNote({ overlay, currency, forecast }: { readonly overlay: Overlay; readonly currency: string; readonly forecast: { readonly start: string; readonly mean: readonly number[] } }) {
  let theirs = 0;
  let ours = 0;
  let days = 0;
  forecast.mean.forEach((m, t) => {
    const i = daysBetween(overlay.series.start, addDays(forecast.start as Day, t));
    const v = overlay.series.values[i];
    if (v === undefined || Number.isNaN(v)) return;
    theirs += v;
    ours += m;
    days++;
  });
  return (
    <div className="faint" style={{ fontSize: 12, marginTop: 4 }} data-testid="provider-forecast" data-provider-total={theirs} data-provider-days={days}>
      Dashed: {overlay.sources.map((s) => `${providerForecastName(s.provider)} (${s.metric}, source “${s.source}”, fetched ${formatTimestamp(s.fetched_at)})`).join('; ')}
      {days > 0 && <> · over the {days} days both cover: provider {formatMoney(theirs, currency, { scale: ours })}, Headroom {formatMoney(ours, currency, { scale: theirs })}</>}
    </div>
  );
}

type Basis = NonNullable<SeriesForecast['forecast']>['basis'];

/** How the forecast was composed: usage model + recurring fees projected from their terms; one-time charges and labelled anomaly days left out. */
function BasisCard({ basis, currency, horizon, forecastTotal }: { readonly basis: Basis; readonly currency: string; readonly horizon: number; readonly forecastTotal: number }) {
  const streams = basis.recurring.streams;
  /** The table's money shares one format, set by its largest figure. */
  const scale = moneyScale([basis.usage.history_total, basis.usage.forecast_total, basis.recurring.history_total, basis.recurring.projected_total, basis.one_time.history_total, forecastTotal, ...streams.map((x) => x.projected_total)]);
  const m = (v: number): string => formatMoney(v, currency, { scale });
  return (
    <Card title={<>Composition <span className="faint" style={{ fontWeight: 400 }}>· usage model + recurring fees; one-time charges left out</span></>} testId="basis-card">
      <table className="data" data-testid="basis-table">
        <thead>
          <tr><th>Part</th><th className="r">History {formatDay(basis.history.from)} – {formatDay(addDays(basis.history.to as Day, -1))}</th><th className="r">Next {horizon} days</th><th>How it is forecast</th></tr>
        </thead>
        <tbody>
          <tr><td>Usage</td><td className="r">{m(basis.usage.history_total)}</td><td className="r" data-testid="basis-usage">{m(basis.usage.forecast_total)}</td><td>{basis.usage.model}{basis.usage.null_frequency_total !== 0 ? ` (includes ${m(basis.usage.null_frequency_total)} of charges without a ChargeFrequency)` : ''}</td></tr>
          <tr><td>Recurring fees</td><td className="r">{m(basis.recurring.history_total)}</td><td className="r" data-testid="basis-recurring">{m(basis.recurring.projected_total)}</td><td>{streams.length === 0 ? 'none in the history' : `${streams.filter((x) => x.projected).length} of ${streams.length} fee streams projected from their terms`}</td></tr>
          <tr><td>One-time purchases</td><td className="r">{m(basis.one_time.history_total)}</td><td className="r faint">left out</td><td>{basis.one_time.days > 0 ? `on ${basis.one_time.days} day${basis.one_time.days === 1 ? '' : 's'}; not repeated and not used for training` : 'none in the history'}</td></tr>
          <tr><td><strong>Forecast</strong></td><td /><td className="r" data-testid="basis-total"><strong>{m(forecastTotal)}</strong></td><td className="faint">usage + recurring</td></tr>
        </tbody>
      </table>
      {streams.length > 0 && (
        <details style={{ marginTop: 10 }}>
          <summary className="muted" style={{ cursor: 'pointer', fontSize: 13 }}>Recurring fee streams ({streams.length})</summary>
          <table className="data wrap" style={{ marginTop: 6 }}>
            <thead><tr><th>Fee</th><th>Cadence</th><th className="r">Amount</th><th>Last charge</th><th>Ends</th><th className="r">Projected</th></tr></thead>
            <tbody>
              {streams.map((x) => (
                <tr key={`${x.name}|${x.last_charge}`}>
                  <td>{x.name}</td>
                  <td>{x.cadence}{x.day_of_month !== null ? ` (day ${x.day_of_month})` : ''}</td>
                  <td className="r">{formatMoney(x.amount, currency, { price: true })}</td>
                  <td>{formatDay(x.last_charge)}</td>
                  <td>{x.end ? formatDay(x.end) : '—'}</td>
                  <td className="r">{x.projected ? m(x.projected_total) : <span className="faint">{x.reason ?? 'not projected'}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {basis.calendar.effects.length > 0 && (
        <details style={{ marginTop: 10 }} data-testid="basis-calendar">
          <summary className="muted" style={{ cursor: 'pointer', fontSize: 13 }}>Calendar effects ({basis.calendar.effects.length} days{basis.calendar.name ? `, holiday calendar: ${basis.calendar.name}` : ''})</summary>
          <table className="data" style={{ marginTop: 6 }}>
            <thead><tr><th>Day</th><th>Holiday day</th><th className="r">Effect</th><th className="r">Learned from</th></tr></thead>
            <tbody>
              {basis.calendar.effects.map((e) => (
                <tr key={e.day} data-testid="basis-calendar-day" data-day={e.day}>
                  <td>{formatDay(e.day)}</td>
                  <td>{e.key}</td>
                  <td className="r">×{e.factor.toFixed(2)}</td>
                  <td className="r">{e.years} year{e.years === 1 ? '' : 's'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {basis.excluded.length > 0 && (
        <p className="muted" style={{ fontSize: 13, marginBottom: 0 }}>
          Left out of training: {basis.excluded.map((e) => `${formatDay(e.start)} – ${formatDay(e.end)} (${e.reason})`).join('; ')}.
        </p>
      )}
      {basis.notes.length > 0 && (
        <ul className="muted" style={{ fontSize: 13, margin: '8px 0 0', paddingLeft: 18 }} data-testid="basis-notes">
          {basis.notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
    </Card>
  );
}

function BacktestCard({ history, windows, currency, card }: { readonly history: { readonly start: Day; readonly values: readonly number[] }; readonly windows: NonNullable<NonNullable<SeriesForecast['forecast']>['backtest']>; readonly currency: string; readonly card: Card }) {
  const errors = useMemo(() => windowErrors(windows), [windows]);
  /** The table's money shares one format, set by its largest figure. */
  const scale = moneyScale(errors.flatMap((e) => [e.actualTotal, e.predictedTotal]));
  const onHistory = useMemo(() => windowsMatchHistory(history, windows), [history, windows]);
  const bt = card.backtest!;
  return (
    <Card title={<>Backtest <span className="faint" style={{ fontWeight: 400 }}>· {bt.windows} rolling origins, {bt.horizon}-day horizon · MASE {formatNumber(bt.mase, 3)} · sMAPE {formatNumber(bt.smape, 1)} %</span></>} testId="backtest-card">
      <BacktestChart history={history} windows={windows} currency={currency} testId="backtest-chart" {...(onHistory ? {} : { actualLabel: 'Actual (modelled part)' })} />
      <table className="data" style={{ marginTop: 10 }} data-testid="backtest-windows">
        <thead>
          <tr><th>Window from</th><th className="r">Days</th><th className="r">Actual</th><th className="r">Predicted</th><th className="r">Error of total</th><th className="r">MAE per day</th></tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={e.start}>
              <td>{formatDay(e.start)}</td>
              <td className="r">{e.days}</td>
              <td className="r">{formatMoney(e.actualTotal, currency, { scale })}</td>
              <td className="r">{formatMoney(e.predictedTotal, currency, { scale })}</td>
              <td className="r">{e.actualTotal !== 0 ? formatChange((e.predictedTotal - e.actualTotal) / Math.abs(e.actualTotal)) : '—'}</td>
              <td className="r">{formatMoney(e.mae, currency, { scale })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!onHistory && <div className="faint" style={{ fontSize: 12, marginTop: 6 }} data-testid="backtest-basis-note">The model forecasts only part of the cost (see Composition above: usage is modelled, recurring fees are projected from their terms and one-time charges left out), so the backtest compares it with that part of the actuals.</div>}
      <div className="faint" style={{ fontSize: 12, marginTop: 6 }}>Each origin: the model re-estimated on the days before it, forecasting the next {bt.horizon} days; shaded: its 80 % interval{card.calibration ? ' (before the conformal calibration the final forecast got)' : ''}.</div>
    </Card>
  );
}

function ModelCard({ card, currency }: { readonly card: Card; readonly currency: string }) {
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
              <table className="data wrap">
                <tbody>
                  <tr><td>MASE</td><td className="r">{formatNumber(card.backtest.mase, 3)}</td><td className="faint">error ÷ in-sample one-step seasonal-naive error; lower is better</td></tr>
                  <tr><td>sMAPE</td><td className="r">{formatNumber(card.backtest.smape, 2)} %</td><td /></tr>
                  <tr><td>MAE</td><td className="r" data-testid="backtest-mae">{formatMoney(card.backtest.mae, currency)}</td><td className="faint">mean absolute error of a day's forecast</td></tr>
                  {card.backtest.coverage.map((c) => (
                    <tr key={c.level}><td>{formatPercent(c.level)} interval coverage</td><td className="r">{formatPercent(c.rate, 1)}</td><td className="faint">{Math.abs(c.rate - c.level) <= 0.05 ? 'calibrated' : c.rate < c.level ? 'too narrow' : 'conservative'}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p className="muted" style={{ margin: 0 }}>No backtest: the series is too short to hold out a {card.horizon}-day window and still train on it. A shorter horizon allows one.</p>}
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
