import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CostView, Day, Dimension, Req, Res } from '../../../core/api';
import { type Bridge, useBridge } from '../../bridge';
import { Card, PageHeader } from '../../components/PageHeader';
import { Icon } from '../../components/icons';
import { ProgressBar } from '../../components/ProgressBar';
import { Segmented } from '../../components/Segmented';
import { Empty, ErrorState } from '../../components/states';
import { CurrencyPicker } from '../../components/CurrencyPicker';
import { useCall } from '../../hooks/useCall';
import { useCurrency } from '../../hooks/useCurrency';
import { useJob } from '../../hooks/useJob';
import { dimensionLabel } from '../../lib/dimensions';
import { base64ToBytes, base64ToText, reportFileName } from '../../lib/download';
import { formatDay, formatNumber } from '../../lib/format';

type Format = Req<'reports.build'>['format'];
type Built = Res<'reports.build'>;

const FORMATS: readonly { value: Format; label: string; what: string }[] = [
  { value: 'pdf', label: 'PDF', what: 'a paginated document with charts, the model card and a methodology appendix' },
  { value: 'xlsx', label: 'XLSX', what: 'a workbook with live formulas for totals and variance, and an assumptions sheet' },
  { value: 'html', label: 'HTML', what: 'one self-contained page (inline charts and styles) that opens in any browser' },
  { value: 'csv', label: 'CSV', what: 'the numbers as RFC 4180 rows, safe to open in a spreadsheet' },
];
const SCOPES: readonly Dimension[] = ['provider', 'service', 'billing_account', 'region'];
const HORIZONS = [
  { value: '30', label: '30 d' },
  { value: '90', label: '90 d' },
  { value: '180', label: '180 d' },
  { value: '365', label: '1 year' },
] as const;

interface Choice {
  readonly format: Format;
  readonly dimension: Dimension | 'all';
  readonly value: string;
  readonly from: string;
  readonly horizon: number;
  readonly view: CostView;
  readonly title: string;
  /** The report's currency (the store's other currencies are left out of it). */
  readonly currency?: string | undefined;
}

function request(c: Choice, format: Format): Req<'reports.build'> {
  return {
    format,
    scope: c.dimension === 'all' || c.value === '' ? [] : [{ dimension: c.dimension, value: c.value }],
    horizon_days: c.horizon,
    view: c.view,
    paths: 1000,
    ...(c.from ? { from: c.from as Day } : {}),
    ...(c.title.trim() ? { title: c.title.trim() } : {}),
    ...(c.currency ? { currency: c.currency } : {}),
  };
}

/** Build a report (PDF, XLSX, HTML or CSV) for a scope, period and horizon; save it; preview the HTML. */
export function ReportsPage() {
  const bridge = useBridge();
  const all = useCall('summary', {});
  const [choice, setChoice] = useState<Choice>({ format: 'pdf', dimension: 'all', value: '', from: '', horizon: 90, view: 'effective', title: '' });
  const { currency, currencies, setCurrency } = useCurrency(all.data?.totals);
  const values = useCall('summary', choice.dimension === 'all' ? null : { by: [choice.dimension] });
  // The scope's values with cost in the report's currency, largest first (amounts of different currencies are never added or ranked together).
  const options = useMemo(() => {
    if (choice.dimension === 'all') return [];
    const dim = choice.dimension;
    const totals = new Map<string, number>();
    for (const g of values.data?.groups ?? []) {
      const v = g.group[dim];
      if (g.currency === currency && typeof v === 'string' && v !== '') totals.set(v, (totals.get(v) ?? 0) + g.effective_cost);
    }
    return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  }, [values.data, choice.dimension, currency]);
  // The first value of a newly chosen dimension is the default scope.
  const scopeValue = choice.dimension === 'all' ? '' : options.includes(choice.value) ? choice.value : (options[0] ?? '');
  const effective: Choice = { ...choice, value: scopeValue, currency };

  const job = useJob(
    useCallback(
      async (signal: AbortSignal, onProgress: Parameters<Parameters<typeof useJob>[0]>[1], c: Choice) => {
        const res = await bridge.call('reports.build', request(c, c.format), { signal, onProgress });
        return { choice: c, res };
      },
      [bridge],
    ),
  );
  const preview = useJob(
    useCallback(
      async (signal: AbortSignal, onProgress: Parameters<Parameters<typeof useJob>[0]>[1], c: Choice) => bridge.call('reports.build', request(c, 'html'), { signal, onProgress }),
      [bridge],
    ),
  );
  const build = (): void => {
    preview.reset();
    void job.start(effective);
  };
  const result = job.state.status === 'done' ? job.state.result : undefined;
  const htmlBuilt = result?.res.format === 'html' ? result.res : preview.state.status === 'done' ? preview.state.result : undefined;
  const period = all.data?.period;

  const header = <PageHeader title="Reports" subtitle="Cost and forecast reports for finance and platform leads: actuals, P10/P50/P90 by month, the model card, the assumptions, and a stamp to reproduce them" />;
  if (all.status === 'error') return <div className="page">{header}<div className="card"><ErrorState error={all.error} onRetry={all.reload} /></div></div>;
  if (all.data && !period) return <div className="page">{header}<div className="card"><Empty title="Nothing to report yet">Import billing data on the Sources page first.</Empty></div></div>;
  const format = FORMATS.find((f) => f.value === choice.format)!;

  return (
    <div className="page" data-testid="reports-page">
      {header}
      <Card title="What to report" testId="report-form">
        <div className="toolbar" style={{ alignItems: 'flex-end', gap: 14, flexWrap: 'wrap' }}>
          <div className="field">
            Format
            <Segmented label="Format" testId="report-format" value={choice.format} onChange={(f) => setChoice({ ...choice, format: f })} options={FORMATS.map((f) => ({ value: f.value, label: f.label }))} />
          </div>
          <label className="field">
            Scope
            <select className="select" value={choice.dimension} data-testid="report-scope-dimension" onChange={(e) => setChoice({ ...choice, dimension: e.target.value as Choice['dimension'], value: '' })}>
              <option value="all">All spend</option>
              {SCOPES.map((d) => <option key={d} value={d}>One {dimensionLabel(d).toLowerCase()}</option>)}
            </select>
          </label>
          {choice.dimension !== 'all' && (
            <label className="field">
              {dimensionLabel(choice.dimension)}
              <select className="select" value={scopeValue} data-testid="report-scope-value" disabled={values.status !== 'ready' || options.length === 0} onChange={(e) => setChoice({ ...choice, value: e.target.value })}>
                {options.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
          )}
          <label className="field">
            Actuals from
            <input type="date" className="input" value={choice.from} data-testid="report-from" min={period?.start} max={period?.end} onChange={(e) => setChoice({ ...choice, from: e.target.value })} />
          </label>
          <div className="field">
            Forecast horizon
            <Segmented label="Forecast horizon" testId="report-horizon" value={String(choice.horizon)} onChange={(h) => setChoice({ ...choice, horizon: Number(h) })} options={HORIZONS} />
          </div>
          <div className="field">
            Cost
            <Segmented label="Cost view" testId="report-view" value={choice.view} onChange={(v) => setChoice({ ...choice, view: v })} options={[{ value: 'effective', label: 'Amortized' }, { value: 'billed', label: 'Billed' }]} />
          </div>
          <CurrencyPicker currencies={currencies} value={currency} onChange={setCurrency} />
          <label className="field" style={{ flex: '1 1 200px' }}>
            Title (optional)
            <input type="text" className="input" value={choice.title} maxLength={200} placeholder="Cost forecast — all charges" data-testid="report-title" onChange={(e) => setChoice({ ...choice, title: e.target.value })} />
          </label>
          <button type="button" className="btn primary" onClick={build} disabled={job.state.status === 'running' || !all.data || (choice.dimension !== 'all' && scopeValue === '')} data-testid="build-report">
            Build {format.label}
          </button>
        </div>
        <p className="faint" style={{ fontSize: 12, margin: '10px 0 0' }}>
          {format.label}: {format.what}. Actuals {choice.from ? `from ${formatDay(choice.from)}` : period ? `from ${formatDay(period.start > threeYearsBefore(period.end) ? period.start : threeYearsBefore(period.end))} (at most three years)` : ''} to the last complete day; the forecast runs {choice.horizon} days past it.
        </p>
      </Card>

      <div style={{ marginTop: 14 }}>
        {job.state.status === 'idle' && <div className="card"><Empty title="Choose what to report and build it">The report is built on this computer from the stored data; nothing leaves it until you save the file and send it.</Empty></div>}
        {job.state.status === 'running' && <div className="card"><ProgressBar label={`Building the ${format.label} report`} progress={job.state.progress} onCancel={job.cancel} testId="report-progress" /></div>}
        {job.state.status === 'cancelled' && <div className="banner">Report cancelled.</div>}
        {job.state.status === 'error' && <div className="card"><ErrorState title="The report could not be built" error={job.state.error} onRetry={build} /></div>}
        {result && (
          <div className="stack">
            <BuiltCard built={result.res} choice={result.choice} bridge={bridge} />
            <Card title="Preview" testId="report-preview-card">
              {htmlBuilt ? (
                <>
                  {result.res.format !== 'html' && (
                    <p className="faint" style={{ fontSize: 12, marginTop: 0 }} data-testid="preview-stamp-check">
                      {htmlBuilt.stamp === result.res.stamp ? 'The HTML preview has the same reproducibility stamp as the file: it shows the same numbers.' : 'The data changed between the two builds: the preview and the file have different stamps.'}
                    </p>
                  )}
                  <ReportPreview html={htmlBuilt.base64} />
                </>
              ) : preview.state.status === 'running' ? (
                <ProgressBar label="Building the HTML preview" progress={preview.state.progress} onCancel={preview.cancel} testId="preview-progress" />
              ) : preview.state.status === 'error' ? (
                <ErrorState title="The preview could not be built" error={preview.state.error} onRetry={() => void preview.start(result.choice)} />
              ) : (
                <div className="toolbar" style={{ gap: 10 }}>
                  <button type="button" className="btn" onClick={() => void preview.start(result.choice)} data-testid="build-preview">
                    Show the HTML preview
                  </button>
                  <span className="faint" style={{ fontSize: 12 }}>Builds the same report as HTML (same inputs, same stamp) and shows it here.</span>
                </div>
              )}
            </Card>
          </div>
        )}
      </div>
    </div>
  );
}

function threeYearsBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
}

/** What was built (stamp, model, data through), and how to save it: the save dialog on the desktop, a download in the browser. */
function BuiltCard({ built, choice, bridge }: { readonly built: Built; readonly choice: Choice; readonly bridge: Bridge }) {
  const scope = choice.dimension === 'all' || choice.value === '' ? [] : [{ value: choice.value }];
  const name = reportFileName(built.format, built.data_through, scope);
  const [saved, setSaved] = useState<{ path: string | null } | { error: string } | undefined>(undefined);
  const url = useBlobUrl(bridge.saveFile ? undefined : built);
  const save = async (): Promise<void> => {
    try {
      setSaved({ path: (await bridge.saveFile?.(name, built.base64)) ?? null });
    } catch (e) {
      setSaved({ error: e instanceof Error ? e.message : String(e) });
    }
  };
  const action = bridge.saveFile ? (
    <button type="button" className="btn primary" onClick={() => void save()} data-testid="report-save">
      <Icon name="download" size={14} /> Save {built.format.toUpperCase()}…
    </button>
  ) : url ? (
    <a className="btn primary" href={url} download={name} data-testid="report-download">
      <Icon name="download" size={14} /> Download
    </a>
  ) : null;
  return (
    <Card title={<>Report ready <span className="badge" style={{ marginLeft: 8 }}>{built.format.toUpperCase()}</span></>} actions={action} testId="report-built">
      <dl className="facts">
        <dt>File</dt><dd data-testid="report-file-name">{name} <span className="faint">({formatBytes(built.bytes)})</span></dd>
        <dt>Currency</dt><dd data-testid="report-currency">{built.currency}</dd>
        <dt>Cost view</dt><dd>{choice.view === 'effective' ? 'Amortized (EffectiveCost)' : 'Billed (BilledCost)'}</dd>
        <dt>Data through</dt><dd>{formatDay(built.data_through)}</dd>
        <dt>Forecast model</dt><dd>{built.model}</dd>
        <dt>Reproducibility stamp</dt>
        <dd>
          <code className="stamp" data-testid="report-stamp" title="sha256 of the input data slice, the model versions and their parameters">{built.stamp}</code>
          <div className="faint" style={{ fontSize: 12, marginTop: 3 }}>sha256 of the input data slice, the model and its parameters: the same inputs give the same stamp.</div>
        </dd>
      </dl>
      {saved && 'path' in saved && saved.path && <p className="faint" style={{ fontSize: 12 }} data-testid="report-saved">Saved to {saved.path}</p>}
      {saved && 'path' in saved && saved.path === null && <p className="faint" style={{ fontSize: 12 }}>Not saved: the dialog was cancelled.</p>}
      {saved && 'error' in saved && <div className="banner" role="alert">{saved.error}</div>}
      {!bridge.saveFile && <p className="faint" style={{ fontSize: 12, marginBottom: 0 }}>Download saves the file to your browser’s downloads folder.</p>}
      {built.warnings.map((w) => <div key={w} className="banner" style={{ marginTop: 8, marginBottom: 0 }}>{w}</div>)}
    </Card>
  );
}

/** An object URL for the built bytes, revoked when they change or the card goes away. */
function useBlobUrl(built: Built | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!built) return undefined;
    const u = URL.createObjectURL(new Blob([base64ToBytes(built.base64)], { type: built.mime }));
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
      setUrl(undefined);
    };
  }, [built]);
  return url;
}

/**
 * The HTML report in a sandboxed frame: `srcdoc` (no URL to load), `sandbox` with no permissions
 * (no scripts, no same-origin, no navigation), so the app's CSP stands and the report cannot reach
 * the app or the network.
 */
function ReportPreview({ html }: { readonly html: string }) {
  const text = useMemo(() => base64ToText(html), [html]);
  return <iframe className="report-preview" title="Report preview" sandbox="" srcDoc={text} referrerPolicy="no-referrer" data-testid="report-preview" />;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, 1)} KB`;
  return `${formatNumber(n / (1024 * 1024), 1)} MB`;
}
