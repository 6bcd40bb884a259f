import { describe, expect, it } from 'vitest';
import { aggregateBuckets, bucketIndices, lttb } from './downsample';

describe('lttb', () => {
  it('keeps ends, the requested count, and an isolated spike', () => {
    const pts = Array.from({ length: 50_000 }, (_, i) => ({ x: i, y: i === 31_337 ? 1000 : Math.sin(i / 500) }));
    const out = lttb(pts, 500);
    expect(out).toHaveLength(500);
    expect(out[0]).toBe(pts[0]);
    expect(out[499]).toBe(pts[49_999]);
    expect(out.some((p) => p.x === 31_337)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
  });

  it('returns small inputs unchanged', () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
    expect(lttb(pts, 10)).toBe(pts);
  });

  it('picks the point furthest from the line in a 3-point-per-bucket case (hand-computed)', () => {
    // 5 points, threshold 3: one middle bucket holding points 1..3; the next bucket is point 4.
    const pts = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: 5 }, { x: 3, y: 0 }, { x: 4, y: 0 }];
    expect(lttb(pts, 3).map((p) => p.x)).toEqual([0, 2, 4]);
  });
});

describe('bucket aggregation', () => {
  it('covers every index exactly once', () => {
    const b = bucketIndices(1095, 400);
    expect(b.length).toBe(400);
    expect(b[0]![0]).toBe(0);
    expect(b[b.length - 1]![1]).toBe(1095);
    for (let i = 1; i < b.length; i++) expect(b[i]![0]).toBe(b[i - 1]![1]);
  });

  it('averages each bucket and skips NaN', () => {
    expect(aggregateBuckets([1, 2, 3, Number.NaN, 5, 7], [[0, 3], [3, 6]])).toEqual([2, 6]);
    expect(aggregateBuckets([Number.NaN], [[0, 1]])[0]).toBeNaN();
  });
});
