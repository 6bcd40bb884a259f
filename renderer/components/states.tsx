import type { ReactNode } from 'react';
import { Icon } from './icons';

/** Placeholder blocks while data loads (keeps the layout steady). */
export function Loading({ label = 'Loading…', height = 240 }: { readonly label?: string; readonly height?: number }) {
  return (
    <div role="status" aria-live="polite" data-testid="loading">
      <span className="sr-only">{label}</span>
      <div className="skeleton" style={{ height }} />
    </div>
  );
}

/**
 * New figures are on their way (a control changed): shown beside the control while the previous
 * figures stay on the page, dimmed by `aria-busy` on their container, so they are not read as the
 * answer to the new choice.
 */
export function Refreshing({ label = 'Updating…' }: { readonly label?: string }) {
  return <span className="refreshing" role="status" data-testid="refreshing">{label}</span>;
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ title, children, action }: { readonly title: string; readonly children?: ReactNode; readonly action?: ReactNode }) {
  return (
    <div className="state" data-testid="empty">
      <div className="icon"><Icon name="empty" size={20} /></div>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

/** A failed call: its message (which says what to do) and a retry. */
export function ErrorState({ error, onRetry, title = 'Could not load this view' }: { readonly error: unknown; readonly onRetry?: () => void; readonly title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state error" role="alert" data-testid="error">
      <div className="icon"><Icon name="alert" size={20} /></div>
      <h2>{title}</h2>
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          <Icon name="refresh" size={14} /> Try again
        </button>
      )}
    </div>
  );
}
