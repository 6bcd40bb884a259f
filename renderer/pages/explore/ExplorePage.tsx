import { useMemo, useState } from 'react';
import { addDays, type CostView, type Day, type Dimension, isDay } from '../../../core/api';
import { colorAt, Sparkline, TimeSeriesChart } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { Segmented } from '../../components/Segmented';
import { Icon } from '../../components/icons';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { downloadText, toCsv } from '../../lib/csv';
import { DIMENSIONS, dimensionLabel } from '../../lib/dimensions';
import { formatDay, formatDayShort, formatMoney, formatMonthShort, formatPercent, moneyScale } from '../../lib/format';
import { type Granularity, groupLabel, toNamed, toPeriods } from '../../lib/series-math';
import { useCurrency } from '../../hooks/useCurrency';
import { CurrencyPicker } from '../../components/CurrencyPicker';

interface Filter {
  readonly dimension: Dimension;
  readonly values: readonly (string | null)[];
}

const MAX_PERIOD_COLUMNS = 13;

/** Group spend by any dimension or tag, filter it, pick dates and granularity; table, chart and CSV of the same view. */
export function ExplorePage() {
  const all = useCall('summary', {});
  const period = all.data?.period ?? null;
  const lastDay = period ? addDays(period.end, -1) : undefined;
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const from = (range?.from ?? (period && lastDay ? maxDay(period.start, addDays(lastDay, -89)) : '')) as Day;
  const to = (range?.to ?? lastDay ?? '') as Day;
  const [by, setBy] = useState<Dimension>('service');
  const [tagKey, setTagKey] = useState('');
  const [filters, setFilters] = useState<readonly Filter[]>([]);
  const [granularity, setGranularity] = useState<Granularity>('daily');
  const [view, setView] = useState<CostView>('effective');
  const [kind, setKind] = useState<'stacked' | 'bars' | 'lines'>('stacked');

  const validRange = isDay(from) && isDay(to) && from <= to;
  const req = validRange ? { from, to: addDays(to, 1), by: [by], view, ...(filters.length > 0 ? { filters: filters.map((f) => ({ dimension: f.dimension, values: [...f.values] })) } : {}) } : null;
  const series = useCall('series.daily', req);
  const { currency, currencies, setCurrency } = useCurrency(all.data?.totals);
  const rows = useMemo(() => (series.data?.series ?? []).filter((s) => s.currency === currency).sort((a, b) => b.total - a.total), [series.data, currency]);
  const named = useMemo(() => toNamed(rows), [rows]);
  const table = useMemo(() => toPeriods(rows, granularity), [rows, granularity]);
  const grand = rows.reduce((t, s) => t + s.total, 0);
  /** The page's money shares one format, set by its largest figure. */
  const scale = moneyScale([grand, ...rows.map((s) => s.total)]);
  const periodLabel = granularity === 'monthly' ? formatMonthShort : formatDayShort;
  const showPeriods = granularity !== 'daily' && table.periods.length <= MAX_PERIOD_COLUMNS;

  const exportCsv = (): void => {
    if (!currency) return;
    const header = [dimensionLabel(by), 'Currency', ...table.periods.map((p) => `${granularity === 'daily' ? 'Day' : granularity === 'weekly' ? 'Week of' : 'Month'} ${p}`), 'Total'];
    const body = rows.map((s, i) => [groupLabel(s.group), s.currency, ...table.rows[i]!.map((v) => round(v)), round(s.total)]);
    const name = `headroom-${view}-by-${by.replace(/[^a-z0-9]+/gi, '-')}-${from}-to-${to}-${granularity}.csv`;
    downloadText(name, toCsv(header, body));
  };

  const header = (
    <PageHeader title="Explore" subtitle="Slice spend by any dimension or tag">
      <button type="button" className="btn" onClick={exportCsv} disabled={rows.length === 0} data-testid="export-csv">
        <Icon name="download" size={14} /> Export CSV
      </button>
    </PageHeader>
  );

  if (all.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={all.error} onRetry={all.reload} /></div></div>;
  if (!all.data) return <div className="page">{header}<div className="card"><Loading height={360} /></div></div>;
  if (!period) return <div className="page">{header}<div className="card"><Empty title="No billing data yet">Import a billing export on the Sources page first.</Empty></div></div>;

  return (
    <div className="page" data-testid="explore-page">
      {header}
      <div className="card" style={{ marginBottom: 14 }}>
        <div className="toolbar" style={{ alignItems: 'flex-end', gap: 14 }}>
          <label className="field">
            Group by
            <select className="select" value={by.startsWith('tag:') ? 'tag' : by} data-testid="group-by-select" onChange={(e) => (e.target.value === 'tag' ? setBy(`tag:${tagKey || 'env'}`) : setBy(e.target.value as Dimension))}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>{dimensionLabel(d)}</option>
              ))}
              <option value="tag">Tag…</option>
            </select>
          </label>
          {by.startsWith('tag:') && (
            <label className="field">
              Tag key
              <input className="input" value={tagKey || by.slice(4)} placeholder="env" data-testid="tag-key" onChange={(e) => { setTagKey(e.target.value); if (e.target.value.trim() !== '') setBy(`tag:${e.target.value.trim()}`); }} />
            </label>
          )}
          <label className="field">
            From
            <input className="input" type="date" value={from} min={period.start} max={lastDay} data-testid="from" onChange={(e) => setRange({ from: e.target.value, to })} />
          </label>
          <label className="field">
            To
            <input className="input" type="date" value={to} min={period.start} max={lastDay} data-testid="to" onChange={(e) => setRange({ from, to: e.target.value })} />
          </label>
          <div className="field">
            Granularity
            <Segmented label="Granularity" testId="granularity" value={granularity} onChange={setGranularity} options={[{ value: 'daily', label: 'Daily' }, { value: 'weekly', label: 'Weekly' }, { value: 'monthly', label: 'Monthly' }]} />
          </div>
          <div className="field">
            Cost
            <Segmented label="Cost view" value={view} onChange={setView} options={[{ value: 'effective', label: 'Amortized' }, { value: 'billed', label: 'Billed' }]} />
          </div>
          <CurrencyPicker currencies={currencies} value={currency} onChange={setCurrency} />
        </div>
        <FilterBar filters={filters} onChange={setFilters} from={validRange ? from : undefined} to={validRange ? addDays(to, 1) : undefined} />
        {!validRange && <div className="banner error" style={{ marginTop: 12, marginBottom: 0 }}>Pick a start date on or before the end date.</div>}
      </div>

      <Card
        title={<>{formatMoney(grand, currency ?? 'USD', { scale })} <span className="faint" style={{ fontWeight: 400 }}>· {rows.length} {rows.length === 1 ? 'group' : 'groups'} · {validRange ? `${formatDay(from)} – ${formatDay(to)}` : ''}</span></>}
        testId="explore-chart-card"
        actions={<Segmented label="Chart type" value={kind} onChange={setKind} options={[{ value: 'stacked', label: 'Area' }, { value: 'bars', label: 'Bars' }, { value: 'lines', label: 'Lines' }]} />}
      >
        {series.status === 'error' ? <ErrorState error={series.error} onRetry={series.reload} /> : !series.data ? <Loading height={320} /> : rows.length === 0 ? <Empty title="No spend matches">Widen the dates or remove a filter.</Empty> : <TimeSeriesChart series={named} kind={granularity === 'daily' ? kind : 'bars'} granularity={granularity} currency={currency} height={320} testId="explore-chart" />}
      </Card>

      {rows.length > 0 && currency && (
        <Card title="Breakdown" testId="explore-table" className="" >
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th>{dimensionLabel(by)}</th>
                  {showPeriods && table.periods.map((p) => <th key={p} className="r">{periodLabel(p)}</th>)}
                  {!showPeriods && <th>Trend</th>}
                  {!showPeriods && <th className="r">Per day</th>}
                  <th className="r">Total</th>
                  <th className="r">Share</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s, i) => (
                  <tr key={groupLabel(s.group)}>
                    <td>
                      <span className="swatch" style={{ background: i < 7 ? colorAt(i) : colorAt(7) }} />
                      {groupLabel(s.group)}
                    </td>
                    {showPeriods && table.rows[i]!.map((v, p) => <td key={p} className="r">{formatMoney(v, currency, { scale })}</td>)}
                    {!showPeriods && <td><Sparkline values={s.values} color={i < 7 ? colorAt(i) : colorAt(7)} /></td>}
                    {!showPeriods && <td className="r">{formatMoney(s.total / Math.max(1, s.values.length), currency, { scale })}</td>}
                    <td className="r" style={{ fontWeight: 600 }}>{formatMoney(s.total, currency, { scale })}</td>
                    <td className="r faint">{grand === 0 ? '—' : formatPercent(s.total / grand, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}

/** Active filters as chips, and a dimension + value picker whose values come from the store. */
function FilterBar({ filters, onChange, from, to }: { readonly filters: readonly Filter[]; readonly onChange: (f: readonly Filter[]) => void; readonly from: Day | undefined; readonly to: Day | undefined }) {
  const [dimension, setDimension] = useState<Dimension>('provider');
  const values = useCall('summary', from && to ? { from, to, by: [dimension] } : null);
  const options = useMemo(() => [...(values.data?.groups ?? [])].sort((a, b) => b.effective_cost - a.effective_cost).map((g) => g.group[dimension] ?? null), [values.data, dimension]);
  const uniq = [...new Set(options)];
  const add = (value: string | null): void => {
    const existing = filters.find((f) => f.dimension === dimension);
    if (existing) {
      if (existing.values.includes(value)) return;
      onChange(filters.map((f) => (f === existing ? { dimension, values: [...f.values, value] } : f)));
    } else onChange([...filters, { dimension, values: [value] }]);
  };
  return (
    <div className="toolbar" style={{ marginTop: 12, gap: 8 }}>
      <span className="faint" style={{ fontSize: 12, fontWeight: 500 }}>Filters</span>
      {filters.flatMap((f) =>
        f.values.map((v) => (
          <span className="chip" key={`${f.dimension}=${String(v)}`}>
            {dimensionLabel(f.dimension)}: {v ?? '(none)'}
            <button
              type="button"
              aria-label={`Remove filter ${dimensionLabel(f.dimension)} ${v ?? '(none)'}`}
              onClick={() => onChange(filters.map((x) => (x === f ? { ...x, values: x.values.filter((y) => y !== v) } : x)).filter((x) => x.values.length > 0))}
            >
              <Icon name="x" size={12} />
            </button>
          </span>
        )),
      )}
      <select className="select" aria-label="Filter dimension" value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)} data-testid="filter-dimension">
        {DIMENSIONS.map((d) => <option key={d} value={d}>{dimensionLabel(d)}</option>)}
      </select>
      <select
        className="select"
        aria-label="Filter value"
        value=""
        data-testid="filter-value"
        disabled={values.status !== 'ready'}
        onChange={(e) => {
          const i = Number(e.target.value);
          if (Number.isInteger(i) && i >= 0) add(uniq[i] ?? null);
        }}
      >
        <option value="">{values.status === 'ready' ? `Add ${dimensionLabel(dimension).toLowerCase()} filter…` : 'Loading values…'}</option>
        {uniq.map((v, i) => <option key={String(v)} value={i}>{v ?? '(none)'}</option>)}
      </select>
      {filters.length > 0 && <button type="button" className="btn small ghost" onClick={() => onChange([])}>Clear filters</button>}
    </div>
  );
}

function maxDay(a: Day, b: Day): Day {
  return a > b ? a : b;
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;
