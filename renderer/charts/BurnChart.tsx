import { useMemo } from 'react';
import { Area, Line, ReferenceLine } from 'recharts';
import { formatMoney, moneyScale } from '../lib/format';
import { type Burn, burnRows } from './burn';
import { DayChart, rowScale } from './DayChart';
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
  const scale = useMemo(() => moneyScale([amount, rowScale(rows)]), [amount, rows]);
  const money = (v: number): string => formatMoney(v, currency, { scale });
  return (
    <DayChart rows={rows} labels={LABELS} currency={currency} format={money} top={16} height={height} {...(testId ? { testId } : {})} data={{ 'data-days': rows.length, 'data-forecast-days': burn.p50.length }}>
      <Area dataKey="band" stroke="none" fill={FORECAST.band80} isAnimationActive={false} className="burn-band" />
      <Area dataKey="actual" stroke={FORECAST.actual} strokeWidth={2} fill={FORECAST.actual} fillOpacity={0.12} isAnimationActive={false} />
      <Line dataKey="p50" stroke={FORECAST.mean} strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
      <ReferenceLine y={amount} stroke="#e0567a" strokeWidth={1.5} ifOverflow="extendDomain" label={{ value: `Budget ${money(amount)}`, position: 'insideTopLeft', fill: '#e0567a', fontSize: 11, fontWeight: 600 }} />
      {breach && rows.some((r) => r.day === breach) && <ReferenceLine x={breach} stroke="#e0567a" strokeDasharray="3 3" label={{ value: 'Likely breach', position: 'insideBottomRight', className: 'chart-ref-label' }} />}
    </DayChart>
  );
}
