/**
 * The sync engine with the real BigQuery and Cloud Billing clients (OAuth refresh-token flow against
 * the loopback token endpoint) over the loopback BigQuery: dry-run bytes = bytes the run scans,
 * several months with paging, exact net totals, a revoked token mid-sync and a resumed rerun.
 */
import { UserRefreshClient } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/lib';
import { GcpConnector, type GcpLearned, type GcpSettings } from '../../core/ingest/gcp';
import { addCloudSource, runSync, type ConnectorFactory, type SyncDeps } from '../../core/service';
import { openStore, type Store } from '../../core/store';
import { tempDir } from '../../core/store/testing/fixtures';
import { toExportRows, type ExportRow } from '../servers/bigquery/export';
import { startBigQuery, type BigQueryServer } from '../servers/bigquery/server';
import { startCloudBilling, type CloudBillingServer } from '../servers/cloudbilling/server';
import { fixed, generateDaily } from '../servers/common/generate';
import { CLIENT_ID, CLIENT_SECRET, GoogleTokens, REFRESH_TOKEN } from '../servers/common/google-oauth';

const BA = '0F0F0F-ABCDEF-123456';
const exportRows = toExportRows(
  generateDaily({
    seed: 31,
    from: parseDay('2026-05-01'),
    to: parseDay('2026-08-01'),
    accounts: [
      { id: 'web-frontend', name: 'web' },
      { id: 'ml-training', name: 'ml' },
    ],
    services: ['Compute Engine', 'Cloud Storage', 'Vertex AI'],
    regions: ['us-east1', 'asia-northeast1'],
    currency: 'USD',
  }),
  BA,
);

let bq: BigQueryServer;
let billing: CloudBillingServer;
let store: Store;
let cleanup: () => void;
const tokens = new GoogleTokens();

const factory: ConnectorFactory = ({ source, learned, clock }) =>
  new GcpConnector({
    settings: source.settings as unknown as GcpSettings,
    clock,
    billingProtocol: 'http',
    authClient: new UserRefreshClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, endpoints: { oauth2TokenUrl: `${bq.url}/token` } }),
    rand: () => 1,
    ...(learned ? { learned: learned as GcpLearned } : {}),
  });
const deps = (): SyncDeps => ({ store, clock: () => new Date('2026-11-26T10:00:00Z'), sleep: async () => {}, connectors: factory });
const net = (rows: readonly ExportRow[], from: string, to: string): string => {
  let s = 0n;
  for (const r of rows) if (r.usageDay >= from && r.usageDay < to) s += r.cost + r.credits.reduce((t, c) => t + c.amount, 0n);
  return fixed(s, 2);
};
async function totals(): Promise<{ billed: string; effective: string }> {
  const r = await store.read((sql) => sql.all(`SELECT CAST(ROUND(SUM(BilledCost), 2) AS VARCHAR) AS b, CAST(ROUND(SUM(EffectiveCost), 2) AS VARCHAR) AS e FROM charges`));
  return { billed: String(r[0]?.['b'] ?? 'null'), effective: String(r[0]?.['e'] ?? 'null') };
}

beforeAll(async () => {
  bq = await startBigQuery({ project: 'acme-billing', table: 'exports.gcp_billing_export_v1_0F0F0F_ABCDEF_123456', rows: exportRows, maxPageRows: 70, tokens });
  billing = await startCloudBilling({ tokens, pageSize: 50, accounts: [{ id: BA, displayName: 'ACME', projects: ['web-frontend', 'ml-training'] }], skus: [] });
});
afterAll(async () => {
  await bq.close();
  await billing.close();
});
beforeEach(async () => {
  const t = tempDir('headroom-sync-gcp-');
  cleanup = t.cleanup;
  store = await openStore(t.dir);
  await addCloudSource(store, {
    kind: 'gcp',
    name: 'gcp-main',
    settings: { table: 'acme-billing.exports.gcp_billing_export_v1_0F0F0F_ABCDEF_123456', billingAccount: BA, apiEndpoint: bq.url, billingApiEndpoint: billing.url.replace('http://', '') },
  });
  bq.faults.clear();
});
afterEach(async () => {
  await store.close();
  cleanup();
});

describe('sync gcp', () => {
  it('the dry run reports the bytes, requests and pages the run then spends; totals are exact', async () => {
    await runSync(deps(), { provider: 'gcp', from: parseDay('2026-05-01'), to: parseDay('2026-06-01') });
    const plan = await runSync(deps(), { provider: 'gcp', from: parseDay('2026-05-01'), to: parseDay('2026-08-01'), dryRun: true });
    expect(plan.estimated_cost.bytes).toBeGreaterThan(0);
    const billedBefore = bq.billed.bytes;
    const run = await runSync(deps(), { provider: 'gcp', from: parseDay('2026-05-01'), to: parseDay('2026-08-01') });
    expect({ requests: run.requests, pages: run.pages, bytes: run.estimated_cost.bytes }).toEqual({ requests: plan.requests, pages: plan.pages, bytes: plan.estimated_cost.bytes });
    expect(run.estimated_cost.bytes).toBe(bq.billed.bytes - billedBefore);
    expect(await totals()).toEqual({ billed: net(exportRows, '2026-05-01', '2026-08-01'), effective: net(exportRows, '2026-05-01', '2026-08-01') });
    const names = await store.read((sql) => sql.all(`SELECT DISTINCT BillingAccountName AS n FROM charges`));
    expect(names.map((n) => n['n'])).toEqual(['ACME']);
  });

  it('Cloud Billing refusing the account list (403: API disabled or no Billing Account Viewer) costs only the account name; the sync completes exactly', async () => {
    billing.faults.add({ kind: 'forbidden', op: '/v1/billingAccounts', times: 10 });
    const messages: string[] = [];
    const run = await runSync({ ...deps(), progress: (p) => void (p.message && messages.push(p.message)) }, { provider: 'gcp', from: parseDay('2026-05-01'), to: parseDay('2026-06-01') });
    expect(billing.faults.fired).toEqual([{ kind: 'forbidden', op: '/v1/billingAccounts' }]); // not retried
    expect(run.rows_written).toBeGreaterThan(0);
    expect(await totals()).toEqual({ billed: net(exportRows, '2026-05-01', '2026-06-01'), effective: net(exportRows, '2026-05-01', '2026-06-01') });
    const names = await store.read((sql) => sql.all(`SELECT DISTINCT BillingAccountId AS id, BillingAccountName AS n FROM charges`));
    expect(names).toEqual([{ id: BA, n: null }]);
    expect(messages.some((m) => /^Cloud Billing refused to list billing accounts \(HTTP 403 .*\): rows keep the billing account id without its name\. Enable the Cloud Billing API and grant Billing Account Viewer to get names\.$/.test(m))).toBe(true);
  });

  it('a revoked token stops the sync after the committed months; the rerun completes', async () => {
    bq.faults.add({ kind: 'expired-token', op: 'jobs.query', skip: 1 });
    await expect(runSync(deps(), { provider: 'gcp', from: parseDay('2026-05-01'), to: parseDay('2026-08-01') })).rejects.toMatchObject({ code: 'AUTH' });
    expect((await totals()).billed).toBe(net(exportRows, '2026-05-01', '2026-06-01'));
    await runSync(deps(), { provider: 'gcp', from: parseDay('2026-05-01'), to: parseDay('2026-08-01') });
    expect((await totals()).billed).toBe(net(exportRows, '2026-05-01', '2026-08-01'));
  });
});
