/** headroom budget add | list | remove | status (issue 6): thin adapters over core/api's budgets methods. */
import { type Budget, type Req, type Res } from '../../core/api';
import { dispatch } from '../../core/service';
import { choiceFlag, cliCallContext, currencyFlag, dimensionValue, moneyFlag, parseCommandArgs, progressCallContext, usageError, withService, type GlobalFlags } from '../args';
import type { Command, CommandContext } from '../command';
import { money, table } from '../table';

const cur = (n: number, currency: string): string => `${money(n, currency)} ${currency}`;

const call = async (ctx: CommandContext, flags: GlobalFlags, name: Parameters<typeof dispatch>[1], req: unknown, progress = false): Promise<unknown> =>
  withService(ctx, flags, (s) => dispatch(s.handlers, name, req, progress ? progressCallContext(ctx, 'budget status') : cliCallContext(ctx)));

const addUsage = `Usage: headroom budget add --name N --amount A --period month|quarter|year [--scope DIM=VALUE]… [--currency C] [--replace] [--data-dir DIR]

Saves a budget for the current month, quarter or year of a scope's EffectiveCost (amortized).
  --scope DIM=VALUE  provider, billing_account, sub_account, service, region, … or tag:<key>
                     (repeat for more conditions; all must hold). Default: all charges.
  --currency C       ISO 4217 code of the amount (default USD)`;

const statusUsage = `Usage: headroom budget status [--name N] [--json] [--data-dir DIR]

For each budget: actual to date, the forecast of the period total (P10/P50/P90 from sample
paths), the probability of exceeding the amount and the date the breach becomes likely.
  --json   print {"budgets": [{"name","period","currency","amount","actual","forecast":{"p10","p50","p90"},"probability_over","likely_breach_date"}]}`;

const listUsage = 'Usage: headroom budget list [--json] [--data-dir DIR]';
const removeUsage = 'Usage: headroom budget remove --name N [--data-dir DIR]';

function parseScope(raw: readonly string[]): Budget['scope'] {
  return raw.map((s) => dimensionValue('--scope', s, addUsage, { valueRequired: true }) as Budget['scope'][number]);
}


const scopeText = (b: Budget): string => (b.scope.length === 0 ? 'all' : b.scope.map((s) => `${s.dimension}=${s.value}`).join(', '));

export const budgetAddCommand: Command = {
  words: ['budget', 'add'],
  summary: 'Save a monthly, quarterly or annual budget for a scope',
  usage: addUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, addUsage, {
      name: { type: 'string' },
      amount: { type: 'string' },
      period: { type: 'string' },
      scope: { type: 'string', multiple: true },
      currency: { type: 'string' },
      replace: { type: 'boolean' },
    });
    if (values.help) return (ctx.stdout.write(`${addUsage}\n`), 0);
    if (!values.name) throw usageError('--name is required.', addUsage);
    const amount = moneyFlag('--amount', values.amount ?? '', addUsage, { above: 0 });
    const period: Budget['period'] = choiceFlag('--period', values.period, ['month', 'quarter', 'year'], addUsage);
    const budget = { name: values.name, amount, period, currency: currencyFlag(values.currency ?? 'USD', addUsage), scope: parseScope(values.scope ?? []) };
    const req: Req<'budgets.add'> = { budget, ...(values.replace ? { replace: true } : {}) };
    const res = (await call(ctx, values, 'budgets.add', req)) as Res<'budgets.add'>;
    ctx.stdout.write(`${res.replaced ? 'Replaced' : 'Added'} budget "${res.budget.name}": ${cur(res.budget.amount, res.budget.currency)} per ${res.budget.period}, scope ${scopeText(res.budget)}\n`);
    return 0;
  },
};

export const budgetListCommand: Command = {
  words: ['budget', 'list'],
  summary: 'List saved budgets',
  usage: listUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, listUsage, { json: { type: 'boolean' } });
    if (values.help) return (ctx.stdout.write(`${listUsage}\n`), 0);
    const res = (await call(ctx, values, 'budgets.list', {})) as Res<'budgets.list'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else if (res.budgets.length === 0) ctx.stdout.write('No budgets yet: add one with "headroom budget add".\n');
    else ctx.stdout.write(table(['name', 'period', 'amount', 'scope'], res.budgets.map((b) => [b.name, b.period, cur(b.amount, b.currency), scopeText(b)])));
    return 0;
  },
};

export const budgetRemoveCommand: Command = {
  words: ['budget', 'remove'],
  summary: 'Delete a saved budget',
  usage: removeUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, removeUsage, { name: { type: 'string' } });
    if (values.help) return (ctx.stdout.write(`${removeUsage}\n`), 0);
    if (!values.name) throw usageError('--name is required.', removeUsage);
    await call(ctx, values, 'budgets.remove', { name: values.name });
    ctx.stdout.write(`Removed budget "${values.name}".\n`);
    return 0;
  },
};

export const budgetStatusCommand: Command = {
  words: ['budget', 'status'],
  summary: 'Budget status: actual, forecast P10/P50/P90, probability of exceeding',
  usage: statusUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, statusUsage, { name: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return (ctx.stdout.write(`${statusUsage}\n`), 0);
    const res = (await call(ctx, values, 'budgets.status', values.name ? { name: values.name } : {}, true)) as Res<'budgets.status'>;
    if (values.json) {
      const budgets = res.budgets.map((b) => ({
        name: b.name,
        period: b.period,
        currency: b.currency,
        amount: b.amount,
        actual: b.actual,
        forecast: b.forecast,
        probability_over: b.probability_over,
        likely_breach_date: b.likely_breach_date,
      }));
      ctx.stdout.write(`${JSON.stringify({ budgets }, null, 2)}\n`);
      return 0;
    }
    if (res.budgets.length === 0) {
      ctx.stdout.write('No budgets yet: add one with "headroom budget add".\n');
      return 0;
    }
    ctx.stdout.write(
      table(
        ['name', 'period', 'amount', 'actual', 'P10', 'P50', 'P90', 'P(over)', 'likely breach'],
        res.budgets.map((b) => [
          b.name,
          `${b.period_start}…${b.period_end}`,
          cur(b.amount, b.currency),
          cur(b.actual, b.currency),
          cur(b.forecast.p10, b.currency),
          cur(b.forecast.p50, b.currency),
          cur(b.forecast.p90, b.currency),
          `${(100 * b.probability_over).toFixed(1)} %`,
          b.likely_breach_date ?? '—',
        ]),
      ),
    );
    for (const b of res.budgets) {
      // How the forecast was composed (usage model, recurring fees, one-time charges left out).
      for (const n of b.basis?.notes ?? []) if (!b.warnings.includes(n)) ctx.stdout.write(`  ${b.name}: ${n}\n`);
      for (const w of b.warnings) ctx.stdout.write(`  ${b.name}: ${w}\n`);
    }
    return 0;
  },
};

export const budgetCommands: readonly Command[] = [budgetAddCommand, budgetListCommand, budgetRemoveCommand, budgetStatusCommand];

