import { useMemo, useState } from 'react';
import { addDays, addMonths, type Scenario, startOfMonth } from '../../../core/api';
import { type ScenarioChartSource, ScenarioChart, scenarioCharts, scenarioColor } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { useRoute } from '../../hooks/useRoute';
import { dimensionLabel } from '../../lib/dimensions';
import { describeDriver } from '../../lib/drivers';
import { formatChange, formatDay, formatMoney, formatMonth, moneyScales } from '../../lib/format';
import { useCurrency } from '../../hooks/useCurrency';
import { DeleteScenario } from './DeleteScenario';
import { ScenarioEditor } from './ScenarioEditor';
import { ScenarioBudgets } from './ScenarioBudgets';

/** At most this many scenarios are forecast side by side (each needs its own forecast paths). */
const MAX_COMPARED = 6;

export const scopeLabel = (scope: Scenario['scope']): string => (scope.length === 0 ? 'all spend' : scope.map((c) => `${dimensionLabel(c.dimension)}: ${c.value}`).join(' · '));

type Editing = { readonly original: Scenario | null } | null;

/** What-if scenarios: saved driver sets, each compared with its baseline forecast (bands from the sample paths) and budgets. */
export function ScenariosPage() {
  const { navigate } = useRoute();
  const list = useCall('scenarios.list', {});
  const summary = useCall('summary', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const scenarios = list.data?.scenarios ?? [];
  const compared = scenarios.filter((s) => !hidden.has(s.name)).slice(0, MAX_COMPARED).map((s) => s.name);
  const currency = useCurrency(summary.data?.totals).currency ?? 'USD';
  const dataEnd = summary.data?.period?.end;
  const defaultFrom = dataEnd ? addMonths(startOfMonth(dataEnd), 1) : undefined;

  const header = (
    <PageHeader title="Scenarios" subtitle="What if growth picks up, a migration lands or prices change? Each scenario reshapes every forecast path, so it keeps its own uncertainty.">
      {!editing && scenarios.length > 0 && <button type="button" className="btn primary" onClick={() => setEditing({ original: null })} data-testid="new-scenario">New scenario</button>}
    </PageHeader>
  );
  const editor = editing && (
    <Card title={editing.original ? `Edit “${editing.original.name}”` : 'New scenario'} testId="scenario-editor-card">
      <ScenarioEditor
        original={editing.original}
        currency={currency}
        defaultFrom={defaultFrom}
        onDone={(saved) => {
          setEditing(null);
          if (saved) setHidden((h) => new Set([...h].filter((n) => n !== saved)));
        }}
      />
    </Card>
  );

  if (list.status === 'error' && !list.data) return <div className="page">{header}<div className="card"><ErrorState error={list.error} onRetry={list.reload} /></div></div>;
  if (!list.data || !summary.data) return <div className="page">{header}<div className="card"><Loading height={320} label="Loading scenarios…" /></div></div>;
  if (!summary.data.period) {
    return (
      <div className="page">
        {header}
        <div className="card">
          <Empty title="No cost data to build on" action={<button type="button" className="btn primary" onClick={() => navigate('sources')}>Add data</button>}>
            A scenario changes the forecast of your spend, so it needs billing data first. Import an export or connect an account on the Sources page.
          </Empty>
        </div>
      </div>
    );
  }
  if (scenarios.length === 0) {
    return (
      <div className="page" data-testid="scenarios-page">
        {header}
        {editor ?? (
          <div className="card">
            <Empty title="No scenarios yet" action={<button type="button" className="btn primary" onClick={() => setEditing({ original: null })} data-testid="new-scenario">New scenario</button>}>
              Describe a change — growth from a date, a step up or down, a temporary peak, a price change or a new workload — and see its forecast next to today’s, with budgets.
            </Empty>
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="page" data-testid="scenarios-page">
      {header}
      {editor}
      {compared.length === 0 ? (
        <div className="card"><Empty title="Nothing to compare">Tick at least one saved scenario below to compare it with its baseline.</Empty></div>
      ) : (
        <Comparison names={compared} />
      )}
      <Card title="Saved scenarios" testId="scenario-list" actions={<span className="faint" style={{ fontSize: 12 }}>tick to compare (up to {MAX_COMPARED})</span>}>
        <ul className="scenario-list">
          {scenarios.map((s) => {
            const i = compared.indexOf(s.name);
            const on = i >= 0;
            return (
              <li key={s.name} data-testid="scenario-item" data-name={s.name}>
                <label className="scenario-check">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!on && compared.length >= MAX_COMPARED}
                    onChange={(e) => setHidden((h) => { const n = new Set(h); if (e.target.checked) n.delete(s.name); else n.add(s.name); return n; })}
                    aria-label={`Compare ${s.name}`}
                  />
                  <span className="swatch" style={{ background: on ? scenarioColor(i) : 'var(--border-strong)' }} aria-hidden="true" />
                </label>
                <div className="scenario-body">
                  <div className="scenario-name">{s.name} <span className="faint">· {scopeLabel(s.scope)} · {s.currency}</span></div>
                  <ul className="driver-list">{s.drivers.map((d) => <li key={d}>{describeDriver(d, s.currency)}</li>)}</ul>
                </div>
                <div className="toolbar">
                  <button type="button" className="btn small" onClick={() => setEditing({ original: s })} data-testid="edit-scenario" aria-label={`Edit ${s.name}`}>Edit</button>
                  <DeleteScenario name={s.name} />
                </div>
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}

/** Baselines vs scenarios over the next year: the chart, then totals and budgets per scenario. */
function Comparison({ names }: { readonly names: readonly string[] }) {
  const res = useCall('scenarios.compare', { names: [...names] });
  const results = res.data?.scenarios;
  /** One chart per currency, each with its own scenarios' monthly budgets; every scenario keeps its colour from the table. */
  const charts = useMemo(
    () => scenarioCharts((results ?? []).map((s): ScenarioChartSource => ({
      input: { name: s.name, baselineKey: `${s.currency}|${JSON.stringify([...s.scope].sort((a, b) => a.dimension.localeCompare(b.dimension)))}`, baselineLabel: scopeLabel(s.scope), months: s.months },
      currency: s.currency,
      budgets: s.budgets,
    }))),
    [results],
  );
  if (res.status === 'error') return <div className="card"><ErrorState title="Could not compare the scenarios: edit or untick the one named here" error={res.error} onRetry={res.reload} /></div>;
  if (!results || res.status === 'loading') return <div className="card" data-testid="comparison-loading"><p className="muted loading-note" aria-hidden="true">Forecasting the baseline and applying {names.length === 1 ? 'the scenario' : `${names.length} scenarios`} to every sample path…</p><Loading height={360} label={`Forecasting ${names.length} scenario${names.length === 1 ? '' : 's'}…`} /></div>;
  const first = results[0]!;
  /** Each currency's money in the totals table shares one format, set by that currency's largest figure. */
  const scaleOf = moneyScales(results, (s) => s.currency, (s) => [s.total.baseline.p90, s.total.scenario.p90]);
  return (
    <>
      {charts.map(({ currency: c, scenarios: these, budgets }) => {
        const partial = results.find((s) => s.currency === c)!.months.filter((m) => m.days < new Date(Date.UTC(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)), 0)).getUTCDate());
        return (
          <Card key={c} title={<>Monthly cost, baseline vs scenarios{charts.length > 1 ? ` · ${c}` : ''}</>} testId="scenario-comparison" actions={<span className="faint" style={{ fontSize: 12 }}>forecast from {formatDay(first.start)} · lines P50, shaded P10–P90</span>}>
            <ScenarioChart scenarios={these} budgets={budgets} currency={c} height={340} testId="scenario-chart" />
            {partial.length > 0 && <div className="faint" style={{ fontSize: 12, marginTop: 6 }}>Not drawn (partial months of the horizon): {partial.map((m) => `${formatMonth(`${m.month}-01`)}, ${m.days} days`).join('; ')} — they are in the totals below.</div>}
          </Card>
        );
      })}
      <Card title="Over the horizon" testId="scenario-totals" actions={<span className="faint" style={{ fontSize: 12 }}>{formatDay(first.start)} – {formatDay(addDays(first.end, -1))}</span>}>
        <div className="table-scroll">
          <table className="data wrap compact">
            <thead>
              <tr>
                <th>Scenario</th>
                <th>Scope</th>
                <th className="r">Baseline P50 <span className="faint">(P10–P90)</span></th>
                <th className="r">Scenario P50 <span className="faint">(P10–P90)</span></th>
                <th className="r">Change</th>
                <th>Model</th>
              </tr>
            </thead>
            <tbody>
              {results.map((s, i) => {
                const sc = scaleOf(s.currency);
                return (
                  <tr key={s.name} data-testid="scenario-total" data-name={s.name}>
                    <td><span className="swatch" style={{ background: scenarioColor(i) }} aria-hidden="true" />{s.name}</td>
                    <td>{scopeLabel(s.scope)}</td>
                    <td className="r">{money(s.total.baseline.p50, s.currency, sc)}<div className="faint sub">{money(s.total.baseline.p10, s.currency, sc)} – {money(s.total.baseline.p90, s.currency, sc)}</div></td>
                    <td className="r" data-testid="scenario-p50">{money(s.total.scenario.p50, s.currency, sc)}<div className="faint sub">{money(s.total.scenario.p10, s.currency, sc)} – {money(s.total.scenario.p90, s.currency, sc)}</div></td>
                    <td className={`r ${s.total.scenario.p50 > s.total.baseline.p50 ? 'up' : 'down'}`}>{money(s.total.scenario.p50 - s.total.baseline.p50, s.currency, sc, true)}<div className="faint sub" data-testid="scenario-change">{s.total.baseline.p50 === 0 ? '—' : formatChange(s.total.scenario.p50 / s.total.baseline.p50 - 1)}</div></td>
                    <td className="faint">{s.model}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {results.flatMap((s) => s.warnings.map((w) => ({ s: s.name, w }))).map(({ s, w }) => <div key={`${s}:${w}`} className="banner" style={{ marginTop: 10, marginBottom: 0 }}>{s}: {w}</div>)}
      </Card>
      <ScenarioBudgets results={results} />
    </>
  );
}

function money(v: number, currency: string, scale: number, signed = false): string {
  const text = formatMoney(v, currency, { scale });
  return signed && v > 0 ? `+${text}` : text;
}
