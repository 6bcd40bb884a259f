/**
 * Cartwheel Commerce, the fictional online home-goods shop the demo dataset describes: its
 * billing accounts on AWS, Azure and Google Cloud and the usage series each one runs.
 * Prices are round figures close to public on-demand list prices (USD) in 2024–2025.
 */
import type { Workload } from './calendar';

export interface Account {
  readonly provider: 'AWS' | 'Microsoft' | 'Google Cloud';
  readonly billingAccountId: string;
  readonly billingAccountName: string;
  readonly subAccountId: string;
  readonly subAccountName: string;
}

const AWS_PAYER = { provider: 'AWS', billingAccountId: '210987654321', billingAccountName: 'Cartwheel Commerce (management)' } as const;
const AZURE_EA = { provider: 'Microsoft', billingAccountId: '87654321', billingAccountName: 'Cartwheel Commerce EA' } as const;
const GCP_BILLING = { provider: 'Google Cloud', billingAccountId: '01F2A3-B4C5D6-E7F809', billingAccountName: 'Cartwheel Commerce' } as const;

export const ACCOUNTS = {
  awsShop: { ...AWS_PAYER, subAccountId: '345678901234', subAccountName: 'cartwheel-shop-prod' },
  awsData: { ...AWS_PAYER, subAccountId: '456789012345', subAccountName: 'cartwheel-data-prod' },
  awsStaging: { ...AWS_PAYER, subAccountId: '567890123456', subAccountName: 'cartwheel-staging' },
  azShop: { ...AZURE_EA, subAccountId: '3f2c9a41-7d6e-4b1a-9c8d-2e5f7a9b1c01', subAccountName: 'cartwheel-shop-prod' },
  azAnalytics: { ...AZURE_EA, subAccountId: '8b1d4e72-0a3c-4f59-b6e2-9d7c1a3f5e02', subAccountName: 'cartwheel-analytics' },
  gcpShop: { ...GCP_BILLING, subAccountId: 'cartwheel-shop-prod', subAccountName: 'Cartwheel Shop (prod)' },
  gcpAnalytics: { ...GCP_BILLING, subAccountId: 'cartwheel-analytics', subAccountName: 'Cartwheel Analytics' },
} as const satisfies Record<string, Account>;

/** Which commitment family may cover a series' usage. */
export type CommitmentPool = 'aws-sp' | 'azure-ri' | 'gcp-cud';

/** One usage series: a daily charge row (before commitments split it) for a fixed scope. */
export interface SeriesDef {
  readonly id: string;
  readonly account: Account;
  readonly service: string;
  /** FOCUS ServiceCategory allowed value. */
  readonly category: string;
  readonly region: string | null;
  readonly sku: string;
  readonly resourceId: string;
  /** FOCUS ConsumedUnit. */
  readonly unit: string;
  /** On-demand list price, USD per unit. */
  readonly price: number;
  /** Trend-level daily quantity on the first day of the dataset. */
  readonly baseQty: number;
  readonly workload: Workload;
  readonly tags: Readonly<Record<string, string>>;
  /** Daily log-noise standard deviation (AR(1), φ = 0.5). */
  readonly sigma: number;
  readonly commitment?: CommitmentPool;
  /** `before`: the series stops on the migration day; `after`: it starts then. */
  readonly migration?: 'before' | 'after';
  /** For `after` series: the series whose cost it takes over (equal trend cost on the day). */
  readonly migratedFrom?: string;
  /** The quantity comes from the GKE node-pool schedule, not from demand. */
  readonly nodePool?: true;
  /** vCPU-hours that count against the EC2 On-Demand Standard vCPU quota pool. */
  readonly ec2QuotaPool?: true;
  /** Rows only exist on anomaly days (a runaway resource). */
  readonly anomalyOnly?: true;
}

const t = (team: string, env: string, app: string): Record<string, string> => ({ team, env, app });
const UNTAGGED: Record<string, string> = {};

// Resource-id builders, shaped like each provider's identifiers.
const asg = (a: Account, region: string, name: string): string => `arn:aws:autoscaling:${region}:${a.subAccountId}:autoScalingGroup:${name}`;
const rds = (a: Account, region: string, name: string): string => `arn:aws:rds:${region}:${a.subAccountId}:db:${name}`;
const s3 = (name: string): string => `arn:aws:s3:::${name}`;
const arm = (a: Account, rg: string, type: string, name: string): string => `/subscriptions/${a.subAccountId}/resourceGroups/${rg}/providers/${type}/${name}`;
const gce = (a: Account, zone: string, name: string): string => `//compute.googleapis.com/projects/${a.subAccountId}/zones/${zone}/instanceGroupManagers/${name}`;

const EC2 = 'Amazon Elastic Compute Cloud';

/** An EC2 fleet: instances (vCPU-hours) plus their gp3 volumes. */
function ec2(id: string, a: Account, region: string, family: string, price: number, vcpuH: number, workload: Workload, tags: Record<string, string>, extra: Partial<SeriesDef> = {}): SeriesDef[] {
  const prefix = region === 'us-east-1' ? 'USE1' : 'EUW1';
  const name = tags['app'] ?? id;
  return [
    { id: `${id}/instances`, account: a, service: EC2, category: 'Compute', region, sku: `${prefix}-BoxUsage:${family}.2xlarge`, resourceId: asg(a, region, name), unit: 'vCPU-Hours', price, baseQty: vcpuH, workload, tags, sigma: 0.03, ...extra },
    { id: `${id}/ebs`, account: a, service: EC2, category: 'Compute', region, sku: `${prefix}-EBS:VolumeUsage.gp3`, resourceId: asg(a, region, name), unit: 'GB-Mo', price: 0.08, baseQty: vcpuH * 0.035, workload: 'storage', tags, sigma: 0.004 },
  ];
}

const A = ACCOUNTS;

/** Every usage series of the company. Order matters only for determinism. */
export const SERIES: readonly SeriesDef[] = [
  // ── AWS: shop (customer-facing), data (analytics), staging ───────────────────────────
  ...ec2('aws/shop/use1/storefront', A.awsShop, 'us-east-1', 'm6i', 0.048, 9000, 'compute', t('storefront', 'prod', 'web'), { commitment: 'aws-sp', ec2QuotaPool: true }),
  ...ec2('aws/shop/use1/checkout', A.awsShop, 'us-east-1', 'm6i', 0.048, 3600, 'compute', t('checkout', 'prod', 'checkout'), { commitment: 'aws-sp', ec2QuotaPool: true }),
  ...ec2('aws/shop/use1/search', A.awsShop, 'us-east-1', 'c6i', 0.0425, 4800, 'compute', t('search', 'prod', 'search'), { commitment: 'aws-sp', ec2QuotaPool: true }),
  ...ec2('aws/shop/euw1/storefront', A.awsShop, 'eu-west-1', 'm6i', 0.0535, 3000, 'compute', t('storefront', 'prod', 'web')),
  { id: 'aws/shop/use1/rds-checkout', account: A.awsShop, service: 'Amazon Relational Database Service', category: 'Databases', region: 'us-east-1', sku: 'USE1-InstanceUsage:db.r6g.2xl', resourceId: rds(A.awsShop, 'us-east-1', 'checkout-db'), unit: 'Hours', price: 0.899, baseQty: 192, workload: 'steady', tags: t('checkout', 'prod', 'checkout'), sigma: 0.01 },
  { id: 'aws/shop/euw1/rds-storefront', account: A.awsShop, service: 'Amazon Relational Database Service', category: 'Databases', region: 'eu-west-1', sku: 'EU-InstanceUsage:db.r6g.xl', resourceId: rds(A.awsShop, 'eu-west-1', 'storefront-eu-db'), unit: 'Hours', price: 0.48, baseQty: 96, workload: 'steady', tags: t('storefront', 'prod', 'web'), sigma: 0.01 },
  { id: 'aws/shop/use1/s3-media', account: A.awsShop, service: 'Amazon Simple Storage Service', category: 'Storage', region: 'us-east-1', sku: 'TimedStorage-ByteHrs', resourceId: s3('cartwheel-media'), unit: 'GB-Mo', price: 0.023, baseQty: 20000, workload: 'storage', tags: t('storefront', 'prod', 'media'), sigma: 0.003 },
  { id: 'aws/shop/euw1/s3-backup', account: A.awsShop, service: 'Amazon Simple Storage Service', category: 'Storage', region: 'eu-west-1', sku: 'EU-TimedStorage-ByteHrs', resourceId: s3('cartwheel-eu-backups'), unit: 'GB-Mo', price: 0.024, baseQty: 4000, workload: 'storage', tags: UNTAGGED, sigma: 0.003 },
  { id: 'aws/shop/global/cloudfront', account: A.awsShop, service: 'Amazon CloudFront', category: 'Networking', region: 'global', sku: 'US-DataTransfer-Out-Bytes', resourceId: 'arn:aws:cloudfront::345678901234:distribution/E2CARTWHEEL01', unit: 'GB', price: 0.085, baseQty: 6000, workload: 'traffic', tags: t('storefront', 'prod', 'web'), sigma: 0.04 },
  { id: 'aws/shop/use1/egress', account: A.awsShop, service: EC2, category: 'Compute', region: 'us-east-1', sku: 'USE1-DataTransfer-Out-Bytes', resourceId: asg(A.awsShop, 'us-east-1', 'web'), unit: 'GB', price: 0.09, baseQty: 1500, workload: 'traffic', tags: t('storefront', 'prod', 'web'), sigma: 0.04 },
  { id: 'aws/shop/use1/lambda', account: A.awsShop, service: 'AWS Lambda', category: 'Compute', region: 'us-east-1', sku: 'USE1-Lambda-GB-Second', resourceId: 'arn:aws:lambda:us-east-1:345678901234:function:order-webhooks', unit: 'GB-Seconds', price: 0.0000166667, baseQty: 6_000_000, workload: 'customer', tags: t('checkout', 'prod', 'webhooks'), sigma: 0.05 },
  ...ec2('aws/data/use1/etl', A.awsData, 'us-east-1', 'm6i', 0.048, 4800, 'internal', t('data', 'prod', 'etl'), { commitment: 'aws-sp' }),
  { id: 'aws/data/use1/rds-warehouse', account: A.awsData, service: 'Amazon Relational Database Service', category: 'Databases', region: 'us-east-1', sku: 'USE1-InstanceUsage:db.r6g.4xl', resourceId: rds(A.awsData, 'us-east-1', 'orders-replica'), unit: 'Hours', price: 1.798, baseQty: 66, workload: 'steady', tags: t('data', 'prod', 'etl'), sigma: 0.01 },
  { id: 'aws/data/use1/s3-lake', account: A.awsData, service: 'Amazon Simple Storage Service', category: 'Storage', region: 'us-east-1', sku: 'TimedStorage-ByteHrs', resourceId: s3('cartwheel-datalake'), unit: 'GB-Mo', price: 0.023, baseQty: 30000, workload: 'storage', tags: t('data', 'prod', 'datalake'), sigma: 0.003 },
  { id: 'aws/data/use1/s3-requests', account: A.awsData, service: 'Amazon Simple Storage Service', category: 'Storage', region: 'us-east-1', sku: 'Requests-Tier1', resourceId: s3('cartwheel-datalake'), unit: 'Requests', price: 0.000005, baseQty: 6_000_000, workload: 'internal', tags: t('data', 'prod', 'datalake'), sigma: 0.06 },
  ...ec2('aws/staging/use1/web', A.awsStaging, 'us-east-1', 'm6i', 0.048, 2400, 'staging', t('platform', 'staging', 'web'), { commitment: 'aws-sp' }),
  { id: 'aws/staging/use1/loadtest', account: A.awsStaging, service: EC2, category: 'Compute', region: 'us-east-1', sku: 'USE1-BoxUsage:g5.2xlarge', resourceId: 'arn:aws:ec2:us-east-1:567890123456:instance/i-0c0ffee1oadtest', unit: 'vCPU-Hours', price: 0.1515, baseQty: 0, workload: 'steady', tags: t('platform', 'staging', 'loadtest'), sigma: 0, anomalyOnly: true },
  { id: 'aws/staging/use1/s3', account: A.awsStaging, service: 'Amazon Simple Storage Service', category: 'Storage', region: 'us-east-1', sku: 'TimedStorage-ByteHrs', resourceId: s3('cartwheel-staging-assets'), unit: 'GB-Mo', price: 0.023, baseQty: 1000, workload: 'storage', tags: UNTAGGED, sigma: 0.003 },
  { id: 'aws/staging/use1/lambda', account: A.awsStaging, service: 'AWS Lambda', category: 'Compute', region: 'us-east-1', sku: 'USE1-Lambda-GB-Second', resourceId: 'arn:aws:lambda:us-east-1:567890123456:function:order-webhooks', unit: 'GB-Seconds', price: 0.0000166667, baseQty: 600_000, workload: 'staging', tags: UNTAGGED, sigma: 0.08 },

  // AWS long tail: caches, queues, NAT, DNS, monitoring, ETL and query services.
  { id: 'aws/shop/use1/elasticache', account: A.awsShop, service: 'Amazon ElastiCache', category: 'Databases', region: 'us-east-1', sku: 'USE1-NodeUsage:cache.r6g.large', resourceId: 'arn:aws:elasticache:us-east-1:345678901234:replicationgroup:sessions', unit: 'Hours', price: 0.206, baseQty: 144, workload: 'steady', tags: t('storefront', 'prod', 'web'), sigma: 0.01 },
  { id: 'aws/shop/use1/nat', account: A.awsShop, service: 'Amazon Virtual Private Cloud', category: 'Networking', region: 'us-east-1', sku: 'USE1-NatGateway-Bytes', resourceId: 'arn:aws:ec2:us-east-1:345678901234:natgateway/nat-0cart01', unit: 'GB', price: 0.045, baseQty: 3000, workload: 'traffic', tags: t('platform', 'prod', 'network'), sigma: 0.04 },
  { id: 'aws/shop/use1/sqs', account: A.awsShop, service: 'Amazon Simple Queue Service', category: 'Integration', region: 'us-east-1', sku: 'USE1-Requests-Tier1', resourceId: 'arn:aws:sqs:us-east-1:345678901234:order-events', unit: 'Requests', price: 0.0000004, baseQty: 50_000_000, workload: 'customer', tags: t('checkout', 'prod', 'checkout'), sigma: 0.04 },
  { id: 'aws/shop/global/route53', account: A.awsShop, service: 'Amazon Route 53', category: 'Networking', region: 'global', sku: 'DNS-Queries', resourceId: 'arn:aws:route53:::hostedzone/Z0CARTWHEEL', unit: 'Queries', price: 0.0000004, baseQty: 30_000_000, workload: 'traffic', tags: UNTAGGED, sigma: 0.04 },
  { id: 'aws/shop/use1/cloudwatch', account: A.awsShop, service: 'AmazonCloudWatch', category: 'Management and Governance', region: 'us-east-1', sku: 'USE1-CW:MetricMonitorUsage', resourceId: 'arn:aws:cloudwatch:us-east-1:345678901234:metrics', unit: 'Metric-Months', price: 0.3, baseQty: 100, workload: 'steady', tags: t('platform', 'prod', 'observability'), sigma: 0.01 },
  { id: 'aws/data/use1/glue', account: A.awsData, service: 'AWS Glue', category: 'Analytics', region: 'us-east-1', sku: 'USE1-ETL-DPU-Hour', resourceId: 'arn:aws:glue:us-east-1:456789012345:job/orders-nightly', unit: 'DPU-Hours', price: 0.44, baseQty: 200, workload: 'internal', tags: t('data', 'prod', 'etl'), sigma: 0.06 },
  { id: 'aws/data/use1/athena', account: A.awsData, service: 'Amazon Athena', category: 'Analytics', region: 'us-east-1', sku: 'USE1-DataScannedInTB', resourceId: 'arn:aws:athena:us-east-1:456789012345:workgroup/analysts', unit: 'TB', price: 5, baseQty: 6, workload: 'internal', tags: t('data', 'prod', 'datalake'), sigma: 0.08 },
  { id: 'aws/data/use1/logs', account: A.awsData, service: 'AmazonCloudWatch', category: 'Management and Governance', region: 'us-east-1', sku: 'USE1-DataProcessing-Bytes', resourceId: 'arn:aws:logs:us-east-1:456789012345:log-group:/etl', unit: 'GB', price: 0.5, baseQty: 80, workload: 'steady', tags: t('data', 'prod', 'etl'), sigma: 0.02 },
  { id: 'aws/staging/use1/rds', account: A.awsStaging, service: 'Amazon Relational Database Service', category: 'Databases', region: 'us-east-1', sku: 'USE1-InstanceUsage:db.t4g.large', resourceId: rds(A.awsStaging, 'us-east-1', 'checkout-db-staging'), unit: 'Hours', price: 0.128, baseQty: 48, workload: 'steady', tags: t('platform', 'staging', 'checkout'), sigma: 0.005 },
  { id: 'aws/staging/use1/cloudwatch', account: A.awsStaging, service: 'AmazonCloudWatch', category: 'Management and Governance', region: 'us-east-1', sku: 'USE1-CW:MetricMonitorUsage', resourceId: 'arn:aws:cloudwatch:us-east-1:567890123456:metrics', unit: 'Metric-Months', price: 0.3, baseQty: 20, workload: 'steady', tags: UNTAGGED, sigma: 0.01 },

  // ── Azure: the CMS and notifications (shop) and the recommender (analytics, migrates to GCP) ─
  { id: 'azure/shop/eastus/vm-cms', account: A.azShop, service: 'Virtual Machines', category: 'Compute', region: 'eastus', sku: 'D4s v5', resourceId: arm(A.azShop, 'rg-cms', 'Microsoft.Compute/virtualMachineScaleSets', 'vmss-cms'), unit: 'vCPU-Hours', price: 0.048, baseQty: 4800, workload: 'customer', tags: t('storefront', 'prod', 'cms'), sigma: 0.03, commitment: 'azure-ri' },
  { id: 'azure/shop/eastus/sql-cms', account: A.azShop, service: 'SQL Database', category: 'Databases', region: 'eastus', sku: 'SQL Database Single General Purpose - Compute Gen5 vCore', resourceId: arm(A.azShop, 'rg-cms', 'Microsoft.Sql/servers/cartwheel-cms/databases', 'cms'), unit: 'vCore-Hours', price: 0.2525, baseQty: 480, workload: 'steady', tags: t('storefront', 'prod', 'cms'), sigma: 0.01 },
  { id: 'azure/shop/eastus/blob', account: A.azShop, service: 'Storage', category: 'Storage', region: 'eastus', sku: 'Hot LRS Data Stored', resourceId: arm(A.azShop, 'rg-cms', 'Microsoft.Storage/storageAccounts', 'cartwheelcms'), unit: 'GB-Mo', price: 0.0184, baseQty: 5000, workload: 'storage', tags: t('storefront', 'prod', 'cms'), sigma: 0.003 },
  { id: 'azure/shop/westeurope/aks', account: A.azShop, service: 'Azure Kubernetes Service', category: 'Compute', region: 'westeurope', sku: 'D4s v5 (AKS node)', resourceId: arm(A.azShop, 'rg-notify', 'Microsoft.ContainerService/managedClusters', 'aks-notify-weu'), unit: 'vCPU-Hours', price: 0.053, baseQty: 2400, workload: 'customer', tags: t('platform', 'prod', 'notifications'), sigma: 0.03 },
  { id: 'azure/analytics/eastus/vm-recommender', account: A.azAnalytics, service: 'Virtual Machines', category: 'Compute', region: 'eastus', sku: 'D8s v5', resourceId: arm(A.azAnalytics, 'rg-reco', 'Microsoft.Compute/virtualMachineScaleSets', 'vmss-recommender'), unit: 'vCPU-Hours', price: 0.048, baseQty: 7200, workload: 'internal', tags: t('ml', 'prod', 'recommender'), sigma: 0.03, commitment: 'azure-ri', migration: 'before' },
  { id: 'azure/analytics/eastus/sql-recommender', account: A.azAnalytics, service: 'SQL Database', category: 'Databases', region: 'eastus', sku: 'SQL Database Single General Purpose - Compute Gen5 vCore', resourceId: arm(A.azAnalytics, 'rg-reco', 'Microsoft.Sql/servers/cartwheel-reco/databases', 'features'), unit: 'vCore-Hours', price: 0.2525, baseQty: 720, workload: 'steady', tags: t('ml', 'prod', 'recommender'), sigma: 0.01, migration: 'before' },
  { id: 'azure/analytics/eastus/blob', account: A.azAnalytics, service: 'Storage', category: 'Storage', region: 'eastus', sku: 'Cool LRS Data Stored', resourceId: arm(A.azAnalytics, 'rg-reco', 'Microsoft.Storage/storageAccounts', 'cartwheelreco'), unit: 'GB-Mo', price: 0.01, baseQty: 12000, workload: 'storage', tags: UNTAGGED, sigma: 0.003 },

  { id: 'azure/shop/eastus/log-analytics', account: A.azShop, service: 'Log Analytics', category: 'Management and Governance', region: 'eastus', sku: 'Analytics Logs Data Ingestion', resourceId: arm(A.azShop, 'rg-ops', 'Microsoft.OperationalInsights/workspaces', 'law-shop'), unit: 'GB', price: 2.3, baseQty: 30, workload: 'steady', tags: t('platform', 'prod', 'observability'), sigma: 0.02 },
  { id: 'azure/shop/eastus/bandwidth', account: A.azShop, service: 'Bandwidth', category: 'Networking', region: 'eastus', sku: 'Standard Data Transfer Out', resourceId: arm(A.azShop, 'rg-cms', 'Microsoft.Network/publicIPAddresses', 'pip-cms'), unit: 'GB', price: 0.087, baseQty: 800, workload: 'traffic', tags: t('storefront', 'prod', 'cms'), sigma: 0.04 },
  { id: 'azure/analytics/eastus/data-factory', account: A.azAnalytics, service: 'Azure Data Factory v2', category: 'Integration', region: 'eastus', sku: 'Cloud Data Movement', resourceId: arm(A.azAnalytics, 'rg-reco', 'Microsoft.DataFactory/factories', 'adf-reco'), unit: 'DIU-Hours', price: 0.25, baseQty: 120, workload: 'internal', tags: t('ml', 'prod', 'recommender'), sigma: 0.06, migration: 'before' },
  { id: 'azure/analytics/eastus/log-analytics', account: A.azAnalytics, service: 'Log Analytics', category: 'Management and Governance', region: 'eastus', sku: 'Analytics Logs Data Ingestion', resourceId: arm(A.azAnalytics, 'rg-ops', 'Microsoft.OperationalInsights/workspaces', 'law-analytics'), unit: 'GB', price: 2.3, baseQty: 6, workload: 'steady', tags: UNTAGGED, sigma: 0.03 },

  // ── Google Cloud: GKE for catalog services, analytics (BigQuery), and the recommender after migration ─
  { id: 'gcp/shop/us-central1/gke', account: A.gcpShop, service: 'Kubernetes Engine', category: 'Compute', region: 'us-central1', sku: 'N2 Instance Core running in Americas', resourceId: '//container.googleapis.com/projects/cartwheel-shop-prod/locations/us-central1/clusters/shop-gke-prod', unit: 'vCPU-Hours', price: 0.0316, baseQty: 0, workload: 'steady', tags: t('platform', 'prod', 'catalog'), sigma: 0, nodePool: true },
  { id: 'gcp/shop/us-central1/gcs', account: A.gcpShop, service: 'Cloud Storage', category: 'Storage', region: 'us-central1', sku: 'Standard Storage US Regional', resourceId: '//storage.googleapis.com/projects/_/buckets/cartwheel-catalog-images', unit: 'GiB-Months', price: 0.02, baseQty: 2700, workload: 'storage', tags: t('platform', 'prod', 'catalog'), sigma: 0.003 },
  { id: 'gcp/shop/europe-west1/gce', account: A.gcpShop, service: 'Compute Engine', category: 'Compute', region: 'europe-west1', sku: 'N2 Instance Core running in Belgium', resourceId: gce(A.gcpShop, 'europe-west1-b', 'storefront-eu-edge'), unit: 'vCPU-Hours', price: 0.0348, baseQty: 1200, workload: 'customer', tags: t('storefront', 'prod', 'web'), sigma: 0.03 },
  { id: 'gcp/analytics/us-central1/bigquery', account: A.gcpAnalytics, service: 'BigQuery', category: 'Analytics', region: 'us-central1', sku: 'Analysis (on-demand)', resourceId: '//bigquery.googleapis.com/projects/cartwheel-analytics/datasets/warehouse', unit: 'TiB', price: 6.25, baseQty: 40, workload: 'internal', tags: t('data', 'prod', 'warehouse'), sigma: 0.06 },
  { id: 'gcp/analytics/us-central1/gce-etl', account: A.gcpAnalytics, service: 'Compute Engine', category: 'Compute', region: 'us-central1', sku: 'N2 Instance Core running in Americas', resourceId: gce(A.gcpAnalytics, 'us-central1-a', 'etl-workers'), unit: 'vCPU-Hours', price: 0.0316, baseQty: 2400, workload: 'internal', tags: t('data', 'prod', 'etl'), sigma: 0.04, commitment: 'gcp-cud' },
  { id: 'gcp/analytics/us-central1/gcs', account: A.gcpAnalytics, service: 'Cloud Storage', category: 'Storage', region: 'us-central1', sku: 'Standard Storage US Regional', resourceId: '//storage.googleapis.com/projects/_/buckets/cartwheel-warehouse-staging', unit: 'GiB-Months', price: 0.02, baseQty: 5000, workload: 'storage', tags: t('data', 'prod', 'warehouse'), sigma: 0.003 },
  { id: 'gcp/analytics/us-central1/gce-recommender', account: A.gcpAnalytics, service: 'Compute Engine', category: 'Compute', region: 'us-central1', sku: 'N2 Instance Core running in Americas', resourceId: gce(A.gcpAnalytics, 'us-central1-a', 'recommender'), unit: 'vCPU-Hours', price: 0.0316, baseQty: 0, workload: 'internal', tags: t('ml', 'prod', 'recommender'), sigma: 0.03, commitment: 'gcp-cud', migration: 'after', migratedFrom: 'azure/analytics/eastus/vm-recommender' },
  { id: 'gcp/analytics/us-central1/bigquery-recommender', account: A.gcpAnalytics, service: 'BigQuery', category: 'Analytics', region: 'us-central1', sku: 'Analysis (on-demand)', resourceId: '//bigquery.googleapis.com/projects/cartwheel-analytics/datasets/features', unit: 'TiB', price: 6.25, baseQty: 0, workload: 'internal', tags: t('ml', 'prod', 'recommender'), sigma: 0.05, migration: 'after', migratedFrom: 'azure/analytics/eastus/sql-recommender' },
  { id: 'gcp/shop/us-central1/egress', account: A.gcpShop, service: 'Networking', category: 'Networking', region: 'us-central1', sku: 'Network Internet Data Transfer Out from Americas to Americas', resourceId: '//compute.googleapis.com/projects/cartwheel-shop-prod/global/forwardingRules/catalog-lb', unit: 'GiB', price: 0.12, baseQty: 600, workload: 'traffic', tags: t('platform', 'prod', 'catalog'), sigma: 0.04 },
  { id: 'gcp/shop/us-central1/logging', account: A.gcpShop, service: 'Cloud Logging', category: 'Management and Governance', region: 'us-central1', sku: 'Log Storage cost', resourceId: '//logging.googleapis.com/projects/cartwheel-shop-prod', unit: 'GiB', price: 0.5, baseQty: 60, workload: 'steady', tags: UNTAGGED, sigma: 0.02 },
  { id: 'gcp/shop/us-central1/artifact-registry', account: A.gcpShop, service: 'Artifact Registry', category: 'Developer Tools', region: 'us-central1', sku: 'Artifact Registry Storage', resourceId: '//artifactregistry.googleapis.com/projects/cartwheel-shop-prod/locations/us-central1/repositories/images', unit: 'GiB-Months', price: 0.1, baseQty: 17, workload: 'storage', tags: t('platform', 'prod', 'ci'), sigma: 0.003 },
  { id: 'gcp/analytics/us-central1/dataflow', account: A.gcpAnalytics, service: 'Dataflow', category: 'Analytics', region: 'us-central1', sku: 'vCPU Time Batch Iowa', resourceId: '//dataflow.googleapis.com/projects/cartwheel-analytics/locations/us-central1/jobs/orders-enrich', unit: 'vCPU-Hours', price: 0.056, baseQty: 600, workload: 'internal', tags: t('data', 'prod', 'etl'), sigma: 0.05 },
  { id: 'gcp/analytics/us-central1/pubsub-recommender', account: A.gcpAnalytics, service: 'Cloud Pub/Sub', category: 'Integration', region: 'us-central1', sku: 'Message Delivery Basic', resourceId: '//pubsub.googleapis.com/projects/cartwheel-analytics/topics/reco-events', unit: 'TiB', price: 40, baseQty: 0, workload: 'internal', tags: t('ml', 'prod', 'recommender'), sigma: 0.05, migration: 'after', migratedFrom: 'azure/analytics/eastus/data-factory' },
];
