/**
 * Report charts as inline SVG (vector in the HTML and in the printed PDF): no scripts, no
 * external references, every text escaped. Each function returns one `<svg>` element (or '' when
 * there is nothing to draw) with a `class` naming the chart, so tests can find its marks.
 */
import { addDays, daysBetween, type Day } from '../lib';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const fix = (x: number): string => (Math.round(x * 10) / 10).toString();

export const COLORS = { actual: '#2f5d95', forecast: '#9dbde3', band: '#d7e5f5', ink: '#1d2733', muted: '#5b6876', grid: '#e3e8ee', bad: '#c0392b', good: '#2e8b57', warn: '#d68910', scenario: '#d68910' };

/** Compact axis label: 1.2M, 350k, 12.5. */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(a >= 1e10 ? 0 : 1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  return a >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(1);
}

/** Round axis steps (1, 2, 2.5, 5 × 10^k) covering [lo, hi] with about `n` ticks. */
export function niceTicks(lo: number, hi: number, n = 4): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  // The first tick at or below lo, the last at or above hi, so every mark lies inside the axis.
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(k === 0 ? 0 : k * step);
  return out;
}

export interface MonthBar {
  readonly label: string;
  readonly value: number;
  readonly lo?: number;
  readonly hi?: number;
  readonly kind: 'actual' | 'forecast';
}

/** Vertical bars per month: actual (dark), forecast P50 (light) with P10–P90 whiskers. */
export function monthBarsSvg(bars: readonly MonthBar[], width = 680, height = 220): string {
  if (bars.length === 0) return '';
  const pad = { l: 48, r: 24, t: 8, b: 22 };
  const ticks = niceTicks(0, Math.max(...bars.map((b) => b.hi ?? b.value), 1));
  const max = ticks[ticks.length - 1] ?? 1;
  const w = (width - pad.l - pad.r) / bars.length;
  const y = (v: number): number => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  const every = Math.max(1, Math.ceil(bars.length / 10));
  const parts = [`<svg class="chart monthly" role="img" aria-label="Monthly cost, actual and forecast" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`];
  for (const v of ticks) parts.push(`<line x1="${pad.l}" x2="${width - pad.r}" y1="${fix(y(v))}" y2="${fix(y(v))}" stroke="${COLORS.grid}"/><text x="${pad.l - 5}" y="${fix(y(v) + 3.5)}" text-anchor="end">${esc(compact(v))}</text>`);
  bars.forEach((b, i) => {
    const x = pad.l + i * w + w * 0.15;
    const bw = w * 0.7;
    parts.push(`<rect class="${b.kind}" x="${fix(x)}" y="${fix(y(Math.max(0, b.value)))}" width="${fix(bw)}" height="${fix(Math.max(0, y(0) - y(Math.max(0, b.value))))}" fill="${b.kind === 'actual' ? COLORS.actual : COLORS.forecast}"><title>${esc(b.label)}</title></rect>`);
    if (b.lo !== undefined && b.hi !== undefined) {
      const cx = fix(x + bw / 2);
      const cap = fix(Math.min(6, bw / 3));
      parts.push(`<g class="range" stroke="${COLORS.ink}" stroke-width="1.2"><line x1="${cx}" x2="${cx}" y1="${fix(y(b.hi))}" y2="${fix(y(b.lo))}"/><line x1="${fix(x + bw / 2 - Number(cap))}" x2="${fix(x + bw / 2 + Number(cap))}" y1="${fix(y(b.hi))}" y2="${fix(y(b.hi))}"/><line x1="${fix(x + bw / 2 - Number(cap))}" x2="${fix(x + bw / 2 + Number(cap))}" y1="${fix(y(b.lo))}" y2="${fix(y(b.lo))}"/></g>`);
    }
    if (i % every === 0) parts.push(`<text x="${fix(x + bw / 2)}" y="${height - 7}" text-anchor="middle">${esc(b.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface HBarRow {
  readonly label: string;
  /** The bar, from 0. */
  readonly value?: number;
  /** A P10–P90 range drawn as a band with whiskers. */
  readonly lo?: number;
  readonly hi?: number;
  /** A P50 tick. */
  readonly tick?: number;
  /** A limit (budget) drawn as a vertical red line. */
  readonly limit?: number;
  readonly color?: string;
}

/** Horizontal bars with optional ranges, ticks and limits; negative values extend left of zero. */
export function hbarsSvg(cls: string, label: string, rows: readonly HBarRow[], width = 680, labelWidth = 200): string {
  if (rows.length === 0) return '';
  const rowH = 22;
  const pad = { t: 6, b: 22, r: 12 };
  const height = pad.t + rows.length * rowH + pad.b;
  const vals = rows.flatMap((r) => [r.value, r.lo, r.hi, r.tick, r.limit].filter((v): v is number => v !== undefined && Number.isFinite(v)));
  const ticks = niceTicks(Math.min(0, ...vals), Math.max(0, ...vals, 1e-9));
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const x0 = labelWidth;
  const x = (v: number): number => x0 + ((width - pad.r - x0) * (v - lo)) / (hi - lo || 1);
  const parts = [`<svg class="chart ${esc(cls)}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`];
  for (const v of ticks) parts.push(`<line x1="${fix(x(v))}" x2="${fix(x(v))}" y1="${pad.t}" y2="${height - pad.b}" stroke="${v === 0 ? COLORS.muted : COLORS.grid}"/><text x="${fix(x(v))}" y="${height - 8}" text-anchor="middle">${esc(compact(v))}</text>`);
  rows.forEach((r, i) => {
    const cy = pad.t + i * rowH + rowH / 2;
    const maxChars = Math.floor(labelWidth / 6.4);
    const text = r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1)}…` : r.label;
    parts.push(`<text x="${x0 - 6}" y="${fix(cy + 3.5)}" text-anchor="end">${esc(text)}<title>${esc(r.label)}</title></text>`);
    if (r.lo !== undefined && r.hi !== undefined) {
      parts.push(`<rect class="band" x="${fix(x(Math.min(r.lo, r.hi)))}" y="${fix(cy - 7)}" width="${fix(Math.abs(x(r.hi) - x(r.lo)))}" height="14" fill="${COLORS.band}"/>`);
      parts.push(`<g stroke="${COLORS.ink}" stroke-width="1"><line x1="${fix(x(r.lo))}" x2="${fix(x(r.hi))}" y1="${fix(cy)}" y2="${fix(cy)}"/><line x1="${fix(x(r.lo))}" x2="${fix(x(r.lo))}" y1="${fix(cy - 4)}" y2="${fix(cy + 4)}"/><line x1="${fix(x(r.hi))}" x2="${fix(x(r.hi))}" y1="${fix(cy - 4)}" y2="${fix(cy + 4)}"/></g>`);
    }
    if (r.value !== undefined) {
      const a = x(Math.min(0, r.value));
      const b = x(Math.max(0, r.value));
      parts.push(`<rect class="bar" x="${fix(a)}" y="${fix(cy - 4.5)}" width="${fix(Math.max(0.5, b - a))}" height="9" fill="${r.color ?? COLORS.actual}"/>`);
    }
    if (r.tick !== undefined) parts.push(`<line class="tick" x1="${fix(x(r.tick))}" x2="${fix(x(r.tick))}" y1="${fix(cy - 8)}" y2="${fix(cy + 8)}" stroke="${COLORS.ink}" stroke-width="2.2"/>`);
    if (r.limit !== undefined) parts.push(`<line class="limit" x1="${fix(x(r.limit))}" x2="${fix(x(r.limit))}" y1="${fix(cy - 10)}" y2="${fix(cy + 10)}" stroke="${COLORS.bad}" stroke-width="2" stroke-dasharray="3 2"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface BandSeries {
  readonly historyStart: Day;
  readonly history: readonly (number | null)[];
  readonly forecastStart: Day;
  readonly p10: readonly number[];
  readonly p50: readonly number[];
  readonly p90: readonly number[];
  /** Step lines (capacity, target), drawn dashed. */
  readonly steps: readonly { readonly name: string; readonly color: string; readonly points: readonly { readonly from: Day; readonly value: number }[] }[];
}

/** Daily history (line) then the forecast P50 line inside its P10–P90 band, with step lines. */
export function bandChartSvg(s: BandSeries, label: string, width = 680, height = 190): string {
  const n = daysBetween(s.historyStart, addDays(s.forecastStart, s.p50.length));
  if (n <= 1) return '';
  const pad = { l: 48, r: 8, t: 8, b: 22 };
  const vals = [...s.history.filter((v): v is number => v !== null), ...s.p90, ...s.p10, ...s.steps.flatMap((st) => st.points.map((p) => p.value))].filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...vals), Math.max(...vals, 1));
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  const x = (d: Day): number => pad.l + ((width - pad.l - pad.r) * daysBetween(s.historyStart, d)) / (n - 1);
  const y = (v: number): number => pad.t + (height - pad.t - pad.b) * (1 - (v - lo) / (hi - lo || 1));
  const parts = [`<svg class="chart band" role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`];
  for (const v of ticks) parts.push(`<line x1="${pad.l}" x2="${width - pad.r}" y1="${fix(y(v))}" y2="${fix(y(v))}" stroke="${COLORS.grid}"/><text x="${pad.l - 5}" y="${fix(y(v) + 3.5)}" text-anchor="end">${esc(compact(v))}</text>`);
  const fday = (t: number): Day => addDays(s.forecastStart, t);
  if (s.p10.length > 0) {
    const upper = s.p90.map((v, t) => `${fix(x(fday(t)))},${fix(y(v))}`);
    const lower = s.p10.map((v, t) => `${fix(x(fday(t)))},${fix(y(v))}`).reverse();
    parts.push(`<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${COLORS.band}"/>`);
    parts.push(`<polyline class="p50" points="${s.p50.map((v, t) => `${fix(x(fday(t)))},${fix(y(v))}`).join(' ')}" fill="none" stroke="${COLORS.forecast}" stroke-width="1.6"/>`);
  }
  // History as polyline segments, broken at missing days.
  let seg: string[] = [];
  const flush = (): void => {
    if (seg.length > 1) parts.push(`<polyline class="history" points="${seg.join(' ')}" fill="none" stroke="${COLORS.actual}" stroke-width="1.3"/>`);
    seg = [];
  };
  s.history.forEach((v, i) => (v === null ? flush() : seg.push(`${fix(x(addDays(s.historyStart, i)))},${fix(y(v))}`)));
  flush();
  const end = addDays(s.forecastStart, s.p50.length - 1);
  for (const st of s.steps) {
    const pts: string[] = [];
    const visible = st.points.filter((p) => p.from <= end);
    visible.forEach((p, i) => {
      const from = p.from < s.historyStart ? s.historyStart : p.from;
      const nextFrom = visible[i + 1]?.from;
      const to = nextFrom !== undefined && nextFrom <= end ? nextFrom : end;
      if (to < s.historyStart) return;
      pts.push(`${fix(x(from))},${fix(y(p.value))}`, `${fix(x(to))},${fix(y(p.value))}`);
    });
    if (pts.length > 0) parts.push(`<polyline class="step" points="${pts.join(' ')}" fill="none" stroke="${st.color}" stroke-width="1.3" stroke-dasharray="5 3"><title>${esc(st.name)}</title></polyline>`);
  }
  const split = x(s.forecastStart);
  parts.push(`<line x1="${fix(split)}" x2="${fix(split)}" y1="${pad.t}" y2="${height - pad.b}" stroke="${COLORS.muted}" stroke-dasharray="2 2"/>`);
  for (const d of [s.historyStart, s.forecastStart, end]) parts.push(`<text x="${fix(Math.min(width - pad.r - 28, Math.max(pad.l + 28, x(d))))}" y="${height - 7}" text-anchor="middle">${esc(d)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** A legend line of colour swatches. */
export function legend(items: readonly (readonly [string, string])[]): string {
  return `<p class="legend">${items.map(([color, text]) => `<i style="background:${color}"></i>${esc(text)}`).join(' ')}</p>`;
}
