// The bench's M4 reader (bench/m4.ts) on the real Weekly files: the validation hold-out is built from
// the training file alone and never opens the test file.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeriesCsv } from '../../core/forecast';
import { loadM4 } from '../../bench/m4';
import { sharedData } from '../shared-data';

const m4 = sharedData('m4');
const H = 13;
const rows = (file: string) => parseSeriesCsv(readFileSync(join(m4, file), 'utf8'), file).series;
const tmp = mkdtempSync(join(tmpdir(), 'headroom-m4-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('M4 hold-outs for the bench', () => {
  const train = rows('Weekly-train.csv');
  const test = new Map(rows('Weekly-test.csv').map((s) => [s.id, s.values]));

  it('validation: every Weekly series trains on all but its last 13 training values and is scored on those', () => {
    const v = loadM4(m4, 'Weekly', H, 'validation')!;
    expect(v).toHaveLength(359);
    v.forEach((s, i) => {
      const t = train[i]!;
      expect(s.id).toBe(t.id);
      expect(s.trainLength).toBe(t.values.length);
      expect(s.insample).toHaveLength(t.values.length - H);
      expect(s.actual).toEqual(t.values.slice(-H));
      expect([...s.insample, ...s.actual]).toEqual(t.values);
    });
  });

  it('test: the whole training series, scored on the test row', () => {
    const t = loadM4(m4, 'Weekly', H, 'test', 5)!;
    expect(t.map((s) => s.id)).toEqual(train.slice(0, 5).map((s) => s.id));
    t.forEach((s, i) => {
      expect(s.insample).toEqual(train[i]!.values);
      expect(s.actual).toEqual(test.get(s.id));
    });
  });

  it('validation never reads the test file: it works without one, and ignores an unreadable one', () => {
    copyFileSync(join(m4, 'Weekly-train.csv'), join(tmp, 'Weekly-train.csv'));
    const v = loadM4(tmp, 'Weekly', H, 'validation')!;
    expect(v).toEqual(loadM4(m4, 'Weekly', H, 'validation'));
    expect(loadM4(tmp, 'Weekly', H, 'test')).toBeUndefined();
    writeFileSync(join(tmp, 'Weekly-test.csv'), '"V1","V2"\n"W1","not a number"\n"W1","duplicate"\n');
    expect(() => loadM4(tmp, 'Weekly', H, 'test')).toThrow();
    expect(loadM4(tmp, 'Weekly', H, 'validation')).toEqual(v);
  });
});
