import type { Res, SyncReq } from '../../core/api';
import { dispatch } from '../../core/service';
import { dayFlag, parseCommandArgs, usageError, withService } from '../args';
import type { Command } from '../command';
import { money } from '../table';

const usage = `Usage: headroom sync aws|azure|gcp [--source NAME] [--from DATE] [--to DATE] [--dry-run] [--refresh] [--json] [--data-dir DIR]

Pulls daily costs from the provider's API into the store. --from is inclusive, --to exclusive
(default: the twelve months before this one, up to today). Only days not yet final are fetched;
each month is written in one transaction, so an interrupted sync resumes where it stopped.
  --source NAME  which source (needed when there are several of that provider)
  --dry-run      print the plan (requests, pages, estimated cost) and write nothing
  --refresh      re-fetch final days too
  --json         print {"source","provider","from","to","requests","pages","estimated_cost","rows_written","totals"}`;

const PROVIDERS = ['aws', 'azure', 'gcp'] as const;

export const syncCommand: Command = {
  words: ['sync'],
  summary: 'Sync costs from AWS Cost Explorer, Azure Cost Management or the GCP billing export',
  usage,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(
      ctx.argv,
      usage,
      { source: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean' }, refresh: { type: 'boolean' }, json: { type: 'boolean' } },
      { positionals: true },
    );
    if (values.help) {
      ctx.stdout.write(`${usage}\n`);
      return 0;
    }
    const provider = positionals[0];
    if (positionals.length !== 1 || !(PROVIDERS as readonly string[]).includes(provider ?? '')) throw usageError('Name one provider: aws, azure or gcp.', usage);
    const req = {
      provider: provider as SyncReq['provider'],
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values.from !== undefined ? { from: dayFlag('--from', values.from, usage) } : {}),
      ...(values.to !== undefined ? { to: dayFlag('--to', values.to, usage) } : {}),
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(values.refresh ? { refresh: true } : {}),
    };
    const json = values.json === true;
    const report = (await withService(ctx, values, (s) =>
      dispatch(s.handlers, 'sync.run', req, {
        signal: ctx.signal,
        progress: (p) => {
          if (!json && p.message) ctx.stderr.write(`${p.message}\n`);
        },
      }),
    )) as Res<'sync.run'>;
    if (json) {
      ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const c = report.estimated_cost;
    const cost = [c.usd !== undefined ? `${money(c.usd, 'USD')} USD in API fees` : '', c.qpu !== undefined ? `${c.qpu} QPU` : '', c.bytes !== undefined ? `${(c.bytes / 2 ** 30).toFixed(3)} GiB scanned` : ''].filter(Boolean).join(', ');
    const lines = [
      `${values['dry-run'] ? 'Plan for' : 'Synced'} ${report.provider} source "${report.source}", ${report.from} … ${report.to} (to exclusive)`,
      `  ${report.requests} request(s), ${report.pages} page(s)${cost ? `, ${cost}` : ''}`,
    ];
    if (!values['dry-run']) {
      lines.push(`  ${report.rows_written} row(s) written`);
      for (const t of report.totals) lines.push(`  ${t.currency}: billed ${money(t.billed_cost, t.currency)}, effective ${money(t.effective_cost, t.currency)}`);
    } else lines.push('  Nothing was written (dry run).');
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
