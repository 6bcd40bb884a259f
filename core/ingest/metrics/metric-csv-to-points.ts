/**
 * Metric CSV files → metric series. Two layouts, told apart by the header (case-insensitive):
 *   wide  `timestamp,value`                   one metric per file (CloudWatch exports, NAB)
 *   long  `timestamp,metric,labels,value`     many series; labels as JSON `{"k":"v"}` or `k=v;k2=v2`
 *
 * Timestamps: ISO 8601 with `Z` or an offset are taken as written; Unix epoch seconds (Prometheus)
 * are accepted; **naive** timestamps (`2014-03-09 03:00:00`, no zone) are read as UTC — a file in
 * local time keeps its wall-clock hours, and no DST rule is applied to it.
 *
 * Duplicate timestamps are never dropped. A run of n rows sharing one timestamp right after a gap
 * that can hold them (the NAB spring-forward artefact: …01:56, then 12 rows at 03:00, then 03:01) is
 * a clamped wall-clock hour: the rows are put back, in file order, at the previous timestamp plus
 * 1…n times the series' median step (02:01 … 02:56), which restores the 5-minute cadence. Any other
 * duplicates stay as separate samples at the same time (hourly/daily resampling then aggregates all
 * of them). Every such repair is reported in `notes`.
 */
import { HeadroomError } from '../../lib';
import type { MetricPoint } from '../../model';

export interface ParsedMetricSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly MetricPoint[];
}

export interface ParsedMetricCsv {
  readonly layout: 'wide' | 'long';
  readonly series: readonly ParsedMetricSeries[];
  readonly rows: number;
  readonly notes: readonly string[];
}

const TS_NAMES = ['timestamp', 'ts', 'time', 'datetime', 'date'];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses the file's text. `name` names the metric of a wide file; in a long file it keeps only that metric when given. */
export function metricCsvToPoints(text: string, file: string, name?: string): ParsedMetricCsv {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', file, 1).map((h) => h.trim().toLowerCase());
  const col = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const iTs = col(TS_NAMES);
  const iValue = col(['value', 'val', 'y']);
  const iMetric = col(['metric', 'name', '__name__']);
  const iLabels = col(['labels', 'label']);
  if (iTs < 0 || iValue < 0) {
    throw new HeadroomError('BAD_FILE', `${file}, line 1: the header must be "timestamp,value" (one metric) or "timestamp,metric,labels,value" (many); found "${lines[0] ?? ''}".`, { location: { file, line: 1 } });
  }
  const layout = iMetric >= 0 ? 'long' : 'wide';
  if (layout === 'wide' && (name === undefined || name.trim() === '')) {
    throw new HeadroomError('BAD_INPUT', `${file} holds one metric (timestamp,value): give it a name with --name.`);
  }
  const groups = new Map<string, { name: string; labels: Record<string, string>; ts: number[]; values: number[]; lines: number[] }>();
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = splitCsvLine(raw, file, line);
    if (cells.length !== header.length) {
      throw new HeadroomError(
        'BAD_FILE',
        `${file}, line ${line}: ${cells.length} field${cells.length === 1 ? '' : 's'}, but the header has ${header.length} (${header.join(',')}). Quote a field that contains a comma ("host=a,zone=b") and import again.`,
        { location: { file, line } },
      );
    }
    const tsText = (cells[iTs] ?? '').trim();
    const valueText = (cells[iValue] ?? '').trim();
    const ms = parseTimestamp(tsText);
    if (ms === undefined) {
      throw new HeadroomError('BAD_FILE', `${file}, line ${line}, column "${header[iTs]}": "${tsText}" is not a timestamp (use ISO 8601 like 2014-03-09 03:00:00 or 2014-03-09T03:00:00Z, or Unix seconds).`, { location: { file, line, column: header[iTs] ?? 'timestamp' } });
    }
    // Decimal notation only: Number() would also read "0x1F", "0b11" and "0o7" as numbers.
    const value = DECIMAL.test(valueText) ? Number(valueText) : Number.NaN;
    if (!Number.isFinite(value)) {
      throw new HeadroomError('BAD_FILE', `${file}, line ${line}, column "${header[iValue]}": "${valueText}" is not a number. Fix or remove the row and import again.`, { location: { file, line, column: header[iValue] ?? 'value' } });
    }
    let metric = name ?? '';
    let labels: Record<string, string> = {};
    if (layout === 'long') {
      metric = (cells[iMetric] ?? '').trim();
      if (metric === '') throw new HeadroomError('BAD_FILE', `${file}, line ${line}, column "metric": the metric name is empty.`, { location: { file, line, column: 'metric' } });
      if (name !== undefined && metric !== name) continue;
      labels = iLabels >= 0 ? parseLabels((cells[iLabels] ?? '').trim(), file, line) : {};
    }
    rows++;
    const key = `${metric}\u0000${JSON.stringify(Object.entries(labels).sort())}`;
    let g = groups.get(key);
    if (!g) {
      g = { name: metric, labels, ts: [], values: [], lines: [] };
      groups.set(key, g);
    }
    g.ts.push(ms);
    g.values.push(value);
    g.lines.push(line);
  }
  if (rows === 0) {
    throw new HeadroomError('BAD_FILE', name !== undefined && layout === 'long' ? `${file} has no rows for metric "${name}".` : `${file} has a header but no data rows.`, { location: { file } });
  }
  const notes: string[] = [];
  const series = [...groups.values()].map((g) => {
    const ts = restoreClampedRuns(g.ts, (n, at, from, to) => notes.push(`${g.name}: ${n} rows sharing ${iso(at)} (line ${g.lines[from]}–${g.lines[to]}) followed a gap; spread back over it at the series' step (a clamped daylight-saving hour).`));
    const dup = countDuplicates(ts);
    if (dup > 0) notes.push(`${g.name}: ${dup} rows repeat an earlier timestamp; all are kept as samples.`);
    return { name: g.name, labels: g.labels, points: ts.map((t, k) => ({ ts: iso(t), value: g.values[k] ?? Number.NaN })) };
  });
  return { layout, series, rows, notes };
}

/** Milliseconds since the epoch, or undefined. Naive date-times are UTC. */
export function parseTimestamp(s: string): number | undefined {
  if (/^\d{9,10}(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), frac ? Math.round(Number(frac) * 1000) : 0);
  const check = new Date(base);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
  if (!zone || zone.toUpperCase() === 'Z') return base;
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!z) return undefined;
  const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000 * (z[1] === '-' ? -1 : 1);
  return base - offset;
}

/**
 * Puts clamped runs back (see the file comment). `ts` is in file order; returns a new array.
 * A run qualifies when it follows a gap of more than one step and its spread (previous + k·step,
 * k = 1…n) stays before the next distinct timestamp.
 */
export function restoreClampedRuns(ts: readonly number[], report: (n: number, at: number, from: number, to: number) => void = () => {}): number[] {
  const out = [...ts];
  const diffs: number[] = [];
  for (let i = 1; i < ts.length; i++) {
    const d = (ts[i] ?? 0) - (ts[i - 1] ?? 0);
    if (d > 0) diffs.push(d);
  }
  if (diffs.length === 0) return out;
  diffs.sort((a, b) => a - b);
  const step = diffs[Math.floor(diffs.length / 2)] ?? 0;
  let i = 1;
  while (i < out.length) {
    const t = ts[i] ?? 0;
    let j = i;
    while (j + 1 < ts.length && ts[j + 1] === t) j++;
    const n = j - i + 1;
    const prev = ts[i - 1] ?? 0;
    const next = j + 1 < ts.length ? (ts[j + 1] ?? Infinity) : Infinity;
    if (n >= 2 && t - prev > step && prev + n * step < next) {
      for (let k = 0; k < n; k++) out[i + k] = prev + (k + 1) * step;
      report(n, t, i, j);
    }
    i = j + 1;
  }
  return out;
}

function countDuplicates(ts: readonly number[]): number {
  const seen = new Set<number>();
  let dup = 0;
  for (const t of ts) {
    if (seen.has(t)) dup++;
    seen.add(t);
  }
  return dup;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Labels cell: `{"k":"v"}` (JSON object of strings) or `k=v;k2=v2` (also `,`-separated), or empty. */
export function parseLabels(s: string, file: string, line: number): Record<string, string> {
  if (s === '' || s === '{}') return {};
  const bad = (why: string): HeadroomError => new HeadroomError('BAD_FILE', `${file}, line ${line}, column "labels": ${why} Write labels as {"key":"value"} or key=value;key2=value2.`, { location: { file, line, column: 'labels' } });
  if (s.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch (_e) {
      throw bad(`${s} is not valid JSON.`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad('expected an object.');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = String(v);
    return out;
  }
  const out: Record<string, string> = {};
  for (const part of s.split(/[;,]/)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw bad(`"${part}" has no key=value.`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** One CSV record on one line (RFC 4180 quoting, `""` escapes). */
export function splitCsvLine(line: string, file: string, lineNo: number): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (q) throw new HeadroomError('BAD_FILE', `${file}, line ${lineNo}: a quoted field is not closed.`, { location: { file, line: lineNo } });
  out.push(cur);
  return out;
}
