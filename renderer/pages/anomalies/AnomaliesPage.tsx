import { type ReactNode, useMemo, useState } from 'react';
import { addDays, type AnomalyLabel, type AnomalyView, type Day, type Dimension } from '../../../core/api';
import { useBridge } from '../../bridge';
import { AnomalyChart, SEVERITY_COLOR } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { Segmented } from '../../components/Segmented';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useRoute } from '../../hooks/useRoute';
import { formatDay, formatMoney, formatNumber, moneyScales } from '../../lib/format';
import { AnomalyDetail, AnomalyDrivers, anomalyScale } from './AnomalyDetail';
import { HolidaysCard } from './HolidaysCard';
import { anomalyId, sameSeries, scopeText, SeverityBadge } from './parts';

type SeverityFilter = 'all' | 'medium' | 'high';
const LABELS: readonly { value: AnomalyLabel; label: string; hint: string }[] = [
  { value: 'expected', label: 'Expected', hint: 'normal for this business (a sale, month-end batch)' },
  { value: 'planned', label: 'Planned', hint: 'a change someone made on purpose' },
  { value: 'incident', label: 'Incident', hint: 'something went wrong and needs follow-up' },
];
/** The list opens on the last year of data (scanning three years with drill-downs takes a while). */
const DEFAULT_SINCE_DAYS = 365;
const RANK: Readonly<Record<AnomalyView['severity'], number>> = { low: 0, medium: 1, high: 2 };

/** Cost anomalies: where they are on the series, how far from expected, and the user's label for each. */
export function AnomaliesPage() {
  const bridge = useBridge();
  const { navigate, params } = useRoute();
  /** null until the user picks a date: then the last year of data. */
  const [sinceChoice, setSince] = useState<string | null>(null);
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  /** The anomaly on the chart; kept in the address (replacing, not adding history) so a reload shows it again. */
  const [picked, setPickedState] = useState<string | null>(() => params.get('anomaly'));
  const setPicked = (id: string): void => {
    setPickedState(id);
    window.history.replaceState(null, '', `#/anomalies?${new URLSearchParams({ anomaly: id }).toString()}`);
  };
  /** Labels saved or cleared (null) in this session (the list is not re-scanned after each label). */
  const [saved, setSaved] = useState<Readonly<Record<string, AnomalyLabel | null>>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [labelError, setLabelError] = useState<string | null>(null);
  const summary = useCall('summary', {});
  const dataEnd = summary.data?.period?.end;
  const since = sinceChoice ?? (dataEnd ? addDays(dataEnd, -DEFAULT_SINCE_DAYS) : '');
  const list = useCall('anomalies.list', summary.data && summary.data.period ? (since ? { since: since as Day } : {}) : null);

  const all = useMemo(() => (list.data?.anomalies ?? []).map((a) => {
    const mine = saved[anomalyId(a)];
    return { ...a, id: anomalyId(a), label: mine === undefined ? a.label : mine };
  }), [list.data, saved]);
  const shown = useMemo(() => all.filter((a) => severity === 'all' || RANK[a.severity] >= RANK[severity]), [all, severity]);
  const selected = shown.find((a) => a.id === picked) ?? shown[0];
  const dataThrough = list.data?.data_through ?? null;

  /** Saves a label, or takes it back (null): its days train forecasts again. */
  const label = async (a: (typeof all)[number], value: AnomalyLabel | null): Promise<void> => {
    const before = saved[a.id];
    setSaving(a.id);
    setLabelError(null);
    setSaved((s) => ({ ...s, [a.id]: value }));
    try {
      const scope = Object.entries(a.scope).map(([dimension, v]) => ({ dimension: dimension as Dimension, value: v }));
      if (value === null) await bridge.call('anomalies.unlabel', { start: a.start, scope });
      else await bridge.call('anomalies.label', { start: a.start, scope, label: value });
    } catch (e) {
      setSaved((s) => {
        const next = { ...s };
        if (before === undefined) delete next[a.id];
        else next[a.id] = before;
        return next;
      });
      setLabelError(`Could not ${value === null ? 'clear' : 'save'} the label: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSaving(null);
    }
  };

  const noData = (
    <div className="card">
      <Empty title="No billing data to scan" action={<button type="button" className="btn primary" onClick={() => navigate('sources')}>Add data</button>}>
        Anomalies are found in daily cost per service and billing account. Import a billing export or connect an account on the Sources page.
      </Empty>
    </div>
  );
  const header = (
    <PageHeader title="Anomalies" subtitle="Days when daily cost left its expected range (weekly and yearly cycles removed), per service and billing account. Label each so everyone knows what it was.">
      <label className="field">
        Since
        <span className="toolbar" style={{ gap: 4 }}>
          <input className="input" type="date" value={since} max={dataThrough ?? undefined} onChange={(e) => setSince(e.target.value)} data-testid="anomalies-since" aria-label="Only anomalies ending on or after" />
          <button type="button" className="btn small ghost" onClick={() => setSince('')} disabled={since === ''} data-testid="anomalies-all-time">All time</button>
        </span>
      </label>
      <div className="field">
        Severity
        <Segmented label="Severity" testId="anomalies-severity" value={severity} onChange={setSeverity} options={[{ value: 'all', label: 'All' }, { value: 'medium', label: 'Medium and high' }, { value: 'high', label: 'High' }]} />
      </div>
    </PageHeader>
  );

  if (summary.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={summary.error} onRetry={summary.reload} /></div></div>;
  if (list.status === 'error' && !list.data) return <div className="page">{header}<div className="card"><ErrorState error={list.error} onRetry={list.reload} /></div></div>;
  if (summary.data && !summary.data.period) return <div className="page">{header}{noData}</div>;
  if (!list.data) return <div className="page">{header}<div className="card"><p className="muted loading-note" aria-hidden="true">Scanning daily cost per service and billing account{since ? ` since ${formatDay(since)}` : ''} and working out what moved — this can take a little while.</p><Loading height={280} label="Scanning daily cost for anomalies…" /></div><div className="card"><Loading height={240} /></div></div>;
  if (dataThrough === null) return <div className="page">{header}{noData}</div>;

  const unlabelled = shown.filter((a) => a.label === null).length;
  /** The page's money (table, net impact, the chosen anomaly and its drivers) shares one format per currency, set by that currency's largest figure. */
  const scaleOf = moneyScales(shown, (a) => a.currency, (a) => [anomalyScale(a)]);
  const net = sumByCurrency(shown.filter((a) => Object.keys(a.scope).length === 1 && 'service' in a.scope));
  return (
    <div className="page" data-testid="anomalies-page" data-refreshing={list.status === 'loading'}>
      {header}
      {list.status === 'loading' && <div className="banner ok" role="status" data-testid="anomalies-refreshing">Scanning for anomalies{since ? ` since ${formatDay(since)}` : ' over all the data'}…</div>}
      {list.status === 'error' && <div className="banner error" role="alert">{list.error.message} <button type="button" className="btn small" onClick={list.reload}>Try again</button></div>}
      {labelError && <div className="banner error" role="alert" data-testid="label-error">{labelError}</div>}
      <div className="grid kpis">
        <div className="card" data-testid="anomalies-count"><div className="kpi-label">Anomalies{since ? ` since ${formatDay(since)}` : ''}</div><div className="kpi-value">{formatNumber(shown.length, 0)}</div><div className="kpi-foot">{severity === 'all' ? 'all severities' : severity === 'high' ? 'high severity only' : 'medium and high'} · data through {formatDay(dataThrough)}</div></div>
        <div className="card"><div className="kpi-label">Waiting for a label</div><div className="kpi-value" data-testid="anomalies-unlabelled">{formatNumber(unlabelled, 0)}</div><div className="kpi-foot">label them below: expected, planned or incident</div></div>
        <div className="card"><div className="kpi-label">Net impact, per-service anomalies</div><div className="kpi-value">{net.length === 0 ? '—' : net.map(([c, v]) => formatMoney(v, c, { scale: scaleOf(c) })).join(' · ')}</div><div className="kpi-foot">actual − expected; accounts overlap services, so they are not added</div></div>
      </div>
      {shown.length === 0 ? (
        <div className="card">
          <Empty title={all.length === 0 ? (since ? `No anomalies since ${formatDay(since)}` : 'No anomalies found') : 'No anomaly of this severity'} action={since || severity !== 'all' ? <button type="button" className="btn" onClick={() => { setSince(''); setSeverity('all'); }}>Show all anomalies</button> : undefined}>
            {all.length === 0 ? 'Daily cost stayed within its expected range. Pick an earlier date to look further back.' : 'Choose “All” severities to see the smaller ones.'}
          </Empty>
        </div>
      ) : (
        <>
          {selected && <SelectedAnomaly a={selected} marks={all.filter((x) => sameSeries(x, selected))} dataThrough={dataThrough} scale={scaleOf(selected.currency)} labels={<LabelButtons a={selected} saving={saving === selected.id} onLabel={(v) => void label(selected, v)} testId="detail-labels" />} />}
          <Card title="All anomalies" testId="anomalies-table-card" actions={<span className="faint" style={{ fontSize: 12 }}>newest first · choose a row to see it on the chart</span>}>
            <div className="table-wrap">
              <table className="data compact" data-testid="anomalies-table">
                <thead>
                  <tr>
                    <th>Days</th>
                    <th>Scope</th>
                    <th className="r">Expected <span className="faint">(interval)</span></th>
                    <th className="r">Actual</th>
                    <th className="r">Impact</th>
                    <th>Severity</th>
                    <th>Label</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((a) => (
                    <tr key={a.id} data-testid="anomaly-row" data-id={a.id} aria-selected={a.id === selected?.id} className={a.id === selected?.id ? 'selected' : undefined} onClick={() => setPicked(a.id)}>
                      <td className="num">{formatDay(a.start)}{a.end !== a.start && <div className="faint sub">to {formatDay(a.end)}</div>}</td>
                      <td className="scope-cell">
                        <button type="button" className="link-button" onClick={(e) => { e.stopPropagation(); setPicked(a.id); }} title={scopeText(a.scope)} data-testid="anomaly-show">
                          {scopeText(a.scope)}
                        </button>
                      </td>
                      <td className="r">{formatMoney(a.expected, a.currency, { scale: scaleOf(a.currency) })}<div className="faint sub">{formatMoney(a.interval.lower, a.currency, { scale: scaleOf(a.currency) })} – {formatMoney(a.interval.upper, a.currency, { scale: scaleOf(a.currency) })}</div></td>
                      <td className="r">{formatMoney(a.actual, a.currency, { scale: scaleOf(a.currency) })}</td>
                      <td className={`r ${a.impact > 0 ? 'up' : 'down'}`} data-testid="anomaly-row-impact">{formatMoney(a.impact, a.currency, { scale: scaleOf(a.currency) })}</td>
                      <td><SeverityBadge severity={a.severity} /></td>
                      <td>
                        <LabelButtons a={a} saving={saving === a.id} onLabel={(v) => void label(a, v)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </>
      )}
      <HolidaysCard onSaved={list.reload} />
    </div>
  );
}

/** The picked anomaly on its scope's daily cost (with the scope's other anomalies), and its details. */
function SelectedAnomaly({ a, marks, dataThrough, scale, labels }: { readonly a: AnomalyView & { readonly id: string }; readonly marks: readonly (AnomalyView & { readonly id: string })[]; readonly dataThrough: Day; readonly scale: number; readonly labels: ReactNode }) {
  const from = addDays(a.start, -120);
  const lastDay = addDays(a.end, 60) < dataThrough ? addDays(a.end, 60) : dataThrough;
  const series = useCall('series.daily', { from, to: addDays(lastDay, 1), filters: Object.entries(a.scope).map(([d, v]) => ({ dimension: d as Dimension, values: [v] })), view: 'effective' });
  const s = series.data?.series.find((x) => x.currency === a.currency);
  const chartMarks = useMemo(() => marks.map((m) => ({ id: m.id, start: m.start, end: m.end, severity: m.severity })), [marks]);
  return (
    <div className="anomaly-focus">
      <Card title={<>Daily cost · {scopeText(a.scope)}</>} testId="anomaly-chart-card">
        {series.status === 'error' ? <ErrorState error={series.error} onRetry={series.reload} /> : !s ? series.data ? <Empty title="No cost in this window">The scope has no {a.currency} cost around this anomaly.</Empty> : <Loading height={260} /> : (
          <>
            <AnomalyChart series={s} marks={chartMarks} selected={a.id} currency={a.currency} scale={scale} height={260} testId="anomaly-chart" />
            <div className="chart-legend-note faint">
              <span><span className="legend-line" aria-hidden="true" />Daily cost (EffectiveCost)</span>
              {(['high', 'medium', 'low'] as const).map((sv) => <span key={sv}><span className="swatch" style={{ background: SEVERITY_COLOR[sv] }} aria-hidden="true" />{sv === 'high' ? 'High' : sv === 'medium' ? 'Medium' : 'Low'} severity</span>)}
              <span><span className="legend-dot" aria-hidden="true" />Anomalous day</span>
            </div>
          </>
        )}
      </Card>
      <div className="grid two">
        <AnomalyDetail a={a} scale={scale} labels={labels} />
        <AnomalyDrivers a={a} scale={scale} />
      </div>
    </div>
  );
}

/** Expected / planned / incident as toggle buttons (the current label is pressed), and Clear label when there is one. */
function LabelButtons({ a, saving, onLabel, testId }: { readonly a: AnomalyView; readonly saving: boolean; readonly onLabel: (l: AnomalyLabel | null) => void; readonly testId?: string }) {
  return (
    <div className="label-buttons" role="group" aria-label={`Label the anomaly of ${formatDay(a.start)} in ${scopeText(a.scope)}`} data-testid={testId}>
      {LABELS.map((l) => (
        <button
          key={l.value}
          type="button"
          className={`btn small label-${l.value}`}
          aria-pressed={a.label === l.value}
          title={`${l.label}: ${l.hint}`}
          disabled={saving}
          data-testid={`label-${l.value}`}
          onClick={(e) => { e.stopPropagation(); onLabel(l.value); }}
        >
          {l.label}
        </button>
      ))}
      {a.label !== null && (
        <button
          type="button"
          className="btn small ghost"
          title="Clear label: take it back, so these days train forecasts again"
          aria-label={`Clear the label of the anomaly of ${formatDay(a.start)} in ${scopeText(a.scope)}`}
          disabled={saving}
          data-testid="label-clear"
          onClick={(e) => { e.stopPropagation(); onLabel(null); }}
        >
          Clear label
        </button>
      )}
    </div>
  );
}

/** Impact summed per currency. */
function sumByCurrency(list: readonly AnomalyView[]): [string, number][] {
  const m = new Map<string, number>();
  for (const a of list) m.set(a.currency, (m.get(a.currency) ?? 0) + a.impact);
  return [...m.entries()];
}
