import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, moneyScale } from '../lib/format';
import { valueDomain, valueTick } from './axis';
import { PALETTE } from './palette';

export interface SavingsRow {
  readonly scope: string;
  readonly forecast: { readonly p10: number; readonly p50: number; readonly p90: number };
  readonly trailing: { readonly p10: number; readonly p50: number; readonly p90: number };
}

/** Expected savings per scope (P50 bars; the P10–P90 band in the tooltip), forecast-sized vs trailing-30-day-sized commitment; every row in `currency`. */
export function SavingsChart({ rows, currency, height = 260, testId }: { readonly rows: readonly SavingsRow[]; readonly currency: string; readonly height?: number; readonly testId?: string }) {
  // The tooltip's money shares one format, set by the largest figure.
  const scale = moneyScale(rows.flatMap((r) => [r.forecast.p90, r.trailing.p90]));
  const money = (v: number): string => formatMoney(v, currency, { scale });
  const data = rows.map((r) => ({
    scope: r.scope.length > 28 ? `${r.scope.slice(0, 27)}…` : r.scope,
    forecast: r.forecast.p50,
    forecastBand: `${money(r.forecast.p10)} – ${money(r.forecast.p90)}`,
    trailing: r.trailing.p50,
    trailingBand: `${money(r.trailing.p10)} – ${money(r.trailing.p90)}`,
  }));
  const labels: Record<string, string> = { forecast: 'Forecast-sized (Headroom)', trailing: 'Trailing 30 days (provider method)' };
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-currency={currency}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="scope" tickLine={false} axisLine={false} className="chart-axis" interval={0} />
          <YAxis tickFormatter={valueTick(currency)} domain={valueDomain} width={64} tickLine={false} axisLine={false} className="chart-axis" />
          <Tooltip isAnimationActive={false} wrapperClassName="chart-tooltip" formatter={(v, name, item) => {
              const band = (item.payload as Record<string, string>)[`${String(name)}Band`];
              return [`${money(Number(v))} (P10–P90 ${band ?? '—'})`, labels[String(name)] ?? String(name)];
            }} />
          <Legend formatter={(k) => labels[String(k)] ?? String(k)} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="forecast" fill={PALETTE[4]} isAnimationActive={false} radius={[3, 3, 0, 0]} maxBarSize={90} />
          <Bar dataKey="trailing" fill={PALETTE[9]} isAnimationActive={false} radius={[3, 3, 0, 0]} maxBarSize={90} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
