import type { ReactNode } from 'react';
import { type AnomalyView, daysBetween } from '../../../core/api';
import { Card } from '../../components/PageHeader';
import { dimensionLabel } from '../../lib/dimensions';
import { formatChange, formatDay, formatMoney, formatMonth, formatNumber, formatPercent, moneyScale } from '../../lib/format';
import { SeverityBadge, scopeText } from './parts';

const LABEL_TEXT = { expected: 'Expected', planned: 'Planned', incident: 'Incident' } as const;
/** Drivers shown (the service ranks them by contribution). */
const MAX_DRIVERS = 7;

/** The largest of an anomaly's figures (days, month impact, the drivers shown): its page shares one money format, set by the largest. */
export function anomalyScale(a: AnomalyView): number {
  const pi = a.period_impact;
  return moneyScale([a.expected, a.interval.lower, a.interval.upper, a.actual, a.impact, pi.delta, pi.with, pi.without, pi.incurred, ...a.drivers.slice(0, MAX_DRIVERS).flatMap((d) => [d.expected, d.actual, d.impact])]);
}

/** One anomaly: the days, expected vs actual with its interval, impact, score, label and its effect on the month. */
export function AnomalyDetail({ a, scale, labels }: { readonly a: AnomalyView; readonly scale: number; readonly labels?: ReactNode }) {
  const days = daysBetween(a.start, a.end) + 1;
  const ratio = a.expected === 0 ? undefined : a.impact / a.expected;
  const pi = a.period_impact;
  const money = (v: number): string => formatMoney(v, a.currency, { scale });
  return (
    <Card title="This anomaly" testId="anomaly-detail">
      <dl className="facts">
        <dt>Scope</dt><dd>{scopeText(a.scope)}</dd>
        <dt>Days</dt><dd>{formatDay(a.start)}{days > 1 ? ` – ${formatDay(a.end)}` : ''} <span className="faint">({days} {days === 1 ? 'day' : 'days'})</span></dd>
        <dt>Expected</dt><dd>{money(a.expected)} <span className="faint">(interval {money(a.interval.lower)} – {money(a.interval.upper)})</span></dd>
        <dt>Actual</dt><dd>{money(a.actual)}</dd>
        <dt>Impact</dt><dd data-testid="anomaly-impact"><strong>{money(a.impact)}</strong>{ratio !== undefined && <span className="faint"> ({formatChange(ratio)} vs expected)</span>}</dd>
        <dt>Severity</dt><dd><SeverityBadge severity={a.severity} /> <span className="faint">peak robust z {formatNumber(a.z, 1)}</span></dd>
        <dt>Label</dt><dd data-testid="anomaly-detail-label">{a.label ? LABEL_TEXT[a.label] : <span className="faint">not labelled yet</span>}</dd>
        <dt>{formatMonth(`${pi.period}-01`)}</dt>
        <dd data-testid="period-impact">
          <strong>{pi.delta >= 0 ? '+' : ''}{money(pi.delta)}</strong> on the month’s {pi.open ? 'expected ' : ''}total
          <div className="faint">{money(pi.with)} with it vs {money(pi.without)} without · {money(pi.incurred)} already incurred{pi.open ? ' · the rest of the month is forecast (P50)' : ''}</div>
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
export function AnomalyDrivers({ a, scale }: { readonly a: AnomalyView; readonly scale: number }) {
  const shown = a.drivers.slice(0, MAX_DRIVERS);
  const money = (v: number): string => formatMoney(v, a.currency, { scale });
  return (
    <Card title="What moved" testId="anomaly-drivers-card" actions={<span className="faint" style={{ fontSize: 12 }}>vs the same weekday in the four weeks before</span>}>
      {a.drivers.length > 0 ? (
        <div className="drivers-drill" data-testid="anomaly-drivers">
          <table className="data">
            <tbody>
              {shown.map((d) => (
                <tr key={`${d.dimension}=${d.value ?? ''}`} data-testid="anomaly-driver">
                  <td>
                    <div className="faint sub">{dimensionLabel(d.dimension)}</div>
                    <div className="driver-value" title={d.value ?? '(none)'}>{d.value ?? '(none)'}</div>
                  </td>
                  <td className="r amounts">{money(d.expected)} → {money(d.actual)}<div className={`sub ${d.impact > 0 ? 'up' : 'down'}`}>{d.impact > 0 ? '+' : ''}{money(d.impact)}</div></td>
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
