import { type FormEvent, useId, useState } from 'react';
import { addDays, type Dimension, type Res } from '../../../core/api';
import { useBridge } from '../../bridge';
import { BurnChart } from '../../charts';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { Card, PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall, useDataVersion } from '../../hooks/useCall';
import { DIMENSIONS, dimensionLabel } from '../../lib/dimensions';
import { formatDay, formatMoney, formatPercent, moneyScale } from '../../lib/format';
import { useCurrency } from '../../hooks/useCurrency';

type Status = Res<'budgets.status'>['budgets'][number];

/** Budgets with actual to date, the forecast to period end (P10–P90) and the probability of going over. */
export function BudgetsPage() {
  const status = useCall('budgets.status', {});
  const [adding, setAdding] = useState(false);
  const header = (
    <PageHeader title="Budgets" subtitle="Will spend stay within budget, and how sure is that? Probabilities come from forecast sample paths.">
      {!adding && <button type="button" className="btn primary" onClick={() => setAdding(true)} data-testid="add-budget">New budget</button>}
    </PageHeader>
  );
  return (
    <div className="page" data-testid="budgets-page">
      {header}
      {adding && <Card title="New budget"><AddBudget onDone={() => setAdding(false)} /></Card>}
      {status.status === 'error' ? <div className="card"><ErrorState error={status.error} onRetry={status.reload} /></div> : !status.data ? <div className="card"><Loading height={200} label="Forecasting budgets…" /></div> : status.data.budgets.length === 0 ? (
        <div className="card"><Empty title="No budgets yet" action={!adding && <button type="button" className="btn primary" onClick={() => setAdding(true)}>New budget</button>}>Set a monthly, quarterly or yearly budget for all spend or one provider, account, service or tag value.</Empty></div>
      ) : (
        <div className="stack" style={{ marginTop: adding ? 14 : 0 }}>
          {status.data.budgets.map((b) => <BudgetRow key={b.name} b={b} />)}
        </div>
      )}
    </div>
  );
}

function BudgetRow({ b }: { readonly b: Status }) {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  const risk = b.probability_over >= 0.5 ? 'bad' : b.probability_over >= 0.1 ? 'warn' : 'good';
  const left = b.amount - b.actual;
  /** The card's money shares one format, set by its largest figure. */
  const money = (v: number): string => formatMoney(v, b.currency, { scale: moneyScale([b.amount, b.actual, b.forecast.p90]) });
  return (
    <Card
      title={<>{b.name} <span className={`badge ${risk}`} style={{ marginLeft: 8 }} data-testid="budget-probability">{formatPercent(b.probability_over)} chance over</span></>}
      testId={`budget-${b.name}`}
      actions={<ConfirmDelete name={b.name} testId="delete-budget" onDelete={async () => { await bridge.call('budgets.remove', { name: b.name }); bump(); }} />}
    >
      <div className="muted" style={{ fontSize: 13, marginBottom: 10 }}>
        {b.period === 'month' ? 'Monthly' : b.period === 'quarter' ? 'Quarterly' : 'Yearly'} · {formatDay(b.period_start)} – {formatDay(addDays(b.period_end, -1))} · {b.scope.length === 0 ? 'all spend' : b.scope.map((s) => `${dimensionLabel(s.dimension)} = ${s.value}`).join(', ')} · data through {formatDay(b.data_through)}
      </div>
      <div className="grid budget-grid">
        <BurnChart burn={b.burn} amount={b.amount} currency={b.currency} breach={b.likely_breach_date} height={230} testId="burn-chart" />
        <dl className="facts">
          <dt>Budget</dt><dd>{money(b.amount)}</dd>
          <dt>Actual to date</dt><dd data-testid="budget-actual">{money(b.actual)} <span className="faint">({formatPercent(b.actual / b.amount)} used{left > 0 ? `, ${money(left)} left` : ''})</span></dd>
          <dt>Forecast at period end</dt><dd data-testid="budget-forecast">{money(b.forecast.p50)}<div className="faint">P10 {money(b.forecast.p10)} – P90 {money(b.forecast.p90)}</div></dd>
          <dt>Chance of going over</dt><dd><strong>{formatPercent(b.probability_over)}</strong></dd>
          <dt>Likely breach</dt><dd data-testid="budget-breach">{b.likely_breach_date ? formatDay(b.likely_breach_date) : 'not likely this period'}</dd>
        </dl>
      </div>
      <div className="faint model-note" title={b.model}>Forecast model: {b.model}</div>
      {b.warnings.map((w) => <div key={w} className="banner" style={{ marginTop: 10, marginBottom: 0 }}>{w}</div>)}
    </Card>
  );
}

function AddBudget({ onDone }: { readonly onDone: () => void }) {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  const summary = useCall('summary', {});
  const [form, setForm] = useState({ name: '', amount: '', period: 'month' as 'month' | 'quarter' | 'year', currency: null as string | null, dimension: '' as Dimension | '', value: '' });
  /** Until the user types one, the currency is the one the Overview shows (the user's choice there, else the largest). */
  const shown = useCurrency(summary.data?.totals).currency;
  const currency = form.currency ?? shown ?? 'USD';
  // The scope's values with spend in the budget's currency, offered as the user types (as on the Scenarios form).
  const id = useId();
  const dimension = form.dimension;
  const values = useCall('summary', dimension ? { by: [dimension] } : null);
  const options = dimension ? [...new Set((values.data?.groups ?? []).filter((g) => g.currency === currency.trim().toUpperCase()).map((g) => g.group[dimension] ?? '').filter((v) => v !== ''))].sort() : [];
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      const scope = form.dimension && form.value.trim() ? [{ dimension: form.dimension, value: form.value.trim() }] : [];
      await bridge.call('budgets.add', { budget: { name: form.name.trim(), amount: Number(form.amount), period: form.period, currency: currency.trim().toUpperCase(), scope } });
      bump();
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" data-testid="budget-form">
      <div className="toolbar" style={{ alignItems: 'flex-end', gap: 12 }}>
        <label className="field">Name<input className="input" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Cloud total" /></label>
        <label className="field">Amount<input className="input" required type="number" min="0.01" step="any" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} /></label>
        <label className="field">Currency<input className="input" required value={currency} maxLength={3} style={{ width: 70 }} onChange={(e) => setForm({ ...form, currency: e.target.value })} /></label>
        <label className="field">Period<select className="select" value={form.period} onChange={(e) => setForm({ ...form, period: e.target.value as typeof form.period })}><option value="month">Monthly</option><option value="quarter">Quarterly</option><option value="year">Yearly</option></select></label>
        <label className="field">Scope<select className="select" value={form.dimension} onChange={(e) => setForm({ ...form, dimension: e.target.value as Dimension | '', value: '' })}><option value="">All spend</option>{DIMENSIONS.map((d) => <option key={d} value={d}>{dimensionLabel(d)}</option>)}</select></label>
        {form.dimension && (
          <label className="field">
            Value
            <input className="input" required list={`${id}-values`} value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} style={{ minWidth: 240 }} data-testid="budget-scope-value" />
            <datalist id={`${id}-values`} data-testid="budget-scope-values">{options.map((o) => <option key={o} value={o} />)}</datalist>
          </label>
        )}
        <button type="submit" className="btn primary">Save budget</button>
        <button type="button" className="btn ghost" onClick={onDone}>Cancel</button>
      </div>
      {error && <div className="banner error" role="alert">{error.message}</div>}
    </form>
  );
}
