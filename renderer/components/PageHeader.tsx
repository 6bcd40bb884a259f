import { type ReactNode, useEffect, useRef } from 'react';

/** Page title (focused on navigation so screen readers and keyboard users land on it), subtitle and actions. */
export function PageHeader({ title, subtitle, children }: { readonly title: string; readonly subtitle?: ReactNode; readonly children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <header className="page-header">
      <div className="titles">
        <h1 tabIndex={-1} ref={ref} style={{ outline: 'none' }}>
          {title}
        </h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      {children && <div className="toolbar">{children}</div>}
    </header>
  );
}

export function Card({ title, actions, children, testId, className }: { readonly title?: ReactNode; readonly actions?: ReactNode; readonly children: ReactNode; readonly testId?: string; readonly className?: string }) {
  return (
    <section className={`card ${className ?? ''}`} data-testid={testId}>
      {(title || actions) && (
        <div className="card-head">
          {title && <h2 className="grow">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Delta({ ratio, invert = false }: { readonly ratio: number | undefined; readonly invert?: boolean }) {
  if (ratio === undefined || !Number.isFinite(ratio)) return <span className="delta flat">new</span>;
  const pct = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(ratio);
  // For costs, up is bad (red) and down is good (green); `invert` flips that.
  const cls = Math.abs(ratio) < 0.005 ? 'flat' : (ratio > 0) !== invert ? 'up' : 'down';
  return <span className={`delta ${cls}`}>{pct}</span>;
}
