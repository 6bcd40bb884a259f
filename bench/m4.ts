/**
 * Reading an M4 frequency for the forecast bench, as one hold-out split per series
 * (core/forecast/backtest `testSplit` / `validationSplit`). In `validation` mode the test file is
 * never opened: the targets are the last `horizon` training values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSeriesCsv } from '../core/forecast';
import { type Holdout, type HoldoutSplit, testSplit, validationSplit } from '../core/forecast/backtest';

export interface M4Series extends HoldoutSplit {
  readonly id: string;
  /** Length of the series in the training file (the in-sample length is this minus the horizon in validation mode). */
  readonly trainLength: number;
}

/** The files a hold-out needs for `freq` (e.g. `Weekly`): the training file, plus the test file for `test`. */
export function m4Files(dir: string, freq: string, holdout: Holdout): string[] {
  const train = join(dir, `${freq}-train.csv`);
  return holdout === 'test' ? [train, join(dir, `${freq}-test.csv`)] : [train];
}

/**
 * The first `limit` series of `freq` split for `holdout`, or undefined when a file it needs is
 * absent (that frequency is not in the data folder).
 */
export function loadM4(dir: string, freq: string, horizon: number, holdout: Holdout, limit = Infinity): M4Series[] | undefined {
  const files = m4Files(dir, freq, holdout);
  if (!files.every((f) => existsSync(f))) return undefined;
  const [trainFile, testFile] = files as [string, string | undefined];
  const train = parseSeriesCsv(readFileSync(trainFile, 'utf8'), trainFile).series.slice(0, limit);
  if (testFile === undefined) return train.map((s) => ({ id: s.id, trainLength: s.values.length, ...validationSplit(s.values, horizon, `${trainFile} series ${s.id}`) }));
  const testById = new Map(parseSeriesCsv(readFileSync(testFile, 'utf8'), testFile).series.map((s) => [s.id, s.values]));
  return train.map((s) => {
    const test = testById.get(s.id);
    if (!test) throw new Error(`${testFile} has no row for series ${s.id} of ${trainFile}`);
    return { id: s.id, trainLength: s.values.length, ...testSplit(s.values, test, horizon, `${testFile} series ${s.id}`) };
  });
}
