import { describe, expect, it } from 'vitest';
import type { AnomalyView, PoolPlan } from '../api';
import { parseDay } from '../lib';
import { anomalyItem, poolItem, withinScope } from './report-sections';

describe('report sections: mapping the plans', () => {
  it('a series lies inside a scope when every condition of the scope holds for it', () => {
    expect(withinScope([], { service: 'S3' })).toBe(true);
    expect(withinScope([{ dimension: 'service', value: 'S3' }], { sub_account: 'a', service: 'S3' })).toBe(true);
    expect(withinScope([{ dimension: 'service', value: 'S3' }], { billing_account: '1' })).toBe(false);
    expect(withinScope([{ dimension: 'service', value: 'S3' }, { dimension: 'region', value: 'eu' }], { service: 'S3' })).toBe(false);
  });

  it('pool plans keep their dates, recommendations and chart series', () => {
    const plan: PoolPlan = {
      name: 'web', unit: 'vCPU', capacity: 100, target: 0.8, lead_time_days: 14, as_of: parseDay('2026-02-14'), horizon_days: 180, service_level: 0.95,
      exhaustion: { p10: parseDay('2026-03-01'), p50: null, p90: null }, exhaustion_probability: 0.2, order_by: parseDay('2026-02-15'), needed_capacity: 120,
      recommendations: [
        { kind: 'add_capacity', add: 20, order_by: parseDay('2026-02-15'), monthly_cost: 250, currency: 'EUR', reason: 'r' },
        { kind: 'scaling', target: 'asg', resource: 'web-asg', min: 2, max: 8, scheduled: [{ name: 'a', recurrence: '0 8 * * 1', min_size: 4, max_size: 8 }] },
      ],
      history: { start: parseDay('2026-02-13'), values: [50, null] }, forecast: { start: parseDay('2026-02-15'), p10: [1], p50: [2], p90: [3], model: 'ETS(A,N,N)', calendar_effects: [] },
      capacity_schedule: [{ from: parseDay('1970-01-01'), capacity: 100 }], warnings: ['w'],
    };
    expect(poolItem(plan)).toEqual({
      name: 'web', unit: 'vCPU', capacity: 100, target: 0.8, leadTimeDays: 14, asOf: '2026-02-14', horizonDays: 180, serviceLevel: 0.95,
      exhaustion: { p10: '2026-03-01', p50: null, p90: null }, exhaustionProbability: 0.2, orderBy: '2026-02-15', neededCapacity: 120,
      recommendations: [
        { kind: 'add_capacity', add: 20, orderBy: '2026-02-15', monthlyCost: 250, currency: 'EUR', reason: 'r' },
        { kind: 'scaling', target: 'asg', resource: 'web-asg', min: 2, max: 8, scheduled: 1 },
      ],
      historyStart: '2026-02-13', history: [50, null], forecastStart: '2026-02-15', p10: [1], p50: [2], p90: [3],
      capacitySchedule: [{ from: '1970-01-01', capacity: 100 }], model: 'ETS(A,N,N)', warnings: ['w'],
    });
  });

  it('anomaly drivers: the three largest outside the anomaly’s own series, with the month-end impact', () => {
    const driver = (dimension: string, value: string | null, impact: number) => ({ dimension, value, expected: 0, actual: impact, impact, share: 0 });
    const a = {
      start: parseDay('2026-01-05'), end: parseDay('2026-01-06'), scope: { service: 'S3' }, currency: 'USD', expected: 100, actual: 400, impact: 300,
      interval: { lower: 80, upper: 120 }, z: 9, severity: 'high', label: 'planned',
      drivers: [driver('service', 'S3', 300), driver('region', 'eu-west-1', 250), driver('tag:team', null, 40), driver('sku', 'Requests', 30), driver('billing_account', '1', 5)],
      period_impact: { period: '2026-01', open: false, with: 1300, without: 1000, delta: 300, incurred: 300 },
    } as unknown as AnomalyView;
    expect(anomalyItem(a)).toEqual({
      start: '2026-01-05', end: '2026-01-06', scope: 'service=S3', currency: 'USD', expected: 100, actual: 400, impact: 300, severity: 'high', label: 'planned',
      drivers: [{ name: 'region=eu-west-1', impact: 250 }, { name: 'tag:team=(none)', impact: 40 }, { name: 'sku=Requests', impact: 30 }],
      periodImpact: { period: '2026-01', open: false, delta: 300 },
    });
  });
});
