/** headroom scenario add | list | remove | show | compare (issue 6, item 3): thin adapters over core/api's scenarios methods. */
import { type Req, type Res, type Scenario, type ScenarioResult } from '../../core/api';
import { addDays, type Day } from '../../core/lib';
import { dispatch } from '../../core/service';
import { cliCallContext, currencyFlag, daysFlag, dimensionValue, parseCommandArgs, progressCallContext, usageError, withService, type GlobalFlags } from '../args';
import type { Command, CommandContext } from '../command';
import { money, table } from '../table';

const call = async (ctx: CommandContext, flags: GlobalFlags, name: Parameters<typeof dispatch>[1], req: unknown, progressLabel?: string): Promise<unknown> =>
  withService(ctx, flags, (s) => dispatch(s.handlers, name, req, progressLabel === undefined ? cliCallContext(ctx) : progressCallContext(ctx, progressLabel)));

const addUsage = `Usage: headroom scenario add --name N [--scope DIM=VALUE]… --driver SPEC… [--currency C] [--replace] [--data-dir DIR]

Saves a what-if scenario: drivers applied to every sample path of the scope's baseline forecast.
  --scope DIM=VALUE  provider, billing_account, sub_account, service, region, … or tag:<key>
                     (repeat for more conditions; all must hold). Default: all charges.
  --driver SPEC      repeatable; one of
                       growth:rate=0.2,from=2027-01-01           extra compound annual growth from a date
                       step:factor=0.7,from=2027-03-01           multiply from a date (migration, decommission)
                       step:add=150,from=2027-03-01              add a daily cost from a date (new region)
                       window:factor=1.5,from=2026-11-27,to=2026-12-01   temporary multiplier, to exclusive
                       price:factor=0.9,from=2027-01-01          price change (discount, commitment)
                       workload:level=200,from=2027-02-01,ramp=30  new workload, linear ramp to a daily level;
                         add growth=0.5 (compound annual) and spread=0.3 (its size is uncertain:
                         lognormal per sample path, mean 1, coefficient of variation 0.3)
  --currency C       ISO 4217 code of the cost series (default USD)`;

const showUsage = `Usage: headroom scenario show --name N [--horizon 365d] [--json] [--data-dir DIR]

Baseline vs scenario: monthly totals with P10/P50/P90 from the forecast's sample paths, and each
budget of the same scope and currency per period: probability of exceeding and likely breach date,
baseline vs scenario. Progress goes to stderr.`;

const compareUsage = `Usage: headroom scenario compare --name A --name B … [--horizon 365d] [--json] [--data-dir DIR]

Scenarios side by side against the baseline: monthly and horizon totals (P10/P50/P90 read off
each scenario's own sample paths), and for every budget of the same scope and currency, per budget
period ending within the horizon, the probability of exceeding and the likely breach date under the
baseline and under each scenario. Progress goes to stderr.`;

const listUsage = 'Usage: headroom scenario list [--json] [--data-dir DIR]';
const removeUsage = 'Usage: headroom scenario remove --name N [--data-dir DIR]';

function parseScope(raw: readonly string[]): Scenario['scope'] {
  return raw.map((s) => dimensionValue('--scope', s, addUsage, { valueRequired: true }) as Scenario['scope'][number]);
}

/** `--horizon`: days or weeks, 1 to 1095 days (three years, the service's limit); the service's default when not given. */
function parseHorizon(raw: string | undefined, usage: string): number | undefined {
  return raw === undefined ? undefined : daysFlag('--horizon', raw, usage, { min: 1, max: 3 * 365 });
}


const scopeText = (s: { scope: Scenario['scope'] }): string => (s.scope.length === 0 ? 'all' : s.scope.map((c) => `${c.dimension}=${c.value}`).join(', '));
const band = (b: { p10: number; p50: number; p90: number }, currency: string): string => `${money(b.p50, currency)} (${money(b.p10, currency)}–${money(b.p90, currency)})`;
const pct = (a: number, b: number): string => (b === 0 ? '—' : `${a >= b ? '+' : ''}${((100 * (a - b)) / b).toFixed(1)} %`);

export const scenarioAddCommand: Command = {
  words: ['scenario', 'add'],
  summary: 'Save a what-if scenario (growth, step, window, price, workload drivers) for a scope',
  usage: addUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, addUsage, {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      driver: { type: 'string', multiple: true },
      currency: { type: 'string' },
      replace: { type: 'boolean' },
    });
    if (values.help) return (ctx.stdout.write(`${addUsage}\n`), 0);
    if (!values.name) throw usageError('--name is required.', addUsage);
    if (!values.driver || values.driver.length === 0) throw usageError('at least one --driver is required.', addUsage);
    const scenario: Scenario = { name: values.name, currency: currencyFlag(values.currency ?? 'USD', addUsage), scope: parseScope(values.scope ?? []), drivers: values.driver };
    const req: Req<'scenarios.add'> = { scenario, ...(values.replace ? { replace: true } : {}) };
    const res = (await call(ctx, values, 'scenarios.add', req)) as Res<'scenarios.add'>;
    ctx.stdout.write(`${res.replaced ? 'Replaced' : 'Added'} scenario "${res.scenario.name}": scope ${scopeText(res.scenario)}, ${res.scenario.drivers.length} driver(s)\n`);
    return 0;
  },
};

export const scenarioListCommand: Command = {
  words: ['scenario', 'list'],
  summary: 'List saved scenarios',
  usage: listUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, listUsage, { json: { type: 'boolean' } });
    if (values.help) return (ctx.stdout.write(`${listUsage}\n`), 0);
    const res = (await call(ctx, values, 'scenarios.list', {})) as Res<'scenarios.list'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else if (res.scenarios.length === 0) ctx.stdout.write('No scenarios yet: add one with "headroom scenario add".\n');
    else ctx.stdout.write(table(['name', 'currency', 'scope', 'drivers'], res.scenarios.map((s) => [s.name, s.currency, scopeText(s), s.drivers.join('  ')])));
    return 0;
  },
};

export const scenarioRemoveCommand: Command = {
  words: ['scenario', 'remove'],
  summary: 'Delete a saved scenario',
  usage: removeUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, removeUsage, { name: { type: 'string' } });
    if (values.help) return (ctx.stdout.write(`${removeUsage}\n`), 0);
    if (!values.name) throw usageError('--name is required.', removeUsage);
    await call(ctx, values, 'scenarios.remove', { name: values.name });
    ctx.stdout.write(`Removed scenario "${values.name}".\n`);
    return 0;
  },
};

const odds = (o: { probability_over: number; likely_breach_date: string | null }): string => `${(100 * o.probability_over).toFixed(1)} %${o.likely_breach_date ? ` (${o.likely_breach_date})` : ''}`;

/** Budgets of the scenarios' scopes: per budget period, P(over) and likely breach date under the baseline and each scenario. */
function writeBudgets(ctx: CommandContext, results: readonly ScenarioResult[]): void {
  const rows: string[][] = [];
  for (const r of results) {
    for (const b of r.budgets) {
      for (const p of b.periods) {
        rows.push([
          r.name,
          b.name,
          `${p.period_start}…${addDays(p.period_end as Day, -1)}`,
          `${money(b.amount, r.currency)} ${r.currency}`,
          band(p.baseline.forecast, r.currency),
          odds(p.baseline),
          band(p.scenario.forecast, r.currency),
          odds(p.scenario),
        ]);
      }
    }
  }
  if (rows.length === 0) return;
  ctx.stdout.write('Budgets — P(over) (likely breach date)\n');
  ctx.stdout.write(table(['scenario', 'budget', 'period', 'amount', 'baseline P50 (P10–P90)', 'baseline P(over)', 'scenario P50 (P10–P90)', 'scenario P(over)'], rows));
}

function writeWarnings(ctx: CommandContext, r: ScenarioResult): void {
  // How the baseline was composed (usage model, recurring fees, one-time charges left out).
  for (const n of r.basis?.notes ?? []) if (!r.warnings.includes(n)) ctx.stdout.write(`  ${r.name}: ${n}\n`);
  for (const w of r.warnings) ctx.stdout.write(`  ${r.name}: ${w}\n`);
}

export const scenarioShowCommand: Command = {
  words: ['scenario', 'show'],
  summary: 'Baseline vs scenario: monthly P10/P50/P90',
  usage: showUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, showUsage, { name: { type: 'string' }, horizon: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return (ctx.stdout.write(`${showUsage}\n`), 0);
    if (!values.name) throw usageError('--name is required.', showUsage);
    const horizon = parseHorizon(values.horizon, showUsage);
    const req: Req<'scenarios.show'> = { name: values.name, ...(horizon === undefined ? {} : { horizon_days: horizon }) };
    const res = (await call(ctx, values, 'scenarios.show', req, 'scenario show')) as Res<'scenarios.show'>;
    if (values.json) return (ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`), 0);
    const r = res.scenario;
    ctx.stdout.write(`Scenario "${r.name}" — scope ${scopeText(r)}, ${r.currency}, data through ${r.data_through}, forecast ${r.start}…${r.end} (exclusive)\n`);
    ctx.stdout.write(`Drivers: ${r.drivers.join('  ')}\nModel: ${r.model}\n\n`);
    const rows = r.months.map((m) => [`${m.month}${m.days < 28 ? ` (${m.days} d)` : ''}`, band(m.baseline, r.currency), band(m.scenario, r.currency), pct(m.scenario.p50, m.baseline.p50)]);
    rows.push(['total', band(r.total.baseline, r.currency), band(r.total.scenario, r.currency), pct(r.total.scenario.p50, r.total.baseline.p50)]);
    ctx.stdout.write(table(['month', 'baseline P50 (P10–P90)', 'scenario P50 (P10–P90)', 'Δ P50'], rows));
    writeBudgets(ctx, [r]);
    writeWarnings(ctx, r);
    return 0;
  },
};

export const scenarioCompareCommand: Command = {
  words: ['scenario', 'compare'],
  summary: 'Compare scenarios side by side against the baseline and budgets',
  usage: compareUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, compareUsage, { name: { type: 'string', multiple: true }, horizon: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return (ctx.stdout.write(`${compareUsage}\n`), 0);
    if (!values.name || values.name.length === 0) throw usageError('give at least one --name.', compareUsage);
    const horizon = parseHorizon(values.horizon, compareUsage);
    const req: Req<'scenarios.compare'> = { names: values.name, ...(horizon === undefined ? {} : { horizon_days: horizon }) };
    const res = (await call(ctx, values, 'scenarios.compare', req, 'scenario compare')) as Res<'scenarios.compare'>;
    if (values.json) return (ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`), 0);
    // Scenarios on the same scope, currency and horizon share one baseline (same history, same seed): one table per group.
    const groups = new Map<string, ScenarioResult[]>();
    for (const r of res.scenarios) {
      const key = JSON.stringify([scopeText(r), r.currency, r.start, r.end]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const g of groups.values()) {
      const first = g[0] as ScenarioResult;
      ctx.stdout.write(`Scope ${scopeText(first)}, ${first.currency}, forecast ${first.start}…${addDays(first.end as Day, -1)} — P50 (P10–P90)\n`);
      const rows = first.months.map((m, i) => [
        `${m.month}${m.days < 28 ? ` (${m.days} d)` : ''}`,
        band(m.baseline, first.currency),
        ...g.map((r) => {
          const x = r.months[i];
          return x === undefined ? '—' : `${band(x.scenario, r.currency)} ${pct(x.scenario.p50, x.baseline.p50)}`;
        }),
      ]);
      rows.push(['total', band(first.total.baseline, first.currency), ...g.map((r) => `${band(r.total.scenario, r.currency)} ${pct(r.total.scenario.p50, r.total.baseline.p50)}`)]);
      ctx.stdout.write(table(['month', 'baseline', ...g.map((r) => r.name)], rows));
      ctx.stdout.write('\n');
    }
    writeBudgets(ctx, res.scenarios);
    for (const r of res.scenarios) writeWarnings(ctx, r);
    return 0;
  },
};

export const scenarioCommands: readonly Command[] = [scenarioAddCommand, scenarioListCommand, scenarioRemoveCommand, scenarioShowCommand, scenarioCompareCommand];
