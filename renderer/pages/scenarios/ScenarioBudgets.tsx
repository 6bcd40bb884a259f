import { addDays, type ScenarioResult } from '../../../core/api';
import { scenarioColor } from '../../charts';
import { Card } from '../../components/PageHeader';
import { formatDay, formatMoney, formatMonth, formatPercent, moneyScales } from '../../lib/format';

type Outcome = ScenarioResult['budgets'][number]['periods'][number]['baseline'];

const PERIOD = { month: 'Monthly', quarter: 'Quarterly', year: 'Yearly' } as const;

/** Each budget of the same scope and currency, per budget period in the horizon: chance of going over and likely breach, baseline → scenario. */
export function ScenarioBudgets({ results }: { readonly results: readonly ScenarioResult[] }) {
  const rows = results.flatMap((s, i) => s.budgets.flatMap((b) => b.periods.map((p) => ({ s, i, b, p }))));
  if (rows.length === 0) {
    const any = results.some((s) => s.budgets.length > 0);
    return (
      <Card title="Budgets" testId="scenario-budgets">
        <p className="muted" style={{ margin: 0 }}>
          {any ? 'The budgets of these scopes have no period that ends within the horizon.' : 'No budget covers the same scope and currency as these scenarios. Add one on the Budgets page to see each scenario’s chance of going over.'}
        </p>
      </Card>
    );
  }
  /** Each currency's money in the table shares one format, set by that currency's largest figure. */
  const scaleOf = moneyScales(rows, ({ s }) => s.currency, ({ b, p }) => [b.amount, p.scenario.forecast.p50, p.baseline.forecast.p50]);
  return (
    <Card title="Budgets: chance of going over" testId="scenario-budgets" actions={<span className="faint" style={{ fontSize: 12 }}>baseline → scenario, each from its own forecast paths</span>}>
      <div className="table-wrap" style={{ maxHeight: 420 }}>
        <table className="data wrap compact">
          <thead>
            <tr>
              <th>Scenario · budget</th>
              <th>Period</th>
              <th className="r">Forecast total P50 <span className="faint">(baseline)</span></th>
              <th className="r">Chance over <span className="faint">(baseline → scenario)</span></th>
              <th>Likely breach <span className="faint">(baseline)</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ s, i, b, p }) => (
              <tr key={`${s.name}:${b.name}:${p.period_start}`} data-testid="scenario-budget-row" data-scenario={s.name} data-budget={b.name}>
                <td>
                  <span className="swatch" style={{ background: scenarioColor(i) }} aria-hidden="true" />{s.name}
                  <div className="faint sub">{b.name} · {PERIOD[b.period]} {formatMoney(b.amount, s.currency, { scale: scaleOf(s.currency) })}</div>
                </td>
                <td>{b.period === 'month' ? formatMonth(p.period_start) : `${formatDay(p.period_start)} – ${formatDay(addDays(p.period_end, -1))}`}</td>
                <td className="r"><strong>{formatMoney(p.scenario.forecast.p50, s.currency, { scale: scaleOf(s.currency) })}</strong><div className="faint sub">{formatMoney(p.baseline.forecast.p50, s.currency, { scale: scaleOf(s.currency) })}</div></td>
                <td className="r" data-testid="scenario-budget-probability"><Chance o={p.baseline} /> → <Chance o={p.scenario} strong /></td>
                <td><strong>{breach(p.scenario)}</strong><div className="faint sub">{breach(p.baseline)}</div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function Chance({ o, strong = false }: { readonly o: Outcome; readonly strong?: boolean }) {
  const risk = o.probability_over >= 0.5 ? 'bad' : o.probability_over >= 0.1 ? 'warn' : 'good';
  return <span className={`badge ${risk}`} style={strong ? { fontWeight: 700 } : undefined}>{formatPercent(o.probability_over)}</span>;
}

const breach = (o: Outcome): string => (o.likely_breach_date ? formatDay(o.likely_breach_date) : 'none');
