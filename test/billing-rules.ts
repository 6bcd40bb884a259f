/**
 * Each format's documented cost rule, written out independently of the importer (plain JS over
 * records parsed by test/rfc4180.ts), so tests compare the store against the files' own columns.
 */
import { basename, dirname } from 'node:path';
import { curSnakeName } from '../core/ingest/files/aws-cur-to-charges';
import { independentTotals, type CurrencyTotal } from './charges-harness';
import { num } from './rfc4180';

export type Rule = (r: Record<string, string>) => { currency: string; billed: number; effective: number };

/** FOCUS: BilledCost and EffectiveCost as given. */
export const focusRule: Rule = (r) => ({ currency: r['billingcurrency'] ?? '', billed: num(r['billedcost']), effective: num(r['effectivecost']) });

/**
 * AWS's amortized-cost definition: SP effective cost for SP-covered usage, 0 for negations and upfront
 * fees, the unused commitment for SP recurring fees, RI effective cost for RI usage, unused RI fees for
 * RIFee, else unblended. Billed = unblended.
 */
export function curRule(snake: boolean): Rule {
  return (r) => {
    const g = (legacy: string): string | undefined => r[(snake ? curSnakeName(legacy) : legacy).toLowerCase()];
    const type = (g('lineItem/LineItemType') ?? '').toLowerCase();
    const billed = num(g('lineItem/UnblendedCost'));
    let effective = billed;
    if (type === 'savingsplancoveredusage') effective = num(g('savingsPlan/SavingsPlanEffectiveCost'));
    else if (type === 'savingsplannegation' || type === 'savingsplanupfrontfee') effective = 0;
    else if (type === 'savingsplanrecurringfee') effective = num(g('savingsPlan/TotalCommitmentToDate')) - num(g('savingsPlan/UsedCommitment'));
    else if (type === 'discountedusage') effective = num(g('reservation/EffectiveCost'));
    else if (type === 'rifee') effective = num(g('reservation/UnusedAmortizedUpfrontFeeForBillingPeriod')) + num(g('reservation/UnusedRecurringFee'));
    return { currency: g('lineItem/CurrencyCode') ?? '', billed, effective };
  };
}

/**
 * Microsoft's actual/amortized rule: commitment purchases are cash only (effective 0),
 * commitment-covered usage and unused commitment are amortised only (billed 0), the rest counts in both.
 */
export const azureRule: Rule = (r) => {
  const cost = num(r['costinbillingcurrency'] ?? r['pretaxcost'] ?? r['cost']);
  const type = (r['chargetype'] ?? '').toLowerCase();
  const model = (r['pricingmodel'] ?? '').toLowerCase().replace(' ', '');
  const commitment = model === 'reservation' || model === 'savingsplan';
  const purchase = (type === 'purchase' || type === 'refund') && commitment;
  const covered = (type === 'usage' && commitment) || type === 'unusedreservation' || type === 'unusedsavingsplan';
  return {
    currency: (r['billingcurrencycode'] ?? r['billingcurrency'] ?? r['currency'] ?? '').toUpperCase(),
    billed: covered ? 0 : cost,
    effective: purchase ? 0 : cost,
  };
};

/** Sum of the amounts of a Python-repr or JSON credits list. */
export function creditsTotal(cell: string | undefined): number {
  if (!cell || cell === '[]') return 0;
  const json = cell.replaceAll("'", '"').replaceAll('None', 'null').replaceAll('True', 'true').replaceAll('False', 'false');
  return (JSON.parse(json) as { amount: number }[]).reduce((s, c) => s + c.amount, 0);
}

/** Google's rule: net cost = cost + SUM(credits.amount), in both views. */
export const gcpRule: Rule = (r) => {
  const net = num(r['cost']) + creditsTotal(r['credits']);
  return { currency: r['currency'] ?? '', billed: net, effective: net };
};

/** GCP file export: net = Cost + Σ CreditK Amount. */
export const gcpFileRule: Rule = (r) => {
  const credits = Object.entries(r).filter(([k]) => /^credit\d+ amount$/.test(k)).reduce((s, [, v]) => s + num(v), 0);
  const net = num(r['cost']) + credits;
  return { currency: r['currency'] ?? '', billed: net, effective: net };
};

/** OCI: cost/myCost in both views. */
export const ociRule: Rule = (r) => ({ currency: r['cost/currencycode'] ?? '', billed: num(r['cost/mycost']), effective: num(r['cost/mycost']) });

/** The rule for a shared-data sample, chosen by where the file lives (not by the importer's detection). */
export function ruleFor(path: string): Rule {
  const dir = basename(dirname(path));
  const name = basename(path);
  if (dir === 'focus' || path.includes('spec-examples')) return focusRule;
  if (dir === 'cur-legacy') return curRule(name.includes('athena'));
  if (dir === 'exports' && name.startsWith('koku_gcp_legacy')) return gcpFileRule;
  if (dir === 'exports' && name.includes('gcp')) return gcpRule;
  if (dir === 'exports') return azureRule;
  if (dir === 'oci') return ociRule;
  throw new Error(`no rule for ${path}`);
}

export function expectedTotals(path: string, currency?: string, like?: string): CurrencyTotal[] {
  const rule = ruleFor(like ?? path);
  return independentTotals(path, currency ? (r) => ({ ...rule(r), currency }) : rule);
}
