import { type FormEvent, useCallback, useState } from 'react';
import type { Req, Res } from '../../../core/api';
import { useBridge } from '../../bridge';
import { Card } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorState } from '../../components/states';
import { useCall, useDataVersion } from '../../hooks/useCall';
import { useJob } from '../../hooks/useJob';
import { formatDay, formatMoney, formatNumber } from '../../lib/format';

type CloudKind = 'aws' | 'azure' | 'gcp';
const CLOUD_LABEL: Record<CloudKind, string> = { aws: 'AWS Cost Explorer', azure: 'Azure Cost Management', gcp: 'Google Cloud BigQuery export' };
const isCloud = (k: string): k is CloudKind => k === 'aws' || k === 'azure' || k === 'gcp';

/** Cloud connections: add one (non-secret settings; credentials come from each SDK's own chain), sync with progress and cancel. */
export function CloudPanel() {
  const sources = useCall('sources.list', {});
  const clouds = (sources.data?.sources ?? []).filter((s) => isCloud(s.kind));
  const [adding, setAdding] = useState(false);
  return (
    <Card title="Cloud connections" testId="cloud-panel" actions={!adding && <button type="button" className="btn" onClick={() => setAdding(true)} data-testid="add-connection">Add connection</button>}>
      {adding && <AddConnection onDone={() => { setAdding(false); sources.reload(); }} />}
      {sources.status === 'error' && <ErrorState error={sources.error} onRetry={sources.reload} />}
      {clouds.length === 0 && !adding && (
        <p className="muted" style={{ margin: 0 }}>
          No cloud account connected. Connect AWS, Azure or Google Cloud to keep billing data current; Headroom reads credentials from the provider's usual place (AWS profiles, Azure CLI or environment, Google application default credentials) and never stores secrets in its data folder.
        </p>
      )}
      {clouds.length > 0 && (
        <div className="stack">
          {clouds.map((s) => (
            <CloudRow key={s.id} name={s.name} kind={s.kind as CloudKind} settings={s.settings} />
          ))}
        </div>
      )}
    </Card>
  );
}

function CloudRow({ name, kind, settings }: { readonly name: string; readonly kind: CloudKind; readonly settings: Readonly<Record<string, unknown>> }) {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  const job = useJob(
    useCallback(
      async (signal: AbortSignal, onProgress: Parameters<Parameters<typeof useJob>[0]>[1], dryRun: boolean): Promise<{ dryRun: boolean; report: Res<'sync.run'> }> => {
        const report = await bridge.call('sync.run', { provider: kind, source: name, ...(dryRun ? { dryRun } : {}) }, { signal, onProgress });
        if (!dryRun) bump();
        return { dryRun, report };
      },
      [bridge, bump, kind, name],
    ),
  );
  const running = job.state.status === 'running';
  const detail = Object.entries(settings).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => `${k}: ${String(v)}`).join(' · ');
  return (
    <div style={{ borderTop: '1px solid var(--border)', paddingTop: 12 }} data-testid={`cloud-${name}`}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <div style={{ flex: 1 }}>
          <div style={{ fontWeight: 600 }}>{name}</div>
          <div className="faint" style={{ fontSize: 12 }}>{CLOUD_LABEL[kind]}{detail ? ` · ${detail}` : ''}</div>
        </div>
        <button type="button" className="btn" disabled={running} onClick={() => void job.start(true)}>Plan sync</button>
        <button type="button" className="btn primary" disabled={running} onClick={() => void job.start(false)} data-testid="sync-now">Sync now</button>
      </div>
      <div style={{ marginTop: 10 }} aria-live="polite">
        {job.state.status === 'running' && <ProgressBar label={`Syncing ${name}`} progress={job.state.progress} onCancel={job.cancel} testId="sync-progress" />}
        {job.state.status === 'cancelled' && <div className="banner">Sync cancelled: days not finished were left as they were.</div>}
        {job.state.status === 'error' && <ErrorState title="Sync failed" error={job.state.error} />}
        {job.state.status === 'done' && <SyncReport dryRun={job.state.result.dryRun} report={job.state.result.report} />}
      </div>
    </div>
  );
}

function SyncReport({ dryRun, report }: { readonly dryRun: boolean; readonly report: Res<'sync.run'> }) {
  const cost = [report.estimated_cost.usd !== undefined ? formatMoney(report.estimated_cost.usd, 'USD') : null, report.estimated_cost.qpu !== undefined ? `${formatNumber(report.estimated_cost.qpu)} QPU` : null, report.estimated_cost.bytes !== undefined ? `${formatNumber(report.estimated_cost.bytes / 1e9)} GB scanned` : null].filter(Boolean).join(' · ');
  return (
    <div className={`banner ${dryRun ? '' : 'ok'}`} style={{ marginBottom: 0 }}>
      {dryRun ? 'Plan' : 'Synced'}: {formatDay(report.from)} – {formatDay(report.to)} · {formatNumber(report.requests, 0)} requests, {formatNumber(report.pages, 0)} pages{cost ? ` · estimated provider cost ${cost}` : ''}
      {!dryRun && ` · ${formatNumber(report.rows_written, 0)} rows written`}
    </div>
  );
}

function AddConnection({ onDone }: { readonly onDone: () => void }) {
  const bridge = useBridge();
  const [kind, setKind] = useState<CloudKind>('aws');
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const spec: Record<CloudKind, { key: string; label: string; placeholder: string; required?: boolean }[]> = {
    aws: [
      { key: 'profile', label: 'Profile', placeholder: 'default' },
      { key: 'region', label: 'Region', placeholder: 'us-east-1' },
      { key: 'billingAccountId', label: 'Payer account id', placeholder: '123456789012' },
    ],
    azure: [
      { key: 'scope', label: 'Scope', placeholder: '/subscriptions/…', required: true },
      { key: 'tenantId', label: 'Tenant id', placeholder: 'optional' },
    ],
    gcp: [
      { key: 'table', label: 'Export table', placeholder: 'project.dataset.gcp_billing_export_v1_…', required: true },
      { key: 'billingAccount', label: 'Billing account', placeholder: '012345-6789AB-CDEF01' },
      { key: 'project', label: 'Query project', placeholder: 'optional' },
    ],
  };
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const settings = Object.fromEntries(spec[kind].filter((f) => (fields[f.key] ?? '').trim() !== '').map((f) => [f.key, fields[f.key]!.trim()]));
    try {
      await bridge.call('sources.add', { kind, name: name.trim(), settings } as Req<'sources.add'>);
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" style={{ marginBottom: 12 }} data-testid="add-connection-form">
      <div className="toolbar" style={{ alignItems: 'flex-end', gap: 12 }}>
        <label className="field">
          Provider
          <select className="select" value={kind} onChange={(e) => setKind(e.target.value as CloudKind)}>
            <option value="aws">AWS</option>
            <option value="azure">Azure</option>
            <option value="gcp">Google Cloud</option>
          </select>
        </label>
        <label className="field">
          Name
          <input className="input" required value={name} onChange={(e) => setName(e.target.value)} placeholder="production" />
        </label>
        {spec[kind].map((f) => (
          <label className="field" key={`${kind}-${f.key}`}>
            {f.label}
            <input className="input" required={f.required} value={fields[f.key] ?? ''} placeholder={f.placeholder} onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })} />
          </label>
        ))}
        <button type="submit" className="btn primary" disabled={busy}>Connect</button>
        <button type="button" className="btn ghost" onClick={onDone}>Cancel</button>
      </div>
      {error && <div className="banner error" role="alert">{error.message}</div>}
    </form>
  );
}
