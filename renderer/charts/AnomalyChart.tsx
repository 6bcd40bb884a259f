import { useMemo } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from '../../core/api';
import { formatDay, formatMoney, moneyScale } from '../lib/format';
import { type AnomalyMark, anomalyRows, dayAxisTicks, dayOfX, markSpan, type Severity } from './anomaly';
import { dayTick, valueDomain, valueTick } from './axis';
import { FORECAST } from './palette';

export interface AnomalyChartProps {
  readonly series: DailySeries;
  readonly marks: readonly AnomalyMark[];
  /** The mark drawn stronger (the one picked in the table). */
  readonly selected?: string;
  /** First day drawn (default: the whole series). */
  readonly from?: string;
  readonly currency: string;
  /** The scale of the money shown with the chart (see `formatMoney`); the tooltip follows it. */
  readonly scale?: number;
  readonly height?: number;
  readonly testId?: string;
}

/** Severity colours, readable on both themes. */
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { low: '#5bb8e8', medium: '#f0a030', high: '#e0567a' };

/** Daily cost with each anomaly shaded over its days (coloured by severity) and a dot on each anomalous day. */
export function AnomalyChart({ series, marks, selected, from, currency, scale: shownWith = 0, height = 280, testId }: AnomalyChartProps) {
  const rows = useMemo(() => anomalyRows(series, marks, from), [series, marks, from]);
  const x0 = rows[0]?.x ?? 0;
  const x1 = rows[rows.length - 1]?.x ?? 0;
  const visible = marks.filter((m) => markSpan(m).x2 >= x0 && markSpan(m).x1 <= x1);
  const tick = dayTick(x1 - x0);
  /** The tooltip's money shares one format with the figures around it and the largest daily cost drawn. */
  const scale = moneyScale([shownWith, ...rows.map((r) => r.actual)]);
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-points={rows.length} data-marks={visible.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows as unknown as Record<string, unknown>[]} margin={{ top: 8, right: 24, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="x" type="number" domain={[x0 - 0.5, x1 + 0.5]} ticks={dayAxisTicks(x0, x1)} interval={0} tickFormatter={(x: number) => tick(dayOfX(x))} minTickGap={28} tickLine={false} axisLine={false} className="chart-axis" allowDecimals={false} />
          <YAxis tickFormatter={valueTick(currency)} domain={valueDomain} width={64} tickLine={false} axisLine={false} className="chart-axis" />
          <Tooltip
            isAnimationActive={false}
            wrapperClassName="chart-tooltip"
            labelFormatter={(x) => formatDay(dayOfX(Number(x)))}
            formatter={(v, name) => [formatMoney(Number(v), currency, { scale }), name === 'flagged' ? 'Anomalous day' : 'Daily cost']}
          />
          {visible.map((m) => {
            const span = markSpan(m);
            const on = m.id === selected;
            return (
              <ReferenceArea
                key={m.id}
                x1={Math.max(span.x1, x0 - 0.5)}
                x2={Math.min(span.x2, x1 + 0.5)}
                fill={SEVERITY_COLOR[m.severity]}
                fillOpacity={on ? 0.32 : 0.14}
                stroke={on ? SEVERITY_COLOR[m.severity] : 'none'}
                strokeOpacity={0.8}
                ifOverflow="hidden"
                className={on ? 'anomaly-area selected' : 'anomaly-area'}
              />
            );
          })}
          <Line dataKey="actual" stroke={FORECAST.actual} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line dataKey="flagged" stroke="none" dot={{ r: 3.5, className: 'anomaly-dot' }} activeDot={false} isAnimationActive={false} connectNulls={false} legendType="none" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
