/**
 * Agreement with published figures.
 * - M4 (Makridakis et al. 2020): the organisers' published Naive, sNaive and Naive2 scores
 *   (`../shared/data/m4/M4-published-results.csv`, from their `Evaluation and Ranks.xlsx`) on the
 *   full Hourly (414) and Weekly (359) sets must be reproduced to the published 3 decimals.
 * - R `forecast` 8.20 anchors (`../shared/data/m4/README.md`, "Anchor" table, run by the data's
 *   curators): `thetaf()` on all 359 Weekly series scores sMAPE 9.089, MASE 2.639, 80 % coverage
 *   0.811, 95 % coverage 0.924.
 * - R `ets(USAccDeaths)` selects ETS(A,N,A) (documented output `ex_ets$method #> "ETS(A,N,A)"` in
 *   a published R tutorial on ets model choice; USAccDeaths from Brockwell & Davis 1991).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/shared-data';
import { US_ACC_DEATHS } from './arima/datasets.fixture';
import { baselineFitter } from './baseline';
import { fitEtsAuto, etsLabel } from './ets';
import { coverage, mae, maseScale, smape } from './metrics';
import { parseSeriesCsv } from './series-csv';
import { thetaFitter } from './theta';
import type { Fitter } from './types';

function load(freq: string): { train: readonly { id: string; values: readonly number[] }[]; test: Map<string, readonly number[]> } {
  const train = parseSeriesCsv(readFileSync(sharedData('m4', `${freq}-train.csv`), 'utf8')).series;
  const test = new Map(parseSeriesCsv(readFileSync(sharedData('m4', `${freq}-test.csv`), 'utf8')).series.map((s) => [s.id, s.values]));
  return { train, test };
}

function score(freq: string, fitter: Fitter, period: number, m: number, h: number): { smape: number; mase: number; cov80: number; cov95: number } {
  const { train, test } = load(freq);
  let s = 0;
  let ms = 0;
  let c80 = 0;
  let c95 = 0;
  for (const ser of train) {
    const actual = test.get(ser.id) as readonly number[];
    const fc = fitter(ser.values, { period }).forecast(h, { levels: [0.8, 0.95] });
    s += smape(actual, fc.mean);
    ms += mae(actual, fc.mean) / maseScale(ser.values, m);
    c80 += coverage(actual, fc.intervals[0]!);
    c95 += coverage(actual, fc.intervals[1]!);
  }
  const n = train.length;
  return { smape: s / n, mase: ms / n, cov80: c80 / n, cov95: c95 / n };
}

const published = new Map<string, number>();
for (const line of readFileSync(sharedData('m4', 'M4-published-results.csv'), 'utf8').split('\n').slice(1)) {
  const [sheet, method, freq, metric, value] = line.split(',');
  if (sheet === 'Point Forecasts-Frequency') published.set(`${method}/${freq}/${metric}`, Number(value));
}

describe('M4 published benchmark scores', () => {
  const cases: [string, string, number, number, number][] = [
    ['Naive', 'Hourly', 1, 24, 48],
    ['sNaive', 'Hourly', 24, 24, 48],
    ['Naive2', 'Hourly', 24, 24, 48],
    ['Naive2', 'Weekly', 1, 1, 13],
  ];
  for (const [method, freq, period, m, h] of cases) {
    it(`${method} on all ${freq} series reproduces the published sMAPE and MASE`, () => {
      const kind = method === 'Naive' ? 'naive' : method === 'sNaive' ? 'snaive' : 'naive2';
      const r = score(freq, baselineFitter(kind), period, m, h);
      expect(r.smape.toFixed(3)).toBe(published.get(`${method}/${freq}/sMAPE`)!.toFixed(3));
      expect(r.mase.toFixed(3)).toBe(published.get(`${method}/${freq}/MASE`)!.toFixed(3));
    });
  }
});

describe('R forecast agreement', () => {
  it('standard theta = R thetaf() on all 359 M4 Weekly series (README anchor)', () => {
    const r = score('Weekly', thetaFitter('standard'), 1, 1, 13);
    expect(r.smape).toBeCloseTo(9.089, 2);
    expect(r.mase).toBeCloseTo(2.639, 2);
    expect(r.cov80).toBeCloseTo(0.811, 2);
    expect(r.cov95).toBeCloseTo(0.924, 2);
  });

  it('ets() on USAccDeaths selects ETS(A,N,A) as R does', () => {
    const r = fitEtsAuto(US_ACC_DEATHS, 12);
    expect(etsLabel(r.best.spec)).toBe('ETS(A,N,A)');
    // an almost constant seasonal pattern: gamma at its lower bound region, alpha mid-range
    expect(r.best.params.gamma).toBeLessThan(0.05);
    expect(r.best.params.alpha).toBeGreaterThan(0.3);
    expect(r.best.params.alpha).toBeLessThan(0.9);
  });
});
