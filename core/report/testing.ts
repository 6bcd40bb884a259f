/** A small, fully known report input for the renderers' tests (generated, not copied data). */
import { addDays, parseDay } from '../lib';
import type { ModelCard } from '../forecast';
import type { ReportInput } from './model';

export function sampleCard(overrides: Partial<ModelCard> = {}): ModelCard {
  return {
    requested: 'auto', family: 'ets', spec: 'ETS(A,N,A)', params: { alpha: 0.3, gamma: 0.1 }, sigma2: 4, period: 7, horizon: 40,
    levels: [0.8, 0.95], trainingWindow: { start: 0, end: 45, n: 45 }, excluded: [], seed: 1, warnings: [], ...overrides,
  };
}

/**
 * 45 days from 2026-01-01 (Jan complete, Feb 1..14): EC2 costs 100 + day index, S3 10, and a
 * hostile service name costs 1. Forecast: 40 days, 5 paths; path k costs 200 + k every day.
 */
export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const n = 45;
  const ec2 = Array.from({ length: n }, (_, i) => 100 + i);
  const s3 = Array.from({ length: n }, () => 10);
  const evil = Array.from({ length: n }, () => 1);
  return {
    title: 'Quarterly forecast',
    generatedAt: '2026-02-15T09:00:00.000Z',
    scope: [{ dimension: 'provider', value: 'AWS' }],
    currency: 'USD',
    view: 'effective',
    daily: { start: parseDay('2026-01-01'), values: ec2.map((v, i) => v + (s3[i] ?? 0) + (evil[i] ?? 0)) },
    services: [
      { name: 'Amazon EC2', values: ec2 },
      { name: 'Amazon S3', values: s3 },
      { name: '=HYPERLINK("http://x.example","click")', values: evil },
    ],
    paths: Array.from({ length: 5 }, (_, k) => Array.from({ length: 40 }, () => 200 + k)),
    card: sampleCard(),
    coverage: [{ name: 'aws-cur', kind: 'files', rows: 135, firstDay: parseDay('2026-01-01'), lastDay: addDays(parseDay('2026-01-01'), n - 1), lastImportAt: '2026-02-15T08:00:00.000Z' }],
    ...overrides,
  };
}
