import { describe, expect, it } from 'vitest';
import { type Day, parseDay } from '../../core/api';
import { clipSeries, type ProviderForecast, providerOverlay } from './provider-forecast';

const d = parseDay;
const azure: ProviderForecast = {
  source: 'azure-prod',
  provider: 'Microsoft',
  metric: 'AmortizedCost',
  view: 'effective',
  currency: 'EUR',
  fetched_at: '2026-07-20T08:00:00Z',
  points: [
    { from: d('2026-07-20'), to: d('2026-07-21'), mean: 10 },
    { from: d('2026-07-21'), to: d('2026-07-22'), mean: 12 },
  ],
};
const aws: ProviderForecast = { source: 'aws', provider: 'AWS', metric: 'NetAmortizedCost', view: 'effective', currency: 'EUR', level: 80, fetched_at: '2026-07-20T08:00:00Z', points: [{ from: d('2026-07-01'), to: d('2026-08-01'), mean: 310 }] };

describe('providerOverlay', () => {
  it('daily points as they are; a month spread evenly over its days; sources summed', () => {
    expect(providerOverlay([azure], { view: 'effective', currency: 'EUR', providers: ['Microsoft'] })?.series).toEqual({ start: '2026-07-20', values: [10, 12] });
    const both = providerOverlay([azure, aws], { view: 'effective', currency: 'EUR', providers: ['Microsoft', 'AWS'] })!;
    expect(both.series.start).toBe('2026-07-01');
    expect(both.series.values).toHaveLength(31);
    expect(both.series.values[0]).toBe(10);
    expect(both.series.values[19]).toBe(20);
    expect(both.series.values[20]).toBe(22);
    expect(both.sources.map((s) => s.source)).toEqual(['azure-prod', 'aws']);
  });

  it('is absent when a provider of the series has no forecast, or the view or currency differ', () => {
    expect(providerOverlay([azure], { view: 'effective', currency: 'EUR', providers: ['Microsoft', 'Google'] })).toBeUndefined();
    expect(providerOverlay([azure], { view: 'billed', currency: 'EUR', providers: ['Microsoft'] })).toBeUndefined();
    expect(providerOverlay([azure], { view: 'effective', currency: 'USD', providers: ['Microsoft'] })).toBeUndefined();
    expect(providerOverlay([], { view: 'effective', currency: 'EUR', providers: ['Microsoft'] })).toBeUndefined();
    expect(providerOverlay([azure], { view: 'effective', currency: 'EUR', providers: [] })).toBeUndefined();
  });

  it('clipSeries keeps [from, to)', () => {
    expect(clipSeries({ start: '2026-07-20' as Day, values: [1, 2, 3, 4] }, '2026-07-21' as Day, '2026-07-23' as Day)).toEqual({ start: '2026-07-21', values: [2, 3] });
    expect(clipSeries({ start: '2026-07-20' as Day, values: [1] }, '2026-08-01' as Day, '2026-08-03' as Day)).toBeUndefined();
  });
});
