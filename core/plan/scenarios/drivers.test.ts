import { describe, expect, it } from 'vitest';
import { addDays, parseDay } from '../../lib';
import { quantiles } from '../quantile';
import { gaussian, mulberry32 } from '../test-random';
import { applyDrivers, checkDrivers, describeDriver, horizonTotal, monthlyTotals, parseDriver } from './drivers';

function paths(k: number, h: number, level: number, sd: number, seed: number): number[][] {
  const normal = gaussian(mulberry32(seed));
  return Array.from({ length: k }, () => Array.from({ length: h }, () => level + sd * normal()));
}

const start = parseDay('2027-01-01');
const base = paths(500, 120, 100, 20, 3); // 2027-01-01 … 2027-04-30

describe('scenario drivers on sample paths', () => {
  it('+20 % growth from a date moves each path by exactly the compound factor, and the monthly P50 accordingly', () => {
    const from = parseDay('2027-02-01');
    const s = applyDrivers(base, start, [parseDriver('growth:rate=0.2,from=2027-02-01')]);
    // Independent: days before Feb 1 unchanged; day d ≥ Feb 1 scaled by 1.2^((d − Feb 1)/365).
    for (const k of [0, 17, 499]) {
      for (const t of [0, 30, 31, 59, 119]) {
        const since = t - 31;
        const expected = since < 0 ? (base[k]?.[t] as number) : (base[k]?.[t] as number) * 1.2 ** (since / 365);
        expect(s[k]?.[t]).toBeCloseTo(expected, 9);
      }
    }
    expect(addDays(start, 31)).toBe(from);
    // April totals: Σ_{t=90}^{119} y_t · 1.2^((t−31)/365) per path, P50 across paths.
    const aprilTotals = base.map((p) => p.slice(90, 120).reduce((a, v, i) => a + v * 1.2 ** ((90 + i - 31) / 365), 0));
    const [p10, p50, p90] = quantiles(aprilTotals, [0.1, 0.5, 0.9]);
    const april = monthlyTotals(s, start).find((m) => m.month === '2027-04');
    expect(april).toMatchObject({ days: 30 });
    expect(april?.p50).toBeCloseTo(p50 as number, 6);
    expect(april?.p10).toBeCloseTo(p10 as number, 6);
    expect(april?.p90).toBeCloseTo(p90 as number, 6);
    // January is untouched.
    expect(monthlyTotals(s, start)[0]).toEqual(monthlyTotals(base, start)[0]);
  });

  it('step drivers multiply or add from their date', () => {
    const mul = applyDrivers(base, start, [parseDriver('step:factor=0.7,from=2027-03-01')]);
    const add = applyDrivers(base, start, [parseDriver('step:add=50,from=2027-03-01')]);
    const t0 = 59; // 2027-03-01
    for (const k of [0, 250]) {
      const p = base[k] as number[];
      expect(mul[k]?.[t0 - 1]).toBe(p[t0 - 1]);
      expect(mul[k]?.[t0]).toBeCloseTo((p[t0] as number) * 0.7, 12);
      expect(add[k]?.[t0 - 1]).toBe(p[t0 - 1]);
      expect(add[k]?.[t0 + 10]).toBeCloseTo((p[t0 + 10] as number) + 50, 12);
    }
    // March totals shift by exactly 31 × 50 on every path, so every quantile shifts by 1,550.
    const b = monthlyTotals(base, start).find((m) => m.month === '2027-03');
    const a = monthlyTotals(add, start).find((m) => m.month === '2027-03');
    expect((a?.p50 as number) - (b?.p50 as number)).toBeCloseTo(1550, 6);
    expect((a?.p90 as number) - (b?.p90 as number)).toBeCloseTo(1550, 6);
  });

  it('windows, price and workload ramps', () => {
    const s = applyDrivers(base, start, [
      parseDriver('window:factor=2,from=2027-01-10,to=2027-01-12'),
      parseDriver('price:factor=0.5,from=2027-01-11'),
      parseDriver('workload:level=30,from=2027-01-20,ramp=3'),
    ]);
    const p = base[0] as number[];
    expect(s[0]?.[8]).toBe(p[8]);
    expect(s[0]?.[9]).toBeCloseTo((p[9] as number) * 2, 12);
    expect(s[0]?.[10]).toBeCloseTo((p[10] as number) * 2 * 0.5, 12);
    expect(s[0]?.[11]).toBeCloseTo((p[11] as number) * 0.5, 12); // window ended (to is exclusive)
    expect(s[0]?.[19]).toBeCloseTo((p[19] as number) * 0.5 + 10, 12);
    expect(s[0]?.[20]).toBeCloseTo((p[20] as number) * 0.5 + 20, 12);
    expect(s[0]?.[22]).toBeCloseTo((p[22] as number) * 0.5 + 30, 12);
  });

  it('a price change scales every path from its date, so every monthly quantile of a later month scales by the factor', () => {
    const s = applyDrivers(base, start, [parseDriver('price:factor=0.85,from=2027-02-01')]);
    const b = monthlyTotals(base, start);
    const m = monthlyTotals(s, start);
    expect(m[0]).toEqual(b[0]);
    for (const i of [1, 2, 3]) {
      // A positive factor keeps the order of the path totals, so each quantile is the baseline's × 0.85.
      expect(m[i]?.p10).toBeCloseTo(0.85 * (b[i]?.p10 as number), 9);
      expect(m[i]?.p50).toBeCloseTo(0.85 * (b[i]?.p50 as number), 9);
      expect(m[i]?.p90).toBeCloseTo(0.85 * (b[i]?.p90 as number), 9);
    }
  });

  it('a window multiplies only inside [from, to): a 4-day ×1.6 campaign adds 0.6 × those days per path', () => {
    const s = applyDrivers(base, start, [parseDriver('window:factor=1.6,from=2027-03-26,to=2027-03-30')]);
    for (const k of [0, 99, 333]) {
      const p = base[k] as number[];
      const q = s[k] as number[];
      const extra = q.reduce((a, v, t) => a + v - (p[t] as number), 0);
      expect(extra).toBeCloseTo(0.6 * (p[84] as number) + 0.6 * (p[85] as number) + 0.6 * (p[86] as number) + 0.6 * (p[87] as number), 9);
    }
  });

  it('a workload follows its own curve (ramp, growth) and, with a spread, widens the interval by its lognormal size', () => {
    const w = parseDriver('workload:level=30,from=2027-01-20,ramp=3,growth=0.5');
    expect(describeDriver(w)).toBe('workload:level=30,from=2027-01-20,ramp=3,growth=0.5');
    const s = applyDrivers(base, start, [w]);
    const p = base[7] as number[];
    expect(s[7]?.[18]).toBe(p[18]);
    expect(s[7]?.[19]).toBeCloseTo((p[19] as number) + 10, 12);
    expect(s[7]?.[100]).toBeCloseTo((p[100] as number) + 30 * 1.5 ** (81 / 365), 12);

    // Spread on flat paths (no baseline noise): the horizon total is B + m·C with m lognormal, mean 1, CV 0.3.
    const flat = Array.from({ length: 4000 }, () => Array.from({ length: 60 }, () => 100));
    const spread = applyDrivers(flat, start, [parseDriver('workload:level=50,from=2027-01-01,spread=0.3')], gaussian(mulberry32(21)));
    const C = 60 * 50;
    const s2 = Math.log(1 + 0.3 ** 2);
    const lognormalQ = (z: number): number => 6000 + C * Math.exp(Math.sqrt(s2) * z - s2 / 2);
    const t = horizonTotal(spread);
    // Sampling error of an empirical decile with 4,000 paths is ~0.3 % of the total here: allow 1.5 %.
    expect(Math.abs(t.p50 / lognormalQ(0) - 1)).toBeLessThan(0.015);
    expect(Math.abs(t.p10 / lognormalQ(-1.2815515655446004) - 1)).toBeLessThan(0.015);
    expect(Math.abs(t.p90 / lognormalQ(1.2815515655446004) - 1)).toBeLessThan(0.015);
    // Without the spread the interval is a single point: the workload's own uncertainty made it.
    const known = horizonTotal(applyDrivers(flat, start, [parseDriver('workload:level=50,from=2027-01-01')]));
    expect(known).toEqual({ p10: 6000 + C, p50: 6000 + C, p90: 6000 + C });
    const mean = spread.reduce((a, q) => a + q.reduce((x, v) => x + v, 0), 0) / spread.length;
    expect(Math.abs(mean - (6000 + C))).toBeLessThan(4 * (0.3 * C) / Math.sqrt(4000));
    // Same draws reproduced independently: path k's addition is exp(σ z_k − σ²/2) × 50 every day.
    const z = gaussian(mulberry32(21));
    for (let k = 0; k < 5; k++) expect(spread[k]?.[10]).toBeCloseTo(100 + 50 * Math.exp(Math.sqrt(s2) * z() - s2 / 2), 9);
    expect(() => applyDrivers(flat, start, [parseDriver('workload:level=50,from=2027-01-01,spread=0.3')])).toThrow(/needs a normal sampler/);
  });

  it('refuses overlapping windows, naming both, and bad drivers with what to write', () => {
    expect(() => checkDrivers([parseDriver('window:factor=1.5,from=2026-11-20,to=2026-12-01'), parseDriver('window:factor=2,from=2026-11-27,to=2026-11-30')])).toThrow(
      'Window drivers "window:factor=1.5,from=2026-11-20,to=2026-12-01" and "window:factor=2,from=2026-11-27,to=2026-11-30" overlap (2026-11-27 to 2026-11-29)',
    );
    expect(() => checkDrivers([parseDriver('window:factor=1.5,from=2026-11-20,to=2026-11-27'), parseDriver('window:factor=2,from=2026-11-27,to=2026-11-30')])).not.toThrow();
    expect(() => parseDriver('boom:rate=1')).toThrow(/unknown driver kind "boom" \(known: growth, step, window, price, workload\)/);
    expect(() => parseDriver('growth:rate=0.2,from=2027-13-01')).toThrow(/from=2027-13-01 is not a date \(YYYY-MM-DD\)/);
    expect(() => parseDriver('growth:rate=0.2')).toThrow(/"from" is missing/);
    expect(() => parseDriver('step:factor=1,add=2,from=2027-01-01')).toThrow(/exactly one of factor=/);
    expect(() => parseDriver('window:factor=2,from=2027-01-05,to=2027-01-01')).toThrow(/must be after/);
    expect(() => parseDriver('price:factor=0.9,from=2027-01-01,foo=1')).toThrow(/unknown parameter foo/);
  });
});
