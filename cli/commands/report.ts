/** headroom report (issue 8): build a CSV, XLSX or HTML report through core/api and write it to --out. */
import { accessSync, closeSync, constants, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Req, Res } from '../../core/api';
import { HeadroomError } from '../../core/lib';
import { dispatch, findChromium } from '../../core/service';
import { choiceFlag, choicesFlag, currencyFlag, dayFlag, daysFlag, dimensionValue, parseCommandArgs, usageError, withService } from '../args';
import type { Command } from '../command';

const usage = `Usage: headroom report --format csv|xlsx|html|pdf --out FILE [--scope DIM=VALUE]… [--from YYYY-MM-DD]
                       [--horizon 90d] [--currency C] [--billed] [--title T] [--sections LIST] [--data-dir DIR]

Writes a report of the scope's cost: actuals by month and by top services, the forecast by month
(P10/P50/P90 of sample paths), capacity, commitment, budget, anomaly and scenario sections, the
model card, assumptions (data coverage and freshness per source, excluded anomalies, scenario
drivers), a methodology appendix and a reproducibility stamp (sha256 of the input data and model).
Progress goes to stderr. PDF is printed by a headless Chrome, Chromium or Edge
(HEADROOM_CHROMIUM=path overrides the search).
  --scope DIM=VALUE  provider, billing_account, sub_account, service, region, … or tag:<key>
                     (repeat for more conditions; all must hold). Default: all charges.
  --from DATE        first day of actuals (default: the data's first day, at most 3 years back)
  --horizon N[d|w]   forecast length in days or weeks (default 90d, at most 730 days)
  --currency C       ISO 4217 code (default: the scope's largest currency)
  --billed           BilledCost instead of EffectiveCost (amortized)
  --sections LIST    plan sections, comma-separated: capacity,commitments,budgets,anomalies,scenarios
                     (default all; "none" for actuals and the forecast only)`;

const SECTIONS = ['capacity', 'commitments', 'budgets', 'anomalies', 'scenarios'] as const;

/** `--sections`: which optional sections, or "none"; undefined (all) when not given. */
export function parseSections(raw: string | undefined): (typeof SECTIONS)[number][] | undefined {
  return raw === undefined ? undefined : choicesFlag('--sections', raw, SECTIONS, usage, { none: true });
}

/** `--horizon`: days or weeks, 1 to 730 days (the report's limit); 90 when not given. */
export function parseHorizon(raw: string | undefined): number {
  return raw === undefined ? 90 : daysFlag('--horizon', raw, usage, { min: 1, max: 730 });
}

/** Fails early, before any work, when the output's folder is missing or not writable. */
export function checkWritableTarget(out: string): string {
  const file = resolve(out);
  const dir = dirname(file);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new HeadroomError('BAD_INPUT', `Cannot write ${file}: the folder ${dir} does not exist. Create it or choose another --out.`);
  }
  if (!isDir) throw new HeadroomError('BAD_INPUT', `Cannot write ${file}: ${dir} is not a folder. Choose another --out.`);
  // Probe by creating (and removing) a file: permission bits alone miss read-only mounts and
  // pseudo file systems such as /proc, which refuse writes even to root.
  const probe = join(dir, `.${basename(file)}.${process.pid}.probe`);
  try {
    accessSync(dir, constants.W_OK);
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new HeadroomError('BAD_INPUT', `Cannot write ${file}: the folder ${dir} is not writable by this user (${code}). Choose another --out or fix the folder's permissions.`);
  }
  rmSync(probe, { force: true });
  return file;
}

export const reportCommand: Command = {
  words: ['report'],
  summary: 'Write a cost and forecast report (CSV, XLSX, HTML or PDF)',
  usage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, usage, {
      format: { type: 'string' },
      out: { type: 'string' },
      scope: { type: 'string', multiple: true },
      from: { type: 'string' },
      horizon: { type: 'string' },
      currency: { type: 'string' },
      billed: { type: 'boolean' },
      title: { type: 'string' },
      sections: { type: 'string' },
    });
    if (values.help) return (ctx.stdout.write(`${usage}\n`), 0);
    const format = choiceFlag('--format', values.format, ['csv', 'xlsx', 'html', 'pdf'], usage);
    if (!values.out) throw usageError('--out FILE is required.', usage);
    const from = values.from === undefined ? undefined : dayFlag('--from', values.from, usage);
    const scope = (values.scope ?? []).map((s) => dimensionValue('--scope', s, usage, { valueRequired: true }) as Req<'reports.build'>['scope'][number]);
    const currency = values.currency ? currencyFlag(values.currency, usage) : undefined;
    const horizon = parseHorizon(values.horizon);
    const sections = parseSections(values.sections);
    const file = checkWritableTarget(values.out);
    // PDF needs a browser: say so before any work rather than after the report is built.
    if (format === 'pdf') findChromium();
    const req: Req<'reports.build'> = {
      format,
      scope,
      horizon_days: horizon,
      view: values.billed ? 'billed' : 'effective',
      paths: 1000,
      ...(from !== undefined ? { from } : {}),
      ...(currency !== undefined ? { currency } : {}),
      ...(values.title ? { title: values.title } : {}),
      ...(sections !== undefined ? { sections } : {}),
    };
    const res = (await withService(ctx, values, (s) =>
      dispatch(s.handlers, 'reports.build', req, {
        signal: ctx.signal,
        progress: (p) => void ctx.stderr.write(`report: ${p.message ?? p.phase} (${p.done}/${p.total ?? '?'})\n`),
      }),
    )) as Res<'reports.build'>;
    // Write next to the target, then rename: a failed write never leaves half a report.
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, Buffer.from(res.base64, 'base64'));
      renameSync(tmp, file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new HeadroomError('BAD_INPUT', `Cannot write ${file}: ${(e as Error).message}. Choose another --out.`);
    }
    ctx.stdout.write(`Wrote ${file} (${format}, ${res.bytes} bytes, ${res.currency}, data through ${res.data_through}, model ${res.model})\nstamp ${res.stamp}\n`);
    for (const w of res.warnings) ctx.stdout.write(`  warning: ${w}\n`);
    return 0;
  },
};
