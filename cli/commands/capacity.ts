/**
 * Capacity planning commands (issue 5): metrics import / add-prometheus / list, pool add|list|show,
 * capacity, commitments. Each is a thin adapter over core/api's capacity methods.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_POOL_CURRENCY, type Pool, type Req, type Res } from '../../core/api';
import { kubePoolQueries } from '../../core/ingest/prometheus';
import { HeadroomError } from '../../core/lib';
import { parseCapacity } from '../../core/plan';
import { dispatch } from '../../core/service';
import { choiceFlag, cliCallContext, currencyFlag, daysFlag, labelsFlag, moneyFlag, numberFlag, parseCommandArgs, probabilityFlag, usageError, withService, type GlobalFlags } from '../args';
import type { Command, CommandContext } from '../command';
import { money, price, table } from '../table';

/** `30s`, `5m`, `1h`, `1d` → seconds. */
export function parseStep(text: string): number {
  const m = /^(\d+)\s*([smhd])$/i.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new HeadroomError('BAD_INPUT', `--step "${text}" is not a step: write 30s, 5m, 1h or 1d.`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'];
}

const call = async <K extends Parameters<typeof dispatch>[1]>(ctx: CommandContext, flags: GlobalFlags, name: K, req: unknown): Promise<unknown> =>
  withService(ctx, flags, (s) => dispatch(s.handlers, name, req, cliCallContext(ctx)));

function help(ctx: CommandContext, usage: string): number {
  ctx.stdout.write(`${usage}\n`);
  return 0;
}

const fmt = (x: number, d = 2): string => (Math.abs(x) >= 1e6 ? x.toExponential(3) : x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 }));

const metricsImportUsage = `Usage: headroom metrics import FILE --name NAME [--unit U] [--json] [--data-dir DIR]

Imports a metric CSV: "timestamp,value" (one metric per file, named by --name) or
"timestamp,metric,labels,value" (many; --name keeps only that metric). Naive timestamps are read
as UTC; a run of rows sharing one timestamp after a gap (a clamped daylight-saving hour) is spread
back over the gap at the series' step; other duplicates are kept. Importing the file again replaces
its points (with --name on a long file, only that metric's: import several metrics of one file one at
a time, and the others stay). One file is one transaction: a bad row anywhere leaves the stored metrics as they were.
Queries resample to hourly/daily mean, max or p95.
  --unit U   the metric's unit (%, vCPU, core, byte …); default 1`;

export const metricsImportCommand: Command = {
  words: ['metrics', 'import'],
  summary: 'Import a utilization metric CSV (timestamp,value or long format)',
  usage: metricsImportUsage,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, metricsImportUsage, { name: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' } }, { positionals: true });
    if (values.help) return help(ctx, metricsImportUsage);
    if (positionals.length !== 1) throw usageError('Give exactly one file.', metricsImportUsage);
    const req: Req<'metrics.import'> = { file: positionals[0] ?? '', ...(values.name ? { name: values.name } : {}), ...(values.unit ? { unit: values.unit } : {}) };
    const res = (await call(ctx, values, 'metrics.import', req)) as Res<'metrics.import'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else {
      ctx.stdout.write(`${req.file}: ${res.rows} rows (${res.layout}) into ${res.series.length} series\n`);
      for (const s of res.series) ctx.stdout.write(`  ${s.name} ${JSON.stringify(s.labels)}: ${s.points} points, ${s.first} … ${s.last}\n`);
      for (const n of res.notes) ctx.stdout.write(`  note: ${n}\n`);
    }
    return 0;
  },
};

const addPromUsage = `Usage: headroom metrics add-prometheus --name NAME --url URL (--query PROMQL | --kube cpu|memory [--selector MATCHERS])
         [--step 1h] [--range 30d] [--unit U] [--bearer-token-env VAR | --user U --password-env VAR] [--replace] [--json] [--data-dir DIR]

Runs a range query against Prometheus's HTTP API (split into requests of at most 10,000 points per
series) and stores the result as metric NAME. --kube uses the kube-state-metrics expressions and
imports two metrics, NAME_requests (of pods Pending or Running: a completed Job's pod still exports
its requests) and NAME_allocatable (CPU cores or memory bytes). Secrets are
read from the named environment variables and never stored. Running it again for NAME re-reads the
range; a NAME that already reads another query or URL is refused unless --replace (then all of its
points are replaced by the new query's).`;

export const metricsAddPrometheusCommand: Command = {
  words: ['metrics', 'add-prometheus'],
  summary: 'Import a Prometheus query (query_range) as a metric source',
  usage: addPromUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, addPromUsage, {
      name: { type: 'string' },
      url: { type: 'string' },
      query: { type: 'string' },
      kube: { type: 'string' },
      selector: { type: 'string' },
      step: { type: 'string' },
      range: { type: 'string' },
      unit: { type: 'string' },
      'bearer-token-env': { type: 'string' },
      user: { type: 'string' },
      'password-env': { type: 'string' },
      replace: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.help) return help(ctx, addPromUsage);
    if (!values.name || !values.url) throw usageError('--name and --url are required.', addPromUsage);
    if ((values.query === undefined) === (values.kube === undefined)) throw usageError('Give either --query PROMQL or --kube cpu|memory.', addPromUsage);
    const env = (name: string): string => {
      const v = ctx.env[name];
      if (v === undefined || v === '') throw new HeadroomError('BAD_INPUT', `The environment variable ${name} is not set.`);
      return v;
    };
    const auth = values['bearer-token-env']
      ? { kind: 'bearer' as const, token: env(values['bearer-token-env']) }
      : values.user
        ? { kind: 'basic' as const, username: values.user, password: values['password-env'] ? env(values['password-env']) : '' }
        : undefined;
    const base = { url: values.url, ...(values.replace ? { replace: true } : {}), step_seconds: parseStep(values.step ?? '1h'), range_days: daysFlag('--range', values.range ?? '30d', addPromUsage, { min: 1 }), ...(auth ? { auth } : {}) };
    const queries: { name: string; query: string; unit?: string }[] = [];
    if (values.kube !== undefined) {
      const kube = kubePoolQueries(choiceFlag('--kube', values.kube, ['cpu', 'memory'], addPromUsage), values.selector ?? '');
      queries.push({ name: `${values.name}_requests`, query: kube.requests, unit: kube.unit });
      queries.push({ name: `${values.name}_allocatable`, query: kube.allocatable, unit: kube.unit });
    } else queries.push({ name: values.name, query: values.query ?? '', ...(values.unit ? { unit: values.unit } : {}) });
    const results = await withService(ctx, values, async (s) => {
      const out: Res<'metrics.addPrometheus'>[] = [];
      for (const q of queries) out.push((await dispatch(s.handlers, 'metrics.addPrometheus', { ...base, ...q }, cliCallContext(ctx))) as Res<'metrics.addPrometheus'>);
      return out;
    });
    if (values.json) ctx.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    else for (const r of results) for (const s of r.series) ctx.stdout.write(`${s.name} ${JSON.stringify(s.labels)}: ${s.points} points in ${r.requests} request(s), ${s.first} … ${s.last}\n`);
    return 0;
  },
};

const metricsListUsage = `Usage: headroom metrics list [--json] [--data-dir DIR]

Lists the metric series in the store with their units, label sets, point counts and spans.`;

export const metricsListCommand: Command = {
  words: ['metrics', 'list'],
  summary: 'List imported metric series',
  usage: metricsListUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, metricsListUsage, { json: { type: 'boolean' } });
    if (values.help) return help(ctx, metricsListUsage);
    const res = (await call(ctx, values, 'metrics.list', {})) as Res<'metrics.list'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else if (res.metrics.length === 0) ctx.stdout.write('No metrics yet: use "headroom metrics import" or "headroom metrics add-prometheus".\n');
    else ctx.stdout.write(table(['metric', 'labels', 'unit', 'points', 'first', 'last', 'source'], res.metrics.map((m) => [m.name, JSON.stringify(m.labels), m.unit, String(m.points), m.first, m.last, m.source]), [3]));
    return 0;
  },
};

const poolAddUsage = `Usage: headroom pool add --name NAME (--metric NAME [--labels k=v,…] | --usage-unit UNIT [--service S] [--sub-account ID] [--region R])
         --capacity N|DAY:N,DAY:N… --target 0.8 --lead-time 14d [--unit U] [--cost-per-unit X [--currency C]] [--description TEXT]
         [--scaling asg|hpa --resource NAME --unit-capacity N [--headroom 0.1]] [--replace] [--data-dir DIR]

Defines a capacity pool: its usage (a metric's daily peak, or a billing usage quantity such as
EC2 vCPU-Hours, whose daily sum ÷ 24 is the average in use), its capacity (a constant or steps
from given days), a target utilization, the lead time to add capacity and an optional cost per
unit-month. --scaling adds Auto Scaling group (asg) or Kubernetes HPA (hpa) recommendations:
--unit-capacity is the usage one instance/replica carries at 100 %.
  --cost-per-unit X  cost of one unit of capacity per month, in --currency
  --currency C       ISO 4217 code of --cost-per-unit (default ${DEFAULT_POOL_CURRENCY}, as for budget and scenario add)`;

export const poolAddCommand: Command = {
  words: ['pool', 'add'],
  summary: 'Define a capacity pool (usage, capacity, target, lead time)',
  usage: poolAddUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, poolAddUsage, {
      name: { type: 'string' },
      metric: { type: 'string' },
      labels: { type: 'string' },
      'usage-unit': { type: 'string' },
      service: { type: 'string' },
      'sub-account': { type: 'string' },
      region: { type: 'string' },
      capacity: { type: 'string' },
      target: { type: 'string' },
      'lead-time': { type: 'string' },
      unit: { type: 'string' },
      'cost-per-unit': { type: 'string' },
      currency: { type: 'string' },
      description: { type: 'string' },
      scaling: { type: 'string' },
      resource: { type: 'string' },
      'unit-capacity': { type: 'string' },
      headroom: { type: 'string' },
      replace: { type: 'boolean' },
    });
    if (values.help) return help(ctx, poolAddUsage);
    if (!values.name) throw usageError('--name is required.', poolAddUsage);
    if ((values.metric === undefined) === (values['usage-unit'] === undefined)) throw usageError('Give the usage as --metric NAME or --usage-unit UNIT (a billing ConsumedUnit).', poolAddUsage);
    if (!values.capacity) throw usageError('--capacity is required (a number, or DAY:N steps).', poolAddUsage);
    if (values.currency !== undefined && values['cost-per-unit'] === undefined) throw usageError('--currency is the currency of --cost-per-unit: give the cost too, or leave --currency out.', poolAddUsage);
    const filters = [
      ...(values.service ? [{ dimension: 'service', values: [values.service] }] : []),
      ...(values['sub-account'] ? [{ dimension: 'sub_account', values: [values['sub-account']] }] : []),
      ...(values.region ? [{ dimension: 'region', values: [values.region] }] : []),
    ];
    let scaling: Pool['scaling'] = null;
    if (values.scaling !== undefined) {
      const kind = choiceFlag('--scaling', values.scaling, ['asg', 'hpa'], poolAddUsage);
      if (!values.resource || values['unit-capacity'] === undefined) throw usageError('--scaling needs --resource NAME and --unit-capacity N.', poolAddUsage);
      scaling = { kind, resource: values.resource, unit_capacity: numberFlag('--unit-capacity', values['unit-capacity'], poolAddUsage, { above: 0 }), headroom: numberFlag('--headroom', values.headroom ?? '0.1', poolAddUsage, { min: 0, hint: '0.1 = 10 %' }) };
    }
    const pool = {
      name: values.name,
      ...(values.description ? { description: values.description } : {}),
      usage: values.metric !== undefined ? { kind: 'metric', metric: values.metric, labels: labelsFlag('--labels', values.labels === undefined ? [] : [values.labels], poolAddUsage, { list: true }) } : { kind: 'billing', consumed_unit: values['usage-unit'], filters },
      capacity: parseCapacity(values.capacity).map((s) => ({ from: s.from, capacity: s.capacity })),
      target: numberFlag('--target', values.target ?? '0.8', poolAddUsage, { above: 0, max: 1, hint: '0.8 = 80 %' }),
      lead_time_days: daysFlag('--lead-time', values['lead-time'] ?? '0d', poolAddUsage, { min: 0 }),
      unit: values.unit ?? '',
      cost_per_unit: values['cost-per-unit'] === undefined ? null : moneyFlag('--cost-per-unit', values['cost-per-unit'], poolAddUsage, { min: 0 }),
      ...(values['cost-per-unit'] !== undefined ? { currency: currencyFlag(values.currency ?? DEFAULT_POOL_CURRENCY, poolAddUsage) } : {}),
      scaling,
    };
    const res = (await call(ctx, values, 'pools.add', { pool, replace: values.replace === true })) as Res<'pools.add'>;
    const cost = costAmount(res.pool);
    ctx.stdout.write(`${res.replaced ? 'Replaced' : 'Added'} pool "${res.pool.name}"${cost ? ` (cost ${cost} per unit-month)` : ''}.\n`);
    return 0;
  },
};

function usageText(p: Pool): string {
  return p.usage.kind === 'metric'
    ? `${p.usage.metric}${Object.keys(p.usage.labels).length > 0 ? JSON.stringify(p.usage.labels) : ''}`
    : `${p.usage.consumed_unit} ÷ 24${p.usage.filters.map((f) => ` ${f.dimension}=${f.values.join('|')}`).join('')}`;
}
/** The pool's cost per unit-month, `1,235 JPY` (the currency's minor unit); null when it has none. */
function costAmount(p: Pool): string | null {
  if (p.cost_per_unit === null) return null;
  const currency = p.currency ?? DEFAULT_POOL_CURRENCY;
  return `${money(p.cost_per_unit, currency)} ${currency}`;
}
function capacityText(p: Pool): string {
  return p.capacity.length === 1 && p.capacity[0]?.from === '1970-01-01' ? String(p.capacity[0].capacity) : p.capacity.map((s) => `${s.from}:${s.capacity}`).join(',');
}

const poolListUsage = `Usage: headroom pool list [--json] [--data-dir DIR]`;
export const poolListCommand: Command = {
  words: ['pool', 'list'],
  summary: 'List capacity pools',
  usage: poolListUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, poolListUsage, { json: { type: 'boolean' } });
    if (values.help) return help(ctx, poolListUsage);
    const res = (await call(ctx, values, 'pools.list', {})) as Res<'pools.list'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else if (res.pools.length === 0) ctx.stdout.write('No pools yet: add one with "headroom pool add".\n');
    else ctx.stdout.write(table(['pool', 'usage', 'capacity', 'unit', 'target', 'lead time', 'cost per unit-month'], res.pools.map((p) => [p.name, usageText(p), capacityText(p), p.unit, String(p.target), `${p.lead_time_days}d`, costAmount(p) ?? '—']), [6]));
    return 0;
  },
};

const poolShowUsage = `Usage: headroom pool show NAME [--json] [--data-dir DIR]`;
export const poolShowCommand: Command = {
  words: ['pool', 'show'],
  summary: 'Show one capacity pool and its usage data',
  usage: poolShowUsage,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(ctx.argv, poolShowUsage, { json: { type: 'boolean' } }, { positionals: true });
    if (values.help) return help(ctx, poolShowUsage);
    if (positionals.length !== 1) throw usageError('Give one pool name.', poolShowUsage);
    const res = (await call(ctx, values, 'pools.show', { name: positionals[0] })) as Res<'pools.show'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else {
      const p = res.pool;
      ctx.stdout.write(
        [
          `pool       ${p.name}${p.description ? ` — ${p.description}` : ''}`,
          `usage      ${usageText(p)} (${p.unit}); ${res.usage.days} days ${res.usage.first ?? ''} … ${res.usage.last ?? ''}, last peak ${res.usage.last_peak ?? '—'}`,
          `capacity   ${capacityText(p)}`,
          `target     ${p.target}   lead time ${p.lead_time_days}d${p.cost_per_unit !== null ? `   cost ${costAmount(p) ?? ''} per unit-month${p.currency === undefined ? ` (no currency set: read as ${DEFAULT_POOL_CURRENCY})` : ''}` : ''}`,
          ...(p.scaling ? [`scaling    ${p.scaling.kind} ${p.scaling.resource}: ${p.scaling.unit_capacity} per instance, headroom ${p.scaling.headroom}`] : []),
        ].join('\n') + '\n',
      );
    }
    return 0;
  },
};

const capacityUsage = `Usage: headroom capacity [--pool NAME] [--horizon 180d] [--service-level 0.95] [--json]
         [--export tfvars|hpa --pool NAME [--out FILE]] [--data-dir DIR]

Forecasts each pool's daily peak (sample paths from the forecast engine) and reports when the
target utilization is crossed (P10/P50/P90; "none" = not within the horizon), the order-by date
(P10 exhaustion minus the lead time), the capacity that holds the target through the horizon at the
service level, and recommendations. --export writes the pool's scaling recommendation as a
Terraform .tfvars snippet or a Kubernetes HPA merge patch.
  --json   {"pools":[{"name","capacity","target","exhaustion":{"p10","p50","p90"},"order_by","needed_capacity","recommendations":[…]}]}`;

export const capacityCommand: Command = {
  words: ['capacity'],
  summary: 'Capacity pools: exhaustion dates, order-by dates, needed capacity, scaling',
  usage: capacityUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, capacityUsage, {
      pool: { type: 'string' },
      horizon: { type: 'string' },
      'service-level': { type: 'string' },
      json: { type: 'boolean' },
      export: { type: 'string' },
      out: { type: 'string' },
    });
    if (values.help) return help(ctx, capacityUsage);
    const horizon = daysFlag('--horizon', values.horizon ?? '180d', capacityUsage, { min: 1 });
    if (values.export !== undefined) {
      const format = choiceFlag('--export', values.export, ['tfvars', 'hpa'], capacityUsage);
      if (!values.pool) throw usageError('--export needs --pool NAME.', capacityUsage);
      const res = (await call(ctx, values, 'capacity.export', { pool: values.pool, format, horizon_days: horizon })) as Res<'capacity.export'>;
      if (values.out) {
        writeFileSync(values.out, res.text);
        ctx.stdout.write(`Wrote ${values.out}\n`);
      } else ctx.stdout.write(res.text);
      return 0;
    }
    const sl = values['service-level'] === undefined ? undefined : probabilityFlag('--service-level', values['service-level'], capacityUsage, 0.95);
    const req = { horizon_days: horizon, ...(values.pool ? { pool: values.pool } : {}), ...(sl !== undefined ? { service_level: sl } : {}) };
    const res = (await call(ctx, values, 'capacity.plan', req)) as Res<'capacity.plan'>;
    if (values.json) {
      const pools = res.pools.map((p) => ({ name: p.name, capacity: p.capacity, target: p.target, exhaustion: p.exhaustion, order_by: p.order_by, needed_capacity: p.needed_capacity, recommendations: p.recommendations }));
      ctx.stdout.write(`${JSON.stringify({ pools }, null, 2)}\n`);
      return 0;
    }
    if (res.pools.length === 0) {
      ctx.stdout.write('No pools yet: add one with "headroom pool add" (or load the demo with "headroom demo").\n');
      return 0;
    }
    const d = (x: string | null): string => x ?? 'none';
    ctx.stdout.write(
      table(
        ['pool', 'capacity', 'target', 'exhaustion P10', 'P50', 'P90', 'order by', `needed (${Math.round((res.pools[0]?.service_level ?? 0.95) * 100)} %)`],
        res.pools.map((p) => [p.name, `${fmt(p.capacity)} ${p.unit}`, `${Math.round(p.target * 100)} %`, d(p.exhaustion.p10), d(p.exhaustion.p50), d(p.exhaustion.p90), p.order_by !== null && p.order_by <= p.as_of ? `${p.order_by} (overdue)` : d(p.order_by), fmt(p.needed_capacity)]),
        [1, 7],
      ),
    );
    for (const p of res.pools) {
      ctx.stdout.write(`\n${p.name}: data to ${p.as_of}, forecast ${p.horizon_days} days (${p.forecast.model}); ${Math.round(p.exhaustion_probability * 100)} % of simulated futures cross ${Math.round(p.target * 100)} %.\n`);
      for (const r of p.recommendations) {
        if (r.kind === 'add_capacity') ctx.stdout.write(`  add ${fmt(r.add)} ${p.unit}${r.order_by ? ` — order by ${r.order_by}` : ''}${r.monthly_cost !== null ? ` (${money(r.monthly_cost, r.currency ?? DEFAULT_POOL_CURRENCY)} ${r.currency ?? DEFAULT_POOL_CURRENCY}/month)` : ''}: ${r.reason}\n`);
        else ctx.stdout.write(`  ${r.target} ${r.resource}: min ${r.min}, max ${r.max}${r.scheduled.length > 0 ? `, ${r.scheduled.length / 2} scheduled peak(s)` : ''} — export with --export ${r.target === 'asg' ? 'tfvars' : 'hpa'} --pool ${p.name}\n`);
      }
      for (const w of p.warnings) ctx.stdout.write(`  note: ${w}\n`);
    }
    return 0;
  },
};

const commitmentsUsage = `Usage: headroom commitments [--term 1y|3y] [--discount D] [--json] [--data-dir DIR]

Sizes new commitments (Savings Plans, reservations, CUDs) per provider billing account from the
forecast distribution of commitment-eligible compute usage over the term, net of existing
commitments (which stop covering at their expiry): the hourly commitment where P(usage > commitment)
= 1 − discount, with its savings P10/P50/P90 and break-even utilization, beside the providers'
trailing-30-day method on the same data, and the existing commitments' coverage (covered ÷ eligible
usage at list cost) and utilization (used ÷ used + unused commitment) over the last 30 days. Lists
existing commitments that expire within the term.
The tables name each scope's billing currency; savings are in its minor unit (2,870 JPY, 2,869.57 USD)
and hourly rates in it plus one digit when they have one (7.125 USD/h; 7.10; 1,069.5 JPY/h), the
step hourly commitments are bought in. --json keeps the exact numbers.
  --discount D   the commitment's discount vs on-demand (0.3 = 30 %); default: the discount the
                 scope's existing commitments of that term actually got
  --json         {"recommendations":[{"scope","hourly_commitment","expected_savings":{"p10","p50","p90"},
                  "break_even_utilization","trailing_30d_commitment"}],"expiring":[…]}`;

export const commitmentsCommand: Command = {
  words: ['commitments'],
  summary: 'Forecast-driven commitment sizing with savings bands and expiry cliffs',
  usage: commitmentsUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, commitmentsUsage, { term: { type: 'string' }, discount: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) return help(ctx, commitmentsUsage);
    const term = choiceFlag('--term', values.term ?? '1y', ['1y', '3y'], commitmentsUsage);
    const discount = values.discount === undefined ? undefined : probabilityFlag('--discount', values.discount, commitmentsUsage, 0.3);
    const res = (await call(ctx, values, 'commitments.plan', { term, ...(discount !== undefined ? { discount } : {}) })) as Res<'commitments.plan'>;
    if (values.json) {
      const recommendations = res.recommendations.map((r) => ({ scope: r.scope, hourly_commitment: r.hourly_commitment, expected_savings: r.expected_savings, break_even_utilization: r.break_even_utilization, trailing_30d_commitment: r.trailing_30d_commitment }));
      const expiring = res.expiring.map((e) => ({ scope: e.scope, commitment_id: e.commitment_id, type: e.type, expires: e.expires, covered_per_hour: e.covered_per_hour, added_cost_per_hour: e.added_cost_per_hour }));
      ctx.stdout.write(`${JSON.stringify({ recommendations, expiring }, null, 2)}\n`);
      return 0;
    }
    if (res.recommendations.length > 0) {
      ctx.stdout.write(
        table(
          ['scope', 'currency', 'discount', 'commit/hour', 'savings P10', 'P50', 'P90', 'break-even', 'trailing-30d commit/hour', 'its savings P50', 'coverage now', 'utilization now'],
          res.recommendations.map((r) => [
            r.scope,
            r.currency,
            `${Math.round(r.discount * 1000) / 10} %`,
            price(r.hourly_commitment, r.currency),
            money(r.expected_savings.p10, r.currency),
            money(r.expected_savings.p50, r.currency),
            money(r.expected_savings.p90, r.currency),
            `${Math.round(r.break_even_utilization * 100)} %`,
            price(r.trailing_30d_commitment, r.currency),
            money(r.trailing_30d_savings.p50, r.currency),
            r.current_coverage === null ? '—' : `${Math.round(r.current_coverage * 100)} %`,
            r.current_utilization === null ? '—' : `${Math.round(r.current_utilization * 100)} %`,
          ]),
          [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        ),
      );
    } else ctx.stdout.write('No recommendation.\n');
    if (res.expiring.length > 0) {
      ctx.stdout.write('\nExpiring commitments:\n');
      ctx.stdout.write(
        table(
          ['scope', 'commitment', 'type', 'expires', 'currency', 'covers/hour', 'added cost/hour'],
          res.expiring.map((e) => [e.scope, e.commitment_id, e.type, e.expires, e.currency, price(e.covered_per_hour, e.currency), price(e.added_cost_per_hour, e.currency)]),
          [5, 6],
        ),
      );
    }
    for (const n of res.notes) ctx.stdout.write(`note: ${n}\n`);
    return 0;
  },
};

export const capacityCommands: readonly Command[] = [
  metricsImportCommand,
  metricsAddPrometheusCommand,
  metricsListCommand,
  poolAddCommand,
  poolListCommand,
  poolShowCommand,
  capacityCommand,
  commitmentsCommand,
];
