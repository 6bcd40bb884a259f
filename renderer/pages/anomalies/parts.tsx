import type { AnomalyView, Day } from '../../../core/api';
import { SEVERITY_COLOR } from '../../charts';
import { dimensionLabel } from '../../lib/dimensions';

/** The same key the service stores labels under: start day and the scope's conditions in a fixed order. */
export const anomalyId = (a: Pick<AnomalyView, 'start' | 'scope'>): string =>
  `${a.start}|${Object.keys(a.scope).sort().map((k) => `${k}=${a.scope[k]}`).join(',')}`;
export const scopeId = (a: Pick<AnomalyView, 'scope'>): string => anomalyId({ start: '' as Day, scope: a.scope });

/** Whether two anomalies lie on the same daily series (same scope and currency): the chart of one marks the others. */
export const sameSeries = (a: Pick<AnomalyView, 'scope' | 'currency'>, b: Pick<AnomalyView, 'scope' | 'currency'>): boolean => a.currency === b.currency && scopeId(a) === scopeId(b);

export function scopeText(scope: Readonly<Record<string, string>>): string {
  return Object.entries(scope).map(([d, v]) => `${dimensionLabel(d)}: ${v}`).join(' · ');
}

export function SeverityBadge({ severity }: { readonly severity: AnomalyView['severity'] }) {
  return (
    <span className="badge severity" data-severity={severity}>
      <span className="swatch" style={{ background: SEVERITY_COLOR[severity], marginRight: 5 }} aria-hidden="true" />
      {severity === 'high' ? 'High' : severity === 'medium' ? 'Medium' : 'Low'}
    </span>
  );
}

