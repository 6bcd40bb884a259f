/** A small, fully known report input for the renderers' tests (generated, not copied data). */
import { addDays, parseDay, type Day } from '../lib';
import type { ModelCard } from '../forecast';
import type { ReportInput } from './model';
import type { AnomalyItem, SectionsInput } from './sections';

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

const d = (s: string): Day => parseDay(s);

/** Twelve anomalies with impacts ±(100·k) for k = 1..12; k = 3 is labelled planned, k = 12 incident. */
export function sampleAnomalies(): AnomalyItem[] {
  return Array.from({ length: 12 }, (_, i) => {
    const k = i + 1;
    const impact = (k % 2 === 0 ? -1 : 1) * 100 * k;
    const start = addDays(d('2026-01-01'), 2 * k);
    return {
      start,
      end: addDays(start, k === 3 ? 1 : 0),
      scope: k === 5 ? 'service=@SUM(1)' : `service=S${k}`,
      currency: 'USD',
      expected: 1000,
      actual: 1000 + impact,
      impact,
      severity: k > 8 ? 'high' : 'medium',
      label: k === 3 ? 'planned' : k === 12 ? 'incident' : null,
      drivers: k === 12 ? [{ name: 'region=us-east-1', impact: -900 }, { name: 'region=eu-west-1', impact: -300 }] : [],
      ...(k === 12 ? { periodImpact: { period: '2026-01', open: false, delta: -1100 } } : {}),
    } satisfies AnomalyItem;
  });
}

/** `sampleSections` with its capacity pool ordering on 2026-02-10, four days before the data ends (asOf 2026-02-14): an overdue order-by date. */
export function lateOrderSections(): SectionsInput {
  const sections = sampleSections();
  const capacity = sections.capacity;
  const pool = capacity?.pools[0];
  if (!capacity || !pool) throw new Error('sampleSections has a capacity pool');
  const late = { ...pool, orderBy: '2026-02-10' as Day, recommendations: pool.recommendations.map((r) => (r.kind === 'add_capacity' ? { ...r, orderBy: '2026-02-10' as Day } : r)) };
  return { ...sections, capacity: { ...capacity, pools: [late] } };
}

/** Plan sections with fully known values (no planning run): one pool, one commitment, two budgets, twelve anomalies, one scenario. */
export function sampleSections(): SectionsInput {
  const history = Array.from({ length: 100 }, (_, i) => (i === 50 ? null : 50 + (i % 7)));
  return {
    capacity: {
      pools: [
        {
          name: 'web-cpu', unit: 'vCPU', capacity: 100, target: 0.8, leadTimeDays: 14, asOf: d('2026-02-14'), horizonDays: 180, serviceLevel: 0.95,
          exhaustion: { p10: d('2026-03-01'), p50: d('2026-04-01'), p90: null }, exhaustionProbability: 0.6, orderBy: d('2026-02-15'), neededCapacity: 130,
          recommendations: [
            { kind: 'add_capacity', add: 30, orderBy: d('2026-02-15'), monthlyCost: 300, currency: 'USD', reason: 'the 95th percentile needs 130' },
            { kind: 'scaling', target: 'hpa', resource: 'web', min: 3, max: 9, scheduled: 2 },
          ],
          historyStart: addDays(d('2026-02-14'), -99), history,
          forecastStart: d('2026-02-15'), p10: [60, 61, 62], p50: [70, 72, 74], p90: [80, 83, 86],
          capacitySchedule: [{ from: d('1970-01-01'), capacity: 100 }], model: 'ETS(A,N,N)', warnings: [],
        },
      ],
    },
    commitments: {
      recommendations: [
        {
          scope: 'AWS 111122223333 Compute (USD)', currency: 'USD', term: '1y', discount: 0.3, hourlyCommitment: 7, coveredPerHour: 10,
          savings: { p10: 100, p50: 200, p90: 300 }, breakEvenUtilization: 0.7, expectedUtilization: 0.9,
          trailing30dCommitment: 5, trailing30dSavings: { p10: 50, p50: 150, p90: 250 }, currentCoverage: null, currentUtilization: null, model: 'ETS(A,N,A)',
        },
      ],
      expiring: [{ scope: 'AWS 111122223333 Compute (USD)', currency: 'USD', id: 'sp-1', type: 'Savings Plan', expires: d('2026-03-01'), coveredPerHour: 4, addedCostPerHour: 1.2 }],
      notes: ['Google Cloud 0000 Compute (USD): only 20 days of usage; at least 60 are needed to forecast a commitment term.'],
    },
    budgets: {
      items: [
        { name: 'Monthly', period: 'month', periodStart: d('2026-02-01'), periodEnd: d('2026-03-01'), currency: 'USD', amount: 5000, scope: 'provider=AWS', actual: 2079, forecast: { p10: 4879, p50: 4907, p90: 4935 }, probabilityOver: 0.2, likelyBreachDate: null, model: 'ETS(A,N,A)' },
        { name: '=evil budget', period: 'quarter', periodStart: d('2026-01-01'), periodEnd: d('2026-04-01'), currency: 'USD', amount: 9000, scope: 'provider=AWS', actual: 7644, forecast: { p10: 13000, p50: 13200, p90: 13400 }, probabilityOver: 1, likelyBreachDate: d('2026-02-20'), model: 'ETS(A,N,A)' },
      ],
    },
    anomalies: { items: sampleAnomalies() },
    scenarios: {
      items: [
        {
          name: 'Growth', currency: 'USD', scope: 'provider=AWS', drivers: ['growth:rate=0.2,from=2026-03-01', 'step:add=10,from=2026-03-10'], start: d('2026-02-15'), end: d('2026-03-27'),
          months: [
            { month: '2026-02', days: 14, baseline: { p10: 2800, p50: 2828, p90: 2856 }, scenario: { p10: 2800, p50: 2828, p90: 2856 } },
            { month: '2026-03', days: 26, baseline: { p10: 5210, p50: 5252, p90: 5294 }, scenario: { p10: 5400, p50: 5450, p90: 5500 } },
          ],
          total: { baseline: { p10: 8010, p50: 8080, p90: 8150 }, scenario: { p10: 8200, p50: 8278, p90: 8356 } },
          model: 'ETS(A,N,A)',
        },
      ],
    },
  };
}

/** The sample input with every plan section and the labelled anomalies (k = 3, 12) excluded. */
/** The sample sections with the pool's cost in `currency` (a pool's own currency, not the report's). */
export function poolCurrencySections(currency: string): SectionsInput {
  const sections = sampleSections();
  const capacity = sections.capacity;
  if (!capacity) throw new Error('sampleSections has a capacity section');
  const pools = capacity.pools.map((p) => ({ ...p, recommendations: p.recommendations.map((r) => (r.kind === 'add_capacity' ? { ...r, monthlyCost: 1234.5, currency } : r)) }));
  return { ...sections, capacity: { ...capacity, pools } };
}

/** The sample sections with the commitment scope (its recommendation and expiring commitment) billed in `currency`, not the report's. */
export function commitmentCurrencySections(currency: string): SectionsInput {
  const sections = sampleSections();
  const c = sections.commitments;
  if (!c) throw new Error('sampleSections has a commitments section');
  const scope = (s: string): string => s.replace('(USD)', `(${currency})`);
  return {
    ...sections,
    commitments: { ...c, recommendations: c.recommendations.map((x) => ({ ...x, currency, scope: scope(x.scope) })), expiring: c.expiring.map((e) => ({ ...e, currency, scope: scope(e.scope) })) },
  };
}

export function sampleInputWithSections(overrides: Partial<ReportInput> = {}): ReportInput {
  return sampleInput({ sections: sampleSections(), excludedAnomalies: sampleAnomalies().filter((a) => a.label !== null), ...overrides });
}

/**
 * The sample input with every plan section in `currency` instead of USD (same figures): for the
 * renderers' minor-unit tests (JPY has no decimals, KWD three).
 */
export function sampleInputInCurrency(currency: string, overrides: Partial<ReportInput> = {}): ReportInput {
  const s = sampleSections();
  const anomalies = sampleAnomalies().map((a) => ({ ...a, currency }));
  const sections: SectionsInput = {
    ...s,
    capacity: s.capacity && { ...s.capacity, pools: s.capacity.pools.map((p) => ({ ...p, recommendations: p.recommendations.map((x) => (x.kind === 'add_capacity' ? { ...x, currency } : x)) })) },
    commitments: s.commitments && {
      ...s.commitments,
      recommendations: s.commitments.recommendations.map((c) => ({ ...c, currency, scope: c.scope.replace('(USD)', `(${currency})`) })),
      expiring: s.commitments.expiring.map((e) => ({ ...e, currency, scope: e.scope.replace('(USD)', `(${currency})`) })),
    },
    budgets: s.budgets && { ...s.budgets, items: s.budgets.items.map((b) => ({ ...b, currency })) },
    anomalies: { items: anomalies },
    scenarios: s.scenarios && { ...s.scenarios, items: s.scenarios.items.map((x) => ({ ...x, currency })) },
  };
  return sampleInput({ currency, sections, excludedAnomalies: anomalies.filter((a) => a.label !== null), ...overrides });
}
