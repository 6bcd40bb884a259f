import type { ReactNode } from 'react';
import { type AnomalyView, daysBetween } from '../../../core/api';
import { Card } from '../../components/PageHeader';
import { dimensionLabel } from '../../lib/dimensions';
import { formatChange, formatDay, formatMoney, formatMonth, formatNumber, formatPercent } from '../../lib/format';
import { SeverityBadge, scopeText } from './parts';

const LABEL_TEXT = { expected: 'Expected', planned: 'Planned', incident: 'Incident' } as const;
/** Drivers shown (the service ranks them by contribution). */
const MAX_DRIVERS = 7;

/** One anomaly: the days, expected vs actual with its interval, impact, score, label and its effect on the month. */
export function AnomalyDetail({ a, labels }: { readonly a: AnomalyView; readonly labels?: ReactNode }) {
  const days = daysBetween(a.start, a.end) + 1;
  const ratio = a.expected === 0 ? undefined : a.impact / a.expected;
  const pi = a.period_impact;
  return (
    <Card title="This anomaly" testId="anomaly-detail">
      <dl className="facts">
        <dt>Scope</dt><dd>{scopeText(a.scope)}</dd>
        <dt>Days</dt><dd>{formatDay(a.start)}{days > 1 ? ` – ${formatDay(a.end)}` : ''} <span className="faint">({days} {days === 1 ? 'day' : 'days'})</span></dd>
        <dt>Expected</dt><dd>{formatMoney(a.expected, a.currency)} <span className="faint">(interval {formatMoney(a.interval.lower, a.currency)} – {formatMoney(a.interval.upper, a.currency)})</span></dd>
        <dt>Actual</dt><dd>{formatMoney(a.actual, a.currency)}</dd>
        <dt>Impact</dt><dd data-testid="anomaly-impact"><strong>{formatMoney(a.impact, a.currency)}</strong>{ratio !== undefined && <span className="faint"> ({formatChange(ratio)} vs expected)</span>}</dd>
        <dt>Severity</dt><dd><SeverityBadge severity={a.severity} /> <span className="faint">peak robust z {formatNumber(a.z, 1)}</span></dd>
        <dt>Label</dt><dd data-testid="anomaly-detail-label">{a.label ? LABEL_TEXT[a.label] : <span className="faint">not labelled yet</span>}</dd>
        <dt>{formatMonth(`${pi.period}-01`)}</dt>
        <dd data-testid="period-impact">
          <strong>{pi.delta >= 0 ? '+' : ''}{formatMoney(pi.delta, a.currency, { whole: true })}</strong> on the month’s {pi.open ? 'expected ' : ''}total
          <div className="faint">{formatMoney(pi.with, a.currency, { whole: true })} with it vs {formatMoney(pi.without, a.currency, { whole: true })} without · {formatMoney(pi.incurred, a.currency, { whole: true })} already incurred{pi.open ? ' · the rest of the month is forecast (P50)' : ''}</div>
        </dd>
      </dl>
      {labels && (
        <div className="detail-labels">
          <div className="kpi-label">What was it?</div>
          {labels}
          <div className="faint" style={{ fontSize: 12 }}>Expected: normal for the business · Planned: a change made on purpose · Incident: needs follow-up. Labelled days are left out when forecasts are trained; “Clear label” takes a label back.</div>
        </div>
      )}
    </Card>
  );
}

/** The root-cause drill-down: which account, region, service, SKU or tag values moved, largest contribution first. */
export function AnomalyDrivers({ a }: { readonly a: AnomalyView }) {
  return (
    <Card title="What moved" testId="anomaly-drivers-card" actions={<span className="faint" style={{ fontSize: 12 }}>vs the same weekday in the four weeks before</span>}>
      {a.drivers.length > 0 ? (
        <div className="drivers-drill" data-testid="anomaly-drivers">
          <table className="data">
            <tbody>
              {a.drivers.slice(0, MAX_DRIVERS).map((d) => (
                <tr key={`${d.dimension}=${d.value ?? ''}`} data-testid="anomaly-driver">
                  <td>
                    <div className="faint sub">{dimensionLabel(d.dimension)}</div>
                    <div className="driver-value" title={d.value ?? '(none)'}>{d.value ?? '(none)'}</div>
                  </td>
                  <td className="r amounts">{formatMoney(d.expected, a.currency, { whole: true })} → {formatMoney(d.actual, a.currency, { whole: true })}<div className={`sub ${d.impact > 0 ? 'up' : 'down'}`}>{d.impact > 0 ? '+' : ''}{formatMoney(d.impact, a.currency, { whole: true })}</div></td>
                  <td className="share-cell" aria-label={`${formatPercent(d.share)} of the change`}>
                    <div className="share-bar"><div style={{ width: `${Math.max(2, Math.min(100, d.share * 100))}%` }} /></div>
                    <div className="faint sub r">{formatPercent(d.share)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted" style={{ margin: 0 }}>No single account, region, service, SKU or tag value stands out: the change is spread across the scope.</p>
      )}
    </Card>
  );
}
