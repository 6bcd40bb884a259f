import { minorUnitDigits, type ImportFileResult, type Res } from '../../core/api';
import { dispatch } from '../../core/service';
import { cliCallContext, currencyFlag, parseCommandArgs, usageError, withService } from '../args';
import type { Command } from '../command';

const usage = `Usage: headroom import PATH… [--parts] [--source NAME] [--currency CODE] [--json] [--data-dir DIR]

Imports billing export files into the store, one transaction per file, in order. The format is
detected from the header: FOCUS 1.0–1.2, AWS Cost and Usage Reports (legacy, Athena, CUR 2.0),
Azure cost exports (EA, MCA, legacy, actual or amortized, FOCUS), GCP BigQuery billing exports
(CSV or newline-delimited JSON) and the old GCP file export, OCI cost reports. Files may be .csv,
.csv.gz, .parquet or .json(.gz). Importing the same file again changes nothing; a newer export of
the same billing account and days replaces those days.
  --parts           the files are the parts of one export (a provider splits a large export:
                    report-00001.csv.gz, report-00002.csv.gz …; Azure part_0_0001.csv …): all
                    are checked, then written in one transaction, replacing older rows together.
                    Without it each part would replace the days the part before it wrote.
  --source NAME     the source to import into (created if needed; default "files")
  --currency CODE   ISO 4217 currency for files that have no currency column, or whose currency
                    cells are not ISO codes (each such row is reported as a warning)
  --json            print one JSON object per file:
                    {"file","format","rows_read","rows_written","period":{"start","end"},
                     "totals":[{"currency","billed_cost","effective_cost"}],"warnings":[…]}`;

/** The `--json` object: exactly the fields the CLI documents (the API's `status` is left out). */
function jsonObject(r: ImportFileResult): Record<string, unknown> {
  return { file: r.file, format: r.format, rows_read: r.rows_read, rows_written: r.rows_written, period: r.period, totals: r.totals, warnings: r.warnings };
}

/**
 * A total in its currency's minor unit (ISO 4217: `12.50` USD, `13` JPY, `12.346` KWD); a nonzero
 * total smaller than one minor unit keeps three significant digits instead of showing as zero.
 */
function money(n: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  return Math.abs(n) >= 10 ** -digits || n === 0 ? n.toFixed(digits) : n.toPrecision(3);
}

function human(r: ImportFileResult): string {
  const head =
    r.status === 'unchanged'
      ? `${r.file}: already imported (same content), nothing changed [${r.format}]`
      : `${r.file}: imported ${r.rows_read} rows as ${r.rows_written} daily rows [${r.format}]`;
  const lines = [head];
  if (r.period) lines.push(`  days ${r.period.start} … (before ${r.period.end})`);
  for (const t of r.totals) lines.push(`  ${t.currency}: billed ${money(t.billed_cost, t.currency)}, effective ${money(t.effective_cost, t.currency)}`);
  if (r.rows_replaced > 0) lines.push(`  replaced ${r.rows_replaced} daily rows that earlier imports held for the same billing accounts and days`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export const importCommand: Command = {
  words: ['import'],
  summary: 'Import billing export files (FOCUS, AWS CUR, Azure, GCP, OCI)',
  usage,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, usage, { source: { type: 'string' }, currency: { type: 'string' }, parts: { type: 'boolean' }, json: { type: 'boolean' } }, { positionals: true });
    if (values.help) {
      ctx.stdout.write(`${usage}\n`);
      return 0;
    }
    if (positionals.length === 0) throw usageError('Give at least one file to import.', usage);
    // a code that is not even three letters is refused here, before the data folder is opened; the service checks it is a real ISO 4217 code
    const currency = values.currency === undefined ? undefined : currencyFlag(values.currency, usage);
    await withService(ctx, values, async (service) => {
      const common = { ...(values.source ? { source: values.source } : {}), ...(currency !== undefined ? { currency } : {}) };
      // One call per file, so each result is printed as soon as that file's transaction commits; the parts of one export in one call.
      for (const paths of values.parts ? [positionals] : positionals.map((p) => [p])) {
        const req = { paths, ...common, ...(values.parts ? { parts: true } : {}) };
        const res = (await dispatch(service.handlers, 'import.files', req, cliCallContext(ctx))) as Res<'import.files'>;
        if (values.parts && !values.json) ctx.stdout.write(`${paths.length} files, the parts of one export, ${res.results[0]?.status === 'unchanged' ? 'already imported together: nothing changed' : 'imported together in one transaction'}:\n`);
        for (const r of res.results) ctx.stdout.write(values.json ? `${JSON.stringify(jsonObject(r))}\n` : human(r));
      }
    });
    return 0;
  },
};
