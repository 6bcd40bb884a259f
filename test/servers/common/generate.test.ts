import { describe, expect, it } from 'vitest';
import { parseDay } from '../../../core/lib';
import { fixed, generateDaily, prng, totalCents } from './generate';

const spec = {
  seed: 7,
  from: parseDay('2026-01-01'),
  to: parseDay('2026-04-01'),
  accounts: [
    { id: '000123456789', name: 'prod' },
    { id: '210987654321', name: 'dev' },
  ],
  services: ['Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service', 'AWS Lambda'],
  regions: ['us-east-1', 'eu-west-1'],
  currency: 'USD',
};

describe('generateDaily', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateDaily(spec);
    expect(generateDaily(spec)).toEqual(a);
    expect(generateDaily({ ...spec, seed: 8 })).not.toEqual(a);
  });
  it('covers every day of [from, to) with the same combinations each day', () => {
    const rows = generateDaily(spec);
    const days = new Set(rows.map((r) => r.day));
    expect(days.size).toBe(90);
    expect(days.has(parseDay('2026-04-01'))).toBe(false);
    const perDay = rows.filter((r) => r.day === '2026-01-01').length;
    expect(perDay).toBeGreaterThan(0);
    expect(perDay).toBeLessThanOrEqual(12);
    expect(rows.length).toBe(perDay * 90);
  });
  it('keeps amortized ≤ unblended and net ≤ amortized, all positive', () => {
    for (const r of generateDaily(spec)) {
      expect(r.amortized <= r.unblended).toBe(true);
      expect(r.netAmortized <= r.amortized).toBe(true);
      expect(r.netAmortized > 0n).toBe(true);
    }
  });
});

describe('fixed and totals', () => {
  it('formats 1e-10 integers with rounding half up', () => {
    expect(fixed(403527508453n)).toBe('40.3527508453');
    expect(fixed(-5n)).toBe('-0.0000000005');
    expect(fixed(1_234_567_890_000n, 2)).toBe('123.46');
    expect(fixed(1_234_449_999_999n, 2)).toBe('123.44');
    expect(fixed(0n, 0)).toBe('0');
  });
  it('sums exactly before rounding', () => {
    const rows = [{ unblended: 4_999_999_999n }, { unblended: 1n }] as never[];
    expect(totalCents(rows, (r: { unblended: bigint }) => r.unblended)).toBe('0.50');
  });
  it('prng stays in [0,1)', () => {
    const r = prng(1);
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});
