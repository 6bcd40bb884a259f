import { useState } from 'react';
import { useBridge } from '../../bridge';
import { useDataVersion } from '../../hooks/useCall';

/** Delete with a second click to confirm (no modal dialog); Escape or "Keep" backs out. */
export function DeleteScenario({ name }: { readonly name: string }) {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) return <button type="button" className="btn small ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>Delete</button>;
  return (
    <span className="toolbar" onKeyDown={(e) => { if (e.key === 'Escape') setConfirming(false); }}>
      <button
        type="button"
        className="btn small danger"
        autoFocus
        onClick={async () => {
          try {
            await bridge.call('scenarios.remove', { name });
            bump();
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
