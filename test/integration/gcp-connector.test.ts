import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserRefreshClient } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/lib';
import { GcpConnector, moneyToDecimal } from '../../core/ingest/gcp';
import type { CallContext, RangeFetch } from '../../core/ingest/remote';
import { toExportRows, type ExportRow } from '../servers/bigquery/export';
import { BYTES_PER_ROW, startBigQuery, type BigQueryServer } from '../servers/bigquery/server';
import { startCloudBilling, type CloudBillingServer } from '../servers/cloudbilling/server';
import { fixed, generateDaily, parseFixed } from '../servers/common/generate';
import { CLIENT_ID, CLIENT_SECRET, GoogleTokens, REFRESH_TOKEN } from '../servers/common/google-oauth';

const BA = '012345-6789AB-CDEF01';
const TABLE = 'billing-proj.billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01';
const daily = generateDaily({
  seed: 77,
  from: parseDay('2026-06-01'),
  to: parseDay('2026-09-01'),
  accounts: [
    { id: 'shop-prod', name: 'shop' },
    { id: 'data-lake', name: 'lake' },
  ],
  services: ['Compute Engine', 'Cloud Storage', 'BigQuery', 'Cloud SQL'],
  regions: ['us-central1', 'europe-west1'],
  currency: 'USD',
});
const exportRows = toExportRows(daily, BA);
const months = [
  { from: parseDay('2026-06-01'), to: parseDay('2026-07-01') },
  { from: parseDay('2026-07-01'), to: parseDay('2026-08-01') },
  { from: parseDay('2026-08-01'), to: parseDay('2026-09-01') },
];
const PAGE = 90;

let bq: BigQueryServer;
let billing: CloudBillingServer;
const tokens = new GoogleTokens();
const waits: number[] = [];
const ctx: CallContext = { sleep: async (ms) => void waits.push(ms) };

/** Independent expectation from the raw export rows: Σ(cost + credits) for usage days in [from, to). */
function netCents(rows: readonly ExportRow[], from: string, to: string): string {
  let s = 0n;
  for (const r of rows) if (r.usageDay >= from && r.usageDay < to) s += r.cost + r.credits.reduce((t, c) => t + c.amount, 0n);
  return fixed(s, 2);
}
const sum = (fs: readonly RangeFetch[]): string => fixed(fs.flatMap((f) => f.rows).reduce((s, r) => s + parseFixed(r.BilledCost), 0n), 2);

beforeAll(async () => {
  bq = await startBigQuery({ project: 'billing-proj', table: 'billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01', rows: exportRows, maxPageRows: PAGE, tokens });
  billing = await startCloudBilling({
    tokens,
    pageSize: 2,
    accounts: [
      { id: '000000-111111-222222', displayName: 'Old account', projects: [] },
      { id: '0A0A0A-1B1B1B-2C2C2C', displayName: 'Sandbox', projects: ['sandbox-1'] },
      { id: BA, displayName: 'Main billing account', projects: ['shop-prod', 'data-lake', 'billing-proj'] },
    ],
    skus: [
      { serviceId: '6F81-5844-456A', skuId: 'CP-COMPUTEENGINE-VMIMAGE-N2', description: 'N2 Instance Core running in Americas', region: 'us-central1', usageUnit: 'h', tiers: [{ start: 0, nanos: 31_611_000 }] },
      { serviceId: '6F81-5844-456A', skuId: 'CP-EGRESS', description: 'Network egress', region: 'us-central1', usageUnit: 'GiBy', tiers: [{ start: 0, nanos: 0 }, { start: 1, nanos: 120_000_000 }, { start: 10240, nanos: 1_085_000_000 }] },
      { serviceId: '95FF-2EF5-5EA1', skuId: 'STORAGE', description: 'Standard storage', region: 'us-central1', usageUnit: 'GiBy.mo', tiers: [{ start: 0, nanos: 20_000_000 }] },
    ],
  });
});
afterAll(async () => {
  await bq.close();
  await billing.close();
});
afterEach(() => {
  bq.faults.clear();
  waits.length = 0;
});

const authClient = (): UserRefreshClient => new UserRefreshClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, endpoints: { oauth2TokenUrl: `${bq.url}/token` } });
const connector = (): GcpConnector =>
  new GcpConnector({ settings: { table: TABLE, billingAccount: BA, apiEndpoint: bq.url, billingApiEndpoint: billing.url.replace('http://', '') }, billingProtocol: 'http', authClient: authClient(), clock: () => new Date('2026-11-26T00:00:00Z'), rand: () => 1 });

describe('GCP connector against the loopback BigQuery and Cloud Billing', () => {
  it('dry-runs, then queries three months with paging; net totals equal the export to the cent', async () => {
    const c = connector();
    const plan = await c.plan(months, ctx);
    // Bytes of the dry run: every export row in the partitions the filter keeps, independently counted.
    const expectBytes = (from: string, to: string): number => exportRows.filter((r) => r.partition >= from && r.partition < to).length * BYTES_PER_ROW;
    expect(plan.ranges.map((r) => r.estimated_cost.bytes)).toEqual([expectBytes('2026-06-01', '2026-07-11'), expectBytes('2026-07-01', '2026-08-11'), expectBytes('2026-08-01', '2026-09-11')]);
    expect(bq.billed.dryRuns).toBe(3);
    expect(plan.planning.requests).toBe(3 + 2); // dry runs + two pages of billing accounts
    const fetched: RangeFetch[] = [];
    for (const m of months) fetched.push(await c.fetchRange(m, ctx));
    expect(sum(fetched)).toBe(netCents(exportRows, '2026-06-01', '2026-09-01'));
    expect(fetched.map((f) => f.cost.bytes)).toEqual(plan.ranges.map((r) => r.estimated_cost.bytes));
    const groups = (from: string, to: string): number => new Set(exportRows.filter((r) => r.usageDay >= from && r.usageDay < to).map((r) => `${r.usageDay}|${r.projectId}|${r.skuId}`)).size;
    expect(fetched.map((f) => f.rows.length)).toEqual(months.map((m) => groups(m.from, m.to)));
    expect(fetched.map((f) => f.pages)).toEqual(months.map((m) => Math.ceil(groups(m.from, m.to) / PAGE)));
    expect(fetched[0]?.rows[0]?.BillingAccountName).toBe('Main billing account');
    expect(fetched[0]?.rows[0]?.SkuId).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    // Dry runs and the real query agree, and the query never ran without the partition filter.
    for (const r of bq.received.filter((x) => x.op !== 'jobs.getQueryResults')) expect(JSON.stringify(r.body)).toMatch(/_PARTITIONTIME >= TIMESTAMP\(@partition_from\)/);
  });

  it('retries 429 (with Retry-After), 5xx, slow, truncated and malformed pages and still totals exactly', async () => {
    bq.faults
      .add({ kind: 'throttle', op: 'jobs.query', retryAfterSeconds: 3 })
      .add({ kind: 'server-error', op: 'jobs.getQueryResults' })
      .add({ kind: 'slow', op: 'jobs.getQueryResults', delayMs: 100 })
      .add({ kind: 'truncate', op: 'jobs.getQueryResults' })
      .add({ kind: 'malformed', op: 'jobs.getQueryResults' });
    const f = await connector().fetchRange(months[1]!, ctx);
    expect(bq.faults.fired.map((x) => x.kind)).toEqual(['throttle', 'server-error', 'slow', 'truncate', 'malformed']);
    expect(waits[0]).toBe(3000);
    expect(sum([f])).toBe(netCents(exportRows, '2026-07-01', '2026-08-01'));
  });

  it('an API endpoint nothing listens on is retried, then reported as a connection failure naming the address and what to check', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const c = new GcpConnector({ settings: { table: TABLE, billingAccount: BA, apiEndpoint: `http://127.0.0.1:${port}`, billingApiEndpoint: billing.url.replace('http://', '') }, billingProtocol: 'http', authClient: authClient(), clock: () => new Date('2026-11-26T00:00:00Z'), maxAttempts: 2, rand: () => 1 });
    await expect(c.fetchRange(months[0]!, ctx)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(new RegExp(`^Gave up after 2 attempts \\(could not connect to BigQuery \\(.*ECONNREFUSED 127\\.0\\.0\\.1:${port}.*\\); check the source's --api-endpoint \\("headroom source list"\\) and the network\\)`)),
    });
  });

  it('stops with AUTH when the token is revoked mid-sync', async () => {
    bq.faults.add({ kind: 'expired-token', op: 'jobs.getQueryResults', skip: 1 });
    await expect(connector().fetchRange(months[0]!, ctx)).rejects.toMatchObject({ code: 'AUTH', message: expect.stringMatching(/roles\/bigquery\.jobUser/) });
  });

  it('reads billing accounts, project billing info and SKU prices through Cloud Billing', async () => {
    const b = connector().billing();
    try {
      expect((await b.billingAccounts()).map((a) => a.id)).toEqual(['000000-111111-222222', '0A0A0A-1B1B1B-2C2C2C', BA]);
      expect((await b.projects(BA)).map((p) => p.projectId)).toEqual(['shop-prod', 'data-lake', 'billing-proj']);
      expect(await b.projectBilling('sandbox-1')).toEqual({ projectId: 'sandbox-1', billingAccountId: '0A0A0A-1B1B1B-2C2C2C', billingEnabled: true });
      const skus = await b.skuPrices('6F81-5844-456A');
      expect(skus.map((s) => s.skuId)).toEqual(['CP-COMPUTEENGINE-VMIMAGE-N2', 'CP-EGRESS']);
      expect(skus[1]?.tiers.map((t) => [t.startUsageAmount, t.unitPrice])).toEqual([
        [0, '0'],
        [1, '0.12'],
        [10240, '1.085'],
      ]);
      expect(billing.received.some((r) => r.startsWith('GET /v1/billingAccounts?'))).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('converts Money exactly', () => {
    expect(moneyToDecimal({ units: '12', nanos: 340_000_000 })).toBe('12.34');
    expect(moneyToDecimal({ units: '-1', nanos: -750_000_000 })).toBe('-1.75');
    expect(moneyToDecimal({ units: '0', nanos: 1 })).toBe('0.000000001');
  });
});
