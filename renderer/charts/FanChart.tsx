import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySeries } from '../../core/api';
import { formatDay, formatMoney, formatNumber } from '../lib/format';
import { dayTick, valueTick } from './axis';
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
  const fmt = (v: number): string => (currency ? formatMoney(v, currency) : formatNumber(v));
  const labels: Record<string, string> = { ...LABELS, ...(overlayLabel ? { overlay: overlayLabel } : {}) };
  const first = rows[0]?.day;
  const lastRow = rows[rows.length - 1]?.day;
  const span = first && lastRow ? (Date.parse(lastRow) - Date.parse(first)) / 86_400_000 : 0;
  const today = forecast ? rows.find((r) => r.actual !== undefined && r.mean !== undefined)?.day : undefined;
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-points={rows.length} data-forecast={forecast ? forecast.mean.length : 0} data-overlay={overlay ? overlay.values.filter((v) => !Number.isNaN(v)).length : 0}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows as unknown as Record<string, unknown>[]} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
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
          {forecast && <Area dataKey="band95" stroke="none" fill={FORECAST.band95} isAnimationActive={false} className="fan-band-95" />}
          {forecast && <Area dataKey="band80" stroke="none" fill={FORECAST.band80} isAnimationActive={false} className="fan-band-80" />}
          <Line dataKey="actual" stroke={FORECAST.actual} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} />
          {forecast && <Line dataKey="mean" stroke={FORECAST.mean} dot={false} strokeWidth={2} isAnimationActive={false} className="fan-mean" />}
          {overlay && <Line dataKey="overlay" stroke={FORECAST.overlay} strokeDasharray="6 4" dot={false} strokeWidth={2.25} isAnimationActive={false} className="fan-overlay" />}
          {today && <ReferenceLine x={today} className="chart-today" strokeDasharray="3 3" label={{ value: 'Today', position: 'insideTopRight', className: 'chart-ref-label' }} />}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
