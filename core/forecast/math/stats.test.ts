import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { quantileSorted, selectQuantiles } from './stats';

describe('selectQuantiles', () => {
  const ps = [0, 0.025, 0.05, 0.1, 0.5, 0.9, 0.95, 0.975, 1];
  it.each([1, 2, 3, 7, 40, 200, 1000, 1501])('equals type-7 quantiles of the sorted values (n = %i, with ties and a constant run)', (n) => {
    const rnd = createRandom(n);
    for (let rep = 0; rep < 20; rep++) {
      const x = Float64Array.from({ length: n }, (_, i) => (rep % 4 === 0 ? Math.round(10 * rnd()) : rep % 4 === 1 ? (i < n / 2 ? 3 : rnd()) : (rnd() - 0.5) * 1e3));
      const sorted = x.slice().sort();
      const expected = ps.map((p) => quantileSorted(sorted, p));
      expect(selectQuantiles(x.slice(), ps)).toEqual(expected);
    }
  });
  it('sorts NaN last as Float64Array.sort does', () => {
    const x = Float64Array.from([3, Number.NaN, 1, 2]);
    expect(selectQuantiles(x, [0, 0.5, 1])).toEqual([1, 2.5, Number.NaN]);
  });
});
