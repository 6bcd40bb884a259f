/**
 * Scenario drivers as the form edits them, and as the API stores them (`growth:rate=0.2,from=…`,
 * the command-line form that core/plan/scenarios parses and validates). The form speaks the
 * user's terms (growth in % a year, a price change in %, a window's last day); the conversion is
 * exact both ways. Fields are passed through as typed when they are not numbers, so the service's
 * validation message (shown next to the driver) names the problem.
 */
import { addDays, type Day, DRIVER_KINDS, type DriverKind, isDay } from '../../core/api';
import { formatChange, formatDay, formatMoney } from './format';

export { DRIVER_KINDS, type DriverKind };

export interface DriverForm {
  readonly kind: DriverKind;
  /**
   * growth: % a year · step: the factor or the daily amount (see `mode`) · window: the factor ·
   * price: the change in % · workload: the daily cost once ramped up.
   */
  readonly value: string;
  /** step only: multiply by a factor or add a daily amount. */
  readonly mode: 'factor' | 'add';
  readonly from: string;
  /** window only: the last day inside the window (inclusive; the API's `to` is the day after). */
  readonly last: string;
  /** workload only: days to ramp up to the level. */
  readonly ramp: string;
  /** workload only: its own compound growth, % a year (empty: none). */
  readonly growth: string;
  /** workload only: how uncertain its size is, % (coefficient of variation; empty: known). */
  readonly spread: string;
}

export const DRIVER_TITLES: Readonly<Record<DriverKind, string>> = {
  growth: 'Growth from a date',
  step: 'Step change at a date',
  window: 'Temporary multiplier',
  price: 'Price change',
  workload: 'New workload',
};

export function emptyDriver(kind: DriverKind, from = ''): DriverForm {
  const value = { growth: '20', step: '0.8', window: '1.5', price: '-10', workload: '' }[kind];
  return { kind, value, mode: 'factor', from, last: '', ramp: kind === 'workload' ? '30' : '0', growth: '', spread: '' };
}

/** Number text → number text scaled by `k` (percent ↔ fraction), exact for the decimals people type. */
function scale(text: string, k: number, offset = 0): string {
  const t = text.trim();
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) return t;
  return String(Number((n * k + offset).toPrecision(12)));
}

/** The driver text the API takes. Empty dates are left out, so the service says which one is missing. */
export function toDriverText(d: DriverForm): string {
  const parts: string[] = [];
  const from = d.from.trim();
  switch (d.kind) {
    case 'growth': parts.push(`rate=${scale(d.value, 0.01)}`); break;
    case 'step': parts.push(`${d.mode}=${scale(d.value, 1)}`); break;
    case 'window': parts.push(`factor=${scale(d.value, 1)}`); break;
    case 'price': parts.push(`factor=${scale(d.value, 0.01, 1)}`); break;
    case 'workload': parts.push(`level=${scale(d.value, 1)}`); break;
  }
  if (from) parts.push(`from=${from}`);
  if (d.kind === 'window' && d.last.trim()) parts.push(`to=${isDay(d.last.trim()) ? addDays(d.last.trim() as Day, 1) : d.last.trim()}`);
  if (d.kind === 'workload' && d.ramp.trim()) parts.push(`ramp=${d.ramp.trim()}`);
  if (d.kind === 'workload' && d.growth.trim()) parts.push(`growth=${scale(d.growth, 0.01)}`);
  if (d.kind === 'workload' && d.spread.trim()) parts.push(`spread=${scale(d.spread, 0.01)}`);
  return `${d.kind}:${parts.join(',')}`;
}

/** The form of a stored driver text (the inverse of toDriverText); null for text it does not know. */
export function fromDriverText(text: string): DriverForm | null {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon < 0 ? undefined : colon).trim() as DriverKind;
  if (!DRIVER_KINDS.includes(kind)) return null;
  const p = new Map<string, string>();
  for (const part of (colon < 0 ? '' : text.slice(colon + 1)).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) p.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const base = { ...emptyDriver(kind), from: p.get('from') ?? '' };
  switch (kind) {
    case 'growth': return { ...base, value: scale(p.get('rate') ?? '', 100) };
    case 'step': return p.has('add') ? { ...base, mode: 'add', value: p.get('add') ?? '' } : { ...base, mode: 'factor', value: p.get('factor') ?? '' };
    case 'window': {
      const to = p.get('to') ?? '';
      return { ...base, value: p.get('factor') ?? '', last: isDay(to) ? addDays(to as Day, -1) : to };
    }
    case 'price': return { ...base, value: scale(p.get('factor') ?? '', 100, -100) };
    case 'workload': {
      const pct = (key: string): string => (p.has(key) ? scale(p.get(key) ?? '', 100) : '');
      return { ...base, value: p.get('level') ?? '', ramp: p.get('ramp') ?? '0', growth: pct('growth'), spread: pct('spread') };
    }
  }
}

/**
 * Which drivers a service message is about: it quotes driver texts (`Driver "growth:rate=…"`,
 * `Window drivers "…" and "…" overlap`). Returns their indexes in `texts`.
 */
export function driversNamedIn(message: string, texts: readonly string[]): number[] {
  const quoted = [...message.matchAll(/"([a-z]+:[^"]*)"/g)].map((m) => m[1]);
  return texts.flatMap((t, i) => (quoted.includes(t) ? [i] : []));
}

/**
 * The part of a service message about one driver, without the scenario and driver it names and
 * without the command-line example ("Write it like growth:rate=…"): the form's fields say that.
 */
export function driverProblem(message: string): string {
  return message.replace(/^Scenario "[^"]*": /, '').replace(/^Driver "[^"]*": /, '').replace(/\s*Write it like .*$/s, '');
}

/** A driver in words, with money and dates through the Intl formatters: "+20 % a year from Jan 1, 2027". */
export function describeDriver(text: string, currency: string): string {
  const d = fromDriverText(text);
  if (!d) return text;
  const day = (s: string): string => (isDay(s) ? formatDay(s) : s);
  const num = Number(d.value);
  const from = d.from ? ` from ${day(d.from)}` : '';
  switch (d.kind) {
    case 'growth': return `${Number.isFinite(num) ? formatChange(num / 100) : d.value} a year${from}`;
    case 'step': return d.mode === 'add' ? `${Number.isFinite(num) ? `${num >= 0 ? '+' : ''}${formatMoney(num, currency)}` : d.value} a day${from}` : `× ${d.value}${from}`;
    case 'window': return `× ${d.value} from ${day(d.from)} through ${day(d.last)}`;
    case 'price': return `prices ${Number.isFinite(num) ? formatChange(num / 100) : d.value}${from}`;
    case 'workload': {
      const growth = Number(d.growth);
      const extra = [
        d.ramp && d.ramp !== '0' ? `${d.ramp}-day ramp-up` : '',
        d.growth ? `${Number.isFinite(growth) ? formatChange(growth / 100) : d.growth} a year` : '',
        d.spread ? `size ±${d.spread} %` : '',
      ].filter(Boolean);
      return `new workload of ${Number.isFinite(num) ? formatMoney(num, currency) : d.value} a day${from}${extra.map((e) => `, ${e}`).join('')}`;
    }
  }
}
