import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { addDays, addMonths, type Day, daysBetween, parseDay, weekday } from '../../lib';
import { CHARGE_CATEGORIES, CHARGE_FREQUENCIES, type ChargeRow, PRICING_CATEGORIES } from '../../model';
import { blackFriday, cyberMonday, DEMO_SEED, generateDemo, seededRandom, thanksgiving, type DemoDataset, WEEKLY } from '.';

// Two fixed end dates: mid-year, and three weeks after a Black Friday (the capacity story's hard case).
const AS_OF = parseDay('2026-06-15');
const AS_OF_WINTER = parseDay('2025-12-20');
const demo = generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED) });
const winter = generateDemo({ asOf: AS_OF_WINTER, random: seededRandom(DEMO_SEED) });

const cents = (d: string | null): number => (d === null ? 0 : Math.round(Number(d) * 100));
function hash(d: DemoDataset): string {
  const h = createHash('sha256');
  for (const r of d.charges) h.update(JSON.stringify(r));
  h.update(JSON.stringify([d.metrics, d.pools, d.truth]));
  return h.digest('hex');
}
const isUsage = (r: ChargeRow): boolean => r.ChargeCategory === 'Usage' && r.ConsumedQuantity !== null;

/** Sum of `value(r)` per day over rows that pass `keep`. */
function perDay(d: DemoDataset, keep: (r: ChargeRow) => boolean, value: (r: ChargeRow) => number = (r) => cents(r.EffectiveCost)): Map<Day, number> {
  const m = new Map<Day, number>();
  for (const r of d.charges) if (keep(r)) m.set(r.ChargePeriodStart, (m.get(r.ChargePeriodStart) ?? 0) + value(r));
  return m;
}
const sumDays = (m: Map<Day, number>, from: Day, to: Day): number => {
  let s = 0;
  for (let d = from; d < to; d = addDays(d, 1)) s += m.get(d) ?? 0;
  return s;
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

describe('demo generator: shape', () => {
  it('is deterministic: the same seed and end date give identical data, another seed does not', () => {
    const again = generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED) });
    expect(hash(again)).toBe(hash(demo));
    expect(hash(generateDemo({ asOf: AS_OF, random: seededRandom(DEMO_SEED + 1) }))).not.toBe(hash(demo));
  });

  it('covers three years of days ending the day before asOf, every day with charges, bounded in size', () => {
    expect(demo.from).toBe(addMonths(AS_OF, -36));
    expect(demo.to).toBe(AS_OF);
    const days = new Set(demo.charges.map((r) => r.ChargePeriodStart));
    expect(days.size).toBe(daysBetween(demo.from, demo.to));
    expect([...days].every((d) => d >= demo.from && d < demo.to)).toBe(true);
    expect(demo.charges.length).toBeGreaterThan(60_000);
    expect(demo.charges.length).toBeLessThan(300_000);
  });

  it('writes FOCUS values: allowed categories (from the FOCUS 1.2 column digest), decimals, USD', () => {
    const digest = JSON.parse(readFileSync(sharedData('focus', 'focus-1.2_columns.json'), 'utf8')) as { columns: { ColumnId: string; AllowedValues: { Value: string }[] | null }[] };
    const allowed = new Set(digest.columns.find((c) => c.ColumnId === 'ServiceCategory')?.AllowedValues?.map((v) => v.Value));
    expect(allowed.size).toBeGreaterThan(10);
    const decimal = /^-?\d+\.\d{2}$/;
    const bad = demo.charges.filter(
      (r) =>
        (r.ServiceCategory !== null && !allowed.has(r.ServiceCategory)) ||
        !CHARGE_CATEGORIES.includes(r.ChargeCategory) ||
        (r.ChargeFrequency !== null && !CHARGE_FREQUENCIES.includes(r.ChargeFrequency)) ||
        (r.PricingCategory !== null && !PRICING_CATEGORIES.includes(r.PricingCategory)) ||
        !decimal.test(r.BilledCost) ||
        !decimal.test(r.EffectiveCost) ||
        r.BillingCurrency !== 'USD',
    );
    expect(bad.slice(0, 3)).toEqual([]);
    const providers = new Set(demo.charges.map((r) => r.ProviderName));
    expect([...providers].sort()).toEqual(['AWS', 'Google Cloud', 'Microsoft']);
    // Compute usage is metered in vCPU-hours, so capacity planning has quantities to work with.
    const ec2 = demo.charges.filter((r) => r.ServiceName === 'Amazon Elastic Compute Cloud' && r.ConsumedUnit === 'vCPU-Hours');
    expect(ec2.length).toBeGreaterThan(1000);
  });

  it('reports totals that equal an independent sum of its rows, to the cent', () => {
    let billed = 0;
    let effective = 0;
    for (const r of demo.charges) {
      billed += cents(r.BilledCost);
      effective += cents(r.EffectiveCost);
    }
    expect(demo.totals).toEqual({ currency: 'USD', billedCents: billed, effectiveCents: effective, rows: demo.charges.length });
  });

  it('tags most spend with team/env/app and leaves a few resources untagged', () => {
    let tagged = 0;
    let untagged = 0;
    const teams = new Set<string>();
    for (const r of demo.charges) {
      if (!isUsage(r)) continue;
      const c = cents(r.EffectiveCost);
      if (r.Tags['team'] && r.Tags['env'] && r.Tags['app']) {
        tagged += c;
        teams.add(r.Tags['team']);
      } else {
        expect(Object.keys(r.Tags)).toEqual([]);
        untagged += c;
      }
    }
    const share = untagged / (tagged + untagged);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.15);
    expect(teams.size).toBeGreaterThanOrEqual(5);
  });
});

describe('demo generator: demand drivers', () => {
  const list = perDay(demo, isUsage, (r) => cents(r.ListCost));

  it('grows about 35 % a year, measured on the generated totals', () => {
    const lastYear = sumDays(list, addDays(demo.to, -365), demo.to);
    const yearBefore = sumDays(list, addDays(demo.to, -730), addDays(demo.to, -365));
    expect(lastYear / yearBefore).toBeGreaterThan(1.31);
    expect(lastYear / yearBefore).toBeLessThan(1.39);
    const all = perDay(demo, () => true);
    const e1 = sumDays(all, addDays(demo.to, -365), demo.to);
    const e0 = sumDays(all, addDays(demo.to, -730), addDays(demo.to, -365));
    expect(e1 / e0).toBeGreaterThan(1.25);
    expect(e1 / e0).toBeLessThan(1.45);
    expect(demo.truth.annualGrowth).toBe(0.35);
  });

  it('has a weekly cycle: weekdays above weekends overall, staging mostly off at weekends', () => {
    const days = [...list.keys()];
    const wk = days.filter((d) => weekday(d) >= 1 && weekday(d) <= 5);
    const we = days.filter((d) => weekday(d) === 0 || weekday(d) === 6);
    const ratio = mean(wk.map((d) => list.get(d) ?? 0)) / mean(we.map((d) => list.get(d) ?? 0));
    expect(ratio).toBeGreaterThan(1.03);
    expect(ratio).toBeLessThan(1.2);
    // The staging web fleet follows the staging profile exactly (outside the holiday code freeze).
    const staging = perDay(demo, (r) => r.SubAccountName === 'cartwheel-staging' && r.ResourceId?.endsWith(':autoScalingGroup:web') === true && r.ConsumedUnit === 'vCPU-Hours', (r) => Number(r.ConsumedQuantity));
    const ordinary = [...staging.keys()].filter((d) => d.slice(5, 7) !== '12' && d.slice(5, 7) !== '11' && d.slice(5, 7) !== '01');
    // Detrend by comparing each weekend day with the mean of the week around it.
    const p = WEEKLY.staging;
    const expected = mean([p[1], p[2], p[3], p[4], p[5]].map(Number)) / mean([p[0], p[6]].map(Number));
    const sWk = ordinary.filter((d) => weekday(d) >= 1 && weekday(d) <= 5).map((d) => staging.get(d) ?? 0);
    const sWe = ordinary.filter((d) => weekday(d) === 0 || weekday(d) === 6).map((d) => staging.get(d) ?? 0);
    expect(mean(sWk) / mean(sWe)).toBeCloseTo(expected, 0);
    expect(Math.abs(mean(sWk) / mean(sWe) / expected - 1)).toBeLessThan(0.05);
  });

  it('peaks on Black Friday, Cyber Monday and in December (Thanksgiving computed)', () => {
    expect(thanksgiving(2025)).toBe('2025-11-27');
    expect(thanksgiving(2024)).toBe('2024-11-28');
    expect(thanksgiving(2023)).toBe('2023-11-23');
    expect(blackFriday(2026)).toBe('2026-11-27');
    expect(cyberMonday(2024)).toBe('2024-12-02');
    expect(demo.truth.peaks.map((p) => p.year)).toEqual([2023, 2024, 2025]);
    for (const p of demo.truth.peaks) {
      const before: number[] = [];
      for (let k = -35; k <= -8; k++) before.push(list.get(addDays(p.thanksgiving, k)) ?? NaN);
      const base = median(before);
      expect((list.get(p.blackFriday) ?? 0) / base).toBeGreaterThan(1.25);
      expect((list.get(p.cyberMonday) ?? 0) / base).toBeGreaterThan(1.25);
      const december = sumDays(list, p.december.from, addDays(p.december.from, 20)) / 20;
      const october = sumDays(list, addDays(p.thanksgiving, -45), addDays(p.thanksgiving, -15)) / 30;
      expect(december / october).toBeGreaterThan(1.08);
    }
  });

  it('moves the recommender from Azure to Google Cloud on the migration date', () => {
    const m = demo.truth.migration;
    expect(weekday(m.date)).toBe(1);
    const provider = (name: string): Map<Day, number> => perDay(demo, (r) => isUsage(r) && r.ProviderName === name, (r) => cents(r.ListCost));
    const azure = provider('Microsoft');
    const gcp = provider('Google Cloud');
    const step = (series: Map<Day, number>): number => (sumDays(series, m.date, addDays(m.date, 28)) - sumDays(series, addDays(m.date, -28), m.date)) / 28 / 100;
    // Four weeks of growth (≈ 2.3 %) move the totals a little besides the step itself.
    expect(step(azure)).toBeLessThan(-0.8 * m.dailyListCostMoved);
    expect(step(gcp)).toBeGreaterThan(0.8 * m.dailyListCostMoved);
    const recommender = demo.charges.filter((r) => r.Tags['app'] === 'recommender' && isUsage(r));
    expect(recommender.filter((r) => r.ProviderName === 'Microsoft').every((r) => r.ChargePeriodStart < m.date)).toBe(true);
    expect(recommender.filter((r) => r.ProviderName === 'Google Cloud').every((r) => r.ChargePeriodStart >= m.date)).toBe(true);
  });
});

describe('demo generator: commitments, credits, tax', () => {
  it('amortises every commitment exactly: over a finished term, used + unused EffectiveCost equals the purchase BilledCost', () => {
    interface Acc {
      purchase: number;
      amortised: number;
      purchaseRows: ChargeRow[];
      days: Map<Day, number>;
    }
    const byId = new Map<string, Acc>();
    for (const r of demo.charges) {
      if (!r.CommitmentDiscountId) continue;
      const e: Acc = byId.get(r.CommitmentDiscountId) ?? { purchase: 0, amortised: 0, purchaseRows: [], days: new Map<Day, number>() };
      if (r.ChargeCategory === 'Purchase') {
        e.purchase += cents(r.BilledCost);
        e.purchaseRows.push(r);
      } else {
        e.amortised += cents(r.EffectiveCost);
        e.days.set(r.ChargePeriodStart, (e.days.get(r.ChargePeriodStart) ?? 0) + cents(r.EffectiveCost));
      }
      byId.set(r.CommitmentDiscountId, e);
    }
    const finished = demo.truth.commitments.filter((c) => c.end <= demo.to);
    expect(finished.length).toBeGreaterThanOrEqual(10);
    for (const c of finished) {
      const e = byId.get(c.id);
      expect(e, c.id).toBeDefined();
      expect(e?.amortised, c.id).toBe(e?.purchase);
      expect(e?.purchase, c.id).toBe(Math.round(c.totalCost * 100));
      // Every day of the term carries exactly the daily amortised amount.
      expect(e?.days.size).toBe(daysBetween(c.start, c.end));
      for (const v of e?.days.values() ?? []) expect(v).toBe(Math.round(c.dailyAmortized * 100));
    }
    // Commitments still running have amortised exactly their elapsed days so far.
    const running = demo.truth.commitments.filter((c) => c.end > demo.to);
    expect(running.some((c) => c.payment === 'upfront')).toBe(true);
    for (const c of running) expect(byId.get(c.id)?.amortised, c.id).toBe(Math.round(c.dailyAmortized * 100) * daysBetween(c.start, demo.to));
    // An upfront purchase still running: the cash view is ahead of the amortised view.
    expect(demo.totals.billedCents).toBeGreaterThan(demo.totals.effectiveCents);
    for (const c of demo.truth.commitments) {
      const rows = byId.get(c.id)?.purchaseRows ?? [];
      for (const r of rows) {
        expect(cents(r.BilledCost)).toBeGreaterThan(0);
        expect(cents(r.EffectiveCost)).toBe(0);
        expect(r.ChargeFrequency).toBe(c.payment === 'recurring' ? 'Recurring' : 'One-Time');
        expect(r.ResourceId).toBe(c.id);
      }
      if (c.payment === 'upfront') expect(rows.map((r) => r.ChargePeriodStart)).toEqual([c.start]);
    }
  });

  it('buys Savings Plans monthly, and leaves expiry cliffs in the year after asOf', () => {
    const sp = demo.truth.commitments.filter((c) => c.type === 'Savings Plan');
    expect(new Set(sp.map((c) => c.start.slice(0, 7))).size).toBeGreaterThanOrEqual(24);
    const cliffs = demo.truth.commitments.filter((c) => c.end > demo.to && c.end <= addDays(demo.to, 365));
    expect(cliffs.length).toBeGreaterThanOrEqual(6);
  });

  it('splits covered usage FOCUS-style and writes an Unused row whenever utilisation is below 100 %', () => {
    const covered = demo.charges.filter((r) => r.CommitmentDiscountStatus === 'Used');
    expect(covered.length).toBeGreaterThan(1000);
    const badCovered = covered.filter((r) => r.PricingCategory !== 'Committed' || r.ChargeCategory !== 'Usage' || cents(r.BilledCost) !== 0 || cents(r.ListCost) < cents(r.EffectiveCost));
    expect(badCovered.slice(0, 3)).toEqual([]);
    // Covered usage is cheaper than list: the discount shows in the amortised cost.
    const list = covered.reduce((s, r) => s + cents(r.ListCost), 0);
    const effective = covered.reduce((s, r) => s + cents(r.EffectiveCost), 0);
    expect(effective / list).toBeGreaterThan(0.5);
    expect(effective / list).toBeLessThan(0.8);
    const unused = demo.charges.filter((r) => r.CommitmentDiscountStatus === 'Unused');
    expect(unused.filter((r) => r.ResourceId !== r.CommitmentDiscountId || r.ConsumedQuantity !== null || cents(r.EffectiveCost) <= 0 || cents(r.BilledCost) !== 0)).toEqual([]);
    // The Azure reservation covered the recommender's VMs: after the migration it is underused every day.
    const ri = demo.truth.commitments.find((c) => c.type === 'Reservation');
    expect(ri).toBeDefined();
    if (!ri) return;
    const m = demo.truth.migration.date;
    const unusedDays = new Set(unused.filter((r) => r.CommitmentDiscountId === ri.id).map((r) => r.ChargePeriodStart));
    for (let d = m; d < ri.end && d < demo.to; d = addDays(d, 1)) expect(unusedDays.has(d), d).toBe(true);
    // Utilisation below 100 % ⇔ an Unused row: used + unused always add up to the daily amount.
    const usedRi = perDay(demo, (r) => r.CommitmentDiscountId === ri.id && r.CommitmentDiscountStatus === 'Used');
    for (const [d, used] of usedRi) expect(used < Math.round(ri.dailyAmortized * 100)).toBe(unusedDays.has(d));
  });

  it('has negative credits matching the ground truth, and positive tax', () => {
    const credits = demo.charges.filter((r) => r.ChargeCategory === 'Credit');
    expect(credits.length).toBeGreaterThan(100);
    expect(credits.filter((r) => cents(r.BilledCost) >= 0 || cents(r.EffectiveCost) !== cents(r.BilledCost))).toEqual([]);
    expect(credits.reduce((s, r) => s + cents(r.EffectiveCost), 0)).toBe(Math.round(demo.truth.credits.reduce((s, c) => s + c.amount, 0) * 100));
    const tax = demo.charges.filter((r) => r.ChargeCategory === 'Tax');
    expect(tax.every((r) => cents(r.BilledCost) > 0)).toBe(true);
    // AWS tax for one full month = 6 % of that account's billed usage and purchases.
    const month = '2025-03';
    const shop = '345678901234';
    const base = demo.charges.filter((r) => r.SubAccountId === shop && r.ChargePeriodStart.startsWith(month) && (r.ChargeCategory === 'Usage' || r.ChargeCategory === 'Purchase')).reduce((s, r) => s + cents(r.BilledCost), 0);
    const awsTax = tax.filter((r) => r.SubAccountId === shop && r.ChargePeriodStart === `${month}-01`);
    expect(awsTax).toHaveLength(1);
    expect(cents(awsTax[0]?.BilledCost ?? null)).toBe(Math.round(base * 0.06));
  });
});

describe('demo generator: anomalies', () => {
  it('places each anomaly in its scope on its dates with the impact it reports', () => {
    expect(demo.truth.anomalies.length).toBeGreaterThanOrEqual(4);
    expect(demo.truth.anomalies.some((a) => daysBetween(a.end, demo.to) <= 45)).toBe(true);
    for (const a of demo.truth.anomalies) {
      const inScope = (r: ChargeRow): boolean =>
        r.ChargeCategory === 'Usage' && r.ProviderName === a.scope.provider && r.SubAccountId === a.scope.sub_account && r.ServiceName === a.scope.service && (r.RegionId ?? '') === a.scope.region;
      const series = perDay(demo, inScope);
      expect(sumDays(series, a.start, addDays(a.end, 1))).toBe(Math.round(a.actual * 100));
      expect(Math.round((a.actual - a.expected) * 100)).toBe(Math.round(a.impact * 100));
      expect(a.dailyImpact.reduce((s, d) => s + Math.round(d.impact * 100), 0)).toBe(Math.round(a.impact * 100));
      // Independent baseline: the same weekdays of the four weeks before. The jump is the impact.
      for (const d of a.dailyImpact) {
        const base = median([7, 14, 21, 28].map((k) => series.get(addDays(d.day, -k)) ?? NaN));
        const actual = (series.get(d.day) ?? 0) / 100;
        expect(actual - base / 100).toBeGreaterThan(0.8 * d.impact);
        expect(actual - base / 100).toBeLessThan(1.2 * d.impact + 0.1 * (base / 100));
        expect(d.impact).toBeGreaterThan(0.3 * (base / 100));
      }
    }
  });
});

describe('demo generator: capacity metrics and pools', () => {
  for (const [label, d] of [
    ['mid-year', demo],
    ['after Black Friday', winter],
  ] as const) {
    it(`keeps every metric within its capacity and consistent with billing (${label})`, () => {
      const metric = (name: string): Map<string, number> => new Map(d.metrics.find((m) => m.name === name)?.points.map((p) => [p.ts.slice(0, 10), p.value]));
      const inUse = metric('aws_ec2_vcpus_in_use');
      const quota = metric('aws_ec2_vcpu_quota');
      const requests = metric('kube_pod_container_resource_requests');
      const allocatable = metric('kube_node_status_allocatable');
      expect(inUse.size).toBe(daysBetween(d.from, d.to));
      const meanVcpus = perDay(d, (r) => r.SubAccountId === '345678901234' && r.RegionId === 'us-east-1' && r.ServiceName === 'Amazon Elastic Compute Cloud' && r.ConsumedUnit === 'vCPU-Hours', (r) => Number(r.ConsumedQuantity) / 24);
      const gkeCores = perDay(d, (r) => r.ServiceName === 'Kubernetes Engine', (r) => Number(r.ConsumedQuantity) / 24);
      for (const [day, v] of inUse) {
        expect(v).toBeLessThanOrEqual(quota.get(day) ?? -1);
        expect(v).toBeGreaterThanOrEqual(Math.floor(meanVcpus.get(day as Day) ?? Infinity));
        expect(requests.get(day) ?? Infinity).toBeLessThanOrEqual(allocatable.get(day) ?? -1);
        // GKE is billed for its nodes: 16 vCPUs per 15.2 allocatable cores.
        expect(gkeCores.get(day as Day) ?? 0).toBeCloseTo(((allocatable.get(day) ?? 0) / 15.2) * 16, 6);
      }
      for (const pool of d.pools) {
        expect(d.metrics.some((m) => m.name === pool.metric && Object.entries(pool.labels).every(([k, v]) => m.labels[k] === v))).toBe(true);
        const steps = Array.isArray(pool.capacity) ? pool.capacity : [];
        expect(steps.length).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < steps.length; i++) expect(steps[i]?.capacity).toBeGreaterThan(steps[i - 1]?.capacity ?? Infinity);
      }
      // The last retail season ran into the limits.
      for (const p of d.truth.pools) {
        expect(p.cappedDays.length).toBeGreaterThan(0);
        for (const day of p.cappedDays) expect(Math.abs(daysBetween(thanksgiving(Number(day.slice(0, 4))), day))).toBeLessThanOrEqual(14);
      }
    });
  }

  it('sizes the last raise for the coming weeks; growth and the next season use it up within a year', () => {
    for (const d of [demo, winter]) {
      for (const p of d.truth.pools) {
        const crossing = daysBetween(d.to, p.expectedTargetCrossing ?? d.to);
        const exhaustion = daysBetween(d.to, p.expectedExhaustion ?? d.to);
        expect(crossing, p.pool).toBeGreaterThanOrEqual(60);
        expect(exhaustion, p.pool).toBeGreaterThanOrEqual(crossing);
        expect(exhaustion, p.pool).toBeLessThanOrEqual(365);
      }
      // Independent check on the metric: fit log(peak) over the last year by least squares; last
      // year's highest peak grown by that rate for a year no longer fits the capacity in force.
      const points = d.metrics.find((m) => m.name === 'aws_ec2_vcpus_in_use')?.points ?? [];
      const last = points.slice(-365);
      const xs = last.map((_, i) => i);
      const ys = last.map((p) => Math.log(p.value));
      const mx = mean(xs);
      const my = mean(ys);
      const slope = xs.reduce((s, x, i) => s + (x - mx) * ((ys[i] ?? 0) - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
      expect(Math.exp(slope * 365.25)).toBeGreaterThan(1.2);
      expect(Math.exp(slope * 365.25)).toBeLessThan(1.55);
      const peak = Math.max(...last.map((p) => p.value));
      const quota = d.truth.pools.find((p) => p.pool === 'aws-ec2-vcpu-us-east-1')?.capacityAtAsOf ?? Infinity;
      expect(peak * Math.exp(slope * 365)).toBeGreaterThan(quota);
      expect(peak).toBeLessThanOrEqual(quota);
    }
  });
});
