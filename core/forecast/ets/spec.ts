import { HeadroomError } from '../../lib';

/**
 * An ETS model in the taxonomy of Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with
 * Exponential Smoothing: The State Space Approach", Table 2.1: Error × Trend × Season.
 * Multiplicative trend is not offered (as R `forecast::ets` by default).
 */
export interface EtsSpec {
  readonly error: 'A' | 'M';
  readonly trend: 'N' | 'A';
  readonly damped: boolean;
  readonly season: 'N' | 'A' | 'M';
}

/** `ETS(M,Ad,M)` */
export function etsLabel(s: EtsSpec): string {
  return `ETS(${s.error},${s.trend === 'N' ? 'N' : s.damped ? 'Ad' : 'A'},${s.season})`;
}

/** Parses `ANN`, `MAdM`, `ETS(A,Ad,N)`… The message lists what is allowed. */
export function parseEtsSpec(text: string): EtsSpec {
  const t = text.replace(/^ETS\(|\)$/g, '').replace(/,/g, '').toUpperCase();
  const m = /^([AM])(N|A|AD)([NAM])$/.exec(t);
  if (!m) {
    throw new HeadroomError('BAD_INPUT', `Bad ETS spec "${text}": write error (A|M), trend (N|A|Ad), season (N|A|M), e.g. "ANN", "MAdM".`);
  }
  return { error: m[1] as 'A' | 'M', trend: m[2] === 'N' ? 'N' : 'A', damped: m[2] === 'AD', season: m[3] as 'N' | 'A' | 'M' };
}

/** Why a spec cannot be fitted to this series, or undefined when it can. */
export function etsSpecProblem(s: EtsSpec, period: number, positive: boolean): string | undefined {
  if (s.damped && s.trend === 'N') return 'a damped model needs a trend';
  if (s.season !== 'N' && period <= 1) return 'a seasonal model needs period ≥ 2';
  if (s.season !== 'N' && period > 24) return `period ${period} is above 24, too many seasonal states for ETS (as R ets); use mstl or a decomposition`;
  if ((s.error === 'M' || s.season === 'M') && !positive) return 'multiplicative error or season needs strictly positive data';
  if (s.error === 'A' && s.season === 'M') return 'additive error with multiplicative season is numerically unstable (excluded as R ets restrict = TRUE)';
  return undefined;
}

/** Validates one spec; throws a HeadroomError naming the allowed ranges. */
export function validateEtsSpec(s: EtsSpec, period: number, positive: boolean): EtsSpec {
  const p = etsSpecProblem(s, period, positive);
  if (p) throw new HeadroomError('BAD_INPUT', `${etsLabel(s)} cannot be fitted: ${p}.`);
  return s;
}

/**
 * The candidate set of R `ets()` defaults: error {A,M} × trend {N,A,Ad} × season {N,A,M},
 * without multiplicative trend, without (A,·,M), M only for positive data, season only when
 * 2 ≤ period ≤ 24.
 */
export function etsCandidates(period: number, positive: boolean): EtsSpec[] {
  const out: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const)
    for (const [trend, damped] of [['N', false], ['A', false], ['A', true]] as const)
      for (const season of ['N', 'A', 'M'] as const) {
        const s: EtsSpec = { error, trend, damped, season };
        if (!etsSpecProblem(s, period, positive)) out.push(s);
      }
  return out;
}
