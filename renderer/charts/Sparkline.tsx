import { useMemo } from 'react';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { lttb } from './downsample';

/** A tiny trend line for tables and cards (at most 60 points). */
export function Sparkline({ values, color = '#4f7cff', height = 28 }: { readonly values: readonly number[]; readonly color?: string; readonly height?: number }) {
  const data = useMemo(() => lttb(values.map((y, x) => ({ x, y: Number.isNaN(y) ? 0 : y })), 60), [values]);
  return (
    <div className="sparkline" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data as unknown as Record<string, unknown>[]} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={['dataMin', 'dataMax']} />
          <Line dataKey="y" stroke={color} dot={false} strokeWidth={1.4} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
