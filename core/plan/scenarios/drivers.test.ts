import { describe, expect, it } from 'vitest';
import { addDays, parseDay } from '../../lib';
import { quantiles } from '../quantile';
import { gaussian, mulberry32 } from '../test-random';
import { applyDrivers, checkDrivers, monthlyTotals, parseDriver } from './drivers';

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
