import { type Dimension, DIMENSIONS } from '../../core/api';

/** Display names of the store's dimensions. */
export const DIMENSION_LABELS: Readonly<Record<(typeof DIMENSIONS)[number], string>> = {
  provider: 'Provider',
  billing_account: 'Billing account',
  sub_account: 'Sub-account',
  service: 'Service',
  service_category: 'Service category',
  region: 'Region',
  charge_category: 'Charge category',
  charge_frequency: 'Charge frequency',
  pricing_category: 'Pricing category',
  sku: 'SKU',
  resource: 'Resource',
};

export function dimensionLabel(d: Dimension | string): string {
  if (d.startsWith('tag:')) return `Tag “${d.slice(4)}”`;
  return DIMENSION_LABELS[d as (typeof DIMENSIONS)[number]] ?? d;
}

export { DIMENSIONS };
