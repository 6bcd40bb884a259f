import { describe, expect, it } from 'vitest';
import { buildReport, canonicalJson, quantile } from './model';
import { sampleCard, sampleInput } from './testing';

describe('report model', () => {
  const r = buildReport(sampleInput());

  it('sums actuals per calendar month and per service', () => {
    // January: days 0..30 → EC2 Σ(100+i) = 3100 + 465 = 3565, S3 310, evil 31.
    // February 1..14: days 31..44 → EC2 14·100 + Σ31..44 = 1400 + 525 = 1925, S3 140, evil 14.
    expect(r.actuals.months).toEqual([
      { month: '2026-01-01', days: 31, cost: 3565 + 310 + 31 },
      { month: '2026-02-01', days: 14, cost: 1925 + 140 + 14 },
    ]);
    expect(r.actuals.services.map((s) => [s.name, s.byMonth])).toEqual([
      ['Amazon EC2', [3565, 1925]],
      ['Amazon S3', [310, 140]],
      ['=HYPERLINK("http://x.example","click")', [31, 14]],
    ]);
    expect(r.actuals.total).toBe(3565 + 1925 + 450 + 45);
    expect(r.period).toEqual({ start: '2026-01-01', end: '2026-02-15', forecastEnd: '2026-03-27' });
  });

  it('forecasts month totals from the summed paths, carrying the month in progress', () => {
    // Feb 15..28 = 14 forecast days; March 1..26 = 26 days. Path k: 200 + k per day, k = 0..4.
    const feb = r.forecast.months[0]!;
    const mar = r.forecast.months[1]!;
    expect(feb).toMatchObject({ month: '2026-02-01', actualDays: 14, actual: 2079, forecastDays: 14 });
    // Totals 2079 + 14·(200+k) = 4879, 4893, 4907, 4921, 4935; type-7 P10 at h = 0.4 → 4879 + 0.4·14.
    expect(feb.p10).toBeCloseTo(4879 + 0.4 * 14, 9);
    expect(feb.p50).toBe(4907);
    expect(feb.p90).toBeCloseTo(4921 + 0.6 * 14, 9);
    expect(mar).toMatchObject({ month: '2026-03-01', actualDays: 0, actual: 0, forecastDays: 26, p50: 26 * 202, mean: 26 * 202 });
    expect(r.forecast.months).toHaveLength(2);
  });

  it('groups services beyond the top N into Other', () => {
    const small = buildReport(sampleInput({ topServices: 1 }));
    expect(small.actuals.services.map((s) => [s.name, s.total])).toEqual([['Amazon EC2', 5490], ['Other', 495]]);
  });

  it('quantile follows Hyndman & Fan type 7', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20], 0.1)).toBeCloseTo(11, 12);
    expect(quantile([5], 0.9)).toBe(5);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
  });

  it('gives the same stamp for the same inputs and another when data, model or scope change', () => {
    const again = buildReport(sampleInput({ generatedAt: '2030-01-01T00:00:00.000Z', title: 'Other title' }));
    expect(again.stamp).toBe(r.stamp);
    expect(r.stamp).toMatch(/^[0-9a-f]{64}$/);
    const input = sampleInput();
    const oneCent = { ...input.daily, values: input.daily.values.map((v, i) => (i === 3 ? v + 0.01 : v)) };
    const changed = [
      buildReport({ ...input, daily: oneCent }).stamp,
      buildReport({ ...input, card: sampleCard({ params: { alpha: 0.31, gamma: 0.1 } }) }).stamp,
      buildReport({ ...input, card: sampleCard({ seed: 2 }) }).stamp,
      buildReport({ ...input, scope: [] }).stamp,
      buildReport({ ...input, view: 'billed' }).stamp,
    ];
    for (const s of changed) expect(s).not.toBe(r.stamp);
    expect(new Set(changed).size).toBe(changed.length);
  });
});
