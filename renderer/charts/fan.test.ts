import { describe, expect, it } from 'vitest';
import type { Day } from '../../core/api';
import { fanRows } from './fan';

describe('fanRows', () => {
  it('anchors the fan at the last actual and keeps typed bands', () => {
    const rows = fanRows(
      { start: '2026-01-01' as Day, values: [10, 12] },
      { start: '2026-01-03', mean: [13, 14], intervals: [{ level: 0.8, lo: [12, 12], hi: [14, 16] }, { level: 95, lo: [11, 10], hi: [15, 18] }] },
    );
    expect(rows).toEqual([
      { day: '2026-01-01', actual: 10 },
      { day: '2026-01-02', actual: 12, mean: 12, band80: [12, 12], band95: [12, 12] },
      { day: '2026-01-03', mean: 13, band80: [12, 14], band95: [11, 15] },
      { day: '2026-01-04', mean: 14, band80: [12, 16], band95: [10, 18] },
    ]);
  });

  it('downsamples three years of actuals and a long horizon', () => {
    const values = Array.from({ length: 1096 }, (_, i) => 100 + Math.sin(i));
    const mean = Array.from({ length: 730 }, () => 100);
    const rows = fanRows({ start: '2023-01-01' as Day, values }, { start: '2026-01-01', mean, intervals: [] }, { maxActual: 300, maxForecast: 200 });
    expect(rows.length).toBeLessThanOrEqual(300 + 200);
    expect(rows.filter((r) => r.mean !== undefined).length).toBe(201);
  });
});
