/**
 * The Numenta Anomaly Benchmark score (Lavin & Ahmad 2015, "Evaluating Real-time Anomaly Detection
 * Algorithms — the Numenta Anomaly Benchmark", arXiv:1510.03336, section "Scoring"), implemented
 * from the published definition:
 *
 * - Each labelled anomaly has a window. Only the **first** detection inside a window counts, as a
 *   true positive scored by the scaled sigmoid of its relative position y in the window, y = −1 on
 *   its first record and 0 just after its last: σ(y) = 2 / (1 + e^{5y}) − 1 (≈ 0.987 at y = −1,
 *   0 at y = 0), scaled so the earliest detection earns exactly A_TP: A_TP · σ(y) / σ(−1). Early
 *   detection is rewarded; later detections in the same window earn nothing more.
 * - A detection outside every window is a false positive. After a window it is scored
 *   A_FP · σ(y) with y its distance past the window's end in window lengths (σ < 0 there, tending to
 *   −1; beyond 3 window lengths it is −1), so a detection just after a window costs little; before the
 *   first window it costs −A_FP.
 * - A window without a detection costs −A_FN.
 * - The first 15 % of each file (at most 750 records) is the probationary period, in which
 *   detections are not scored (a detector needs data to learn from).
 * - Raw scores are summed over the corpus and normalised: 100 · (raw − null) / (perfect − null), where
 *   the null detector never detects (raw = −A_FN per window) and the perfect one detects on the
 *   first record of every window (raw = A_TP per window).
 *
 * Profiles (the paper's table 1): standard A_TP = 1, A_FP = 0.11, A_FN = 1; reward low FP
 * A_FP = 0.22; reward low FN A_FN = 2.
 */
export interface NabProfile {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export const NAB_PROFILES = {
  standard: { tp: 1, fp: 0.11, fn: 1 },
  rewardLowFP: { tp: 1, fp: 0.22, fn: 1 },
  rewardLowFN: { tp: 1, fp: 0.11, fn: 2 },
} as const satisfies Record<string, NabProfile>;

/** A labelled window as record indices [start, end], inclusive. */
export type NabWindow = readonly [number, number];

export interface NabFileScore {
  readonly raw: number;
  readonly tpScore: number;
  readonly fpScore: number;
  readonly fnScore: number;
  /** Windows with a detection, false-positive detections, windows missed. */
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** The scaled sigmoid σ(y) = 2 / (1 + e^{5y}) − 1; −1 beyond y = 3. */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** The probationary period of a file of n records: ⌊0.15 n⌋, at most 750. */
export const probationLength = (n: number): number => Math.min(Math.floor(0.15 * n), 750);

/** Scores one file: n records, its windows (sorted, disjoint) and the detector's detections (record indices). */
export function nabFileScore(n: number, windows: readonly NabWindow[], detections: readonly number[], profile: NabProfile = NAB_PROFILES.standard): NabFileScore {
  const probation = probationLength(n);
  const wins = [...windows].sort((a, b) => a[0] - b[0]);
  const hit = new Array<boolean>(wins.length).fill(false);
  const maxTp = scaledSigmoid(-1);
  let tpScore = 0;
  let fpScore = 0;
  let fp = 0;
  for (const i of [...new Set(detections)].sort((a, b) => a - b)) {
    if (i < probation || i < 0 || i >= n) continue;
    const w = wins.findIndex(([a, b]) => i >= a && i <= b);
    if (w >= 0) {
      if (hit[w]) continue;
      hit[w] = true;
      const [a, b] = wins[w]!;
      const len = b - a + 1;
      const y = -(b - i + 1) / len;
      tpScore += (profile.tp * scaledSigmoid(y)) / maxTp;
      continue;
    }
    fp++;
    const prev = wins.filter(([, b]) => b < i).pop();
    if (prev === undefined) fpScore -= profile.fp;
    else {
      const len = prev[1] - prev[0] + 1;
      fpScore += profile.fp * scaledSigmoid((i - prev[1]) / len);
    }
  }
  const missed = hit.filter((h) => !h).length;
  const fnScore = -profile.fn * missed;
  return { raw: tpScore + fpScore + fnScore, tpScore, fpScore, fnScore, tp: wins.length - missed, fp, fn: missed };
}

/** 100 · (raw − null) / (perfect − null) over a corpus with `windows` windows in all. */
export function nabNormalized(raw: number, windows: number, profile: NabProfile = NAB_PROFILES.standard): number {
  const nullScore = -profile.fn * windows;
  const perfect = profile.tp * windows;
  return perfect === nullScore ? 0 : (100 * (raw - nullScore)) / (perfect - nullScore);
}
