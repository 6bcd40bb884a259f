import { useMemo } from 'react';
import { Area, Line, ReferenceLine } from 'recharts';
import { addDays, type Day } from '../../core/api';
import { formatNumber } from '../lib/format';
import { DayChart } from './DayChart';
import { bucketIndices, aggregateBuckets } from './downsample';
import { FORECAST } from './palette';

export interface CapacityChartProps {
  readonly unit: string;
  readonly history: { readonly start: string; readonly values: readonly (number | null)[] };
  readonly forecast: { readonly start: string; readonly p10: readonly number[]; readonly p50: readonly number[]; readonly p90: readonly number[] };
  readonly schedule: readonly { readonly from: string; readonly capacity: number }[];
  readonly target: number;
  /** Exhaustion date quantiles, drawn as markers. */
  readonly exhaustion: { readonly p10: string | null; readonly p50: string | null; readonly p90: string | null };
  readonly orderBy: string | null;
  readonly height?: number;
  readonly testId?: string;
}

interface Row {
  day: string;
  usage?: number;
  p50?: number;
  band?: [number, number];
  capacity?: number;
  target?: number;
}

const LABELS: Record<string, string> = { usage: 'Daily peak', p50: 'Forecast (median)', band: 'P10–P90', capacity: 'Capacity', target: 'Target utilization' };

/** Usage vs capacity: observed daily peaks, the forecast band, the capacity schedule and target, and exhaustion markers. */
export function CapacityChart({ unit, history, forecast, schedule, target, exhaustion, orderBy, height = 300, testId }: CapacityChartProps) {
  const rows = useMemo(() => {
    const capAt = (day: string): number | undefined => {
      let c: number | undefined;
      for (const s of schedule) if (s.from <= day) c = s.capacity;
      return c;
    };
    const out: Row[] = [];
    // Show as much history as the forecast looks ahead (twice, at least 180 days): the future stays readable.
    const keep = Math.min(history.values.length, Math.max(180, 2 * forecast.p50.length));
    const skip = history.values.length - keep;
    const hb = bucketIndices(keep, 300);
    const hv = aggregateBuckets(history.values.slice(skip).map((v) => (v === null ? Number.NaN : v)), hb);
    hb.forEach(([s], i) => {
      const day = addDays(history.start as Day, skip + s);
      const cap = capAt(day);
      out.push({ day, ...(Number.isNaN(hv[i]!) ? {} : { usage: hv[i]! }), ...(cap !== undefined ? { capacity: cap, target: cap * target } : {}) });
    });
    const fb = bucketIndices(forecast.p50.length, 200);
    const m = aggregateBuckets(forecast.p50, fb);
    const lo = aggregateBuckets(forecast.p10, fb);
    const hi = aggregateBuckets(forecast.p90, fb);
    fb.forEach(([s], i) => {
      const day = addDays(forecast.start as Day, s);
      const cap = capAt(day);
      out.push({ day, p50: m[i]!, band: [lo[i]!, hi[i]!], ...(cap !== undefined ? { capacity: cap, target: cap * target } : {}) });
    });
    return out;
  }, [history, forecast, schedule, target]);
  const nearest = (day: string): string => rows.find((r) => r.day >= day)?.day ?? day;
  // Exhaustion quantiles that land on the same plotted day share one marker ("P10/P50").
  const byDay = new Map<string, string[]>();
  for (const [q, d] of [['P10', exhaustion.p10], ['P50', exhaustion.p50], ['P90', exhaustion.p90]] as const) {
    if (d === null || !rows.some((r) => r.day >= d)) continue;
    const at = nearest(d);
    byDay.set(at, [...(byDay.get(at) ?? []), q]);
  }
  const markers = [...byDay].map(([day, qs]) => ({ day, label: `${qs.join('/')} runs out`, main: qs.includes('P50') }));
  const number = (v: number): string => formatNumber(v, 1);
  return (
    <DayChart rows={rows} labels={LABELS} format={(v) => `${formatNumber(v)} ${unit}`} tick={number} yWidth={56} top={16} height={height} {...(testId ? { testId } : {})} data={{ 'data-points': rows.length }}>
      <Area dataKey="band" stroke="none" fill={FORECAST.band80} isAnimationActive={false} />
      <Line dataKey="usage" stroke={FORECAST.actual} dot={false} strokeWidth={1.4} isAnimationActive={false} />
      <Line dataKey="p50" stroke={FORECAST.mean} dot={false} strokeWidth={2} isAnimationActive={false} />
      <Line dataKey="capacity" type="stepAfter" stroke="#e0567a" dot={false} strokeWidth={2} isAnimationActive={false} />
      <Line dataKey="target" type="stepAfter" stroke="#f0a030" strokeDasharray="6 4" dot={false} strokeWidth={1.5} isAnimationActive={false} />
      {/* Exhaustion labels to the right of their line, the order-by label (always earlier) to the left of its own: neither sits on the other's line. */}
      {markers.map((m) => (
        <ReferenceLine key={m.day} x={m.day} stroke="#e0567a" strokeDasharray={m.main ? undefined : '2 3'} label={{ value: m.label, position: 'insideTopLeft', className: 'chart-ref-label' }} />
      ))}
      {orderBy && rows.some((r) => r.day >= orderBy) && <ReferenceLine x={nearest(orderBy)} stroke="#f0a030" label={{ value: 'Order by', position: 'insideBottomRight', className: 'chart-ref-label' }} />}
    </DayChart>
  );
}
