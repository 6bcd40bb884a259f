/**
 * A loopback Cloud Billing API v1 (REST, the transport google-gax uses with `fallback`), shaped
 * after ../shared/data/gcp/api/cloudbilling.v1.discovery-subset.json: billingAccounts.list,
 * billingAccounts.projects.list, projects.getBillingInfo and services.skus.list, with pageToken
 * paging and Money{units,nanos} prices.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GoogleTokens, googleError } from '../common/google-oauth';
import { FaultPlan, listen, sendJson, type Loopback } from '../common/http';

export interface BillingAccountSpec {
  readonly id: string;
  readonly displayName: string;
  readonly projects: readonly string[];
}

export interface SkuSpec {
  readonly serviceId: string;
  readonly skuId: string;
  readonly description: string;
  readonly region: string;
  readonly usageUnit: string;
  /** Tiers: start amount and unit price in nano-dollars (integers, exact). */
  readonly tiers: readonly { readonly start: number; readonly nanos: number }[];
}

export interface CloudBillingOptions {
  readonly accounts: readonly BillingAccountSpec[];
  readonly skus: readonly SkuSpec[];
  readonly pageSize: number;
  readonly tokens: GoogleTokens;
}

export interface CloudBillingServer extends Loopback {
  readonly faults: FaultPlan;
  readonly received: string[];
}

function pageOf<T>(all: readonly T[], url: URL, max: number): { items: T[]; next?: string } {
  const size = Math.min(Number(url.searchParams.get('pageSize') ?? max) || max, max);
  const start = Number(url.searchParams.get('pageToken') || '0');
  const items = all.slice(start, start + size);
  return start + size < all.length ? { items, next: String(start + size) } : { items };
}

export async function startCloudBilling(opts: CloudBillingOptions): Promise<CloudBillingServer> {
  const faults = new FaultPlan();
  const received: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    received.push(`${req.method} ${url.pathname}${url.search}`);
    if (!opts.tokens.check(req)) return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.', 'authError');
    if (req.method !== 'GET') return googleError(res, 405, 'INVALID_ARGUMENT', 'read-only loopback', 'badRequest');
    const path = url.pathname;
    const fault = faults.take(path);
    if (fault?.kind === 'server-error') return googleError(res, 503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError');
    if (fault?.kind === 'forbidden') return googleError(res, 403, 'PERMISSION_DENIED', 'Cloud Billing API has not been used in project acme-billing before or it is disabled. Enable it, then retry.', 'accessNotConfigured');
    let m: RegExpExecArray | null;
    if (path === '/v1/billingAccounts') {
      const p = pageOf(opts.accounts, url, opts.pageSize);
      return sendJson(res, 200, { billingAccounts: p.items.map((a) => ({ name: `billingAccounts/${a.id}`, open: true, displayName: a.displayName, masterBillingAccount: '' })), ...(p.next ? { nextPageToken: p.next } : {}) });
    }
    if ((m = /^\/v1\/billingAccounts\/([^/]+)\/projects$/.exec(path))) {
      const a = opts.accounts.find((x) => x.id === m?.[1]);
      if (!a) return googleError(res, 404, 'NOT_FOUND', `Billing account ${m[1]} not found`, 'notFound');
      const p = pageOf(a.projects, url, opts.pageSize);
      return sendJson(res, 200, {
        projectBillingInfo: p.items.map((pr) => ({ name: `projects/${pr}/billingInfo`, projectId: pr, billingAccountName: `billingAccounts/${a.id}`, billingEnabled: true })),
        ...(p.next ? { nextPageToken: p.next } : {}),
      });
    }
    if ((m = /^\/v1\/projects\/([^/]+)\/billingInfo$/.exec(path))) {
      const a = opts.accounts.find((x) => x.projects.includes(m?.[1] ?? ''));
      return sendJson(res, 200, { name: `projects/${m[1]}/billingInfo`, projectId: m[1], billingAccountName: a ? `billingAccounts/${a.id}` : '', billingEnabled: a !== undefined });
    }
    if ((m = /^\/v1\/services\/([^/]+)\/skus$/.exec(path))) {
      const skus = opts.skus.filter((s) => s.serviceId === m?.[1]);
      const p = pageOf(skus, url, opts.pageSize);
      return sendJson(res, 200, {
        skus: p.items.map((s) => ({
          name: `services/${s.serviceId}/skus/${s.skuId}`,
          skuId: s.skuId,
          description: s.description,
          category: { serviceDisplayName: 'Service', resourceFamily: 'Compute', resourceGroup: 'CPU', usageType: 'OnDemand' },
          serviceRegions: [s.region],
          pricingInfo: [
            {
              summary: '',
              effectiveTime: '2026-11-01T00:00:00Z',
              currencyConversionRate: 1,
              pricingExpression: {
                usageUnit: s.usageUnit,
                usageUnitDescription: s.usageUnit,
                baseUnit: s.usageUnit,
                baseUnitDescription: s.usageUnit,
                baseUnitConversionFactor: 1,
                displayQuantity: 1,
                tieredRates: s.tiers.map((t) => ({ startUsageAmount: t.start, unitPrice: { currencyCode: 'USD', units: String(Math.floor(t.nanos / 1e9)), nanos: t.nanos % 1e9 } })),
              },
              aggregationInfo: { aggregationLevel: 'ACCOUNT', aggregationInterval: 'MONTHLY', aggregationCount: 1 },
            },
          ],
          serviceProviderName: 'Google',
          geoTaxonomy: { type: 'REGIONAL', regions: [s.region] },
        })),
        ...(p.next ? { nextPageToken: p.next } : {}),
      });
    }
    googleError(res, 404, 'NOT_FOUND', `No route ${path}`, 'notFound');
  };
  const lb = await listen(handle);
  return { ...lb, faults, received };
}
