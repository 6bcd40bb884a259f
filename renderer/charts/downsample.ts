/**
 * Downsampling for display: charts never receive more points than a screen can show.
 *
 * - `lttb`: Largest-Triangle-Three-Buckets (S. Steinarsson, "Downsampling Time Series for Visual
 *   Representation", MSc thesis, University of Iceland, 2013, §4.2). Keeps the first and last
 *   points and, per bucket, the point forming the largest triangle with the previous pick and the
 *   next bucket's average: peaks and troughs of a single line survive.
 * - `bucketIndices` + `aggregateBuckets`: equal-width buckets over a shared x axis, for stacked
 *   series that must stay aligned (every series gets the same x values). Values are averaged, so a
 *   daily-cost chart keeps "cost per day" on its y axis.
 */

export interface XY {
  readonly x: number;
  readonly y: number;
}

/** Largest-Triangle-Three-Buckets; returns `points` itself when it is already small enough. */
export function lttb<P extends XY>(points: readonly P[], threshold: number): readonly P[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return points;
  const out: P[] = [points[0]!];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j]!.x;
      avgY += points[j]!.y;
    }
    const len = Math.max(nextEnd - nextStart, 1);
    avgX /= len;
    avgY /= len;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const pa = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const p = points[j]!;
      const area = Math.abs((pa.x - avgX) * (p.y - pa.y) - (pa.x - p.x) * (avgY - pa.y));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[n - 1]!);
  return out;
}

/** Splits [0, n) into at most `maxBuckets` consecutive ranges `[start, end)` of near-equal width. */
export function bucketIndices(n: number, maxBuckets: number): Array<readonly [number, number]> {
  const buckets = Math.max(1, Math.min(n, maxBuckets));
  const out: Array<readonly [number, number]> = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    if (end > start) out.push([start, end]);
  }
  return out;
}

/** Mean of `values` over each bucket, NaN skipped (a bucket of NaN stays NaN). */
export function aggregateBuckets(values: readonly number[], buckets: ReadonlyArray<readonly [number, number]>): number[] {
  return buckets.map(([s, e]) => {
    let sum = 0;
    let count = 0;
    for (let i = s; i < e; i++) {
      const v = values[i]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    return count === 0 ? Number.NaN : sum / count;
  });
}
