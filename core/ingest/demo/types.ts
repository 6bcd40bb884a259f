import type { Day } from '../../lib';
import type { ChargeRow, MetricPoint } from '../../model';
import type { RetailPeaks } from './calendar';
import type { Random } from './random';

export interface DemoOptions {
  /** The dataset ends the day before `asOf` (the CLI passes today; tests pass a fixed day). */
  readonly asOf: Day;
  /** The only source of randomness (see `seededRandom`). */
  readonly random: Random;
}

/** A metric series for the `metrics` table: one name + label set, daily points at 00:00 UTC. */
export interface DemoMetricSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly unit: string;
  /** What each daily point is: the day's peak or a level in force that day. */
  readonly aggregation: 'max' | 'last';
  readonly points: readonly MetricPoint[];
}

/** Capacity in force from `from` (inclusive) until the next step (the shape core/plan/capacity reads). */
export interface CapacityStep {
  readonly from: Day;
  readonly capacity: number;
}

/** A capacity pool as data, for the capacity planner to persist (issue #5). */
export interface DemoPoolDefinition {
  readonly name: string;
  readonly description: string;
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
  /** A constant, or a step schedule (ascending `from`). */
  readonly capacity: number | readonly CapacityStep[];
  /** Target utilisation in (0, 1]. */
  readonly target: number;
  readonly leadTimeDays: number;
  readonly unit: string;
  /** Cost of one unit of capacity per month, in `currency`, when adding capacity costs money. */
  readonly costPerUnit?: number;
  /** ISO 4217 code of `costPerUnit`: the demo bills in USD only, and says so on every pool. */
  readonly currency: 'USD';
}

/** A dimension scope in the names `core/model` DIMENSIONS uses. */
export interface DemoScope {
  readonly provider: string;
  readonly billing_account: string;
  readonly sub_account: string;
  readonly service: string;
  readonly region: string;
}

export interface DemoAnomaly {
  readonly id: string;
  readonly description: string;
  /** First and last affected day (inclusive). */
  readonly start: Day;
  readonly end: Day;
  readonly scope: DemoScope;
  /** EffectiveCost of the scope's usage rows over [start, end] without the anomaly, USD. */
  readonly expected: number;
  readonly actual: number;
  /** actual − expected, USD (exact to the cent). */
  readonly impact: number;
  /** The same per day, USD. */
  readonly dailyImpact: readonly { readonly day: Day; readonly impact: number }[];
}

export interface DemoCommitment {
  readonly id: string;
  readonly provider: string;
  /** FOCUS CommitmentDiscountType as written on the rows. */
  readonly type: string;
  /** FOCUS CommitmentDiscountCategory: spend-based (USD/hour) or usage-based (vCPU-hours). */
  readonly category: 'Spend' | 'Usage';
  readonly billingAccountId: string;
  readonly subAccountId: string;
  readonly region: string | null;
  /** First day of the term and the first day after it (exclusive). */
  readonly start: Day;
  readonly end: Day;
  readonly termMonths: number;
  /** `recurring`: a Purchase row each day of the term; `upfront`: one One-Time Purchase row on `start`. */
  readonly payment: 'recurring' | 'upfront';
  /** Discount against on-demand list price, 0–1. */
  readonly discount: number;
  /** Spend plans: committed USD per hour. */
  readonly hourlyCommitment: number | null;
  /** Usage plans: committed quantity per day, in `unit`. */
  readonly dailyQuantity: number | null;
  readonly unit: string;
  /** The amortised amount per day, USD. */
  readonly dailyAmortized: number;
  /** Total BilledCost of the purchase over the whole term, USD. */
  readonly totalCost: number;
  /** What usage it covers. */
  readonly covers: string;
  readonly note?: string;
}

export interface DemoCredit {
  readonly description: string;
  readonly start: Day;
  /** Last day (inclusive). */
  readonly end: Day;
  readonly scope: DemoScope;
  /** Sum of the credit rows, USD (negative). */
  readonly amount: number;
}

export interface DemoPoolTruth {
  readonly pool: string;
  /** Trend level of the pool's daily peak on `asOf` (no calendar, no noise). */
  readonly trendAtAsOf: number;
  readonly capacityAtAsOf: number;
  /** First day after the data on which the expected peak (trend × calendar, no noise) exceeds target × capacity; null if not within two years. */
  readonly expectedTargetCrossing: Day | null;
  /** The same for the capacity itself. */
  readonly expectedExhaustion: Day | null;
  /** Days on which demand exceeded the capacity and the metric was capped at it. */
  readonly cappedDays: readonly Day[];
}

/** What the generator put in, so tests and later features can check what they find. */
export interface DemoGroundTruth {
  readonly company: string;
  /** First day and the day after the last (exclusive, = asOf). */
  readonly from: Day;
  readonly to: Day;
  /** Underlying demand growth per year (0.35 = +35 %/year). */
  readonly annualGrowth: number;
  readonly weeklyProfiles: Readonly<Record<string, readonly number[]>>;
  readonly peaks: readonly RetailPeaks[];
  readonly migration: {
    readonly date: Day;
    readonly workload: string;
    readonly from: { readonly provider: string; readonly sub_account: string };
    readonly to: { readonly provider: string; readonly sub_account: string };
    /** Trend-level list cost per day that moved on the migration day, USD. */
    readonly dailyListCostMoved: number;
  };
  readonly commitments: readonly DemoCommitment[];
  readonly credits: readonly DemoCredit[];
  readonly anomalies: readonly DemoAnomaly[];
  readonly pools: readonly DemoPoolTruth[];
  readonly taxRates: Readonly<Record<string, number>>;
}

export interface DemoTotals {
  readonly currency: 'USD';
  /** Exact sums of the rows, in cents. */
  readonly billedCents: number;
  readonly effectiveCents: number;
  readonly rows: number;
}

export interface DemoDataset {
  readonly from: Day;
  readonly to: Day;
  readonly charges: readonly ChargeRow[];
  readonly metrics: readonly DemoMetricSeries[];
  readonly pools: readonly DemoPoolDefinition[];
  readonly truth: DemoGroundTruth;
  readonly totals: DemoTotals;
}
