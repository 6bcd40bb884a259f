import { median } from './detect';

/**
 * Root-cause drill-down of an anomaly (issue 6, item 2: "which dimension values moved").
 *
 * The anomaly's scope is split by each dimension (billing account, sub-account, service, region,
 * SKU, tag values); every part is one daily series aligned with the anomaly's days. A part's
 * **expected** cost over the anomaly window is, day by day, the median of the same weekday in the
 * previous `weeks` weeks (default 4); its impact is actual − expected, and its share is that impact
 * over the dimension's net impact (Σ of its parts' impacts = the scope's own excess against the
 * same baseline, so the shares of one dimension add up to 1).
 *
 * Why this baseline and not the detector's expected value split in proportion to each part's
 * share: a proportional split gives every part the same relative excess by construction, so it
 * cannot tell which part moved — exactly the question. A per-part decomposition (MSTL per value)
 * would answer it but costs one fit per value and is unstable on the many small, sparse series a
 * SKU or tag split produces. The same-weekday median needs no fit, respects the weekly cycle
 * (costs differ strongly between weekdays and weekends), and the median of four weeks ignores one
 * unusual week in the baseline (a previous incident or a holiday). Its bias is the trend over
 * 2½ weeks on average (≈ 1.5 % at +35 %/year), small against an anomaly's excess.
 *
 * A dimension that holds a single value over the window and its baseline (all of a service in one
 * region) is still reported — "all of it is in eastus" answers the question too — but ranks after
 * the dimensions that discriminate, since its impact is the whole excess by construction.
 */
export interface DriverSeries {
  readonly dimension: string;
  /** The dimension's value; `null` for rows without one (untagged, no region). */
  readonly value: string | null;
  /** Daily cost, index-aligned with the anomaly's `start`/`end`. */
  readonly values: readonly number[];
}

export interface AnomalyDriver {
  readonly dimension: string;
  readonly value: string | null;
  /** Σ over the window of the same-weekday median of the previous weeks. */
  readonly expected: number;
  readonly actual: number;
  /** actual − expected. */
  readonly impact: number;
  /** impact / the dimension's net impact (0 when that is 0). */
  readonly share: number;
  /** False when the dimension had a single value over the window and its baseline. */
  readonly discriminating: boolean;
}

export interface DriverOptions {
  /** Weeks of same-weekday history in the baseline. Default 4. */
  readonly weeks?: number;
  /** Sign of the anomaly: only parts that moved this way are drivers. Default: the sign of the net impact. */
  readonly direction?: 1 | -1;
  /** Smallest share a driver must carry. Default 0.1. */
  readonly minShare?: number;
  /** At most this many drivers per dimension. Default 3. */
  readonly perDimension?: number;
}

/** Same-weekday median baseline of one series over [start, end]. */
export function weekdayBaseline(values: readonly number[], start: number, end: number, weeks = 4): number {
  let sum = 0;
  for (let t = start; t <= end; t++) {
    const past: number[] = [];
    for (let k = 1; k <= weeks; k++) if (t - 7 * k >= 0) past.push(values[t - 7 * k] ?? 0);
    sum += past.length > 0 ? median(past) : 0;
  }
  return sum;
}

/**
 * Drivers of the anomaly over [start, end]: discriminating dimensions first, then by |impact| (the
 * contribution to the excess); equal impacts rank the more specific part (smaller expected cost) first.
 */
export function rankDrivers(parts: readonly DriverSeries[], start: number, end: number, o: DriverOptions = {}): AnomalyDriver[] {
  const weeks = o.weeks ?? 4;
  const minShare = o.minShare ?? 0.1;
  const perDimension = o.perDimension ?? 3;
  const byDim = new Map<string, DriverSeries[]>();
  for (const p of parts) byDim.set(p.dimension, [...(byDim.get(p.dimension) ?? []), p]);
  const out: AnomalyDriver[] = [];
  for (const [dimension, list] of byDim) {
    const lo = Math.max(0, start - 7 * weeks);
    const present = list.filter((p) => p.values.slice(lo, end + 1).some((v) => v !== 0));
    if (present.length === 0) continue;
    const discriminating = present.length > 1;
    const rows = present.map((p) => {
      const expected = weekdayBaseline(p.values, start, end, weeks);
      let actual = 0;
      for (let t = start; t <= end; t++) actual += p.values[t] ?? 0;
      return { dimension, value: p.value, expected, actual, impact: actual - expected, discriminating };
    });
    const net = rows.reduce((a, r) => a + r.impact, 0);
    const dir = o.direction ?? (net < 0 ? -1 : 1);
    const ranked = rows
      .map((r) => ({ ...r, share: net !== 0 ? r.impact / net : 0 }))
      .filter((r) => Math.sign(r.impact) === dir && r.share >= minShare)
      .sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact) || a.expected - b.expected)
      .slice(0, perDimension);
    out.push(...ranked);
  }
  return out.sort((a, b) => Number(b.discriminating) - Number(a.discriminating) || Math.abs(b.impact) - Math.abs(a.impact) || a.expected - b.expected);
}
