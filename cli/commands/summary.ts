import type { Res } from '../../core/api';
import { HeadroomError } from '../../core/lib';
import { dispatch } from '../../core/service';
import { cliCallContext, dayFlag, listOption, parseCommandArgs, parseFilterFlags, usageError, withService } from '../args';
import type { Command } from '../command';
import { money, table } from '../table';

const usage = `Usage: headroom summary [--by DIM[,DIM]] [--from DATE] [--to DATE] [--filter DIM=VALUE]… [--json] [--data-dir DIR]

Billed (cash) and effective (amortized) cost totals per currency, optionally grouped.
  --by DIM[,DIM]     group by provider, billing_account, sub_account, service, service_category,
                     region, charge_category, charge_frequency, pricing_category, sku, resource,
                     or tag:<key> (e.g. tag:env)
  --from DATE        first day included (YYYY-MM-DD)
  --to DATE          first day NOT included (YYYY-MM-DD)
  --filter DIM=VAL   keep rows where DIM equals VAL (repeat for more; same DIM twice = either value)
  --json             print {"totals": [{"currency","billed_cost","effective_cost"}], "groups": [{"currency","group","billed_cost","effective_cost"}]}`;

export const summaryCommand: Command = {
  words: ['summary'],
  summary: 'Cost totals per currency, optionally grouped by dimensions',
  usage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, usage, {
      by: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      filter: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    });
    if (values.help) {
      ctx.stdout.write(`${usage}\n`);
      return 0;
    }
    const req: Record<string, unknown> = {};
    const by = listOption(values.by);
    if (by.length > 0) req['by'] = by;
    if (values.from !== undefined) req['from'] = dayFlag('--from', values.from, usage);
    if (values.to !== undefined) req['to'] = dayFlag('--to', values.to, usage);
    const filters = parseFilterFlags(values.filter ?? [], usage);
    if (filters.length > 0) req['filters'] = filters;
    let res: Res<'summary'>;
    try {
      res = (await withService(ctx, values, (s) => dispatch(s.handlers, 'summary', req, cliCallContext(ctx)))) as Res<'summary'>;
    } catch (e) {
      if (e instanceof HeadroomError && e.code === 'BAD_INPUT' && e.message.startsWith('Invalid request')) throw usageError(e.message.replace('Invalid request for "summary": ', ''), usage);
      throw e;
    }
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify({ totals: res.totals, groups: res.groups }, null, 2)}\n`);
      return 0;
    }
    if (res.totals.length === 0) {
      ctx.stdout.write('No charges match. Run "headroom sources" to see what the store holds.\n');
      return 0;
    }
    if (res.period) ctx.stdout.write(`Period ${res.period.start} … ${res.period.end} (end exclusive)\n\n`);
    ctx.stdout.write(table(['currency', 'billed cost', 'effective cost'], res.totals.map((t) => [t.currency, money(t.billed_cost, t.currency), money(t.effective_cost, t.currency)]), [1, 2]));
    if (by.length > 0) {
      ctx.stdout.write('\n');
      const dims = Object.keys(res.groups[0]?.group ?? {});
      ctx.stdout.write(
        table(
          [...dims, 'currency', 'billed cost', 'effective cost'],
          res.groups.map((g) => [...dims.map((d) => g.group[d] ?? '(none)'), g.currency, money(g.billed_cost, g.currency), money(g.effective_cost, g.currency)]),
          [dims.length + 1, dims.length + 2],
        ),
      );
    }
    return 0;
  },
};
