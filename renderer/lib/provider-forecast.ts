import { addDays, type DailySeries, type Day, daysBetween, type Res } from '../../core/api';

/** A provider forecast as `forecast.provider` returns it. */
export type ProviderForecast = Res<'forecast.provider'>['forecasts'][number];

export interface Overlay {
  /** Forecast per day: each period's total spread evenly over its days, summed over the sources. */
  readonly series: DailySeries;
  readonly sources: readonly ProviderForecast[];
}

export interface OverlayQuery {
  readonly view: 'effective' | 'billed';
  readonly currency: string;
  /** The providers of the series being forecast (one for a provider's series; all of them for the total). */
  readonly providers: readonly string[];
}

/**
 * The provider's own forecast to draw over ours, or undefined when there is none that matches:
 * every provider of the series must have a stored forecast in the same cost view and currency
 * (a total made of Azure and GCP spend cannot be compared with Azure's forecast alone). Periods
 * longer than a day (AWS forecasts by month) are shown as their average per day.
 */
export function providerOverlay(forecasts: readonly ProviderForecast[], q: OverlayQuery): Overlay | undefined {
  if (q.providers.length === 0) return undefined;
  const used = forecasts.filter((f) => f.view === q.view && f.currency === q.currency && q.providers.includes(f.provider) && f.points.length > 0);
  if (!q.providers.every((p) => used.some((f) => f.provider === p))) return undefined;
  let start: Day | undefined;
  let end: Day | undefined;
  for (const f of used)
    for (const p of f.points) {
      if (!start || p.from < start) start = p.from;
      if (!end || p.to > end) end = p.to;
    }
  if (!start || !end) return undefined;
  const values = new Array<number>(daysBetween(start, end)).fill(Number.NaN);
  for (const f of used)
    for (const p of f.points) {
      const days = daysBetween(p.from, p.to);
      if (days <= 0) continue;
      const off = daysBetween(start, p.from);
      for (let i = 0; i < days; i++) values[off + i] = (Number.isNaN(values[off + i]!) ? 0 : values[off + i]!) + p.mean / days;
    }
  return { series: { start, values }, sources: used };
}

/** Cuts a daily series to [from, to). */
export function clipSeries(s: DailySeries, from: Day, to: Day): DailySeries | undefined {
  const a = Math.max(0, daysBetween(s.start, from));
  const b = Math.min(s.values.length, daysBetween(s.start, to));
  if (b <= a) return undefined;
  return { start: addDays(s.start, a), values: s.values.slice(a, b) };
}

/** A user-facing name for a provider's forecast service. */
export function providerForecastName(provider: string): string {
  if (provider === 'Microsoft') return 'Azure Cost Management forecast';
  if (provider === 'AWS') return 'AWS Cost Explorer forecast';
  return `${provider} forecast`;
}
