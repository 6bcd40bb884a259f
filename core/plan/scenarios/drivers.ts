/**
 * What-if scenario drivers applied to forecast sample paths (issue 6, item 3).
 *
 * A scenario transforms every sample path of the baseline forecast, day by day, so the scenario
 * keeps its own interval: quantiles are read off the transformed paths, never off a transformed
 * point forecast. For day d the scenario value is
 *
 *   y'(d) = y(d) · Π multipliers(d) + Σ additions(d)
 *
 * with the multipliers of `growth` ((1+g)^(days since from / 365), compound annual growth),
 * `step` with op `mul`, `window` (only inside [from, to)) and `price`, and the additions of `step`
 * with op `add`, plus each `workload`'s own cost curve (a linear ramp from 0 on `from` to `level`
 * after `ramp` days, compound annual `growth`, and an uncertain size: a lognormal factor per path
 * with mean 1 and coefficient of variation `spread`, so the workload widens the scenario's interval).
 */
import { addDays, daysBetween, HeadroomError, isDay, type Day } from '../../lib';
import { DRIVER_KINDS, type DriverKind } from '../../model';
import { checkPaths, quantiles } from '../quantile';

export type Driver =
  | { readonly kind: 'growth'; readonly rate: number; readonly from: Day }
  | { readonly kind: 'step'; readonly op: 'mul' | 'add'; readonly value: number; readonly from: Day }
  | { readonly kind: 'window'; readonly factor: number; readonly from: Day; readonly to: Day }
  | { readonly kind: 'price'; readonly factor: number; readonly from: Day }
  /**
   * A new workload with its own cost curve: a linear ramp from `from` to `level` a day over `ramp`
   * days, compound annual `growth` from `from`, and an uncertain size — on each path the curve is
   * scaled by a lognormal factor with mean 1 and coefficient of variation `spread` (0 = known).
   */
  | { readonly kind: 'workload'; readonly level: number; readonly from: Day; readonly ramp: number; readonly growth: number; readonly spread: number };

export { DRIVER_KINDS };

const FORMS: Record<DriverKind, string> = {
  growth: 'growth:rate=0.2,from=2027-01-01',
  step: 'step:factor=0.7,from=2027-03-01 or step:add=150,from=2027-03-01',
  window: 'window:factor=1.5,from=2026-11-27,to=2026-12-01 (to is exclusive)',
  price: 'price:factor=0.9,from=2027-01-01',
  workload: 'workload:level=200,from=2027-02-01,ramp=30[,growth=0.5][,spread=0.3]',
};

/** A driver as written on the command line, e.g. `growth:rate=0.2,from=2027-01-01`. */
export function describeDriver(d: Driver): string {
  switch (d.kind) {
    case 'growth': return `growth:rate=${d.rate},from=${d.from}`;
    case 'step': return d.op === 'mul' ? `step:factor=${d.value},from=${d.from}` : `step:add=${d.value},from=${d.from}`;
    case 'window': return `window:factor=${d.factor},from=${d.from},to=${d.to}`;
    case 'price': return `price:factor=${d.factor},from=${d.from}`;
    case 'workload': return `workload:level=${d.level},from=${d.from},ramp=${d.ramp}${d.growth !== 0 ? `,growth=${d.growth}` : ''}${d.spread !== 0 ? `,spread=${d.spread}` : ''}`;
  }
}

function bad(text: string, why: string, kind?: (typeof DRIVER_KINDS)[number]): HeadroomError {
  const form = kind === undefined ? `Drivers look like ${DRIVER_KINDS.map((k) => FORMS[k]).join('; ')}.` : `Write it like ${FORMS[kind]}.`;
  return new HeadroomError('BAD_INPUT', `Driver "${text}": ${why}. ${form}`);
}

/** Parses `kind:key=value,key=value`. Throws HeadroomError BAD_INPUT naming the driver and the problem. */
export function parseDriver(text: string): Driver {
  const colon = text.indexOf(':');
  const kindText = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (!(DRIVER_KINDS as readonly string[]).includes(kindText)) throw bad(text, `unknown driver kind "${kindText}" (known: ${DRIVER_KINDS.join(', ')})`);
  const kind = kindText as (typeof DRIVER_KINDS)[number];
  const params = new Map<string, string>();
  for (const part of (colon < 0 ? '' : text.slice(colon + 1)).split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw bad(text, `"${part}" is not key=value`, kind);
    const key = part.slice(0, eq).trim();
    if (params.has(key)) throw bad(text, `"${key}" is given twice`, kind);
    params.set(key, part.slice(eq + 1).trim());
  }
  const used = new Set<string>();
  const num = (key: string, check: (n: number) => boolean, what: string, dflt?: number): number => {
    used.add(key);
    const raw = params.get(key);
    if (raw === undefined) {
      if (dflt !== undefined) return dflt;
      throw bad(text, `"${key}" is missing`, kind);
    }
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n) || !check(n)) throw bad(text, `${key}=${raw} must be ${what}`, kind);
    return n;
  };
  const day = (key: string): Day => {
    used.add(key);
    const raw = params.get(key);
    if (raw === undefined) throw bad(text, `"${key}" is missing`, kind);
    if (!isDay(raw)) throw bad(text, `${key}=${raw} is not a date (YYYY-MM-DD)`, kind);
    return raw;
  };
  let d: Driver;
  switch (kind) {
    case 'growth':
      d = { kind, rate: num('rate', (n) => n > -1, 'a rate above -1 (0.2 = +20 % a year)'), from: day('from') };
      break;
    case 'step': {
      const hasF = params.has('factor');
      const hasA = params.has('add');
      if (hasF === hasA) throw bad(text, 'give exactly one of factor= (multiply) or add= (daily amount to add)', kind);
      d = hasF
        ? { kind, op: 'mul', value: num('factor', (n) => n >= 0, 'a factor of 0 or more (0.7 = −30 %)'), from: day('from') }
        : { kind, op: 'add', value: num('add', () => true, 'a number (daily cost, may be negative)'), from: day('from') };
      break;
    }
    case 'window': {
      d = { kind, factor: num('factor', (n) => n >= 0, 'a factor of 0 or more'), from: day('from'), to: day('to') };
      if (d.to <= d.from) throw bad(text, `to=${d.to} must be after from=${d.from}`, kind);
      break;
    }
    case 'price':
      d = { kind, factor: num('factor', (n) => n >= 0, 'a factor of 0 or more (0.9 = 10 % discount)'), from: day('from') };
      break;
    case 'workload':
      d = {
        kind,
        level: num('level', (n) => n > 0, 'a daily cost above 0 (a saving is step:add=-X)'),
        from: day('from'),
        ramp: num('ramp', (n) => Number.isInteger(n) && n >= 0, 'a whole number of days, 0 or more', 0),
        growth: num('growth', (n) => n > -1, 'a compound annual rate above -1 (0.5 = +50 % a year)', 0),
        spread: num('spread', (n) => n >= 0 && n <= 5, 'a coefficient of variation from 0 to 5 (0.3 = the size is uncertain by about ±30 %)', 0),
      };
      break;
  }
  const extra = [...params.keys()].filter((k) => !used.has(k));
  if (extra.length > 0) throw bad(text, `unknown parameter${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`, kind);
  return d;
}

/** Rejects overlapping `window` drivers (their multipliers would silently compound), naming both. */
export function checkDrivers(drivers: readonly Driver[]): void {
  const windows = drivers.filter((d): d is Extract<Driver, { kind: 'window' }> => d.kind === 'window');
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const a = windows[i] as Extract<Driver, { kind: 'window' }>;
      const b = windows[j] as Extract<Driver, { kind: 'window' }>;
      if (a.from < b.to && b.from < a.to) {
        const lo = a.from > b.from ? a.from : b.from;
        const hi = a.to < b.to ? a.to : b.to;
        throw new HeadroomError('BAD_INPUT', `Window drivers "${describeDriver(a)}" and "${describeDriver(b)}" overlap (${lo} to ${addDays(hi, -1)}): merge them into one window or move one so they do not overlap.`);
      }
    }
  }
}

/** The cost a workload driver adds on day `d` at its nominal size (before the per-path spread). */
export function workloadCost(x: Extract<Driver, { kind: 'workload' }>, d: Day): number {
  if (d < x.from) return 0;
  const since = daysBetween(x.from, d);
  const ramp = x.ramp === 0 ? 1 : Math.min(1, (since + 1) / x.ramp);
  return x.level * ramp * Math.pow(1 + x.growth, since / 365);
}

/**
 * Multiplier and deterministic addition the drivers apply on day `d`. Workloads are not included:
 * their cost depends on the path (applyDrivers adds them).
 */
export function driverEffect(drivers: readonly Driver[], d: Day): { mul: number; add: number } {
  let mul = 1;
  let add = 0;
  for (const x of drivers) {
    if (d < x.from) continue;
    switch (x.kind) {
      case 'growth': mul *= Math.pow(1 + x.rate, daysBetween(x.from, d) / 365); break;
      case 'step': if (x.op === 'mul') mul *= x.value; else add += x.value; break;
      case 'window': if (d < x.to) mul *= x.factor; break;
      case 'price': mul *= x.factor; break;
      case 'workload': break;
    }
  }
  return { mul, add };
}

/**
 * Per-path size factors of a workload: lognormal with mean 1 and coefficient of variation `spread`,
 * m = exp(σz − σ²/2) with σ² = ln(1 + spread²) (so E[m] = 1, sd[m] = spread); all 1 when spread = 0.
 */
export function workloadFactors(spread: number, n: number, normal: (() => number) | undefined): number[] {
  if (spread === 0) return new Array<number>(n).fill(1);
  if (normal === undefined) throw new Error('applyDrivers: a workload with spread needs a normal sampler');
  const s2 = Math.log(1 + spread * spread);
  const s = Math.sqrt(s2);
  return Array.from({ length: n }, () => Math.exp(s * normal() - s2 / 2));
}

/**
 * Applies the drivers to every path: paths[k][t] is the cost of `start + t`. Returns new paths:
 * y'_k(t) = y_k(t) · mul(t) + add(t) + Σ_workloads m_{w,k} · c_w(t), where m_{w,k} is workload w's
 * size factor on path k (drawn from `normal`, a standard normal sampler, in workload then path order).
 */
export function applyDrivers(paths: readonly (readonly number[])[], start: Day, drivers: readonly Driver[], normal?: () => number): number[][] {
  checkDrivers(drivers);
  const { n, h } = checkPaths(paths, 'scenario baseline');
  const days = Array.from({ length: h }, (_, t) => addDays(start, t));
  const effects = days.map((d) => driverEffect(drivers, d));
  const workloads = drivers
    .filter((d): d is Extract<Driver, { kind: 'workload' }> => d.kind === 'workload')
    .map((w) => ({ curve: days.map((d) => workloadCost(w, d)), factors: workloadFactors(w.spread, n, normal) }));
  return paths.map((p, k) =>
    p.map((v, t) => {
      const e = effects[t] as { mul: number; add: number };
      let y = v * e.mul + e.add;
      for (const w of workloads) y += (w.factors[k] as number) * (w.curve[t] as number);
      return y;
    }),
  );
}

export interface MonthTotal {
  /** YYYY-MM. */
  readonly month: string;
  /** Days of the month inside the horizon (edge months may be partial). */
  readonly days: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

/**
 * Calendar-month totals of the paths (paths[k][t] = cost of start + t): each path's sum over the
 * month's days in the horizon, then Hyndman–Fan definition-1 quantiles across paths.
 */
export function monthlyTotals(paths: readonly (readonly number[])[], start: Day): MonthTotal[] {
  const { n, h } = checkPaths(paths, 'scenario forecast');
  const out: MonthTotal[] = [];
  let t = 0;
  while (t < h) {
    const month = addDays(start, t).slice(0, 7);
    let end = t;
    while (end < h && addDays(start, end).slice(0, 7) === month) end++;
    const totals = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const p = paths[k] as readonly number[];
      let s = 0;
      for (let i = t; i < end; i++) s += p[i] as number;
      totals[k] = s;
    }
    const [p10, p50, p90] = quantiles(totals, [0.1, 0.5, 0.9]) as [number, number, number];
    out.push({ month, days: end - t, p10, p50, p90 });
    t = end;
  }
  return out;
}

/** Quantiles of the total over the whole horizon. */
export function horizonTotal(paths: readonly (readonly number[])[]): { p10: number; p50: number; p90: number } {
  checkPaths(paths, 'scenario forecast');
  const totals = paths.map((p) => p.reduce((a, b) => a + b, 0));
  const [p10, p50, p90] = quantiles(totals, [0.1, 0.5, 0.9]) as [number, number, number];
  return { p10, p50, p90 };
}
