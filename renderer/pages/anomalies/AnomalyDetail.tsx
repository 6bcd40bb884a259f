import type { AnomalyView } from '../../../core/api';
import { daysBetween } from '../../../core/lib';
import { Card } from '../../components/PageHeader';
import { formatChange, formatDay, formatMoney, formatNumber } from '../../lib/format';
import { SeverityBadge, scopeText } from './parts';

const LABEL_TEXT = { expected: 'Expected', planned: 'Planned', incident: 'Incident' } as const;

/** What the detector found for one anomaly: the days, expected vs actual with its interval, impact, score and label. */
export function AnomalyDetail({ a }: { readonly a: AnomalyView }) {
  const days = daysBetween(a.start, a.end) + 1;
  const ratio = a.expected === 0 ? undefined : a.impact / a.expected;
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
      </dl>
      <p className="faint" style={{ fontSize: 12, margin: '12px 0 0' }}>
        Expected is the sum of the fitted trend and weekly/yearly cycles over these days; a day is flagged when what is left over is far outside its usual spread (robust z).
      </p>
    </Card>
  );
}
