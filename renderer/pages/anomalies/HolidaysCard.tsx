import { type FormEvent, useState } from 'react';
import type { HolidaysView, HolidayWindowView } from '../../../core/api';
import { useBridge } from '../../bridge';
import { Card } from '../../components/PageHeader';
import { ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { formatDay } from '../../lib/format';

interface Draft {
  readonly presets: readonly string[];
  /** `key` only tells React the rows apart. */
  readonly windows: readonly (HolidayWindowView & { readonly key: number })[];
}

const DEFAULT_PRESETS = ['us-retail'];
let nextKey = 1;
const toDraft = (v: Pick<HolidaysView, 'presets' | 'windows'>): Draft => ({ presets: [...v.presets], windows: v.windows.map((w) => ({ ...w, key: nextKey++ })) });

/**
 * The holiday calendar of the scan and of cost forecasts: spikes whose days all fall in one of its
 * windows are calendar effects, not anomalies, and forecasts estimate each window day's effect
 * (core/forecast/calendar.ts). Shows the presets, the user's windows and the windows of last year to next
 * year; Edit changes them (the service checks them and names the field at fault), then the list is
 * scanned again (`onSaved`).
 */
export function HolidaysCard({ onSaved }: { readonly onSaved: () => void }) {
  const bridge = useBridge();
  const cal = useCall('anomalies.holidays', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (next: Draft): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      await bridge.call('anomalies.set_holidays', { presets: [...next.presets], windows: next.windows.map(({ name, from, to }) => ({ name, from, to })) });
      setDraft(null);
      cal.reload();
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (draft) void save(draft);
  };

  const v = cal.data;
  const names = (ids: readonly string[]): string => (ids.length === 0 ? 'none' : ids.map((id) => v?.available.find((p) => p.id === id)?.name ?? id).join(', '));
  const actions = v && !draft ? <button type="button" className="btn small" onClick={() => { setError(null); setDraft(toDraft(v)); }} data-testid="holidays-edit">Edit</button> : undefined;
  return (
    <Card title="Holiday windows" testId="holidays-card" actions={actions}>
      {cal.status === 'error' && !v ? <ErrorState error={cal.error} onRetry={cal.reload} /> : !v ? <Loading height={80} /> : draft === null ? (
        <>
          <p className="muted" style={{ marginTop: 0 }} data-testid="holidays-summary">
            Spikes that fall entirely in these windows are treated as calendar effects, not anomalies, and cost forecasts learn each window day's effect from past years (Black Friday, Christmas) and carry it ahead. Presets: <strong>{names(v.presets)}</strong>{v.is_default ? ' (the default)' : ''} · your windows: <strong>{v.windows.length === 0 ? 'none' : v.windows.map((w) => `${w.name} (${w.from} – ${w.to})`).join(', ')}</strong>.
          </p>
          {v.occurrences.length > 0 ? (
            <div className="table-wrap" style={{ maxHeight: 220, overflowY: 'auto' }}>
              <table className="data" data-testid="holiday-occurrences">
                <thead><tr><th>Window</th><th>From</th><th>To</th><th>Source</th></tr></thead>
                <tbody>
                  {v.occurrences.map((o) => (
                    <tr key={`${o.name}|${o.start}`} data-testid="holiday-occurrence" data-name={o.name} data-start={o.start}>
                      <td>{o.name}</td>
                      <td className="num">{formatDay(o.start)}</td>
                      <td className="num">{formatDay(o.end)}</td>
                      <td className="faint">{o.source === 'custom' ? 'yours' : names([o.source])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="faint" style={{ marginBottom: 0 }}>No holiday windows: every spike is judged on its own.</p>
          )}
        </>
      ) : (
        <form className="stack" onSubmit={submit} data-testid="holidays-form">
          <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 6 }}>
            <legend className="kpi-label">Presets (computed every year)</legend>
            {v.available.map((p) => (
              <label key={p.id} className="toolbar" style={{ gap: 8 }}>
                <input
                  type="checkbox"
                  checked={draft.presets.includes(p.id)}
                  onChange={(e) => setDraft({ ...draft, presets: e.target.checked ? [...draft.presets, p.id] : draft.presets.filter((x) => x !== p.id) })}
                  data-testid={`holiday-preset-${p.id}`}
                />
                <span><strong>{p.name}</strong> <span className="faint">— {p.description}</span></span>
              </label>
            ))}
          </fieldset>
          <div className="stack" style={{ gap: 6 }}>
            <div className="kpi-label">Your windows <span className="faint">(MM-DD every year, e.g. 03-10 to 03-20; or YYYY-MM-DD once, e.g. a code freeze)</span></div>
            {draft.windows.length === 0 && <div className="faint">None yet.</div>}
            {draft.windows.map((w, i) => {
              const set = (patch: Partial<HolidayWindowView>): void => setDraft({ ...draft, windows: draft.windows.map((x) => (x.key === w.key ? { ...x, ...patch } : x)) });
              return (
                <div key={w.key} className="toolbar" style={{ alignItems: 'flex-end', gap: 10 }} data-testid="holiday-window-row">
                  <label className="field">Name<input className="input" value={w.name} onChange={(e) => set({ name: e.target.value })} placeholder="Spring sale" data-testid="holiday-window-name" aria-label={`Window ${i + 1}: name`} /></label>
                  <label className="field">From<input className="input" value={w.from} onChange={(e) => set({ from: e.target.value })} placeholder="03-10" style={{ width: 120 }} data-testid="holiday-window-from" aria-label={`Window ${i + 1}: first day`} /></label>
                  <label className="field">To<input className="input" value={w.to} onChange={(e) => set({ to: e.target.value })} placeholder="03-20" style={{ width: 120 }} data-testid="holiday-window-to" aria-label={`Window ${i + 1}: last day`} /></label>
                  <button type="button" className="btn small ghost" onClick={() => setDraft({ ...draft, windows: draft.windows.filter((x) => x.key !== w.key) })} data-testid="holiday-window-remove" aria-label={`Remove window ${w.name || i + 1}`}>Remove</button>
                </div>
              );
            })}
            <div><button type="button" className="btn small" onClick={() => setDraft({ ...draft, windows: [...draft.windows, { name: '', from: '', to: '', key: nextKey++ }] })} data-testid="holiday-window-add">Add window</button></div>
          </div>
          {error && <div className="banner error" role="alert" data-testid="holidays-error">{error}</div>}
          <div className="toolbar">
            <button type="submit" className="btn primary" disabled={saving} data-testid="holidays-save">{saving ? 'Saving…' : 'Save and rescan'}</button>
            <button type="button" className="btn" disabled={saving} onClick={() => void save({ presets: DEFAULT_PRESETS, windows: [] })} data-testid="holidays-reset">Back to the default</button>
            <button type="button" className="btn ghost" disabled={saving} onClick={() => { setDraft(null); setError(null); }}>Cancel</button>
          </div>
        </form>
      )}
    </Card>
  );
}
