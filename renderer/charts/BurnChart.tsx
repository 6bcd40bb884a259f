import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatDayShort, formatMoney } from '../lib/format';
import { type Burn, burnRows } from './burn';
import { valueTick } from './axis';
import { FORECAST } from './palette';

export interface BurnChartProps {
  readonly burn: Burn;
  readonly amount: number;
  readonly currency: string;
  /** The likely breach day, marked on the axis. */
  readonly breach?: string | null;
  readonly height?: number;
  readonly testId?: string;
}

const LABELS: Record<string, string> = { actual: 'Spent so far', p50: 'Forecast (P50)', band: 'P10–P90' };

/** Budget burn: cumulative actual, then the cumulative forecast with its P10–P90 band, against the budget line. */
export function BurnChart({ burn, amount, currency, breach, height = 220, testId }: BurnChartProps) {
  const rows = useMemo(() => burnRows(burn), [burn]);
  const money = (v: number): string => formatMoney(v, currency, { whole: true });
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-days={rows.length} data-forecast-days={burn.p50.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows as unknown as Record<string, unknown>[]} margin={{ top: 16, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="day" tickFormatter={formatDayShort} minTickGap={28} tickLine={false} axisLine={false} className="chart-axis" />
          <YAxis tickFormatter={valueTick(currency)} width={64} tickLine={false} axisLine={false} className="chart-axis" domain={[0, 'auto']} />
          <Tooltip
            isAnimationActive={false}
            wrapperClassName="chart-tooltip"
            labelFormatter={(d) => formatDay(String(d))}
            formatter={(v, name) => [Array.isArray(v) ? `${money(Number(v[0]))} – ${money(Number(v[1]))}` : money(Number(v)), LABELS[String(name)] ?? String(name)]}
          />
          <Legend formatter={(k) => LABELS[String(k)] ?? String(k)} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="band" stroke="none" fill={FORECAST.band80} isAnimationActive={false} className="burn-band" />
          <Area dataKey="actual" stroke={FORECAST.actual} strokeWidth={2} fill={FORECAST.actual} fillOpacity={0.12} isAnimationActive={false} />
          <Line dataKey="p50" stroke={FORECAST.mean} strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
          <ReferenceLine y={amount} stroke="#e0567a" strokeWidth={1.5} ifOverflow="extendDomain" label={{ value: `Budget ${money(amount)}`, position: 'insideTopLeft', fill: '#e0567a', fontSize: 11, fontWeight: 600 }} />
          {breach && rows.some((r) => r.day === breach) && <ReferenceLine x={breach} stroke="#e0567a" strokeDasharray="3 3" label={{ value: 'Likely breach', position: 'insideBottomRight', className: 'chart-ref-label' }} />}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
