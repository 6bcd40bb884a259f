/**
 * The fixed map from API dimension names to SQL. Dimension names never reach SQL text: known
 * names map to a column below; `tag:<key>` maps to a map lookup whose key is a bound parameter.
 */
import { HeadroomError } from '../lib';
import { DIMENSIONS, type Dimension } from '../model';

export const DIMENSION_COLUMNS: Readonly<Record<(typeof DIMENSIONS)[number], string>> = {
  provider: 'ProviderName',
  billing_account: 'BillingAccountId',
  sub_account: 'SubAccountId',
  service: 'ServiceName',
  service_category: 'ServiceCategory',
  region: 'RegionId',
  charge_category: 'ChargeCategory',
  charge_frequency: 'ChargeFrequency',
  pricing_category: 'PricingCategory',
  sku: 'SkuId',
  resource: 'ResourceId',
};

export function isDimension(s: string): s is Dimension {
  return (DIMENSIONS as readonly string[]).includes(s) || (s.startsWith('tag:') && s.length > 4);
}

/** Throws a BAD_INPUT HeadroomError listing the valid names. */
export function parseDimension(s: string): Dimension {
  if (isDimension(s)) return s;
  throw new HeadroomError('BAD_INPUT', `Unknown dimension "${s}". Use one of: ${DIMENSIONS.join(', ')}, or tag:<key> (e.g. tag:env).`);
}

/** Collects named parameters while a statement is built. */
export class Params {
  readonly values: Record<string, string | number | null> = {};
  private n = 0;
  add(v: string | number | null): string {
    const name = `p${this.n++}`;
    this.values[name] = v;
    return `$${name}`;
  }
}

/** SQL expression for a dimension; tag keys are bound as parameters. */
export function dimensionSql(d: Dimension, params: Params): string {
  if (d.startsWith('tag:')) return `map_extract_value(Tags, ${params.add(d.slice(4))})`;
  const col = DIMENSION_COLUMNS[d as (typeof DIMENSIONS)[number]];
  if (col === undefined) throw new HeadroomError('BAD_INPUT', `Unknown dimension "${d}".`);
  return col;
}
