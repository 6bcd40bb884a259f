import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Req, Res } from '../../core/api';
import { DEMO_SEED, generateDemo, seededRandom } from '../../core/ingest/demo';
import { parseDay } from '../../core/lib';
import { dispatch, openService } from '../../core/service';
import { tempDir } from '../../core/store/testing/fixtures';
import { runCli } from '../../test/cli-harness';

const run = runCli;
const AS_OF = parseDay('2026-06-15');

let dir: string;
let cleanup: () => void;
// One demo load (~80k rows, a few seconds) for the whole file: the commands only read.
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-periods-'));
  const demo = await run(['demo', '--as-of', AS_OF, '--data-dir', dir]);
  expect(demo.code).toBe(0);
}, 60_000);
afterAll(() => cleanup());

/** `forecast.periods` called directly on the service, not through the CLI. */
async function direct(req: Req<'forecast.periods'>): Promise<Res<'forecast.periods'>> {
  const svc = await openService({ dataDir: dir });
  try {
    return (await dispatch(svc.handlers, 'forecast.periods', req, { signal: new AbortController().signal, progress: () => {} })) as Res<'forecast.periods'>;
  } finally {
    await svc.close();
  }
}

/** EffectiveCost in cents per provider over [from, to), summed from the generator's rows. */
function effectiveCents(rows: ReturnType<typeof generateDemo>['charges'], from: string, to: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.ChargePeriodStart >= from && r.ChargePeriodStart < to) out.set(r.ProviderName, (out.get(r.ProviderName) ?? 0) + Math.round(Number(r.EffectiveCost) * 100));
  }
  return out;
}

const money = (n: number): string => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('headroom forecast periods', () => {
  it('--json is exactly the service response for the same arguments (defaults, and every flag)', async () => {
    const plain = await run(['forecast', 'periods', '--json', '--data-dir', dir]);
    expect(plain.err).toBe('forecast periods: forecast (1/1)\n');
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).toEqual(await direct({}));

    const argv = ['--kinds', 'year,month', '--by', 'provider', '--filter', 'provider=AWS', '--filter', 'provider=Microsoft', '--model', 'ets', '--levels', '90', '--seed', '7', '--paths', '300', '--training-days', '365', '--billed'];
    const flagged = await run(['forecast', 'periods', ...argv, '--json', '--data-dir', dir]);
    expect(flagged.code).toBe(0);
    const got = JSON.parse(flagged.out) as Res<'forecast.periods'>;
    const want = await direct({
      kinds: ['year', 'month'],
      by: ['provider'],
      filters: [{ dimension: 'provider', values: ['AWS', 'Microsoft'] }],
      model: 'ets',
      levels: [0.9],
      seed: 7,
      paths: 300,
      training_days: 365,
      view: 'billed',
    });
    expect(got).toEqual(want);
    // The arguments reached the service: the filtered groups, the model, the kinds in order, the view.
    expect(got.view).toBe('billed');
    expect(got.series.map((s) => s.group['provider'])).toEqual(['AWS', 'Microsoft']);
    for (const s of got.series) {
      expect(s.forecast?.card.family).toBe('ets');
      expect(s.forecast?.intervals.map((i) => i.level)).toEqual([0.9]);
      expect(s.periods.map((p) => p.kind)).toEqual(['year', 'month']);
    }
  }, 60_000);

  it('prints a table row per period and group with the actual to date summed from the demo rows', async () => {
    const r = await run(['forecast', 'periods', '--by', 'provider', '--model', 'ets', '--paths', '200', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const res = await direct({ by: ['provider'], model: 'ets', paths: 200 });
    const rows = generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED) }).charges;
    expect(r.out).toContain('EffectiveCost (amortized), data 2023-06-15 … 2026-06-14; forecast from 2026-06-15.');
    const periods = [
      { label: 'June 2026', dates: '2026-06-01 … 2026-06-30', from: '2026-06-01', left: 16 },
      { label: 'Q2 2026', dates: '2026-04-01 … 2026-06-30', from: '2026-04-01', left: 16 },
      { label: '2026', dates: '2026-01-01 … 2026-12-31', from: '2026-01-01', left: 200 },
    ];
    const lines = r.out.split('\n');
    const providers = ['AWS', 'Google Cloud', 'Microsoft'];
    expect(res.series.map((s) => s.group['provider'])).toEqual(providers);
    for (const p of periods) {
      const actual = effectiveCents(rows, p.from, AS_OF);
      for (const provider of providers) {
        const s = res.series.find((x) => x.group['provider'] === provider);
        const f = s?.periods.find((x) => x.start === p.from);
        expect(Math.round((f?.actual ?? NaN) * 100)).toBe(actual.get(provider));
        // Under the group's heading, the period's row: label, dates, days left, actual, P10, P50, P90, currency.
        const head = lines.indexOf(`provider=${provider} — USD`);
        expect(head).toBeGreaterThanOrEqual(0);
        const row = lines.slice(head, head + 8).find((l) => l.trimStart().startsWith(`${p.label}  `));
        expect(row?.trim().split(/\s{2,}/)).toEqual([p.label, p.dates, String(p.left), money((actual.get(provider) ?? NaN) / 100), money(f?.p10 ?? NaN), money(f?.p50 ?? NaN), money(f?.p90 ?? NaN), 'USD']);
        expect(f && f.p10 <= f.p50 && f.p50 <= f.p90).toBe(true);
      }
    }
  }, 60_000);

  it('exits 1 naming the flag on a bad value, before any output', async () => {
    const cases: [string[], string][] = [
      [['--kinds', 'week'], '--kinds: "week" is not one of month, quarter or year.'],
      [['--kinds', ','], '--kinds needs at least one of month, quarter or year.'],
      [['--model', 'prophet'], '--model "prophet" must be auto, ets, theta, arima,'],
      [['--levels', '80,120'], '--levels "80,120": give percentages between 0 and 100'],
      [['--seed', 'x'], '--seed "x" must be a whole number from 0 to'],
      [['--paths', '50'], '--paths "50" must be a whole number from 100 to 20000.'],
      [['--training-days', '7'], '--training-days "7" must be a whole number from 14 to 3660.'],
      [['--by', 'planet'], '--by "planet" is not a dimension; use provider, billing_account,'],
      [['--filter', 'planet=mars'], '--filter "planet=mars": unknown dimension "planet"; use provider,'],
      [['--filter', 'provider'], '--filter "provider" is not DIM=VALUE.'],
      [['--currency', 'US'], '--currency "US" is not a three-letter ISO 4217 code'],
      [['--horizon', '90'], "Unknown option '--horizon'"],
      [['--currency', 'EUR', '--model', 'naive'], '--currency EUR: the selection has no cost data in EUR, only in USD.'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['forecast', 'periods', ...args, '--data-dir', dir]);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
  }, 60_000);
});
