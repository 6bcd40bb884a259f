/**
 * Cloud Billing and Cloud Catalog through `@google-cloud/billing` (REST transport): billing
 * accounts, the projects linked to one, a project's billing info, and SKU list prices (tiered
 * Money{units, nanos} → exact decimal strings), kept for what-if pricing.
 */
import { CloudBillingClient, CloudCatalogClient } from '@google-cloud/billing';
import type { DecimalString } from '../../model';

export interface BillingClientOptions {
  /** `host` or `host:port` of the Cloud Billing API; the SDK's default when absent. */
  readonly apiEndpoint?: string;
  /** `http` for a test server; `https` otherwise. */
  readonly protocol?: 'http' | 'https';
  /** A google-auth-library client; Application Default Credentials when absent. */
  readonly authClient?: unknown;
}

export interface BillingAccountInfo {
  readonly id: string;
  readonly displayName: string;
  readonly open: boolean;
}

export interface ProjectBilling {
  readonly projectId: string;
  readonly billingAccountId: string | null;
  readonly billingEnabled: boolean;
}

export interface SkuPrice {
  readonly skuId: string;
  readonly description: string;
  readonly regions: readonly string[];
  readonly usageUnit: string;
  readonly tiers: readonly { readonly startUsageAmount: number; readonly unitPrice: DecimalString; readonly currency: string }[];
}

interface Money {
  units?: string | number | { toString(): string } | null;
  nanos?: number | null;
  currencyCode?: string | null;
}

/** Money{units, nanos} as an exact decimal string (both carry the sign, per google.type.Money). */
export function moneyToDecimal(m: Money): DecimalString {
  const units = BigInt(String(m.units ?? '0'));
  const nanos = BigInt(m.nanos ?? 0);
  const total = units * 1_000_000_000n + nanos;
  const neg = total < 0n;
  const a = neg ? -total : total;
  const frac = (a % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 1_000_000_000n}${frac ? `.${frac}` : ''}` as DecimalString;
}

function clientOptions(o: BillingClientOptions): ConstructorParameters<typeof CloudBillingClient>[0] {
  const out: Record<string, string | number | boolean | object> = { fallback: true };
  if (o.apiEndpoint) {
    const m = /^(.*?)(?::(\d+))?$/.exec(o.apiEndpoint);
    out['apiEndpoint'] = m?.[1] ?? o.apiEndpoint;
    if (m?.[2]) out['port'] = Number(m[2]);
  }
  if (o.protocol) out['protocol'] = o.protocol;
  if (o.authClient) out['authClient'] = o.authClient as object;
  return out;
}

export class GcpBilling {
  private readonly billing: CloudBillingClient;
  private readonly catalog: CloudCatalogClient;
  /** Requests made (each page is one). */
  requests = 0;

  constructor(opts: BillingClientOptions) {
    this.billing = new CloudBillingClient(clientOptions(opts));
    this.catalog = new CloudCatalogClient(clientOptions(opts));
  }

  async close(): Promise<void> {
    await Promise.all([this.billing.close(), this.catalog.close()]);
  }

  async billingAccounts(): Promise<BillingAccountInfo[]> {
    const out: BillingAccountInfo[] = [];
    let pageToken: string | undefined;
    do {
      const [items, , res] = await this.billing.listBillingAccounts({ pageSize: 100, ...(pageToken ? { pageToken } : {}) }, { autoPaginate: false });
      this.requests++;
      for (const a of items) out.push({ id: String(a.name ?? '').replace(/^billingAccounts\//, ''), displayName: a.displayName ?? '', open: a.open ?? false });
      pageToken = res?.nextPageToken || undefined;
    } while (pageToken);
    return out;
  }

  async projects(billingAccountId: string): Promise<ProjectBilling[]> {
    const out: ProjectBilling[] = [];
    let pageToken: string | undefined;
    do {
      const [items, , res] = await this.billing.listProjectBillingInfo({ name: `billingAccounts/${billingAccountId}`, pageSize: 100, ...(pageToken ? { pageToken } : {}) }, { autoPaginate: false });
      this.requests++;
      for (const p of items) out.push({ projectId: p.projectId ?? '', billingAccountId: p.billingAccountName ? p.billingAccountName.replace(/^billingAccounts\//, '') : null, billingEnabled: p.billingEnabled ?? false });
      pageToken = res?.nextPageToken || undefined;
    } while (pageToken);
    return out;
  }

  async projectBilling(projectId: string): Promise<ProjectBilling> {
    const [p] = await this.billing.getProjectBillingInfo({ name: `projects/${projectId}` });
    this.requests++;
    return { projectId: p.projectId ?? projectId, billingAccountId: p.billingAccountName ? p.billingAccountName.replace(/^billingAccounts\//, '') : null, billingEnabled: p.billingEnabled ?? false };
  }

  /** List prices of a service's SKUs (`serviceId` like `6F81-5844-456A`, Compute Engine). */
  async skuPrices(serviceId: string): Promise<SkuPrice[]> {
    const out: SkuPrice[] = [];
    let pageToken: string | undefined;
    do {
      const [items, , res] = await this.catalog.listSkus({ parent: `services/${serviceId}`, pageSize: 5000, ...(pageToken ? { pageToken } : {}) }, { autoPaginate: false });
      this.requests++;
      for (const s of items) {
        const info = s.pricingInfo?.[0];
        const expr = info?.pricingExpression;
        out.push({
          skuId: s.skuId ?? '',
          description: s.description ?? '',
          regions: s.serviceRegions ?? [],
          usageUnit: expr?.usageUnit ?? '',
          tiers: (expr?.tieredRates ?? []).map((t) => ({ startUsageAmount: Number(t.startUsageAmount ?? 0), unitPrice: moneyToDecimal(t.unitPrice ?? {}), currency: t.unitPrice?.currencyCode ?? 'USD' })),
        });
      }
      pageToken = res?.nextPageToken || undefined;
    } while (pageToken);
    return out;
  }
}
