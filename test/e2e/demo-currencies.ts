/**
 * The demo company with some providers billed in other currencies, written into a data folder as the
 * `demo` source: each provider named in `billing` gets that currency and its amounts times the factor.
 * For e2e specs of a store billed in several currencies.
 */
import type { Day } from '../../core/api';
import { DEMO_SEED, generateDemo, seededRandom } from '../../core/ingest/demo';
import type { CurrencyCode, DecimalString } from '../../core/model';
import { openService } from '../../core/service';

export async function seedDemoInCurrencies(dataDir: string, asOf: Day, billing: Readonly<Record<string, readonly [currency: string, factor: number]>>): Promise<void> {
  const demo = generateDemo({ asOf, random: seededRandom(DEMO_SEED) });
  const svc = await openService({ dataDir });
  try {
    const src = await svc.store.ensureSource({ name: 'demo', kind: 'demo' });
    const times = (v: DecimalString, k: number): DecimalString => (k === 1 ? v : (Number(v) * k).toFixed(12)) as DecimalString;
    const rows = demo.charges.map((r) => {
      const b = billing[r.ProviderName];
      if (!b) return r;
      const [currency, k] = b;
      return { ...r, BillingCurrency: currency as CurrencyCode, BilledCost: times(r.BilledCost, k), EffectiveCost: times(r.EffectiveCost, k), ListCost: r.ListCost === null ? null : times(r.ListCost, k) };
    });
    await svc.store.replaceChargeRows({ sourceId: src.id, from: '1970-01-01' as Day, to: '9999-12-31' as Day, rows, format: 'demo' });
  } finally {
    await svc.close();
  }
}
