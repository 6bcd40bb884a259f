/** headroom anomalies [label] (issue 6): thin adapters over core/api's anomalies methods. */
import type { Req, Res } from '../../core/api';
import { dispatch } from '../../core/service';
import { choiceFlag, cliCallContext, dayFlag, dimensionValue, labelsFlag, parseCommandArgs, usageError, wholeNumberFlag, withService, type GlobalFlags } from '../args';
import type { Command, CommandContext } from '../command';
import { money, table } from '../table';

const call = async (ctx: CommandContext, flags: GlobalFlags, name: Parameters<typeof dispatch>[1], req: unknown): Promise<unknown> =>
  withService(ctx, flags, (s) => dispatch(s.handlers, name, req, cliCallContext(ctx)));

const listUsage = `Usage: headroom anomalies [--since DATE] [--json] [--data-dir DIR]
       headroom anomalies --metric NAME [--label KEY=VALUE]… [--step day|hour] [--agg mean|max|min|sum|p95] [--since DATE] [--json]

Anomalies in daily usage EffectiveCost per service, per billing account and per service within a
sub-account: days whose remainder after a robust trend + weekly decomposition is far outside the
usual spread (robust z ≥ 5) and moves the cost by at least 20 % and 1 % of an ordinary day's total,
grouped into runs, newest first. Effects that recur at the same time of year or fall in the holiday
windows ("headroom anomalies holidays"; default Thanksgiving week, 20 Dec–6 Jan) are left out; a lasting change of level is reported once
as a level shift; the same event seen per service, account and sub-account is one anomaly.
  --since DATE  only anomalies that end on or after DATE (YYYY-MM-DD)
  --json        print {"anomalies": [{"start","end","scope":{DIM:VALUE},"expected","actual","impact","severity","label",
                "currency" (the ISO 4217 code of the money fields: a store may hold several), "kind":"spike"|"level_shift","step","scopes":[{"scope","start","end","impact"}],
                "drivers":[{"dimension","value","expected","actual","impact","share"}],
                "period_impact":{"period","open","with","without","delta","incurred"}}]}

Drivers: which billing account, sub-account, service, region, SKU or tag value moved, against
the same weekday's median of the four weeks before, largest contribution to the excess first.
Month effect: the end-of-month cost (actual + P50 forecast of the days left) with the anomaly
minus the same with the anomalous days at their expected values.

--metric NAME runs the same detector on each series of a metric (the metrics table: utilisation,
requests, vCPUs in use…), resampled per day (weekly cycle) or per hour (daily cycle); --label keeps
the series with those labels; expected/actual/impact are means per point. --json prints
{"metric","step","anomalies":[{"start","end","scope":{LABEL:VALUE},"unit","expected","actual","impact","severity","kind","step"}]}.`;

const labelUsage = `Usage: headroom anomalies label --start DATE --scope DIM=VALUE [--scope DIM=VALUE] --label expected|planned|incident [--data-dir DIR]

Labels the anomaly that starts on DATE in the scope (give every condition "headroom anomalies" shows,\ne.g. --scope sub_account=X --scope service=Y). Labelled days are left out of forecast training;
"headroom anomalies unlabel" takes a label back.`;

const unlabelUsage = `Usage: headroom anomalies unlabel --start DATE --scope DIM=VALUE [--scope DIM=VALUE] [--data-dir DIR]

Takes back the label of the anomaly that starts on DATE in the scope (any scope "headroom anomalies"
shows for it; the label goes from every scope it was saved in), so its days train forecasts again.
Exits 1 when no label is set there.`;

const holidaysUsage = `Usage: headroom anomalies holidays [--year YYYY] [--json] [--data-dir DIR]
       headroom anomalies holidays [--preset P[,P…]|none] [--add "NAME=FROM..TO"]… [--remove NAME]… [--reset] [--json]

The holiday calendar of the anomaly scan: a spike all of whose days fall in one of its windows (or a
level change starting in one) is a calendar effect, not an anomaly. Without a change flag, prints
the calendar and its windows from last year to next year (--year: that year only).
  --preset P,…  the presets, replacing the current ones (none: no preset):
                us-retail       Thanksgiving week and 20 Dec – 6 Jan (the default)
                year-end        20 Dec – 6 Jan
                western-europe  Good Friday – Easter Monday, Ascension Day, Whit Monday (Gregorian
                                Easter) and 20 Dec – 6 Jan
  --add "NAME=FROM..TO"  add a window of your own: MM-DD..MM-DD every year (12-24..01-02 crosses
                New Year) or YYYY-MM-DD..YYYY-MM-DD once (e.g. "Code freeze=2026-12-14..2027-01-04")
  --remove NAME remove the window of that name
  --reset       back to the default (us-retail, no windows of your own)
  --json        print {"presets","windows":[{"name","from","to"}],"is_default","available","occurrences":[{"name","start","end","source"}]}`;

interface MetricArgs {
  readonly metric?: string | undefined;
  readonly label?: string[] | undefined;
  readonly step?: string | undefined;
  readonly agg?: string | undefined;
  readonly since?: string | undefined;
  readonly json?: boolean | undefined;
  readonly 'data-dir'?: string | undefined;
  readonly 'memory-limit'?: string | undefined;
}

const AGGS = ['mean', 'max', 'min', 'sum', 'p95'] as const;

async function metricAnomalies(ctx: CommandContext, values: MetricArgs): Promise<number> {
  if (!values.metric) throw usageError('--metric needs a metric name.', listUsage);
  const step = values.step === undefined ? undefined : choiceFlag('--step', values.step, ['day', 'hour'], listUsage);
  const agg = values.agg === undefined ? undefined : choiceFlag('--agg', values.agg, AGGS, listUsage);
  const labels = labelsFlag('--label', values.label ?? [], listUsage, { list: false });
  const req: Req<'anomalies.metric'> = {
    name: values.metric,
    ...(values.label !== undefined ? { labels } : {}),
    ...(step !== undefined ? { step } : {}),
    ...(agg !== undefined ? { agg } : {}),
    ...(values.since !== undefined ? { since: values.since } : {}),
  };
  const res = (await call(ctx, values, 'anomalies.metric', req)) as Res<'anomalies.metric'>;
  if (values.json) {
    const anomalies = res.anomalies.map((a) => ({ start: a.start, end: a.end, scope: a.scope, unit: a.unit, expected: a.expected, actual: a.actual, impact: a.impact, severity: a.severity, kind: a.kind, step: a.step }));
    ctx.stdout.write(`${JSON.stringify({ metric: res.metric, step: res.step, anomalies }, null, 2)}\n`);
    return 0;
  }
  if (res.anomalies.length === 0) {
    ctx.stdout.write(`No anomalies in ${res.metric} (${res.series} series, per ${res.step}).\n`);
    return 0;
  }
  const when = (ts: string): string => (res.step === 'day' ? ts.slice(0, 10) : `${ts.slice(0, 13)}:00Z`);
  ctx.stdout.write(
    table(
      ['start', 'end', 'kind', 'labels', 'expected', 'actual', 'impact', 'severity'],
      res.anomalies.map((a) => [
        when(a.start),
        when(a.end),
        a.kind === 'level_shift' ? `level shift ${a.step !== null && a.step >= 0 ? '+' : ''}${a.step}` : 'spike',
        Object.entries(a.scope).map(([k, v]) => `${k}=${v}`).join(', '),
        `${a.expected} ${a.unit}`,
        `${a.actual} ${a.unit}`,
        `${a.impact >= 0 ? '+' : ''}${a.impact} ${a.unit}`,
        a.severity,
      ]),
    ),
  );
  return 0;
}

/** "region=us-east-1 98 %": the first driver and its share of the excess. */
function topDriver(a: Res<'anomalies.list'>['anomalies'][number]): string {
  const d = a.drivers[0];
  return d === undefined ? '—' : `${d.dimension}=${d.value ?? '(none)'} ${Math.round(d.share * 100)} %`;
}

export const anomaliesListCommand: Command = {
  words: ['anomalies'],
  summary: 'Cost anomalies per service and billing account (expected vs actual, impact)',
  usage: listUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, listUsage, {
      since: { type: 'string' },
      json: { type: 'boolean' },
      metric: { type: 'string' },
      label: { type: 'string', multiple: true },
      step: { type: 'string' },
      agg: { type: 'string' },
    });
    if (values.help) return (ctx.stdout.write(`${listUsage}\n`), 0);
    const since = values.since === undefined ? undefined : dayFlag('--since', values.since, listUsage);
    if (values.metric !== undefined) return metricAnomalies(ctx, values);
    for (const flag of ['label', 'step', 'agg'] as const) if (values[flag] !== undefined) throw usageError(`--${flag} goes with --metric NAME.`, listUsage);
    const req: Req<'anomalies.list'> = since !== undefined ? { since } : {};
    const res = (await call(ctx, values, 'anomalies.list', req)) as Res<'anomalies.list'>;
    if (values.json) {
      const anomalies = res.anomalies.map((a) => ({
        start: a.start,
        end: a.end,
        scope: a.scope,
        expected: a.expected,
        actual: a.actual,
        impact: a.impact,
        severity: a.severity,
        label: a.label,
        currency: a.currency,
        kind: a.kind,
        step: a.step,
        scopes: a.scopes,
        drivers: a.drivers,
        period_impact: a.period_impact,
      }));
      ctx.stdout.write(`${JSON.stringify({ anomalies }, null, 2)}\n`);
      return 0;
    }
    if (res.anomalies.length === 0) {
      ctx.stdout.write(res.data_through === null ? 'No cost data yet: import some first.\n' : `No anomalies${values.since ? ` since ${values.since}` : ''} (data through ${res.data_through}).\n`);
      return 0;
    }
    ctx.stdout.write(
      table(
        ['start', 'end', 'kind', 'scope', 'expected', 'actual', 'impact', 'severity', 'label', 'top driver', 'month effect'],
        res.anomalies.map((a) => [
          a.start,
          a.end,
          a.kind === 'level_shift' ? `level shift ${a.step !== null && a.step >= 0 ? '+' : ''}${money(a.step ?? 0, a.currency)}/day` : 'spike',
          Object.entries(a.scope).map(([k, v]) => `${k}=${v}`).join(', ') + (a.scopes.length > 1 ? ` (+${a.scopes.length - 1} more)` : ''),
          `${money(a.expected, a.currency)} ${a.currency}`,
          `${money(a.actual, a.currency)} ${a.currency}`,
          `${a.impact >= 0 ? '+' : ''}${money(a.impact, a.currency)} ${a.currency}`,
          a.severity,
          a.label ?? '—',
          topDriver(a),
          `${a.period_impact.period}${a.period_impact.open ? ' (forecast)' : ''} ${a.period_impact.delta >= 0 ? '+' : ''}${money(a.period_impact.delta, a.currency)}`,
        ]),
      ),
    );
    return 0;
  },
};

export const anomaliesLabelCommand: Command = {
  words: ['anomalies', 'label'],
  summary: 'Label an anomaly expected, planned or incident',
  usage: labelUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, labelUsage, { start: { type: 'string' }, scope: { type: 'string', multiple: true }, label: { type: 'string' } });
    if (values.help) return (ctx.stdout.write(`${labelUsage}\n`), 0);
    const start = dayFlag('--start', values.start ?? '', labelUsage);
    const scope = scopeArgs(values.scope, labelUsage);
    const label = choiceFlag('--label', values.label, ['expected', 'planned', 'incident'], labelUsage);
    const req = { start, scope, label };
    const res = (await call(ctx, values, 'anomalies.label', req)) as Res<'anomalies.label'>;
    ctx.stdout.write(`Labelled ${(values.scope ?? []).join(', ')} from ${res.start} as ${res.label}${res.matched ? '' : ' (no anomaly is detected there now; the label applies if one is)'}.\n`);
    return 0;
  },
};

/** --scope DIM=VALUE flags as the API's scope conditions. */
function scopeArgs(raw: readonly string[] | undefined, usage: string): { dimension: string; value: string }[] {
  if (raw === undefined || raw.length === 0) throw usageError('--scope DIM=VALUE is required.', usage);
  return raw.map((r) => dimensionValue('--scope', r, usage, { valueRequired: true }));
}

export const anomaliesUnlabelCommand: Command = {
  words: ['anomalies', 'unlabel'],
  summary: 'Take back an anomaly\'s label (its days train forecasts again)',
  usage: unlabelUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, unlabelUsage, { start: { type: 'string' }, scope: { type: 'string', multiple: true } });
    if (values.help) return (ctx.stdout.write(`${unlabelUsage}\n`), 0);
    const start = dayFlag('--start', values.start ?? '', unlabelUsage);
    const scope = scopeArgs(values.scope, unlabelUsage);
    const res = (await call(ctx, values, 'anomalies.unlabel', { start, scope })) as Res<'anomalies.unlabel'>;
    ctx.stdout.write(`Cleared the label ${res.cleared} of ${(values.scope ?? []).join(', ')} from ${res.start} (${res.scopes} ${res.scopes === 1 ? 'scope' : 'scopes'}); its days train forecasts again.\n`);
    return 0;
  },
};

/** "NAME=FROM..TO" → a window (split at the last "="). */
function windowArg(raw: string): { name: string; from: string; to: string } {
  const eq = raw.lastIndexOf('=');
  const range = raw.slice(eq + 1).split('..');
  if (eq <= 0 || range.length !== 2 || !range[0] || !range[1]) throw usageError(`--add "${raw}" is not NAME=FROM..TO (e.g. "Spring sale=03-10..03-20" or "Code freeze=2026-12-14..2027-01-04").`, holidaysUsage);
  return { name: raw.slice(0, eq).trim(), from: range[0].trim(), to: range[1].trim() };
}

export const anomaliesHolidaysCommand: Command = {
  words: ['anomalies', 'holidays'],
  summary: 'Show or set the anomaly scan\'s holiday calendar (presets and your own windows)',
  usage: holidaysUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, holidaysUsage, {
      preset: { type: 'string' },
      add: { type: 'string', multiple: true },
      remove: { type: 'string', multiple: true },
      reset: { type: 'boolean' },
      year: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) return (ctx.stdout.write(`${holidaysUsage}\n`), 0);
    const year = values.year === undefined ? undefined : wholeNumberFlag('--year', values.year, holidaysUsage, { min: 1583, max: 9999 });
    const years = year !== undefined ? { from_year: year, to_year: year } : {};
    const change = values.preset !== undefined || values.add !== undefined || values.remove !== undefined || values.reset === true;
    if (values.reset && (values.preset !== undefined || values.add !== undefined || values.remove !== undefined)) throw usageError('--reset goes alone (it sets the default: us-retail, no windows of your own).', holidaysUsage);
    const res = await withService(ctx, values, async (s) => {
      const cc = cliCallContext(ctx);
      const current = (await dispatch(s.handlers, 'anomalies.holidays', years, cc)) as Res<'anomalies.holidays'>;
      if (!change) return current;
      let presets = current.presets;
      let windows = current.windows;
      if (values.reset) [presets, windows] = [['us-retail'], []];
      if (values.preset !== undefined) presets = values.preset.trim() === 'none' ? [] : values.preset.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
      for (const name of values.remove ?? []) {
        if (!windows.some((w) => w.name.toLowerCase() === name.trim().toLowerCase())) throw usageError(`--remove "${name}": no window has that name${windows.length > 0 ? ` (yours: ${windows.map((w) => w.name).join(', ')})` : ' (you have none)'}.`, holidaysUsage);
        windows = windows.filter((w) => w.name.toLowerCase() !== name.trim().toLowerCase());
      }
      windows = [...windows, ...(values.add ?? []).map(windowArg)];
      const req: Req<'anomalies.set_holidays'> = { presets, windows, ...years };
      return (await dispatch(s.handlers, 'anomalies.set_holidays', req, cc)) as Res<'anomalies.set_holidays'>;
    });
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      return 0;
    }
    const names = res.presets.map((p) => res.available.find((a) => a.id === p)?.name ?? p);
    ctx.stdout.write(`${change ? 'Saved. ' : ''}Presets: ${names.length > 0 ? `${res.presets.join(', ')} (${names.join(', ')})` : 'none'}${res.is_default ? ' — the default' : ''}.\n`);
    ctx.stdout.write(res.windows.length > 0 ? `Your windows: ${res.windows.map((w) => `${w.name} ${w.from}..${w.to}`).join('; ')}.\n` : 'Your windows: none (add one with --add "NAME=FROM..TO").\n');
    if (res.occurrences.length > 0) ctx.stdout.write(`\n${table(['start', 'end', 'window', 'from'], res.occurrences.map((o) => [o.start, o.end, o.name, o.source === 'custom' ? 'yours' : o.source]))}`);
    if (change) ctx.stdout.write('The next anomaly scan uses this calendar.\n');
    return 0;
  },
};

export const anomaliesCommands: readonly Command[] = [anomaliesListCommand, anomaliesLabelCommand, anomaliesUnlabelCommand, anomaliesHolidaysCommand];
