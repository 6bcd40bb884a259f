import { useState } from 'react';
import { daysBetween, DEFAULT_POOL_CURRENCY, type Day, type Res } from '../../../core/api';
import { useBridge } from '../../bridge';
import { CapacityChart } from '../../charts';
import { Card, PageHeader } from '../../components/PageHeader';
import { Segmented } from '../../components/Segmented';
import { Icon } from '../../components/icons';
import { Empty, ErrorState, Loading, Refreshing } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { downloadText } from '../../lib/csv';
import { formatDay, formatMoney, formatNumber, formatPercent } from '../../lib/format';

type Plan = Res<'capacity.plan'>['pools'][number];
type Horizon = '90' | '180' | '365';

/** When each capacity pool runs out (P10/P50/P90), when to order, how much to add, and scaling settings to apply. */
export function CapacityPage() {
  const [horizon, setHorizon] = useState<Horizon>('180');
  const pools = useCall('pools.list', {});
  const hasPools = (pools.data?.pools.length ?? 0) > 0;
  const plan = useCall('capacity.plan', hasPools ? { horizon_days: Number(horizon) } : null);
  const header = (
    <PageHeader title="Capacity" subtitle="Usage against capacity, with the date each pool crosses its target as a distribution">
      {plan.status === 'loading' && plan.data && <Refreshing label="Forecasting…" />}
      <Segmented label="Horizon" testId="capacity-horizon" value={horizon} onChange={setHorizon} options={[{ value: '90', label: '90 days' }, { value: '180', label: '180 days' }, { value: '365', label: '1 year' }]} />
    </PageHeader>
  );
  if (pools.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={pools.error} onRetry={pools.reload} /></div></div>;
  if (!pools.data) return <div className="page">{header}<div className="card"><Loading height={320} /></div></div>;
  if (!hasPools) {
    return (
      <div className="page">
        {header}
        <div className="card">
          <Empty title="No capacity pools yet">
            A pool ties a usage metric (CPU, vCPU quota, storage, requests) to its capacity, a target utilization and a lead time. Import a metric and add a pool with
            <code style={{ display: 'block', marginTop: 8 }}>headroom metrics import cpu.csv --name cpu --unit vCPU &amp;&amp; headroom pool add --name web --metric cpu --capacity 400 --target 0.8 --lead-time 14d</code>
          </Empty>
        </div>
      </div>
    );
  }
  return (
    <div className="page" data-testid="capacity-page">
      {header}
      {plan.status === 'error' ? <div className="card"><ErrorState error={plan.error} onRetry={plan.reload} /></div> : !plan.data ? <div className="card"><Loading height={360} label="Forecasting pools…" /></div> : (
        <div className="stack" aria-busy={plan.status === 'loading'} data-testid="capacity-plans">
          {plan.data.pools.map((p) => <PoolCard key={p.name} plan={p} horizon={Number(horizon)} />)}
        </div>
      )}
    </div>
  );
}

function PoolCard({ plan, horizon }: { readonly plan: Plan; readonly horizon: number }) {
  const bridge = useBridge();
  const [exportError, setExportError] = useState<Error | null>(null);
  const scaling = plan.recommendations.find((r) => r.kind === 'scaling');
  const add = plan.recommendations.find((r) => r.kind === 'add_capacity');
  const exportAs = async (format: 'tfvars' | 'hpa'): Promise<void> => {
    try {
      setExportError(null);
      const { text } = await bridge.call('capacity.export', { pool: plan.name, format, horizon_days: horizon });
      downloadText(`${plan.name}.${format === 'tfvars' ? 'auto.tfvars' : 'hpa-patch.yaml'}`, text, 'text/plain;charset=utf-8');
    } catch (e) {
      setExportError(e instanceof Error ? e : new Error(String(e)));
    }
  };
  /** An order-by date on or before the last day of data is already late (the CLI says "overdue" too). */
  const late = (day: string | null): number | null => (day !== null && day <= plan.as_of ? daysBetween(day as Day, plan.as_of) : null);
  const orderLate = late(plan.order_by);
  const addLate = add?.kind === 'add_capacity' ? late(add.order_by) : null;
  const status = plan.exhaustion.p50 ? <span className="badge bad">runs out {formatDay(plan.exhaustion.p50)}</span> : plan.exhaustion_probability > 0.1 ? <span className="badge warn">{formatPercent(plan.exhaustion_probability)} risk</span> : <span className="badge good">enough capacity</span>;
  return (
    <Card title={<>{plan.name} <span style={{ marginLeft: 8 }}>{status}</span></>} testId={`pool-${plan.name}`} actions={scaling && (
      <div className="toolbar">
        <button type="button" className="btn small" onClick={() => void exportAs('tfvars')}><Icon name="download" size={13} /> Terraform .tfvars</button>
        <button type="button" className="btn small" onClick={() => void exportAs('hpa')}><Icon name="download" size={13} /> HPA patch</button>
      </div>
    )}>
      <div className="grid two">
        <CapacityChart unit={plan.unit} history={plan.history} forecast={plan.forecast} schedule={plan.capacity_schedule} target={plan.target} exhaustion={plan.exhaustion} orderBy={plan.order_by} testId={`capacity-chart-${plan.name}`} />
        <div className="stack">
          <dl className="facts">
            <dt>Capacity</dt><dd>{formatNumber(plan.capacity)} {plan.unit} · target {formatPercent(plan.target)}</dd>
            <dt>Exhaustion P10 / P50 / P90</dt><dd data-testid="exhaustion">{[plan.exhaustion.p10, plan.exhaustion.p50, plan.exhaustion.p90].map((d) => (d ? formatDay(d) : 'beyond horizon')).join(' / ')}</dd>
            <dt>Chance within {plan.horizon_days} days</dt><dd>{formatPercent(plan.exhaustion_probability)}</dd>
            <dt>Order by</dt>
            <dd data-testid="order-by">
              {plan.order_by ? formatDay(plan.order_by) : '—'}
              {orderLate !== null && <> <span className="badge bad" data-testid="order-overdue">overdue{orderLate > 0 ? ` by ${orderLate} ${orderLate === 1 ? 'day' : 'days'}` : ''}</span></>}
              {' '}<span className="faint">(lead time {plan.lead_time_days} days)</span>
            </dd>
            <dt>Needed at {formatPercent(plan.service_level)} service level</dt><dd>{formatNumber(plan.needed_capacity)} {plan.unit}</dd>
            <dt>Model</dt><dd>{plan.forecast.model}</dd>
            {plan.forecast.calendar_effects.length > 0 && (() => {
              const top = plan.forecast.calendar_effects.reduce((a, b) => (b.factor > a.factor ? b : a));
              return (
                <>
                  <dt>Calendar effects</dt>
                  <dd data-testid="capacity-calendar" data-days={plan.forecast.calendar_effects.length}>
                    {plan.forecast.calendar_effects.length} holiday {plan.forecast.calendar_effects.length === 1 ? 'day' : 'days'} in the horizon, learned from past years; highest ×{top.factor.toFixed(2)} on {formatDay(top.day)} ({top.key}) <span className="faint">(holiday windows: Anomalies page)</span>
                  </dd>
                </>
              );
            })()}
          </dl>
          {add?.kind === 'add_capacity' && (
            <div className="banner" role="note" data-testid="add-capacity">
              Add {formatNumber(add.add)} {plan.unit}
              {add.order_by ? (addLate !== null ? ` now: the order-by date, ${formatDay(add.order_by)}, has passed` : ` by ${formatDay(add.order_by)}`) : ''}
              {add.monthly_cost !== null ? ` (≈ ${formatMoney(add.monthly_cost, add.currency ?? DEFAULT_POOL_CURRENCY)} per month)` : ''}. {sentence(add.reason)}
            </div>
          )}
          {scaling?.kind === 'scaling' && (
            <div className="muted" style={{ fontSize: 13 }}>
              {scaling.target === 'asg' ? 'Auto Scaling group' : 'HPA'} <strong>{scaling.resource}</strong>: min {scaling.min}, max {scaling.max}
              {scaling.scheduled.length > 0 && `, ${scaling.scheduled.length} scheduled ${scaling.scheduled.length === 1 ? 'action' : 'actions'} for known peaks`}
            </div>
          )}
          {plan.warnings.map((w) => <div key={w} className="faint" style={{ fontSize: 12 }}>⚠ {w}</div>)}
          {exportError && <div className="banner error">{exportError.message}</div>}
        </div>
      </div>
    </Card>
  );
}

/** The service's reason as a sentence of its own: capitalised (it is written to follow a colon in the CLI). */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
