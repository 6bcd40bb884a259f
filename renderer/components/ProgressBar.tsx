import type { Progress } from '../../core/api';
import { formatNumber } from '../lib/format';

/** A determinate bar when the total is known, else an indeterminate one; with the phase and counts. */
export function ProgressBar({ progress, label, onCancel, testId }: { readonly progress: Progress | undefined; readonly label: string; readonly onCancel?: () => void; readonly testId?: string }) {
  const total = progress?.total;
  const pct = total && total > 0 ? Math.min(100, (100 * (progress?.done ?? 0)) / total) : undefined;
  return (
    <div data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <div style={{ display: 'flex', gap: 10, alignItems: 'center', fontSize: 13 }}>
        <span style={{ fontWeight: 500 }}>{label}</span>
        <span className="faint" style={{ flex: 1 }}>
          {progress?.message ?? progress?.phase ?? 'Starting…'}
          {progress && total !== undefined ? ` · ${formatNumber(progress.done, 0)} of ${formatNumber(total, 0)}` : progress && progress.done > 0 ? ` · ${formatNumber(progress.done, 0)}` : ''}
        </span>
        {onCancel && (
          <button type="button" className="btn small" onClick={onCancel} data-testid={testId ? `${testId}-cancel` : undefined}>
            Cancel
          </button>
        )}
      </div>
      <div className={`progress ${pct === undefined ? 'indeterminate' : ''}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct === undefined ? undefined : Math.round(pct)}>
        <div style={pct === undefined ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
