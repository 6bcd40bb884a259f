/** The only place recharts is imported: pages use these wrappers (STYLE.md §21). */
export { TimeSeriesChart, type TimeSeriesChartProps } from './TimeSeriesChart';
export { FanChart, type FanChartProps } from './FanChart';
export type { ForecastBand } from './fan';
export { Sparkline } from './Sparkline';
export { colorAt, PALETTE, FORECAST } from './palette';
export { CapacityChart, type CapacityChartProps } from './CapacityChart';
export { SavingsChart, type SavingsRow } from './SavingsChart';
export { BacktestChart, type BacktestChartProps } from './BacktestChart';
export { type BacktestWindow, windowErrors, windowsMatchHistory } from './backtest';
export { AnomalyChart, type AnomalyChartProps, SEVERITY_COLOR } from './AnomalyChart';
export type { AnomalyMark } from './anomaly';
export { ScenarioChart, type ScenarioChartProps, scenarioColor } from './ScenarioChart';
export { type ScenarioChartSource, scenarioCharts, type ScenarioInput } from './scenario';
export { BurnChart, type BurnChartProps } from './BurnChart';
