import { addDays, HeadroomError, type Day } from '../../lib';
import { checkPaths, quantileSorted } from '../quantile';

/** An existing commitment as seen in FOCUS rows. */
export interface ExistingCommitment {
  readonly id: string;
  readonly type: string;
  /** On-demand-equivalent usage it covers per hour (what its fee buys at list price). */
  readonly coveredPerHour: number;
  /** First day it no longer applies (exclusive end). */
  readonly expires: Day;
}

export interface Band {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export interface CommitmentInput {
  /**
   * Sample paths of commitment-eligible usage, as an on-demand-equivalent rate per hour
   * (currency per hour at list price), `paths[k][t]` for the step starting `asOf + (t + 1)` days
   * when `stepHours` is 24. With daily data the rate is flat within a day.
   */
  readonly paths: readonly (readonly number[])[];
  readonly stepHours: number;
  readonly asOf: Day;
  /** Discount of the commitment rate against on-demand, in (0, 1). */
  readonly discount: number;
  readonly termDays: number;
  readonly existing: readonly ExistingCommitment[];
  /** Observed hourly rates (on-demand equivalent, before existing coverage) of the trailing 30 days, oldest first, each with its day. */
  readonly history: readonly { readonly day: Day; readonly rate: number }[];
}

export interface CommitmentRecommendation {
  /** What to commit to per hour (currency per hour at the commitment rate): `covered × (1 − d)`. */
  readonly hourly_commitment: number;
  /** On-demand-equivalent usage per hour that commitment covers. */
  readonly covered_per_hour: number;
  /** Savings over the term vs on-demand for the uncovered usage, across the sample paths. */
  readonly expected_savings: Band;
  readonly expected_savings_mean: number;
  /** Share of the commitment that must be used for it to pay off: 1 − d. */
  readonly break_even_utilization: number;
  /** Mean over paths of the share of the commitment used. */
  readonly expected_utilization: number;
  /** The providers' method on the same data: the savings-maximising commitment over the last 30 days. */
  readonly trailing_30d_commitment: number;
  readonly trailing_30d_savings: Band;
  readonly trailing_30d_utilization: number;
}

/**
 * Hourly commitment that minimises expected cost over the term (newsvendor critical fractile:
 * Arrow, Harris & Marschak 1951; the commitment analogue is in e.g. Kilcioglu & Maglaras).
 *
 * With on-demand rate 1, a commitment covering C per hour costs (1 − d)·C each hour, used or not,
 * and usage above C is paid on demand. Expected hourly cost E[(1 − d)C + (U − C)⁺] has derivative
 * (1 − d) − P(U > C), so the optimum is where P(U > C) = 1 − d: the d-quantile of the usage
 * distribution. U is the usage not already covered by existing commitments active that hour
 * (so expiring commitments raise it after their cliff), pooled over every hour of the term and every
 * sample path; the empirical d-quantile (Hyndman & Fan definition 1) minimises the sample-average cost exactly.
 *
 * The trailing-30-day figure applies the same savings-maximising rule to the last 30 days of
 * observed uncovered usage, which is how AWS Cost Explorer sizes Savings Plans recommendations
 * ("the hourly commitment that maximises savings over the lookback period").
 */
export function commitmentRecommendation(input: CommitmentInput): CommitmentRecommendation {
  const d = input.discount;
  if (!(d > 0 && d < 1)) throw new HeadroomError('BAD_INPUT', `discount ${d} must be between 0 and 1 (for example 0.28 for 28 %).`);
  const { h } = checkPaths(input.paths, 'commitments');
  const stepsPerDay = 24 / input.stepHours;
  const steps = Math.round(input.termDays * stepsPerDay);
  if (steps > h) {
    throw new HeadroomError('BAD_INPUT', `the forecast covers ${Math.floor(h / stepsPerDay)} days but the term is ${input.termDays} days: forecast at least the whole term.`);
  }
  const existingAt = Array.from({ length: steps }, (_, t) => existingCoverage(input.existing, addDays(input.asOf, Math.floor(t / stepsPerDay) + 1)));
  const uncovered = input.paths.map((p) => Array.from({ length: steps }, (_, t) => Math.max((p[t] ?? 0) - (existingAt[t] ?? 0), 0)));
  const pooled = uncovered.flat().sort((a, b) => a - b);
  const covered = quantileSorted(pooled, d);
  const hist = input.history.map((r) => Math.max(r.rate - existingCoverage(input.existing, r.day), 0)).sort((a, b) => a - b);
  const trailing = hist.length === 0 ? 0 : quantileSorted(hist, d);
  const mine = evaluate(uncovered, covered, d, input.stepHours);
  const theirs = evaluate(uncovered, trailing, d, input.stepHours);
  return {
    hourly_commitment: covered * (1 - d),
    covered_per_hour: covered,
    expected_savings: mine.band,
    expected_savings_mean: mine.mean,
    break_even_utilization: 1 - d,
    expected_utilization: mine.utilization,
    trailing_30d_commitment: trailing * (1 - d),
    trailing_30d_savings: theirs.band,
    trailing_30d_utilization: theirs.utilization,
  };
}

/** Savings over the term of covering C per hour, per path: Σ hours · (min(u, C) − (1 − d)·C). */
export function termSavings(uncovered: readonly (readonly number[])[], c: number, d: number, stepHours: number): number[] {
  return uncovered.map((p) => p.reduce((s, u) => s + stepHours * (Math.min(u, c) - (1 - d) * c), 0));
}

function evaluate(uncovered: readonly (readonly number[])[], c: number, d: number, stepHours: number): { band: Band; mean: number; utilization: number } {
  const s = termSavings(uncovered, c, d, stepHours);
  const sorted = [...s].sort((a, b) => a - b);
  const used = uncovered.map((p) => (c === 0 ? 0 : p.reduce((a, u) => a + Math.min(u, c), 0) / (c * p.length)));
  return {
    band: { p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) },
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    utilization: c === 0 ? 0 : used.reduce((a, b) => a + b, 0) / used.length,
  };
}

/** On-demand-equivalent coverage per hour of the commitments active on `day`. */
export function existingCoverage(existing: readonly ExistingCommitment[], day: Day): number {
  let s = 0;
  for (const c of existing) if (day < c.expires) s += c.coveredPerHour;
  return s;
}

export interface ExpiryCliff {
  readonly commitment_id: string;
  readonly type: string;
  readonly expires: Day;
  /** On-demand-equivalent usage per hour that falls back to on-demand from `expires`. */
  readonly covered_per_hour: number;
  /** Extra cost per hour after expiry if nothing replaces it: on demand costs `covered`, the commitment cost `covered × (1 − d)`. */
  readonly added_cost_per_hour: number;
}

/**
 * The cliffs where existing commitments stop, in date order, with what each hands back to
 * on-demand pricing. Only commitments expiring after `asOf` and within `withinDays` are listed.
 * `discountOf` gives each commitment's discount (for the cost step).
 */
export function expiryCliffs(existing: readonly ExistingCommitment[], asOf: Day, withinDays: number, discountOf: (c: ExistingCommitment) => number): ExpiryCliff[] {
  const until = addDays(asOf, withinDays);
  return existing
    .filter((c) => c.expires > asOf && c.expires <= until)
    .sort((a, b) => (a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : a.id < b.id ? -1 : 1))
    .map((c) => ({ commitment_id: c.id, type: c.type, expires: c.expires, covered_per_hour: c.coveredPerHour, added_cost_per_hour: c.coveredPerHour * discountOf(c) }));
}

/**
 * FinOps definitions over a period (FOCUS columns): utilization = used commitment / (used + unused)
 * (EffectiveCost of rows with CommitmentDiscountStatus Used vs Unused); coverage = usage covered by
 * commitments / all eligible usage, both at on-demand-equivalent (list) cost.
 */
export function commitmentUsage(sums: { usedCost: number; unusedCost: number; coveredListCost: number; eligibleListCost: number }): { utilization: number | null; coverage: number | null } {
  const commit = sums.usedCost + sums.unusedCost;
  return {
    utilization: commit > 0 ? sums.usedCost / commit : null,
    coverage: sums.eligibleListCost > 0 ? sums.coveredListCost / sums.eligibleListCost : null,
  };
}
