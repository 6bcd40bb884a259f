import { type DragEvent, useCallback, useRef, useState } from 'react';
import type { Res } from '../../../core/api';
import { type ServiceFile, useBridge } from '../../bridge';
import { Card } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { Icon } from '../../components/icons';
import { ErrorState } from '../../components/states';
import { useDataVersion } from '../../hooks/useCall';
import { useJob } from '../../hooks/useJob';
import { formatDay, formatMoney, formatNumber, moneyScale } from '../../lib/format';

type ImportResult = Res<'import.files'>['results'][number];

/**
 * Import billing exports: drop files or pick them; each file is one transaction (or, with "parts of
 * one export", the files together are one), progress streams, cancel rolls back.
 */
export function ImportPanel() {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  const [over, setOver] = useState(false);
  const [parts, setParts] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const job = useJob(
    useCallback(
      async (signal: AbortSignal, onProgress: Parameters<Parameters<typeof useJob>[0]>[1], files: readonly (File | ServiceFile)[]) => {
        const paths: string[] = [];
        for (const f of files) {
          onProgress({ phase: 'upload', done: paths.length, total: files.length, message: `Reading ${f.name}` });
          paths.push(f instanceof File ? (await bridge.fileForService(f)).path : f.path);
        }
        const res = await bridge.call('import.files', { paths, ...(parts ? { parts: true } : {}) }, { signal, onProgress });
        bump();
        return res.results;
      },
      [bridge, bump, parts],
    ),
  );
  const running = job.state.status === 'running';

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0 && !running) void job.start(files);
  };
  const pick = async (): Promise<void> => {
    if (bridge.openFileDialog) {
      const files = await bridge.openFileDialog();
      if (files.length > 0) void job.start(files);
    } else input.current?.click();
  };

  return (
    <Card title="Import billing files" testId="import-panel">
      <div
        className={`dropzone ${over ? 'over' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 8 }}>
          <Icon name="upload" size={22} />
          <div>
            <strong>Drop billing exports here</strong> or{' '}
            <button type="button" className="btn small" onClick={() => void pick()} disabled={running} data-testid="choose-files">
              Choose files…
            </button>
          </div>
          <div className="faint" style={{ fontSize: 12 }}>
            FOCUS 1.0–1.2, AWS CUR (legacy, 2.0, Athena), Azure EA/MCA/FOCUS exports, Google Cloud BigQuery and file exports, OCI cost reports · CSV, CSV.gz, Parquet, NDJSON
          </div>
        </div>
        <label className="faint" style={{ fontSize: 12, display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" checked={parts} disabled={running} onChange={(e) => setParts(e.target.checked)} data-testid="import-parts" />
          The files are the parts of one export (e.g. report-00001.csv.gz, report-00002.csv.gz): import them together
        </label>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void job.start(files);
          }}
        />
      </div>
      <div style={{ marginTop: 14 }} aria-live="polite">
        {job.state.status === 'running' && <ProgressBar label="Importing" progress={job.state.progress} onCancel={job.cancel} testId="import-progress" />}
        {job.state.status === 'cancelled' && <div className="banner">Import cancelled: nothing from the unfinished file was kept.</div>}
        {job.state.status === 'error' && <ErrorState title="Import failed" error={job.state.error} />}
        {job.state.status === 'done' && <ImportResults results={job.state.result} />}
      </div>
    </Card>
  );
}

function ImportResults({ results }: { readonly results: readonly ImportResult[] }) {
  /** The table's money shares one format, set by its largest figure. */
  const scale = moneyScale(results.flatMap((r) => r.totals.map((t) => t.effective_cost)));
  return (
    <div className="table-wrap" data-testid="import-results">
      <table className="data">
        <thead>
          <tr>
            <th>File</th>
            <th>Format</th>
            <th>Days</th>
            <th className="r">Rows read</th>
            <th className="r">Daily rows stored</th>
            <th className="r">Effective cost</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.file}>
              <td title={r.file}>{r.file.split(/[\\/]/).pop()}</td>
              <td><span className="badge">{r.format}</span></td>
              <td>{r.period ? `${formatDay(r.period.start)} – ${formatDay(addDaysIso(r.period.end, -1))}` : '—'}</td>
              <td className="r">{formatNumber(r.rows_read, 0)}</td>
              <td className="r">{formatNumber(r.rows_written, 0)}</td>
              <td className="r">{r.totals.map((t) => formatMoney(t.effective_cost, t.currency, { scale })).join(' · ') || '—'}</td>
              <td>
                {r.status === 'imported' ? <span className="badge good">imported</span> : <span className="badge">already imported</span>}
                {r.rows_replaced > 0 && (
                  <span className="badge" style={{ marginLeft: 6 }} title="Daily rows that earlier imports held for the same billing accounts and days, replaced by this file (a newer export restates them). If the files are the parts of one export, import them together.">
                    replaced {formatNumber(r.rows_replaced, 0)} earlier rows
                  </span>
                )}
                {r.warnings.length > 0 && <span className="badge warn" style={{ marginLeft: 6 }} title={r.warnings.join('\n')}>{r.warnings.length} {r.warnings.length === 1 ? 'warning' : 'warnings'}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {results.some((r) => r.warnings.length > 0) && (
        <ul className="faint" style={{ fontSize: 12, margin: '8px 12px' }}>
          {results.flatMap((r) => r.warnings.map((w, i) => <li key={`${r.file}-${i}`}>{w}</li>))}
        </ul>
      )}
    </div>
  );
}

function addDaysIso(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
