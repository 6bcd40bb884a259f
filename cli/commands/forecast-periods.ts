/**
 * headroom forecast periods: the spend to the end of the current month, quarter and year per group
 * (core/api `forecast.periods`: actual to date plus P10/P50/P90 of the period totals, read off the
 * sample paths of the same forecast basis as every cost forecast). A thin adapter over the service.
 */
import { dimensionSchema, forecastModelSchema, periodKindSchema, type PeriodKind, type Req, type Res } from '../../core/api';
import { addDays, HeadroomError } from '../../core/lib';
import { DIMENSIONS } from '../../core/model';
import { dispatch } from '../../core/service';
import { choiceFlag, choicesFlag, currencyFlag, levelsFlag, listOption, parseCommandArgs, parseFilterFlags, progressCallContext, usageError, wholeNumberFlag, withService } from '../args';
import type { Command } from '../command';
import { money, table } from '../table';

const MODELS = forecastModelSchema.options;
const KINDS = periodKindSchema.options;

const usage = `Usage: headroom forecast periods [--kinds month,quarter,year] [--by DIM[,DIM]] [--filter DIM=VALUE]… [--billed]
                                 [--currency C] [--model M] [--levels 80,95] [--seed N] [--paths N]
                                 [--training-days N] [--json] [--data-dir DIR]

Spend forecast to the end of the month, quarter and year that contain the forecast start (the day
after the last day of data), per currency and group: the actual to date plus P10/P50/P90 of the
period totals across sample paths. Same forecast basis as every cost forecast (usage model +
recurring fees projected, one-time charges and labelled anomalies out of training) and as the
Overview page's "Forecast to period end".
  --kinds LIST        periods, comma separated: ${KINDS.join(', ')} (default all three)
  --by DIM[,DIM]      one forecast per group: provider, billing_account, sub_account, service,
                      service_category, region, charge_category, charge_frequency, pricing_category,
                      sku, resource, or tag:<key>
  --filter DIM=VAL    keep rows where DIM equals VAL (repeat for more; same DIM twice = either value)
  --billed            BilledCost (cash) instead of EffectiveCost (amortized)
  --currency C        only the series in this ISO 4217 currency (default: every currency)
  --model M           ${MODELS.join('|')} (default auto)
  --levels L          daily interval levels in percent, comma separated (default 80,95; --json only)
  --seed N            seed of the sample paths (default 1)
  --paths N           sample paths the quantiles are read off, 100 to 20000 (default 1000)
  --training-days N   days of history the model trains on, 14 to 3660 (default 730)
  --json              print the service's response: {"view","period":{"start","end"}|null,"series":[{"currency",
                      "group","history","forecast"|null,"periods":[{"kind","start","end","actual","p10","p50","p90",
                      "remaining"}],"error"?}]}`;

/** Builds the `forecast.periods` request from the flags; every bad value is a usage error naming its flag. */
export function periodsRequest(values: {
  kinds?: string | undefined;
  by?: string[] | undefined;
  filter?: string[] | undefined;
  billed?: boolean | undefined;
  model?: string | undefined;
  levels?: string | undefined;
  seed?: string | undefined;
  paths?: string | undefined;
  'training-days'?: string | undefined;
}): Req<'forecast.periods'> {
  const by = listOption(values.by);
  for (const d of by) if (!dimensionSchema.safeParse(d).success) throw usageError(`--by "${d}" is not a dimension; use ${DIMENSIONS.join(', ')} or tag:<key>.`, usage);
  const filters = parseFilterFlags(values.filter ?? [], usage);
  const model = values.model === undefined ? undefined : choiceFlag('--model', values.model, MODELS, usage);
  return {
    ...(values.kinds !== undefined ? { kinds: choicesFlag('--kinds', values.kinds, KINDS, usage) } : {}),
    ...(by.length > 0 ? { by: by as Req<'forecast.periods'>['by'] } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    ...(values.billed ? { view: 'billed' as const } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(values.levels !== undefined ? { levels: levelsFlag('--levels', values.levels, usage).map((l) => l / 100) } : {}),
    ...(values.seed !== undefined ? { seed: wholeNumberFlag('--seed', values.seed, usage, { min: 0, max: 2 ** 31 - 1 }) } : {}),
    ...(values.paths !== undefined ? { paths: wholeNumberFlag('--paths', values.paths, usage, { min: 100, max: 20_000 }) } : {}),
    ...(values['training-days'] !== undefined ? { training_days: wholeNumberFlag('--training-days', values['training-days'], usage, { min: 14, max: 3660 }) } : {}),
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `June 2026`, `Q2 2026`, `2026`: the period a figure covers. */
export function periodLabel(p: { readonly kind: PeriodKind; readonly start: string }): string {
  const year = p.start.slice(0, 4);
  const month = Number(p.start.slice(5, 7));
  if (p.kind === 'month') return `${MONTHS[month - 1] ?? p.start.slice(5, 7)} ${year}`;
  if (p.kind === 'quarter') return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  return year;
}

const groupText = (g: Record<string, string | null>): string => {
  const parts = Object.entries(g).map(([d, v]) => `${d}=${v ?? '(none)'}`);
  return parts.length === 0 ? 'all charges' : parts.join(', ');
};

function humanOutput(res: Res<'forecast.periods'>): string {
  if (!res.period || res.series.length === 0) return 'No charges match. Run "headroom sources" to see what the store holds, or "headroom demo" to load the demo.\n';
  const view = res.view === 'effective' ? 'EffectiveCost (amortized)' : 'BilledCost (cash)';
  const out = [`${view}, data ${res.period.start} … ${addDays(res.period.end, -1)}; forecast from ${res.period.end}.`, ''];
  for (const s of res.series) {
    out.push(`${groupText(s.group)} — ${s.currency}`);
    if (!s.forecast) {
      out.push(`  no forecast: ${s.error ?? 'not enough history'}`, '');
      continue;
    }
    out.push(`  model ${s.forecast.card.spec}`);
    const rows = s.periods.map((p) => [periodLabel(p), `${p.start} … ${addDays(p.end, -1)}`, String(p.remaining), money(p.actual, s.currency), money(p.p10, s.currency), money(p.p50, s.currency), money(p.p90, s.currency), s.currency]);
    const text = table(['period', 'dates', 'days left', 'actual to date', 'P10', 'P50', 'P90', 'currency'], rows, [2, 3, 4, 5, 6]);
    out.push(...text.trimEnd().split('\n').map((l) => `  ${l}`));
    for (const w of s.forecast.card.warnings) out.push(`  warning: ${w}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}

export const forecastPeriodsCommand: Command = {
  words: ['forecast', 'periods'],
  summary: 'Spend forecast to the end of this month, quarter and year (actual to date, P10/P50/P90)',
  usage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, usage, {
      kinds: { type: 'string' },
      by: { type: 'string', multiple: true },
      filter: { type: 'string', multiple: true },
      billed: { type: 'boolean' },
      currency: { type: 'string' },
      model: { type: 'string' },
      levels: { type: 'string' },
      seed: { type: 'string' },
      paths: { type: 'string' },
      'training-days': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) return (ctx.stdout.write(`${usage}\n`), 0);
    const req = periodsRequest(values);
    const currency = values.currency === undefined ? undefined : currencyFlag(values.currency, usage);
    const all = (await withService(ctx, values, (s) => dispatch(s.handlers, 'forecast.periods', req, progressCallContext(ctx, 'forecast periods')))) as Res<'forecast.periods'>;
    let res = all;
    if (currency !== undefined) {
      const have = [...new Set(all.series.map((s) => s.currency))].sort();
      if (all.series.length > 0 && !have.includes(currency)) throw new HeadroomError('BAD_INPUT', `--currency ${currency}: the selection has no cost data in ${currency}, only in ${have.join(', ')}. Leave --currency out or use one of those.`);
      res = { ...all, series: all.series.filter((s) => s.currency === currency) };
    }
    ctx.stdout.write(values.json ? `${JSON.stringify(res, null, 2)}\n` : humanOutput(res));
    return 0;
  },
};
