import { describe, expect, it } from 'vitest';
import { anomalyId, sameSeries } from './parts';

describe('anomaly keys', () => {
  it('marks on a chart only the anomalies of its own series: same scope and same currency', () => {
    // A store where Virtual Machines is billed in dollars by one account and in Canadian dollars by another.
    const usd = { start: '2026-09-12', scope: { service: 'Virtual Machines' }, currency: 'USD' };
    const usdLater = { start: '2026-10-01', scope: { service: 'Virtual Machines' }, currency: 'USD' };
    const cad = { start: '2026-10-03', scope: { service: 'Virtual Machines' }, currency: 'CAD' };
    const other = { start: '2026-09-12', scope: { service: 'Virtual Machines', sub_account: 'a1' }, currency: 'USD' };
    expect(sameSeries(usd, usdLater)).toBe(true);
    expect(sameSeries(usd, cad)).toBe(false);
    expect(sameSeries(usd, other)).toBe(false);
    expect([usd, usdLater, cad, other].filter((x) => sameSeries(x, usd)).map((x) => x.start)).toEqual(['2026-09-12', '2026-10-01']);
  });

  it('keys an anomaly by its start and its scope in a fixed order', () => {
    expect(anomalyId({ start: '2026-11-07' as never, scope: { service: 'SQL Database', sub_account: 's1' } })).toBe('2026-11-07|service=SQL Database,sub_account=s1');
    expect(anomalyId({ start: '2026-11-07' as never, scope: { sub_account: 's1', service: 'SQL Database' } })).toBe('2026-11-07|service=SQL Database,sub_account=s1');
  });
});
