import { describe, expect, it } from 'vitest';
import { parseDay } from '../lib';
import { buildReport, canonicalJson, quantile } from './model';
import { exclusionFlags } from './sections';
import { sampleCard, sampleInput, sampleInputWithSections, sampleSections } from './testing';

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

  it('plan sections: budgets by probability over, the ten largest anomalies by |impact|, pool history trimmed to 90 days', () => {
    const x = buildReport(sampleInputWithSections());
    expect(x.sections.budgets?.items.map((b) => [b.name, b.probabilityOver])).toEqual([['=evil budget', 1], ['Monthly', 0.2]]);
    // Impacts ±100k for k = 1..12: the ten largest in absolute value are k = 12 down to 3.
    expect(x.sections.anomalies?.top.map((a) => a.impact)).toEqual([-1200, 1100, -1000, 900, -800, 700, -600, 500, -400, 300]);
    expect(x.sections.anomalies?.total).toBe(12);
    const pool = x.sections.capacity!.pools[0]!;
    expect(pool.history).toHaveLength(90);
    expect(pool.historyStart).toBe('2025-11-17'); // 2026-02-14 − 89 days
    expect(x.sections.commitments?.recommendations[0]?.savings.p50).toBe(200);
    expect(x.sections.scenarios?.items[0]?.name).toBe('Growth');
  });

  it('assumptions list the excluded (labelled) anomalies, scenario drivers and each source lag', () => {
    const x = buildReport(sampleInputWithSections({ card: sampleCard({ excluded: [4, 5, 24] }) }));
    expect(x.assumptions.excludedAnomalies.map((a) => [a.start, a.label])).toEqual([['2026-01-07', 'planned'], ['2026-01-25', 'incident']]);
    expect(x.assumptions.scenarioDrivers).toEqual([
      { scenario: 'Growth', driver: 'growth:rate=0.2,from=2026-03-01' },
      { scenario: 'Growth', driver: 'step:add=10,from=2026-03-10' },
    ]);
    expect(x.assumptions.notes.some((n) => n.startsWith('3 day(s) were excluded from training') && n.includes('2 labelled anomalies'))).toBe(true);
    expect(x.assumptions.coverage[0]?.lagDays).toBe(0);
    const late = buildReport(sampleInput({ coverage: [{ name: 'gcp', kind: 'bigquery', rows: 9, firstDay: parseDay('2026-01-01'), lastDay: parseDay('2026-02-10'), lastImportAt: null }] }));
    expect(late.assumptions.coverage[0]?.lagDays).toBe(4); // data through 02-14, source through 02-10
    expect(buildReport(sampleInput()).sections).toEqual({ capacity: null, commitments: null, budgets: null, anomalies: null, scenarios: null });
  });

  it('the stamp covers the plan sections', () => {
    const a = buildReport(sampleInputWithSections()).stamp;
    expect(buildReport(sampleInputWithSections()).stamp).toBe(a);
    const s = sampleSections();
    const changed = { ...s, budgets: { items: s.budgets!.items.map((b) => ({ ...b, amount: b.amount + 1 })) } };
    expect(buildReport(sampleInputWithSections({ sections: changed })).stamp).not.toBe(a);
    expect(buildReport(sampleInputWithSections({ excludedAnomalies: [] })).stamp).not.toBe(a);
  });

  it('exclusion flags mark the anomaly days inside the series only', () => {
    const f = exclusionFlags(parseDay('2026-01-01'), 10, [{ start: parseDay('2025-12-30'), end: parseDay('2026-01-02') }, { start: parseDay('2026-01-09'), end: parseDay('2026-01-12') }]);
    expect(f.map((b, i) => (b ? i : -1)).filter((i) => i >= 0)).toEqual([0, 1, 8, 9]);
  });
});
