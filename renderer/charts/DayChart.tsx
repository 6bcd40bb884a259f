import { type ReactNode, useMemo } from 'react';
import { CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatMoney, formatNumber, moneyScale } from '../lib/format';
import { dayTick, valueDomain, valueTick } from './axis';

export interface DayChartProps {
  /** One row per plotted day, ascending; the series' dataKeys are the other fields. */
  readonly rows: readonly { readonly day: string }[];
  /** Legend and tooltip names by dataKey. */
  readonly labels: Readonly<Record<string, string>>;
  /** Money in this currency on the value axis and in the tooltip; plain numbers without one. */
  readonly currency?: string;
  /** Tooltip value text (default: money in `currency`, in one format set by the largest plotted value, or a number). */
  readonly format?: (v: number) => string;
  /** Value-axis tick text (default: compact money in `currency`, or a number). */
  readonly tick?: (v: number) => string;
  readonly yWidth?: number;
  /** Value-axis domain (default: from 0 to a round top, `valueDomain`). */
  readonly yDomain?: readonly [number | 'auto', number | 'auto'];
  /** Top margin, room for reference-line labels. */
  readonly top?: number;
  readonly height: number;
  readonly testId?: string;
  /** `data-*` attributes the tests read. */
  readonly data?: Readonly<Record<`data-${string}`, string | number>>;
  /** The series (Area, Line, ReferenceLine…), drawn over the shared grid, axes, tooltip and legend. */
  readonly children: ReactNode;
}

/** Tooltip text of one value: a band (`[lo, hi]`) reads "lo – hi". */
export function tooltipValue(v: unknown, format: (v: number) => string): string {
  return Array.isArray(v) ? `${format(Number(v[0]))} – ${format(Number(v[1]))}` : format(Number(v));
}

/** The largest plotted value of chart rows (numbers and `[lo, hi]` bands; other fields skipped): the scale of a tooltip's money. */
export function rowScale(rows: readonly object[]): number {
  const values: number[] = [];
  for (const r of rows) {
    for (const v of Object.values(r)) {
      if (typeof v === 'number') values.push(v);
      else if (Array.isArray(v)) for (const x of v) if (typeof x === 'number') values.push(x);
    }
  }
  return moneyScale(values);
}

/**
 * The frame every chart over days shares: horizontal grid, a day axis labelled by day or by month
 * (past a year), a value axis, a tooltip that shows bands as ranges, and a legend — all named by
 * `labels`. The charts in this folder (fan, backtest, burn, capacity) pass their series as children.
 */
export function DayChart({ rows, labels, currency, format, tick, yWidth = 64, yDomain, top = 8, height, testId, data, children }: DayChartProps) {
  const scale = useMemo(() => (format || !currency ? 0 : rowScale(rows)), [format, currency, rows]);
  const fmt = format ?? ((v: number): string => (currency ? formatMoney(v, currency, { scale }) : formatNumber(v)));
  const first = rows[0]?.day;
  const last = rows[rows.length - 1]?.day;
  const span = first && last ? (Date.parse(last) - Date.parse(first)) / 86_400_000 : 0;
  const name = (k: unknown): string => labels[String(k)] ?? String(k);
  return (
    <div className="chart" style={{ height }} data-testid={testId} {...data}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows as unknown as Record<string, unknown>[]} margin={{ top, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="day" tickFormatter={dayTick(span)} minTickGap={28} tickLine={false} axisLine={false} className="chart-axis" />
          <YAxis tickFormatter={tick ?? valueTick(currency)} width={yWidth} tickLine={false} axisLine={false} className="chart-axis" domain={yDomain ? [...yDomain] : valueDomain} />
          <Tooltip isAnimationActive={false} wrapperClassName="chart-tooltip" labelFormatter={(d) => formatDay(String(d))} formatter={(v, k) => [tooltipValue(v, fmt), name(k)]} />
          <Legend formatter={name} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {children}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
