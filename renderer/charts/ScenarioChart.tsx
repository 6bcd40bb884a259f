import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, formatMonthShort, moneyScale } from '../lib/format';
import { valueDomain, valueTick } from './axis';
import { rowScale } from './DayChart';
import { colorAt } from './palette';
import { type ScenarioInput, scenarioRows, type ScenarioSeriesKey } from './scenario';

export interface ScenarioChartProps {
  readonly scenarios: readonly ScenarioInput[];
  /** Monthly budgets drawn as horizontal lines. */
  readonly budgets?: readonly { readonly name: string; readonly amount: number }[];
  readonly currency: string;
  readonly height?: number;
  readonly testId?: string;
}

const BASELINE_COLOR = '#7d8799';
/** Scenario colours skip the palette's grey (kept for baselines). */
export const scenarioColor = (i: number): string => colorAt([0, 3, 1, 2, 4, 5, 8, 6][i % 8]!);

/**
 * Monthly cost: each baseline and each scenario as its P50 line inside its P10–P90 band, monthly budgets as lines.
 * A band is its series colour at the theme's `--chart-scenario-band-opacity` (styles/app.css, set on
 * `.scenario-band`: 0.32 light, 0.24 dark), so it keeps its contrast against the card in both themes.
 */
export function ScenarioChart({ scenarios, budgets = [], currency, height = 320, testId }: ScenarioChartProps) {
  const data = useMemo(() => scenarioRows(scenarios), [scenarios]);
  const color = (k: ScenarioSeriesKey): string => (k.kind === 'baseline' ? BASELINE_COLOR : scenarioColor(k.colorIndex ?? Number(k.key.slice(1))));
  const labels = Object.fromEntries(data.keys.flatMap((k) => [[k.key, k.label], [`${k.key}band`, `${k.label} P10–P90`]]));
  const scale = useMemo(() => moneyScale([rowScale(data.rows), ...budgets.map((b) => b.amount)]), [data.rows, budgets]);
  const money = (v: number): string => formatMoney(v, currency, { scale });
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-currency={currency} data-months={data.rows.length} data-series={data.keys.map((k) => k.label).join('|')}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data.rows as unknown as Record<string, unknown>[]} margin={{ top: 14, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="month" tickFormatter={(m: string) => formatMonthShort(`${m}-01`)} minTickGap={20} tickLine={false} axisLine={false} className="chart-axis" />
          <YAxis tickFormatter={valueTick(currency)} domain={valueDomain} width={64} tickLine={false} axisLine={false} className="chart-axis" />
          <Tooltip
            isAnimationActive={false}
            wrapperClassName="chart-tooltip"
            labelFormatter={(m) => formatMonthShort(`${String(m)}-01`)}
            formatter={(v, name) => [Array.isArray(v) ? `${money(Number(v[0]))} – ${money(Number(v[1]))}` : money(Number(v)), labels[String(name)] ?? String(name)]}
          />
          <Legend formatter={(k) => labels[String(k)] ?? String(k)} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {data.keys.map((k) => (
            <Area key={`${k.key}band`} dataKey={`${k.key}band`} stroke="none" fill={color(k)} isAnimationActive={false} legendType="none" className={`scenario-band ${k.kind}`} />
          ))}
          {data.keys.map((k) => (
            <Line key={k.key} dataKey={k.key} stroke={color(k)} strokeWidth={k.kind === 'baseline' ? 1.6 : 2.2} strokeDasharray={k.kind === 'baseline' ? '5 4' : undefined} dot={{ r: 2.5 }} isAnimationActive={false} className={`scenario-line ${k.kind}`} />
          ))}
          {budgets.map((b) => (
            <ReferenceLine key={b.name} y={b.amount} stroke="#e0567a" strokeDasharray="2 3" ifOverflow="extendDomain" label={{ value: `${b.name} ${money(b.amount)}`, position: 'insideTopRight', className: 'chart-ref-label' }} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
