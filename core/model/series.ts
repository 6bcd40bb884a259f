import type { Day } from '../lib/dates';

/** A regular daily series: values[i] is the value on addDays(start, i). Missing days are NaN. */
export interface DailySeries {
  readonly start: Day;
  readonly values: readonly number[];
}

/** A named series with its unit (`USD`, `vCPU`, `%`). */
export interface NamedSeries extends DailySeries {
  readonly id: string;
  readonly unit: string;
}

/** A metric sample as stored in the `metrics` table. */
export interface MetricPoint {
  /** ISO timestamp, UTC. */
  readonly ts: string;
  readonly value: number;
}
