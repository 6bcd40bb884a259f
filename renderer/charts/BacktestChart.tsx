import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from '../../core/api';
import { formatDay, formatMoney, formatNumber } from '../lib/format';
import { dayTick, valueTick } from './axis';
import { type BacktestWindow, backtestRows } from './backtest';
import { FORECAST } from './palette';

export interface BacktestChartProps {
  readonly history: DailySeries;
  readonly windows: readonly BacktestWindow[];
  readonly currency?: string;
  readonly height?: number;
  readonly testId?: string;
  /** Legend name of the actuals (default "Actual"). */
  readonly actualLabel?: string;
}

const LABELS: Record<string, string> = { actual: 'Actual', predicted: 'Predicted at the origin', band80: '80 % interval' };

/** Actual vs predicted over the past rolling-origin windows; a dashed line marks each origin. */
export function BacktestChart({ history, windows, currency, height = 260, testId, actualLabel }: BacktestChartProps) {
  const rows = useMemo(() => backtestRows(history, windows), [history, windows]);
  const labels: Record<string, string> = { ...LABELS, ...(actualLabel ? { actual: actualLabel } : {}) };
  const fmt = (v: number): string => (currency ? formatMoney(v, currency) : formatNumber(v));
  const first = rows[0]?.day;
  const last = rows[rows.length - 1]?.day;
  // Origins snapped to the displayed rows (a bucketed chart has no row on every day).
  const marks = windows.map((w) => rows.find((r) => r.day >= w.start)?.day).filter((d): d is string => d !== undefined);
  const span = first && last ? (Date.parse(last) - Date.parse(first)) / 86_400_000 : 0;
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-points={rows.length} data-windows={windows.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows as unknown as Record<string, unknown>[]} margin={{ top: 18, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="day" tickFormatter={dayTick(span)} minTickGap={28} tickLine={false} axisLine={false} className="chart-axis" />
          <YAxis tickFormatter={valueTick(currency)} width={64} tickLine={false} axisLine={false} className="chart-axis" />
          <Tooltip
            isAnimationActive={false}
            wrapperClassName="chart-tooltip"
            labelFormatter={(d) => formatDay(String(d))}
            formatter={(v, name) => {
              const label = labels[String(name)] ?? String(name);
              return Array.isArray(v) ? [`${fmt(Number(v[0]))} – ${fmt(Number(v[1]))}`, label] : [fmt(Number(v)), label];
            }}
          />
          <Legend formatter={(k) => labels[String(k)] ?? String(k)} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="band80" stroke="none" fill={FORECAST.band80} isAnimationActive={false} className="backtest-band" />
          <Line dataKey="actual" stroke={FORECAST.actual} dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line dataKey="predicted" stroke={FORECAST.predicted} dot={false} strokeWidth={2} isAnimationActive={false} className="backtest-predicted" />
          {marks.map((d, i) => (
            <ReferenceLine key={d} x={d} className="chart-today" strokeDasharray="3 3" label={{ value: `Origin ${i + 1}`, position: 'insideTopLeft', className: 'chart-ref-label' }} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
