import { useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NamedSeries } from '../../core/api';
import { formatDay, formatDayShort, formatMoney, formatMonth, formatMonthShort, formatNumber, moneyScale } from '../lib/format';
import { dayTick, valueDomain, valueTick } from './axis';
import { colorAt } from './palette';
import { limitSeries, preparePeriods, prepareSeries } from './series';

export interface TimeSeriesChartProps {
  readonly series: readonly NamedSeries[];
  /** `stacked` areas (default), `bars` (stacked), or unstacked `lines`. */
  readonly kind?: 'stacked' | 'bars' | 'lines';
  readonly currency?: string;
  readonly height?: number;
  /** At most this many series are drawn; the rest become "Other". */
  readonly maxSeries?: number;
  /** At most this many points per series (bucket means beyond that); daily only. */
  readonly maxPoints?: number;
  /** `weekly` or `monthly`: one point per ISO week or calendar month, its total (default `daily`). */
  readonly granularity?: 'daily' | 'weekly' | 'monthly';
  readonly testId?: string;
}

/** Daily series over time (stacked areas, stacked bars or lines), downsampled for display. */
export function TimeSeriesChart({ series, kind = 'stacked', currency, height = 300, maxSeries = 8, maxPoints = 366, granularity = 'daily', testId }: TimeSeriesChartProps) {
  const prepared = useMemo(() => {
    const limited = limitSeries(series, maxSeries);
    return granularity === 'daily' ? prepareSeries(limited, kind === 'bars' ? Math.min(maxPoints, 120) : maxPoints) : preparePeriods(limited, granularity);
  }, [series, kind, maxSeries, maxPoints, granularity]);
  const span = prepared.rows.length * prepared.daysPerPoint;
  const tick = granularity === 'monthly' ? formatMonthShort : granularity === 'weekly' ? formatDayShort : dayTick(span);
  const label = (d: string): string =>
    granularity === 'monthly' ? formatMonth(d) : granularity === 'weekly' ? `Week of ${formatDay(d)}` : prepared.daysPerPoint > 1.5 ? `${formatDay(d)} (avg per day)` : formatDay(d);
  // The tooltip's money shares one format, set by the chart's largest value (a stacked day's total).
  const scale = useMemo(() => moneyScale(prepared.rows.map((r) => (kind === 'lines' ? moneyScale(prepared.keys.map((k) => numberOr0(r[k]))) : prepared.keys.reduce((t, k) => t + Math.abs(numberOr0(r[k])), 0)))), [prepared, kind]);
  const fmt = (v: number): string => (currency ? formatMoney(v, currency, { scale }) : formatNumber(v));
  const common = {
    data: prepared.rows as unknown as Record<string, unknown>[],
    margin: { top: 8, right: 12, bottom: 0, left: 4 },
  };
  const axes = [
    <CartesianGrid key="g" vertical={false} className="chart-grid" />,
    <XAxis key="x" dataKey="day" tickFormatter={tick} minTickGap={28} tickLine={false} axisLine={false} className="chart-axis" />,
    <YAxis key="y" tickFormatter={valueTick(currency)} domain={valueDomain} width={64} tickLine={false} axisLine={false} className="chart-axis" />,
    <Tooltip
      key="t"
      isAnimationActive={false}
      wrapperClassName="chart-tooltip"
      labelFormatter={(d) => label(String(d))}
      formatter={(v, name) => [fmt(Number(v)), prepared.labels[String(name)] ?? String(name)]}
    />,
    <Legend key="l" formatter={(k) => prepared.labels[String(k)] ?? String(k)} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />,
  ];
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-granularity={granularity} data-points={prepared.rows.length} data-series={prepared.keys.length}>
      <ResponsiveContainer width="100%" height="100%">
        {kind === 'bars' ? (
          <BarChart {...common}>
            {axes}
            {prepared.keys.map((k, i) => (
              <Bar key={k} dataKey={k} stackId="a" fill={colorAt(i)} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : kind === 'lines' ? (
          <LineChart {...common}>
            {axes}
            {prepared.keys.map((k, i) => (
              <Line key={k} dataKey={k} stroke={colorAt(i)} dot={false} strokeWidth={1.6} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : (
          <AreaChart {...common}>
            {axes}
            {prepared.keys.map((k, i) => (
              <Area key={k} dataKey={k} stackId="a" type="monotone" stroke={colorAt(i)} fill={colorAt(i)} fillOpacity={0.55} strokeWidth={1.2} isAnimationActive={false} />
            ))}
          </AreaChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

const numberOr0 = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
