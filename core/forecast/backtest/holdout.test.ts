import { describe, expect, it } from 'vitest';
import { testSplit, validationSplit } from './holdout';

describe('hold-out splits', () => {
  const train = Array.from({ length: 30 }, (_, t) => 100 + t);
  const test = Array.from({ length: 5 }, (_, t) => -1 - t); // negative: no training value looks like one

  it('validation: the last `horizon` training values are the targets, the rest the in-sample data', () => {
    const s = validationSplit(train, 5);
    expect(s.insample).toHaveLength(25);
    expect(s.actual).toHaveLength(5);
    expect(s.insample).toEqual(train.slice(0, 25));
    expect(s.actual).toEqual([125, 126, 127, 128, 129]);
    expect([...s.insample, ...s.actual]).toEqual(train);
    // No test value can reach either part (the split does not take them).
    for (const v of [...s.insample, ...s.actual]) expect(test).not.toContain(v);
    // The input is not modified, and the parts are copies.
    (s.insample as number[])[0] = 0;
    expect(train[0]).toBe(100);
  });

  it('validation needs at least horizon + 2 training values', () => {
    expect(validationSplit(train.slice(0, 7), 5).insample).toEqual([100, 101]);
    expect(() => validationSplit(train.slice(0, 6), 5, 'W7')).toThrow(/W7 has 6 training values: a validation split with horizon 5 needs at least 7/);
    expect(() => validationSplit(train, 0)).toThrow(/horizon must be a whole number/);
  });

  it('test: the training series as given, scored on exactly one horizon of test values', () => {
    const s = testSplit(train, test, 5);
    expect(s.insample).toEqual(train);
    expect(s.actual).toEqual(test);
    expect(() => testSplit(train, test.slice(0, 4), 5, 'W1')).toThrow(/W1 has 4 test values but the horizon is 5/);
    expect(() => testSplit([1], test, 5)).toThrow(/1 training value/);
  });
});
