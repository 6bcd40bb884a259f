import { azureCloudSchema, type AddCloudSourceReq, type Res } from '../../core/api';
import { dispatch } from '../../core/service';
import { choiceFlag, cliCallContext, parseCommandArgs, usageError, wholeNumberFlag, withService } from '../args';
import type { Command } from '../command';
import { table } from '../table';

const addUsage = `Usage:
  headroom source add aws --name NAME [--profile PROFILE] [--region REGION] [--endpoint URL] [--billing-account ID]
  headroom source add azure --name NAME --scope SCOPE [--cloud public|china|usgov] [--endpoint URL] [--authority-host URL] [--tenant ID] [--qpu-budget N]
  headroom source add gcp --name NAME --table PROJECT.DATASET.TABLE [--billing-account ID] [--project ID] [--location LOC] [--api-endpoint HOST]

Connects a cloud account. Only non-secret settings are stored: credentials come from each SDK's
own chain (AWS profiles/SSO/environment, Azure DefaultAzureCredential, Google Application Default
Credentials). Azure scopes: /subscriptions/ID, /subscriptions/ID/resourceGroups/RG,
/providers/Microsoft.Billing/billingAccounts/ID[/billingProfiles/ID],
/providers/Microsoft.Management/managementGroups/ID.
  --json   print {"source": {...}}`;

const listUsage = `Usage: headroom source list [--json] [--data-dir DIR]

Lists sources with their non-secret settings.
  --json   print {"sources": [{id, name, kind, provider, settings, createdAt}]}`;

export const sourceAddCommand: Command = {
  words: ['source', 'add'],
  summary: 'Connect an AWS, Azure or GCP account (non-secret settings only)',
  usage: addUsage,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs(
      ctx.argv,
      addUsage,
      {
        name: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        'billing-account': { type: 'string' },
        scope: { type: 'string' },
        cloud: { type: 'string' },
        'authority-host': { type: 'string' },
        tenant: { type: 'string' },
        'qpu-budget': { type: 'string' },
        table: { type: 'string' },
        project: { type: 'string' },
        location: { type: 'string' },
        'api-endpoint': { type: 'string' },
        'billing-api-endpoint': { type: 'string' },
        json: { type: 'boolean' },
      },
      { positionals: true },
    );
    if (values.help) {
      ctx.stdout.write(`${addUsage}\n`);
      return 0;
    }
    const kind = positionals[0];
    if (positionals.length !== 1 || (kind !== 'aws' && kind !== 'azure' && kind !== 'gcp')) throw usageError('Name one provider: aws, azure or gcp.', addUsage);
    if (!values.name) throw usageError('--name is required.', addUsage);
    const pick = (pairs: Record<string, string | number | undefined>): Record<string, string | number> =>
      Object.fromEntries(Object.entries(pairs).filter((e): e is [string, string | number] => e[1] !== undefined));
    const allowed: Record<typeof kind, readonly string[]> = {
      aws: ['profile', 'region', 'endpoint', 'billing-account'],
      azure: ['scope', 'cloud', 'endpoint', 'authority-host', 'tenant', 'qpu-budget'],
      gcp: ['table', 'billing-account', 'project', 'location', 'api-endpoint', 'billing-api-endpoint'],
    };
    const given = Object.keys(values).filter((k) => !['name', 'json', 'help', 'data-dir', 'memory-limit'].includes(k));
    const stray = given.filter((k) => !allowed[kind].includes(k));
    if (stray.length > 0) throw usageError(`--${stray.join(', --')} do(es) not apply to ${kind} sources.`, addUsage);
    let req: AddCloudSourceReq;
    if (kind === 'aws') req = { kind, name: values.name, settings: pick({ profile: values.profile, region: values.region, endpoint: values.endpoint, billingAccountId: values['billing-account'] }) };
    else if (kind === 'azure') {
      if (!values.scope) throw usageError('--scope is required for Azure.', addUsage);
      const budget = values['qpu-budget'] === undefined ? undefined : wholeNumberFlag('--qpu-budget', values['qpu-budget'], addUsage, { min: 1 });
      const cloud = values.cloud === undefined ? undefined : choiceFlag('--cloud', values.cloud, azureCloudSchema.options, addUsage);
      req = { kind, name: values.name, settings: { scope: values.scope, ...pick({ cloud, endpoint: values.endpoint, authorityHost: values['authority-host'], tenantId: values.tenant, qpuBudget: budget }) } } as AddCloudSourceReq;
    } else {
      if (!values.table) throw usageError('--table PROJECT.DATASET.TABLE is required for GCP.', addUsage);
      req = { kind, name: values.name, settings: { table: values.table, ...pick({ billingAccount: values['billing-account'], project: values.project, location: values.location, apiEndpoint: values['api-endpoint'], billingApiEndpoint: values['billing-api-endpoint'] }) } } as AddCloudSourceReq;
    }
    const res = (await withService(ctx, values, (s) => dispatch(s.handlers, 'sources.add', req, cliCallContext(ctx)))) as Res<'sources.add'>;
    if (values.json) ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
    else ctx.stdout.write(`Added ${res.source.kind} source "${res.source.name}" (id ${res.source.id}). Sync it with "headroom sync ${res.source.kind} --source ${res.source.name}".\n`);
    return 0;
  },
};

export const sourceListCommand: Command = {
  words: ['source', 'list'],
  summary: 'List sources with their non-secret settings',
  usage: listUsage,
  async run(ctx) {
    const { values } = parseCommandArgs(ctx.argv, listUsage, { json: { type: 'boolean' } });
    if (values.help) {
      ctx.stdout.write(`${listUsage}\n`);
      return 0;
    }
    const res = (await withService(ctx, values, (s) => dispatch(s.handlers, 'sources.list', {}, cliCallContext(ctx)))) as Res<'sources.list'>;
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      return 0;
    }
    if (res.sources.length === 0) {
      ctx.stdout.write('No sources yet. Connect one with "headroom source add aws|azure|gcp …".\n');
      return 0;
    }
    ctx.stdout.write(table(['id', 'name', 'kind', 'provider', 'settings'], res.sources.map((s) => [String(s.id), s.name, s.kind, s.provider ?? '', JSON.stringify(s.settings)]), [0]));
    return 0;
  },
};
