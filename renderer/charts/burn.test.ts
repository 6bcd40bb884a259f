import { describe, expect, it } from 'vitest';
import { parseDay } from '../../core/api';
import { burnRows } from './burn';

describe('burn chart rows', () => {
  it('puts the actuals first, anchors the band on the last actual, then one row per forecast day', () => {
    const rows = burnRows({ start: parseDay('2026-11-01'), actual: [10, 25], forecast_start: parseDay('2026-11-03'), p10: [30, 40], p50: [35, 50], p90: [40, 60] });
    expect(rows).toEqual([
      { day: '2026-11-01', actual: 10 },
      { day: '2026-11-02', actual: 25, p50: 25, band: [25, 25] },
      { day: '2026-11-03', p50: 35, band: [30, 40] },
      { day: '2026-11-04', p50: 50, band: [40, 60] },
    ]);
  });

  it('draws only the forecast when the period has not started in the data', () => {
    expect(burnRows({ start: parseDay('2027-01-01'), actual: [], forecast_start: parseDay('2027-01-01'), p10: [1], p50: [2], p90: [3] })).toEqual([{ day: '2027-01-01', p50: 2, band: [1, 3] }]);
  });
});
