import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HandlerContext, type Res } from '../api';
import { addDays, parseDay, weekday, type Day } from '../lib';
import { dispatch } from './dispatch';
import { type Service } from './service';
import { openSeededService } from './testing';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
/** Weekly pattern of daily cost: weekdays 120, weekends 60 (mean 102.857…). */
const cost = (d: Day): number => ([0, 6].includes(weekday(d)) ? 60 : 120);


let service: Service;
let close: () => Promise<void>;
const start = parseDay('2025-01-01');
const today = parseDay('2026-02-15'); // data through 2026-02-14: 14 days of February seen, 14 to go

beforeEach(async () => {
  ({ service, close } = await openSeededService('headroom-budgets-', start, today, cost));
});
afterEach(() => close());

const call = (name: Parameters<typeof dispatch>[1], req: unknown): Promise<unknown> => dispatch(service.handlers, name, req, ctx);

describe('budgets burn curve', () => {
  it('accumulates the actual cost of the period day by day and ends the band at the period-total quantiles', async () => {
    await call('budgets.add', { budget: { name: 'ec2', amount: 2_600, period: 'month', currency: 'USD', scope: [{ dimension: 'service', value: 'Amazon EC2' }] } });
    const res = (await call('budgets.status', {})) as Res<'budgets.status'>;
    const b = res.budgets[0]!;
    // Independent: the running sum of the generating rule over 1–14 February.
    const expected: number[] = [];
    let sum = 0;
    for (let d = parseDay('2026-02-01'); d < today; d = addDays(d, 1)) expected.push((sum += cost(d)));
    expect(b.burn.start).toBe('2026-02-01');
    expect(b.burn.actual).toEqual(expected);
    expect(b.burn.forecast_start).toBe('2026-02-15');
    expect(b.burn.p50).toHaveLength(14);
    expect(b.burn.p10.at(-1)).toBeCloseTo(b.forecast.p10, 1);
    expect(b.burn.p50.at(-1)).toBeCloseTo(b.forecast.p50, 1);
    expect(b.burn.p90.at(-1)).toBeCloseTo(b.forecast.p90, 1);
    // The first forecast day adds about one day of cost (a Sunday: 60) to the actual so far.
    expect(b.burn.p50[0]! - sum).toBeGreaterThan(30);
    expect(b.burn.p50[0]! - sum).toBeLessThan(90);
  });
});
