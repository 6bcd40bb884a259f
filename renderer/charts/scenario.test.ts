import { describe, expect, it } from 'vitest';
import { daysInMonth, scenarioCharts, scenarioRows } from './scenario';

const band = (p50: number) => ({ p10: p50 - 10, p50, p90: p50 + 10 });

describe('scenario comparison rows', () => {
  it('keeps whole months, shares one baseline per scope and lists the partial months', () => {
    const months = (k: number) => [
      { month: '2026-11', days: 5, baseline: band(50), scenario: band(50 * k) },
      { month: '2026-12', days: 31, baseline: band(310), scenario: band(310 * k) },
      { month: '2027-02', days: 28, baseline: band(280), scenario: band(280 * k) },
      { month: '2027-03', days: 25, baseline: band(250), scenario: band(250 * k) },
    ];
    const r = scenarioRows([
      { name: 'Up', baselineKey: 'all|USD', baselineLabel: 'all spend', months: months(2) },
      { name: 'Down', baselineKey: 'all|USD', baselineLabel: 'all spend', months: months(0.5) },
    ]);
    expect(r.rows.map((x) => x['month'])).toEqual(['2026-12', '2027-02']);
    expect(r.keys.map((k) => k.label)).toEqual(['Baseline', 'Up', 'Down']);
    expect(r.rows[0]).toEqual({ month: '2026-12', b0: 310, b0band: [300, 320], s0: 620, s0band: [610, 630], s1: 155, s1band: [145, 165] });
    expect(r.partial).toEqual([{ month: '2026-11', days: 5 }, { month: '2027-03', days: 25 }]);
  });

  it('draws one baseline per distinct scope', () => {
    const m = [{ month: '2027-01', days: 31, baseline: band(100), scenario: band(120) }];
    const r = scenarioRows([
      { name: 'A', baselineKey: 'all|USD', baselineLabel: 'all spend', months: m },
      { name: 'B', baselineKey: 'service=S3|USD', baselineLabel: 'Service: S3', months: m },
    ]);
    expect(r.keys.map((k) => k.label)).toEqual(['Baseline (all spend)', 'Baseline (Service: S3)', 'A', 'B']);
  });

  it('draws one chart per currency, each with only its own monthly budgets, and keeps every scenario\'s colour from the comparison', () => {
    const m = [{ month: '2027-01', days: 31, baseline: band(100), scenario: band(120) }];
    const src = (name: string, currency: string, budgets: { name: string; period: 'month' | 'quarter' | 'year'; amount: number }[]) => ({
      input: { name, baselineKey: `${currency}|[]`, baselineLabel: 'all spend', months: m },
      currency,
      budgets,
    });
    const charts = scenarioCharts([
      src('usd-growth', 'USD', [{ name: 'all-usd', period: 'month', amount: 60_000 }]),
      src('eur-migration', 'EUR', [{ name: 'all-eur', period: 'month', amount: 70_000 }, { name: 'eur-q', period: 'quarter', amount: 200_000 }]),
      src('cad-x', 'CAD', [{ name: 'cad', period: 'month', amount: 5 }]),
      src('usd-cut', 'USD', [{ name: 'all-usd', period: 'month', amount: 60_000 }]),
    ]);
    expect(charts.map((c) => c.currency)).toEqual(['USD', 'EUR', 'CAD']);
    // A euro budget is never drawn on the dollar axis (nor a quarterly one on a monthly chart).
    expect(charts.map((c) => c.budgets)).toEqual([[{ name: 'all-usd', amount: 60_000 }], [{ name: 'all-eur', amount: 70_000 }], [{ name: 'cad', amount: 5 }]]);
    expect(charts.map((c) => c.scenarios.map((s) => [s.name, s.colorIndex]))).toEqual([[['usd-growth', 0], ['usd-cut', 3]], [['eur-migration', 1]], [['cad-x', 2]]]);
    // The chart's series keys carry those colours, not their place on the chart.
    expect(scenarioRows(charts[0]!.scenarios).keys.filter((k) => k.kind === 'scenario').map((k) => [k.key, k.colorIndex])).toEqual([['s0', 0], ['s1', 3]]);
    expect(scenarioRows(charts[1]!.scenarios).keys.filter((k) => k.kind === 'scenario').map((k) => [k.key, k.colorIndex])).toEqual([['s0', 1]]);
  });

  it('knows the length of months', () => {
    expect([daysInMonth('2027-02'), daysInMonth('2028-02'), daysInMonth('2026-11'), daysInMonth('2026-12')]).toEqual([28, 29, 30, 31]);
  });
});
