import { describe, expect, it } from 'vitest';
import { autoTrainingWindow } from './forecast-series';
import { splitRules, trainingWindowFromRule } from './training-window';

const weekly = { period: 1, horizon: 13 };
const weekly52 = { period: 52, horizon: 13 };
const hourly = { period: 24, horizon: 48 };
const daily = { period: 7, horizon: 14 };

describe('training-window rules', () => {
  it('all, auto and a number of values', () => {
    expect(trainingWindowFromRule('all', weekly)).toBe(Infinity);
    expect(trainingWindowFromRule(' ALL ', weekly)).toBe(Infinity);
    for (const ctx of [weekly, weekly52, hourly, daily]) expect(trainingWindowFromRule('auto', ctx)).toBe(autoTrainingWindow(ctx.period, ctx.horizon));
    expect(trainingWindowFromRule('800', weekly52)).toBe(800);
  });

  it('multiples of the horizon and of the longest cycle the candidates model', () => {
    expect(trainingWindowFromRule('40h', weekly)).toBe(520);
    expect(trainingWindowFromRule('40h', hourly)).toBe(1920);
    expect(trainingWindowFromRule('20c', weekly)).toBe(20);
    expect(trainingWindowFromRule('20c', weekly52)).toBe(1040);
    expect(trainingWindowFromRule('20c', hourly)).toBe(3360); // 20 × 168 (the weekly cycle of hourly data)
    expect(trainingWindowFromRule('20c', daily)).toBe(7305); // ⌈20 × 365.25⌉
    expect(trainingWindowFromRule('2.5h', weekly)).toBe(33); // ⌈32.5⌉
  });

  it('max(…) is the largest window, and max(40h, 20c) is the default rule', () => {
    expect(trainingWindowFromRule('max(500,20c)', weekly)).toBe(500);
    expect(trainingWindowFromRule('max(500,20c)', weekly52)).toBe(1040);
    expect(trainingWindowFromRule('max(300, 10h, max(2c, 40))', weekly)).toBe(300);
    expect(trainingWindowFromRule('max(300,all)', weekly)).toBe(Infinity);
    for (const ctx of [weekly, weekly52, hourly, daily, { period: 12, horizon: 18 }, { period: 365, horizon: 30 }]) {
      expect(trainingWindowFromRule('max(40h,20c)', ctx)).toBe(autoTrainingWindow(ctx.period, ctx.horizon));
      expect(trainingWindowFromRule('max(1000,20c)', ctx)).toBe(Math.max(1000, autoTrainingWindow(ctx.period, 1)));
    }
  });

  it('refuses what it cannot read, naming the rule and the syntax', () => {
    for (const bad of ['', 'abc', '12.5', '-300', '1', '0h', '1c', 'max(300)', '300x', 'max(300,)', 'h']) {
      expect(() => trainingWindowFromRule(bad, weekly), bad).toThrow(/training-window rule .* write all, auto, N/);
    }
  });

  it('splits a list at the commas outside max(…)', () => {
    expect(splitRules('all,300, max(1000,20c) ,40h')).toEqual(['all', '300', 'max(1000,20c)', '40h']);
    expect(splitRules('auto')).toEqual(['auto']);
    expect(() => splitRules('max(1000,20c')).toThrow(/unmatched "\("/);
    expect(() => splitRules('300),all')).toThrow(/unmatched "\)"/);
  });
});
