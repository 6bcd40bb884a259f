import { useMemo } from 'react';
import { Area, Line, ReferenceLine } from 'recharts';
import type { DailySeries } from '../../core/api';
import { DayChart } from './DayChart';
import { type ForecastBand, fanRows } from './fan';
import { FORECAST } from './palette';

export interface FanChartProps {
  readonly actual: DailySeries;
  readonly forecast?: ForecastBand;
  /** The provider's own forecast, drawn as a dashed line where synced. */
  readonly overlay?: DailySeries;
  /** Legend name of the overlay (default "Provider forecast"). */
  readonly overlayLabel?: string;
  readonly currency?: string;
  readonly height?: number;
  readonly testId?: string;
}

const LABELS: Record<string, string> = { actual: 'Actual', mean: 'Forecast', band80: '80 % interval', band95: '95 % interval', overlay: 'Provider forecast' };

/** Actuals, then the forecast mean inside its 80 % and 95 % bands (the "fan"). */
export function FanChart({ actual, forecast, overlay, overlayLabel, currency, height = 320, testId }: FanChartProps) {
  const rows = useMemo(() => fanRows(actual, forecast, overlay ? { overlay } : {}), [actual, forecast, overlay]);
  const labels: Record<string, string> = { ...LABELS, ...(overlayLabel ? { overlay: overlayLabel } : {}) };
  const today = forecast ? rows.find((r) => r.actual !== undefined && r.mean !== undefined)?.day : undefined;
  return (
    <DayChart rows={rows} labels={labels} {...(currency ? { currency } : {})} height={height} {...(testId ? { testId } : {})} data={{ 'data-points': rows.length, 'data-forecast': forecast ? forecast.mean.length : 0, 'data-overlay': overlay ? overlay.values.filter((v) => !Number.isNaN(v)).length : 0 }}>
      {forecast && <Area dataKey="band95" stroke="none" fill={FORECAST.band95} isAnimationActive={false} className="fan-band-95" />}
      {forecast && <Area dataKey="band80" stroke="none" fill={FORECAST.band80} isAnimationActive={false} className="fan-band-80" />}
      <Line dataKey="actual" stroke={FORECAST.actual} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
      {forecast && <Line dataKey="mean" stroke={FORECAST.mean} dot={false} strokeWidth={2} isAnimationActive={false} className="fan-mean" />}
      {overlay && <Line dataKey="overlay" stroke={FORECAST.overlay} strokeDasharray="6 4" dot={false} strokeWidth={2.25} isAnimationActive={false} className="fan-overlay" />}
      {today && <ReferenceLine x={today} className="chart-today" strokeDasharray="3 3" label={{ value: 'Today', position: 'insideTopRight', className: 'chart-ref-label' }} />}
    </DayChart>
  );
}
