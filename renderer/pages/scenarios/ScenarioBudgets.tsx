import type { ScenarioResult } from '../../../core/api';
import { Card } from '../../components/PageHeader';
import { formatMoney } from '../../lib/format';

const PERIOD = { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' } as const;

/** Budgets saved for the same scope and currency as each scenario (monthly ones are drawn on the chart). */
export function ScenarioBudgets({ results }: { readonly results: readonly ScenarioResult[] }) {
  const rows = results.flatMap((s) => s.budgets.map((b) => ({ s, b })));
  if (rows.length === 0) {
    return (
      <Card title="Budgets" testId="scenario-budgets">
        <p className="muted" style={{ margin: 0 }}>No budget covers the same scope and currency as these scenarios. Add one on the Budgets page to see it here.</p>
      </Card>
    );
  }
  return (
    <Card title="Budgets for the same scope" testId="scenario-budgets">
      <table className="data">
        <thead><tr><th>Scenario</th><th>Budget</th><th>Period</th><th className="r">Amount</th></tr></thead>
        <tbody>
          {rows.map(({ s, b }) => (
            <tr key={`${s.name}:${b.name}`}><td>{s.name}</td><td>{b.name}</td><td>{PERIOD[b.period]}</td><td className="r">{formatMoney(b.amount, s.currency, { whole: true })}</td></tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
