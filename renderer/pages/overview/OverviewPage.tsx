import { type ReactNode, useMemo, useState } from 'react';
import { addDays, type CostView, type Day, dayOf, daysBetween } from '../../../core/api';
import { Sparkline, TimeSeriesChart } from '../../charts';
import { Card, Delta, PageHeader } from '../../components/PageHeader';
import { Segmented } from '../../components/Segmented';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useRoute } from '../../hooks/useRoute';
import { formatAgo, formatDay, formatMoney, formatMonth, moneyScale } from '../../lib/format';
import { addSeries, monthToDate, toNamed, topMovers } from '../../lib/series-math';
import { useCurrency } from '../../hooks/useCurrency';
import { CurrencyPicker } from '../../components/CurrencyPicker';
import { PeriodForecastCard } from './PeriodForecastCard';

type Range = '30' | '90' | '365' | 'all';
type GroupBy = 'service' | 'provider';

const RANGES: readonly { value: Range; label: string }[] = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'all', label: 'All' },
];

/** Where spend is going: month to date, spend over time by provider or service, movers, freshness. */
export function OverviewPage() {
  const { navigate } = useRoute();
  const [view, setView] = useState<CostView>('effective');
  const [range, setRange] = useState<Range>('90');
  const [groupBy, setGroupBy] = useState<GroupBy>('service');
  const summary = useCall('summary', {});
  const coverage = useCall('coverage', {});

  const period = summary.data?.period ?? null;
  const { currency, currencies, setCurrency } = useCurrency(summary.data?.totals);
  const asOf = period ? addDays(period.end, -1) : undefined;
  const chartFrom = period && asOf ? (range === 'all' ? period.start : maxDay(period.start, addDays(asOf, 1 - Number(range)))) : undefined;
  const monthFrom = asOf ? addDays(asOf, -62) : undefined;

  const chart = useCall('series.daily', chartFrom && period ? { from: chartFrom, to: period.end, by: [groupBy], view } : null);
  const recent = useCall('series.daily', monthFrom && period ? { from: monthFrom, to: period.end, by: ['service'], view } : null);

  const chartSeries = useMemo(() => toNamed((chart.data?.series ?? []).filter((s) => s.currency === currency)), [chart.data, currency]);
  const recentSeries = useMemo(() => (recent.data?.series ?? []).filter((s) => s.currency === currency), [recent.data, currency]);
  const total = useMemo(() => addSeries(recentSeries), [recentSeries]);
  const mtd = asOf && recentSeries.length > 0 ? monthToDate(total, asOf) : undefined;
  const last7 = asOf ? sumDays(total, addDays(asOf, -6), asOf) : 0;
  const prev7 = asOf ? sumDays(total, addDays(asOf, -13), addDays(asOf, -7)) : 0;
  const last30 = asOf ? sumDays(total, addDays(asOf, -29), asOf) : 0;
  const movers = useMemo(() => (asOf ? topMovers(recentSeries, asOf, 7, 6) : []), [recentSeries, asOf]);
  const allTotal = summary.data?.totals.find((t) => t.currency === currency)?.[view === 'effective' ? 'effective_cost' : 'billed_cost'] ?? 0;
  const otherCurrencies = summary.data?.totals.filter((t) => t.currency !== currency) ?? [];
  // The page's money shares one format, set by its largest figure (the whole store's total, at least).
  const scale = moneyScale([allTotal, last30, mtd?.amount ?? 0]);
  const money = (v: number): string => formatMoney(v, currency ?? 'USD', { scale });

  const header = (
    <PageHeader title="Overview" subtitle={asOf ? <>Spend through {formatDay(asOf)} · {view === 'effective' ? 'amortized (EffectiveCost)' : 'billed (BilledCost)'}</> : 'Where your cloud spend is going'}>
      <CurrencyPicker currencies={currencies} value={currency} onChange={setCurrency} />
      <div className="field">
        Cost
        <Segmented
          label="Cost view"
          testId="cost-view"
          value={view}
          onChange={setView}
          options={[
            { value: 'effective', label: 'Amortized' },
            { value: 'billed', label: 'Billed' },
          ]}
        />
      </div>
    </PageHeader>
  );

  if (summary.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={summary.error} onRetry={summary.reload} /></div></div>;
  if (summary.status === 'loading' && !summary.data) return <div className="page">{header}<div className="grid kpis">{[0, 1, 2, 3].map((i) => <div key={i} className="card"><Loading height={64} /></div>)}</div><div className="card"><Loading height={300} /></div></div>;
  if (!period || !currency) {
    return (
      <div className="page">
        {header}
        <div className="card">
          <Empty title="No billing data yet" action={<button type="button" className="btn primary" onClick={() => navigate('sources')}>Add data</button>}>
            Import a FOCUS, AWS CUR, Azure or Google Cloud billing export on the Sources page, or connect a cloud account. Headroom keeps everything on this computer.
          </Empty>
        </div>
      </div>
    );
  }

  return (
    <div className="page" data-testid="overview-page">
      {header}
      {otherCurrencies.length > 0 && (
        <div className="banner" role="note">
          Showing {currency} (choose the currency above). Also in the store: {otherCurrencies.map((t) => formatMoney(view === 'effective' ? t.effective_cost : t.billed_cost, t.currency)).join(', ')} — amounts in different currencies are never added together.
        </div>
      )}
      <div className="grid kpis">
        <Kpi label="Month to date" value={mtd ? money(mtd.amount) : '—'} testId="kpi-mtd" foot={mtd && <><Delta ratio={mtd.previous === 0 ? undefined : mtd.amount / mtd.previous - 1} /> vs the first {mtd.days} days of last month · {formatMonth(asOf!)}</>} loading={recent.status === 'loading' && !recent.data} />
        <Kpi label="Last 7 days" value={money(last7)} testId="kpi-7d" foot={<><Delta ratio={prev7 === 0 ? undefined : last7 / prev7 - 1} /> vs the 7 days before</>} loading={recent.status === 'loading' && !recent.data} />
        <Kpi label="Daily run rate" value={money(last7 / 7)} testId="kpi-run-rate" foot={<>≈ {money((last7 / 7) * 30)} per 30 days</>} loading={recent.status === 'loading' && !recent.data} />
        <Kpi label="Last 30 days" value={money(last30)} testId="kpi-30d" foot={<>{formatDay(addDays(asOf!, -29))} – {formatDay(asOf!)}</>} loading={recent.status === 'loading' && !recent.data} />
        <Kpi label={`All data · ${currency}`} value={money(allTotal)} testId="kpi-total" foot={<>{formatDay(period.start)} – {formatDay(asOf!)}</>} />
      </div>

      <Card
        title="Spend over time"
        testId="spend-chart-card"
        actions={
          <>
            <Segmented label="Group by" testId="group-by" value={groupBy} onChange={setGroupBy} options={[{ value: 'service', label: 'Service' }, { value: 'provider', label: 'Provider' }]} />
            <Segmented label="Range" testId="range" value={range} onChange={setRange} options={RANGES} />
          </>
        }
      >
        {chart.status === 'error' ? <ErrorState error={chart.error} onRetry={chart.reload} /> : chart.data ? chartSeries.length === 0 ? <Empty title="No spend in this range">Pick a longer range.</Empty> : <TimeSeriesChart series={chartSeries} currency={currency} height={320} testId="spend-chart" /> : <Loading height={320} />}
      </Card>

      <PeriodForecastCard currency={currency} view={view} />

      <div className="grid two" style={{ marginTop: 14 }}>
        <Card title="Top movers" testId="movers" actions={<span className="faint" style={{ fontSize: 12 }}>last 7 days vs the 7 before, by service</span>}>
          {recent.status === 'error' ? <ErrorState error={recent.error} onRetry={recent.reload} /> : !recent.data ? <Loading height={200} /> : movers.length === 0 ? <Empty title="Nothing moved">Spend per service was the same in both weeks.</Empty> : (
            <ul className="movers">
              {movers.map((m) => (
                <li key={m.label} data-testid="mover">
                  <div>
                    <div className="name" title={m.label}>{m.label}</div>
                    <div className="sub num" data-testid="mover-amounts">{money(m.previous)} → {money(m.current)}</div>
                  </div>
                  <Sparkline values={m.trend} color={m.change > 0 ? '#e0567a' : '#1fb5a7'} />
                  <div className="amt">
                    <div className="num" style={{ fontWeight: 600 }} data-testid="mover-change">{m.change > 0 ? '+' : ''}{money(m.change)}</div>
                    <Delta ratio={m.ratio} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Data freshness" testId="freshness" actions={<button type="button" className="btn small ghost" onClick={() => navigate('sources')}>Manage sources</button>}>
          {coverage.status === 'error' ? <ErrorState error={coverage.error} onRetry={coverage.reload} /> : !coverage.data ? <Loading height={160} /> : <Freshness sources={coverage.data.sources} />}
        </Card>
      </div>
    </div>
  );
}

function Kpi({ label, value, foot, testId, loading }: { readonly label: string; readonly value: string; readonly foot?: ReactNode; readonly testId: string; readonly loading?: boolean }) {
  return (
    <div className="card" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      {loading ? <div className="skeleton" style={{ height: 30, marginTop: 6 }} /> : <div className="kpi-value" data-testid={`${testId}-value`}>{value}</div>}
      {foot && !loading && <div className="kpi-foot">{foot}</div>}
    </div>
  );
}

interface CoverageRow {
  readonly source: { readonly id: number; readonly name: string; readonly kind: string; readonly provider: string | null };
  readonly charges: { readonly rows: number; readonly lastDay: string | null };
  readonly lastImportAt: string | null;
}

function Freshness({ sources }: { readonly sources: readonly CoverageRow[] }) {
  const today = dayOf(new Date());
  if (sources.length === 0) return <Empty title="No sources">Import a billing file or connect an account.</Empty>;
  return (
    <table className="data wrap">
      <thead>
        <tr>
          <th>Source</th>
          <th>Data through</th>
          <th className="r">Updated</th>
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => {
          const lag = s.charges.lastDay ? daysBetween(s.charges.lastDay as Day, today) : undefined;
          const badge = lag === undefined ? <span className="badge">no charges</span> : lag <= 2 ? <span className="badge good">current</span> : lag <= 7 ? <span className="badge warn">{lag} days behind</span> : <span className="badge bad">{lag} days behind</span>;
          return (
            <tr key={s.source.id}>
              <td>
                <div style={{ fontWeight: 500 }}>{s.source.name}</div>
                <div className="faint" style={{ fontSize: 12 }}>{[s.source.provider, s.source.kind].filter(Boolean).join(' · ')}</div>
              </td>
              <td>
                {s.charges.lastDay ? formatDay(s.charges.lastDay) : '—'} <span style={{ marginLeft: 6 }}>{badge}</span>
              </td>
              <td className="r faint">{s.lastImportAt ? formatAgo(s.lastImportAt, new Date()) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function maxDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

/** Sum over [from, to] inclusive. */
function sumDays(s: { readonly start: Day; readonly values: readonly number[] }, from: Day, to: Day): number {
  let t = 0;
  const a = Math.max(0, daysBetween(s.start, from));
  const b = Math.min(s.values.length - 1, daysBetween(s.start, to));
  for (let i = a; i <= b; i++) t += s.values[i] ?? 0;
  return t;
}
