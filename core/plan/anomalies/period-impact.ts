/**
 * What an anomaly does to its period (issue 6, item 2: "its impact on the period forecast").
 *
 * The period is the one the anomaly ends in (a calendar month in the service). The end-of-period
 * figure is the actual cost of the period's observed days plus, when the period is still open,
 * the P50 of the cost of its remaining days forecast from the series:
 * - `with`: the series as observed (the anomalous days train the forecast);
 * - `without`: the anomalous days replaced by the detector's expected values, both in the observed
 *   part of the period and in the forecast's training data;
 * - `delta` = with − without = the excess already incurred in the period (`incurred`) plus the
 *   change the anomaly causes in the forecast of the remaining days.
 * For a closed period there is nothing to forecast and `delta` = `incurred`.
 *
 * The forecast is a port (`forecastTotal(values, horizon)` → P50 of the horizon's total), so this
 * stays pure; the service passes a seeded model from core/forecast.
 */
export interface PeriodImpactInput {
  /** The series as observed, index 0 = its first day, length n (the last observed day is n − 1). */
  readonly values: readonly number[];
  /** The detector's expected value per day (same indexing). */
  readonly expected: readonly number[];
  /** The anomaly's first and last day (inclusive). */
  readonly start: number;
  readonly end: number;
  /** The period [periodStart, periodEnd) in the same indexing; periodEnd may lie after n. */
  readonly periodStart: number;
  readonly periodEnd: number;
  /** P50 of the total of the next `horizon` days after `values`. */
  readonly forecastTotal: (values: readonly number[], horizon: number) => number;
}

export interface PeriodImpact {
  readonly with: number;
  readonly without: number;
  readonly delta: number;
  /** Σ (actual − expected) over the anomalous days inside the period that are already observed. */
  readonly incurred: number;
  /** Days of the period still to come (0 when the period is closed). */
  readonly forecastDays: number;
}

export function periodImpact(i: PeriodImpactInput): PeriodImpact {
  const n = i.values.length;
  let observed = 0;
  for (let t = Math.max(0, i.periodStart); t < Math.min(n, i.periodEnd); t++) observed += i.values[t] ?? 0;
  let incurred = 0;
  for (let t = Math.max(i.start, i.periodStart); t <= Math.min(i.end, i.periodEnd - 1, n - 1); t++) incurred += (i.values[t] ?? 0) - (i.expected[t] ?? 0);
  const horizon = Math.max(0, i.periodEnd - Math.max(n, i.periodStart));
  let withTotal = observed;
  let withoutTotal = observed - incurred;
  if (horizon > 0) {
    const cleaned = i.values.map((v, t) => (t >= i.start && t <= i.end ? (i.expected[t] ?? v) : v));
    // Days between the data's end and the period's start (a period that starts later) are forecast too and dropped.
    const gap = Math.max(0, i.periodStart - n);
    const tail = (vs: readonly number[]): number => i.forecastTotal(vs, gap + horizon) - (gap > 0 ? i.forecastTotal(vs, gap) : 0);
    withTotal += tail(i.values);
    withoutTotal += tail(cleaned);
  }
  return { with: withTotal, without: withoutTotal, delta: withTotal - withoutTotal, incurred, forecastDays: horizon };
}
