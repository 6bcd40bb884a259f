import { useState } from 'react';

/** Delete with a second click to confirm (no modal dialog); Escape or "Keep" backs out. */
export function ConfirmDelete({ name, onDelete, testId }: { readonly name: string; readonly onDelete: () => Promise<void>; readonly testId?: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) return <button type="button" className="btn small ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`} data-testid={testId}>Delete</button>;
  return (
    <span className="toolbar" onKeyDown={(e) => { if (e.key === 'Escape') setConfirming(false); }}>
      <button
        type="button"
        className="btn small danger"
        autoFocus
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={async () => {
          try {
            setError(null);
            await onDelete();
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        Delete “{name}”
      </button>
      <button type="button" className="btn small ghost" onClick={() => setConfirming(false)}>Keep</button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
}
