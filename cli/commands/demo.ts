import type { Res } from '../../core/api';
import { dispatch } from '../../core/service';
import { cliCallContext, parseCommandArgs, withService } from '../args';
import type { Command } from '../command';
import { money } from '../table';

const usage = `Usage: headroom demo [--as-of DATE] [--json] [--data-dir DIR]

Loads the built-in demo dataset: Cartwheel Commerce, a fictional online shop on AWS, Azure and
Google Cloud — three years of daily FOCUS charges (commitments, credits, tax, a migration, a few
anomalies), EC2 vCPU and Kubernetes CPU metrics, and two capacity pools — under the source "demo".
Loading again replaces the previous load, so the totals stay the same.
  --as-of DATE   the data ends the day before DATE (YYYY-MM-DD); default today (UTC)
  --json         print {"source","company","as_of","period":{"start","end"},"rows_written","rows_replaced",
                 "metric_series","metric_points","pools","commitments","anomalies","totals":[{"currency","billed_cost","effective_cost"}]}`;

export const demoCommand: Command = {
  words: ['demo'],
  summary: 'Load the built-in demo dataset (three years, three clouds)',
  usage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, usage, { 'as-of': { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) {
      ctx.stdout.write(`${usage}\n`);
      return 0;
    }
    const req = values['as-of'] === undefined ? {} : { as_of: values['as-of'] };
    const res = (await withService(ctx, values, (s) => dispatch(s.handlers, 'demo.load', req, cliCallContext(ctx)))) as Res<'demo.load'>;
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      return 0;
    }
    const totals = res.totals.map((t) => `${t.currency} ${money(t.billed_cost, t.currency)} billed, ${money(t.effective_cost, t.currency)} effective`).join('; ');
    ctx.stdout.write(
      `Loaded the demo (${res.company}): ${res.rows_written.toLocaleString('en-US')} charge rows ${res.period.start} … ${res.period.end} (end exclusive), ` +
        `${res.metric_series} metric series, pools ${res.pools.join(', ')}; ${totals}.\n`,
    );
    return 0;
  },
};
