import { useState } from 'react';
import { SavingsChart } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { Segmented } from '../../components/Segmented';
import { Empty, ErrorState, Loading, Refreshing } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { formatDay, formatMoney, formatPercent, moneyScale } from '../../lib/format';

/** Commitment sizing from the forecast distribution, against the trailing-30-day method, and the cliffs where commitments expire. */
export function CommitmentsPage() {
  const [term, setTerm] = useState<'1y' | '3y'>('1y');
  const plan = useCall('commitments.plan', { term });
  const header = (
    <PageHeader title="Commitments" subtitle="Savings Plans, reservations and CUDs sized from the forecast, with a savings band">
      {plan.status === 'loading' && plan.data && <Refreshing label="Sizing…" />}
      <Segmented label="Term" testId="commitment-term" value={term} onChange={setTerm} options={[{ value: '1y', label: '1 year' }, { value: '3y', label: '3 years' }]} />
    </PageHeader>
  );
  if (plan.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={plan.error} onRetry={plan.reload} /></div></div>;
  if (!plan.data) return <div className="page">{header}<div className="card"><Loading height={300} label="Sizing commitments…" /></div></div>;
  const recs = plan.data.recommendations;
  /** Each billing currency's scopes, in the plan's order: amounts in different currencies are never drawn on one axis. */
  const currencies = [...new Set(recs.map((r) => r.currency))];
  /** A currency's savings share one money format, set by its largest; commitments per hour are rates: the minor unit and one digit more (formatMoney's `rate`). */
  const scales = new Map(currencies.map((c) => [c, moneyScale(recs.filter((r) => r.currency === c).map((r) => r.expected_savings.p90))]));
  const scaleOf = (currency: string): number => scales.get(currency) ?? 0;
  return (
    <div className="page" data-testid="commitments-page">
      {header}
      {plan.data.notes.length > 0 && <div className="banner" role="note">{plan.data.notes.join(' ')}</div>}
      {recs.length === 0 ? (
        <div className="card"><Empty title="No commitment-eligible usage">Headroom sizes commitments from usage-based compute, database and similar spend; import billing data with that usage first.</Empty></div>
      ) : (
        <div className="stack" aria-busy={plan.status === 'loading'} data-testid="commitment-plans">
          {currencies.map((currency) => (
            <Card key={currency} title={currencies.length > 1 ? `Expected savings over the term · ${currency}` : 'Expected savings over the term'} testId="savings-card" actions={<span className="faint" style={{ fontSize: 12 }}>median (P50) savings; hover for the P10–P90 band</span>}>
              <SavingsChart rows={recs.filter((r) => r.currency === currency).map((r) => ({ scope: r.scope, forecast: r.expected_savings, trailing: r.trailing_30d_savings }))} currency={currency} testId="savings-chart" />
            </Card>
          ))}
          <Card title="Recommendations" testId="commitment-table">
            <div className="table-wrap">
              <table className="data compact">
                <thead>
                  <tr>
                    <th>Scope</th>
                    <th className="r">Commit per hour</th>
                    <th className="r">Savings P50 <span className="faint">(P10 – P90)</span></th>
                    <th className="r">Break-even use</th>
                    <th className="r">Expected use</th>
                    <th className="r">Trailing-30d commit</th>
                    <th className="r">Current coverage</th>
                  </tr>
                </thead>
                <tbody>
                  {recs.map((r) => (
                    <tr key={r.scope} data-testid="commitment-row" data-scope={r.scope}>
                      <td className="scope-cell">{r.scope}<div className="faint" style={{ fontSize: 12 }}>{r.term} · {formatPercent(r.discount)} discount · {r.model}</div></td>
                      <td className="r" style={{ fontWeight: 600 }} data-testid="commit-per-hour">{formatMoney(r.hourly_commitment, r.currency, { rate: true })}</td>
                      <td className="r" data-testid="savings-band">{formatMoney(r.expected_savings.p50, r.currency, { scale: scaleOf(r.currency) })}<div className="faint sub">{formatMoney(r.expected_savings.p10, r.currency, { scale: scaleOf(r.currency) })} – {formatMoney(r.expected_savings.p90, r.currency, { scale: scaleOf(r.currency) })}</div></td>
                      <td className="r">{formatPercent(r.break_even_utilization)}</td>
                      <td className="r">{formatPercent(r.expected_utilization)}</td>
                      <td className="r">{formatMoney(r.trailing_30d_commitment, r.currency, { rate: true })}</td>
                      <td className="r">{r.current_coverage === null ? '—' : formatPercent(r.current_coverage)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
          <Card title="Expiring commitments" testId="expiring">
            {plan.data.expiring.length === 0 ? <p className="muted" style={{ margin: 0 }}>No existing commitment expires within the term.</p> : (
              <div className="table-wrap"><table className="data wrap">
                <thead><tr><th>Expires</th><th>Commitment</th><th>Scope</th><th className="r">Covered per hour</th><th className="r">Cost added per hour</th></tr></thead>
                <tbody>
                  {plan.data.expiring.map((e) => (
                    <tr key={e.commitment_id} data-testid="expiring-row" data-scope={e.scope}><td>{formatDay(e.expires)}</td><td>{e.type} <span className="faint id-text">{e.commitment_id}</span></td><td>{e.scope}</td><td className="r" data-testid="covered-per-hour">{formatMoney(e.covered_per_hour, e.currency, { rate: true })}</td><td className="r" style={{ color: 'var(--bad)' }}>+{formatMoney(e.added_cost_per_hour, e.currency, { rate: true })}</td></tr>
                  ))}
                </tbody>
              </table></div>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
