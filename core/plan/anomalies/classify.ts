import { median, type DetectedAnomaly, type Detection } from './detect';


/**
 * Second pass over one series' detected runs (issue 6, item 2; false positives of the first pass):
 *
 * 1. **Recurring calendar effects** are not anomalies. A run is recurring when the same series has a
 *    run of the same sign, |z| ≥ the flag threshold, within ±`yearSlack` days of the same dates one
 *    or two years earlier or later, shifted by whole weeks (364, 728 days) so weekdays line up.
 *    Retail peaks and public holidays (Thanksgiving moves 22–28 November; the 52-week shift keeps
 *    the Thursday and lands within a week) repeat; injected incidents do not. This stands in for the
 *    yearly cycle that the decomposition leaves out (see detect.ts: with 2–3 years, STL's yearly
 *    cycle-subseries absorb a good part of a one-off spike). Looking forward a year is legitimate in
 *    a retrospective scan; the latest year is judged against the years before.
 *    A spike all of whose days fall in a holiday window (holidays.ts, passed in as `holiday`) is
 *    dropped too, and so is a level shift whose change day does.
 * 2. **Level shifts** are reported once. A run is a level shift when the series' median level over
 *    the `shiftWindow` days after the run differs from the median over the `shiftWindow` days before
 *    it by at least `shiftRatio` of the run's mean daily excess (a spike comes back to the old
 *    level; a change point stays) and by at least `shiftRelative` of the larger of the two levels
 *    (so a trend's growth over the two windows is no shift). The robust trend either lags the step
 *    (the run has the step's sign and starts on it) or anticipates it (the last days before the
 *    step are the ones that look out of line: the run has the other sign and the step follows it);
 *    the change day is placed accordingly. The shift is reported from the change day over
 *    `shiftWindow` days against the level before: expected = level before × days.
 *    Every other run from two weeks before the change day to the end of that window whose daily
 *    excess is at most 1.5 × the step is the fit settling and is folded into it (a larger one is an
 *    event of its own, e.g. a spike just before an unrelated change). Medians over whole weeks are not moved by the weekly
 *    cycle. Same-sign runs in the `shiftWindow` days after a level shift are the trend catching up
 *    with it and are folded into it. With fewer than `minAfter` days of data after the run it
 *    cannot be told apart and stays a spike.
 * 3. **Echoes**: the robust trend bends towards a multi-day anomaly or a step, so the days just
 *    before and after show smaller residuals of the opposite sign. A run within `echoDays` of a run of
 *    the opposite sign and larger |impact| is dropped.
 */
export interface ClassifyOptions {
  /** The detector's flag threshold (|robust z|). Default 5. */
  readonly threshold?: number;
  /** Days around the shifted dates searched for a recurrence. Default 7. */
  readonly yearSlack?: number;
  /** Days before and after a run whose median levels are compared. Default 28. */
  readonly shiftWindow?: number;
  /** Share of the run's mean daily excess the level must keep to be a shift. Default 0.5. */
  readonly shiftRatio?: number;
  /** Days of data after the run needed to call a shift. Default 14. */
  readonly minAfter?: number;
  /** Days either side of a larger opposite-sign run that count as its echo. Default 7. */
  readonly echoDays?: number;
  /** Smallest |impact| of a run that counts, in the series' units. Default 0. */
  readonly minImpact?: number;
  /** Smallest |impact| / expected of a run that counts. Default 0.2. */
  readonly minRelative?: number;
  /** Smallest level shift as a share of the larger level. Default 0.2. */
  readonly shiftRelative?: number;
  /** Days at the start of the series in which no run is judged. Default 14. */
  readonly warmup?: number;
  /**
   * Whether day index t lies in a holiday window (a port: the service maps indices to dates and
   * uses holidays.ts). A spike all of whose days lie in one, or a level shift whose change day does,
   * is a calendar effect. Default: no holidays.
   */
  readonly holiday?: (t: number) => boolean;
}

export type AnomalyKind = 'spike' | 'level_shift';

export interface ClassifiedAnomaly extends DetectedAnomaly {
  readonly kind: AnomalyKind;
  /** Level shifts: median daily level after − before. Null for spikes. */
  readonly step: number | null;
  /** Level shifts: the median daily level before (the expected value of each of its days). Null for spikes. */
  readonly baseline: number | null;
}

export type DropReason = 'warmup' | 'small' | 'recurring' | 'holiday' | 'echo' | 'after_shift';

export interface Classification {
  readonly anomalies: readonly ClassifiedAnomaly[];
  readonly dropped: readonly { readonly anomaly: DetectedAnomaly; readonly reason: DropReason }[];
}

const YEAR_LAGS = [364, -364, 728, -728];

/** Mean of values[from, to) (clipped to the series). */
function meanOf(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  let k = 0;
  for (let t = Math.max(0, from); t < Math.min(values.length, to); t++, k++) sum += values[t] ?? 0;
  return k > 0 ? sum / k : 0;
}

export function classifyAnomalies(values: readonly number[], det: Detection, o: ClassifyOptions = {}): Classification {
  const threshold = o.threshold ?? 5;
  const slack = o.yearSlack ?? 7;
  const win = o.shiftWindow ?? 28;
  const minAfter = o.minAfter ?? 14;
  const echoDays = o.echoDays ?? 7;
  const minImpact = o.minImpact ?? 0;
  const minRelative = o.minRelative ?? 0.2;
  const shiftRelative = o.shiftRelative ?? 0.2;
  const warmup = o.warmup ?? 14;
  const holiday = o.holiday ?? ((): boolean => false);
  const allHoliday = (a: DetectedAnomaly): boolean => {
    for (let t = a.start; t <= a.end; t++) if (!holiday(t)) return false;
    return true;
  };
  const n = values.length;
  const dropped: { anomaly: DetectedAnomaly; reason: DropReason }[] = [];

  // A holiday repeats at a similar size (within a factor 3 either way, growth included).
  const recurring = (a: DetectedAnomaly): boolean =>
    YEAR_LAGS.some((lag) =>
      det.anomalies.some(
        (r) => r !== a && Math.sign(r.impact) === Math.sign(a.impact) && r.start <= a.end + lag + slack && r.end >= a.start + lag - slack && Math.abs(r.z) >= Math.max(threshold, Math.abs(a.z) / 3) && Math.abs(r.z) <= 3 * Math.abs(a.z),
      ),
    );
  const judged: DetectedAnomaly[] = [];
  for (const a of det.anomalies) {
    if (a.start < warmup) dropped.push({ anomaly: a, reason: 'warmup' });
    else judged.push(a);
  }

  // Level shifts: runs whose surroundings changed level; one per change day.
  interface Shift { readonly run: DetectedAnomaly; readonly change: number; readonly lo: number; readonly step: number }
  const found: Shift[] = [];
  for (const a of judged) {
    const before = values.slice(Math.max(0, a.start - win), a.start);
    const after = values.slice(a.end + 1, Math.min(n, a.end + 1 + win));
    if (before.length < 7 || after.length < minAfter) continue;
    const lo = median(before);
    const hi = median(after);
    const step = hi - lo;
    if (!(Math.abs(step) >= shiftRelative * Math.max(Math.abs(lo), Math.abs(hi)) && Math.abs(step) * Math.min(win, after.length) >= minImpact && Math.abs(step) > 0)) continue;
    // The change day: where the two-week means either side differ most, near the run (the robust
    // trend may lag the step or anticipate it, so the run can sit on either side of it).
    let change = a.start;
    let best = -1;
    for (let c = Math.max(1, a.start - 14); c <= Math.min(n - 1, a.end + 15); c++) {
      const d = Math.sign(step) * (meanOf(values, c, c + 14) - meanOf(values, c - 14, c));
      if (d > best) {
        best = d;
        change = c;
      }
    }
    const near = found.findIndex((x) => Math.abs(x.change - change) < win && Math.sign(x.step) === Math.sign(step));
    if (near < 0) found.push({ run: a, change, lo, step });
    else if (Math.abs(step) > Math.abs(found[near]!.step)) found[near] = { run: a, change, lo, step };
  }
  // A shift that recurs at the same time of year (a holiday season starting or ending) is calendar, not change.
  const shiftRecurs = (sh: Shift): boolean => recurring(sh.run) || found.some((x) => x !== sh && Math.sign(x.step) === Math.sign(sh.step) && YEAR_LAGS.some((lag) => Math.abs(x.change - (sh.change + lag)) <= slack));
  // A level measured over a holiday window is no baseline: a shift whose before or after window is
  // a quarter or more holiday is the holiday starting or ending.
  const holidayShare = (from: number, to: number): number => {
    let h = 0;
    let k = 0;
    for (let t = Math.max(0, from); t < Math.min(n, to); t++, k++) if (holiday(t)) h++;
    return k > 0 ? h / k : 0;
  };
  const holidayShift = (sh: Shift): boolean => holiday(sh.change) || holidayShare(sh.change - win, sh.change) >= 0.25 || holidayShare(sh.change, sh.change + win) >= 0.25;
  // A change that does not last (the level is back within half the step in the next window) is no shift.
  const lasts = (sh: Shift): boolean => {
    const later = values.slice(Math.min(n, sh.change + win), Math.min(n, sh.change + 2 * win));
    return later.length < minAfter || Math.sign(median(later) - sh.lo) === Math.sign(sh.step) && Math.abs(median(later) - sh.lo) >= 0.5 * Math.abs(sh.step);
  };
  const calendarShifts = found.filter((sh) => shiftRecurs(sh) || holidayShift(sh));
  // A change that is undone (a shift up, then one down within two windows) is one episode: a
  // long spike from the first change day to the day before the second, against the level before.
  interface Episode { readonly up: Shift; readonly down: Shift }
  const episodes: Episode[] = [];
  const passing: Shift[] = [];
  for (const sh of found) {
    if (calendarShifts.includes(sh) || lasts(sh) || passing.includes(sh)) continue;
    passing.push(sh);
    const back = found.find((x) => !calendarShifts.includes(x) && Math.sign(x.step) === -Math.sign(sh.step) && x.change > sh.change && x.change <= sh.change + 2 * win);
    if (back !== undefined) {
      episodes.push({ up: sh, down: back });
      passing.push(back);
    }
  }
  const shifts = found.filter((sh) => !calendarShifts.includes(sh) && !passing.includes(sh));
  // Runs inside an episode (from two weeks before it to two weeks after) are part of it.
  const episodeSpan = (e: Episode): Shift => ({ run: e.up.run, change: e.up.change, lo: e.up.lo, step: Math.max(Math.abs(e.up.step), Math.abs(e.down.step)) * Math.sign(e.up.step) });
  // A run near a change day is the fit settling around it when its daily excess is not much larger
  // than the step itself (the trend cannot lag or anticipate a step by more than the step).
  const inShift = (a: DetectedAnomaly, list: readonly Shift[]): boolean =>
    list.some((sh) => a.end >= sh.change - 14 && a.start <= sh.change + win - 1 && (a === sh.run || Math.abs(a.impact) / (a.end - a.start + 1) <= 1.5 * Math.abs(sh.step)));
  const candidates: DetectedAnomaly[] = [];
  for (const a of judged) {
    if (recurring(a) || inShift(a, calendarShifts)) dropped.push({ anomaly: a, reason: 'recurring' });
    else if (allHoliday(a)) dropped.push({ anomaly: a, reason: 'holiday' });
    else candidates.push(a);
  }

  const out: ClassifiedAnomaly[] = [];
  for (const sh of shifts) {
    const end = Math.min(n - 1, sh.change + win - 1);
    const days = end - sh.change + 1;
    let actual = 0;
    for (let t = sh.change; t <= end; t++) actual += values[t] ?? 0;
    const expected = sh.lo * days;
    const half = threshold * det.scale * Math.sqrt(days);
    out.push({ ...sh.run, start: sh.change, end, expected, actual, impact: actual - expected, lower: expected - half, upper: expected + half, kind: 'level_shift', step: sh.step, baseline: sh.lo });
  }
  for (const e of episodes) {
    const start = e.up.change;
    const end = e.down.change - 1;
    const days = end - start + 1;
    let actual = 0;
    for (let t = start; t <= end; t++) actual += values[t] ?? 0;
    const expected = e.up.lo * days;
    const half = threshold * det.scale * Math.sqrt(days);
    out.push({ ...e.up.run, start, end, expected, actual, impact: actual - expected, lower: expected - half, upper: expected + half, kind: 'spike', step: null, baseline: e.up.lo });
  }
  const inEpisode = (a: DetectedAnomaly): boolean =>
    episodes.some((e) => a.end >= e.up.change - 14 && a.start <= e.down.change + 14 && (a === e.up.run || a === e.down.run || Math.abs(a.impact) / (a.end - a.start + 1) <= 1.5 * Math.abs(episodeSpan(e).step)));
  // Every other run from two weeks before a change day to the end of its window is the fit settling.
  const rest: DetectedAnomaly[] = [];
  for (const a of candidates) {
    if (inShift(a, shifts) || inEpisode(a)) dropped.push({ anomaly: a, reason: 'after_shift' });
    else if (Math.abs(a.impact) < minImpact || Math.abs(a.impact) < minRelative * Math.abs(a.expected)) dropped.push({ anomaly: a, reason: 'small' });
    else rest.push(a);
  }
  // Echoes: a smaller opposite-sign run right next to a larger one.
  for (const a of rest) {
    const big = rest.find((b) => b !== a && Math.sign(b.impact) === -Math.sign(a.impact) && Math.abs(b.impact) > Math.abs(a.impact) && a.start <= b.end + echoDays && a.end >= b.start - echoDays);
    if (big) dropped.push({ anomaly: a, reason: 'echo' });
    else out.push({ ...a, kind: 'spike', step: null, baseline: null });
  }
  out.sort((x, y) => x.start - y.start);
  return { anomalies: out, dropped };
}
