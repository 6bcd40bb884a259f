import { useMemo } from 'react';
import { Area, Line, ReferenceLine } from 'recharts';
import type { DailySeries } from '../../core/api';
import { DayChart } from './DayChart';
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
  // Origins snapped to the displayed rows (a bucketed chart has no row on every day).
  const marks = windows.map((w) => rows.find((r) => r.day >= w.start)?.day).filter((d): d is string => d !== undefined);
  return (
    <DayChart rows={rows} labels={labels} {...(currency ? { currency } : {})} top={18} height={height} {...(testId ? { testId } : {})} data={{ 'data-points': rows.length, 'data-windows': windows.length }}>
      <Area dataKey="band80" stroke="none" fill={FORECAST.band80} isAnimationActive={false} className="backtest-band" />
      <Line dataKey="actual" stroke={FORECAST.actual} dot={false} strokeWidth={1.5} isAnimationActive={false} />
      <Line dataKey="predicted" stroke={FORECAST.predicted} dot={false} strokeWidth={2} isAnimationActive={false} className="backtest-predicted" />
      {marks.map((d, i) => (
        <ReferenceLine key={d} x={d} className="chart-today" strokeDasharray="3 3" label={{ value: `Origin ${i + 1}`, position: 'insideTopLeft', className: 'chart-ref-label' }} />
      ))}
    </DayChart>
  );
}
