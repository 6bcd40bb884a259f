import { describe, expect, it } from 'vitest';
import { rankDrivers, weekdayBaseline, type DriverSeries } from './drivers';

/** 35 days of a weekly pattern (weekday level `w`, weekend level `e`). */
const weekly = (w: number, e: number): number[] => Array.from({ length: 35 }, (_, t) => (t % 7 >= 5 ? e : w));

describe('weekdayBaseline', () => {
  it('is the median of the same weekday of the previous weeks', () => {
    const y = weekly(100, 40);
    y[28 - 7] = 1000; // one unusual week in the baseline is ignored by the median
    // Days 28..29 are weekdays 0 and 1: baselines 100 + 100.
    expect(weekdayBaseline(y, 28, 29)).toBe(200);
    // Day 33 is a weekend day (33 % 7 = 5).
    expect(weekdayBaseline(y, 33, 33)).toBe(40);
    // Day 3 has no previous week: baseline 0.
    expect(weekdayBaseline(y, 3, 3)).toBe(0);
  });
});

describe('rankDrivers', () => {
  it('ranks the value that moved first, with its excess and share', () => {
    // Region split: us-east-1 gets +300 and +200 on days 29–30, eu-west-1 +10 on day 29; sku split of the same rows.
    const east = weekly(100, 40);
    const west = weekly(50, 50);
    east[29] = east[29]! + 300;
    east[30] = east[30]! + 200;
    west[29] = west[29]! + 10;
    const parts: DriverSeries[] = [
      { dimension: 'region', value: 'us-east-1', values: east },
      { dimension: 'region', value: 'eu-west-1', values: west },
      { dimension: 'provider', value: 'AWS', values: east.map((v, t) => v + west[t]!) },
    ];
    // provider has a single value: its impact is the whole excess (510) but it ranks after the
    // discriminating region; eu-west-1 carries 10/510 < 10 % of the excess, so by default it is no driver.
    expect(rankDrivers(parts, 29, 30).map((x) => [x.dimension, x.value, x.impact, x.discriminating])).toEqual([
      ['region', 'us-east-1', 500, true],
      ['provider', 'AWS', 510, false],
    ]);
    const d = rankDrivers(parts, 29, 30, { minShare: 0.01 }).filter((x) => x.discriminating);
    expect(d.map((x) => [x.dimension, x.value])).toEqual([['region', 'us-east-1'], ['region', 'eu-west-1']]);
    const [first, second] = d;
    expect(first).toMatchObject({ expected: 200, actual: 700, impact: 500 });
    expect(first!.share).toBeCloseTo(500 / 510, 12);
    expect(second).toMatchObject({ expected: 100, actual: 110, impact: 10 });
  });

  it('for a drop, ranks the values that fell and ignores those that rose', () => {
    const a = weekly(100, 100);
    const b = weekly(100, 100);
    a[30] = 20;
    b[30] = 110;
    const d = rankDrivers([{ dimension: 'sku', value: 'A', values: a }, { dimension: 'sku', value: 'B', values: b }], 30, 30);
    expect(d).toEqual([{ dimension: 'sku', value: 'A', expected: 100, actual: 20, impact: -80, share: -80 / -70, discriminating: true }]);
  });

  it('equal impacts rank the more specific (smaller) value first', () => {
    const big = weekly(1000, 1000);
    const small = weekly(10, 10);
    const other = weekly(5, 5);
    big[30] = 1100;
    small[30] = 110;
    const d = rankDrivers([
      { dimension: 'region', value: 'r1', values: big },
      { dimension: 'region', value: 'r2', values: other },
      { dimension: 'sku', value: 's1', values: small },
      { dimension: 'sku', value: 's2', values: big.map((v, t) => v - small[t]! + other[t]!) },
    ], 30, 30);
    expect(d[0]).toMatchObject({ dimension: 'sku', value: 's1', impact: 100 });
    expect(d[1]).toMatchObject({ dimension: 'region', value: 'r1', impact: 100 });
  });
});
