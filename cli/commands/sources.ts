import type { Res } from '../../core/api';
import { dispatch } from '../../core/service';
import { cliCallContext, parseCommandArgs, withService } from '../args';
import type { Command } from '../command';
import { table } from '../table';

const usage = `Usage: headroom sources [--json] [--data-dir DIR]

Lists the sources in the store (billing files, cloud accounts, the demo, metrics) with what each
holds: charge days and rows, currencies, metric points, and the last import.
  --json   print {"sources": [{source, charges, metrics, imports, lastImportAt}]}`;

export const sourcesCommand: Command = {
  words: ['sources'],
  summary: 'List sources in the store with their data coverage',
  usage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, usage, { json: { type: 'boolean' } });
    if (values.help) {
      ctx.stdout.write(`${usage}\n`);
      return 0;
    }
    const res = (await withService(ctx, values, (s) => dispatch(s.handlers, 'coverage', {}, cliCallContext(ctx)))) as Res<'coverage'>;
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      return 0;
    }
    if (res.sources.length === 0) {
      ctx.stdout.write('The store is empty. Import billing files with "headroom import FILE…" or load the demo with "headroom demo".\n');
      return 0;
    }
    const rows = res.sources.map((c) => [
      String(c.source.id),
      c.source.name,
      c.source.kind,
      c.source.provider ?? '',
      c.charges.firstDay ? `${c.charges.firstDay} … ${c.charges.lastDay ?? ''}` : '',
      String(c.charges.rows),
      c.charges.currencies.join(' '),
      String(c.metrics.points),
      c.lastImportAt ?? 'never',
    ]);
    ctx.stdout.write(table(['id', 'name', 'kind', 'provider', 'charge days', 'rows', 'currencies', 'metric points', 'last import'], rows, [0, 5, 7]));
    return 0;
  },
};
