import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../forecast';
import { cachedForecast, clearForecastCache, forecastCacheStats } from './forecast-cache';

const series = Array.from({ length: 60 }, (_, i) => 100 + (i % 7) * 4 + i * 0.5 + ((i * 13) % 5));

describe('cachedForecast', () => {
  it('returns what forecastSeries returns; a repeat is a hit, other values or options are misses', () => {
    clearForecastCache();
    const opts = { period: 7, horizon: 10, paths: 20, seed: 3, model: 'ets' as const };
    const a = cachedForecast(series, opts);
    expect(a.mean).toEqual(forecastSeries(series, opts).mean);
    expect(a.paths).toEqual(forecastSeries(series, opts).paths);
    const s0 = forecastCacheStats();
    expect(cachedForecast([...series], { ...opts })).toBe(a);
    expect(forecastCacheStats().hits).toBe(s0.hits + 1);
    const b = cachedForecast(series, { ...opts, seed: 4 });
    expect(b).not.toBe(a);
    const changed = [...series];
    changed[59] = (changed[59] as number) + 1e-9;
    expect(cachedForecast(changed, opts)).not.toBe(a);
    expect(cachedForecast(series, { ...opts, exclude: series.map((_, i) => i === 3) })).not.toBe(a);
    expect(forecastCacheStats().misses).toBe(s0.misses + 3);
  });
});
