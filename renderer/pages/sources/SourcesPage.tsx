import { useBridge } from '../../bridge';
import { ExternalLink } from '../../components/ExternalLink';
import { Card, PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/states';
import { useCall } from '../../hooks/useCall';
import { CloudPanel } from './CloudPanel';
import { ImportPanel } from './ImportPanel';
import { formatAgo, formatDay, formatNumber, formatTimestamp } from '../../lib/format';

/** Where the data comes from: every source and what it covers. */
export function SourcesPage() {
  const bridge = useBridge();
  const coverage = useCall('coverage', {});
  return (
    <div className="page" data-testid="sources-page">
      <PageHeader
        title="Sources"
        subtitle={
          <>
            Billing files, cloud accounts and metrics, and the data each one covers. Headroom reads exports in the{' '}
            <ExternalLink href="https://focus.finops.org/" testId="focus-link">FinOps FOCUS</ExternalLink> format and the providers' own formats.
          </>
        }
      />
      <div className="stack" style={{ marginBottom: 14 }}>
        {bridge.has('import.files') && <ImportPanel />}
        {bridge.has('sync.run') && bridge.has('sources.add') && <CloudPanel />}
      </div>
      <Card title="Data coverage" testId="coverage">
        {coverage.status === 'error' ? (
          <ErrorState error={coverage.error} onRetry={coverage.reload} />
        ) : !coverage.data ? (
          <Loading height={160} />
        ) : coverage.data.sources.length === 0 ? (
          <Empty title="No sources yet">Import a FOCUS, AWS CUR, Azure or Google Cloud billing export to get started.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="data wrap compact" data-testid="coverage-table">
              <thead>
                <tr>
                  <th>Source</th>
                  <th>Kind</th>
                  <th>Charges from</th>
                  <th>through</th>
                  <th className="r">Rows</th>
                  <th>Currencies</th>
                  <th className="r">Metric points</th>
                  <th className="r">Imports</th>
                  <th className="r">Last import</th>
                </tr>
              </thead>
              <tbody>
                {coverage.data.sources.map((s) => (
                  <tr key={s.source.id}>
                    <td style={{ fontWeight: 500 }}>{s.source.name}</td>
                    <td className="muted">{[s.source.provider, s.source.kind].filter(Boolean).join(' · ')}</td>
                    <td>{s.charges.firstDay ? formatDay(s.charges.firstDay) : '—'}</td>
                    <td>{s.charges.lastDay ? formatDay(s.charges.lastDay) : '—'}</td>
                    <td className="r">{formatNumber(s.charges.rows, 0)}</td>
                    <td>{s.charges.currencies.join(', ') || '—'}</td>
                    <td className="r">{s.metrics.points > 0 ? `${formatNumber(s.metrics.points, 0)} in ${s.metrics.series}` : '—'}</td>
                    <td className="r">{s.imports}</td>
                    <td className="r faint" title={s.lastImportAt ? formatTimestamp(s.lastImportAt) : undefined}>{s.lastImportAt ? formatAgo(s.lastImportAt, new Date()) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
