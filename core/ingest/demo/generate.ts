/**
 * The demo dataset generator: three years of daily FOCUS charge rows, capacity metrics and pool
 * definitions for Cartwheel Commerce (see README.md), plus the ground truth of everything injected.
 * Pure: the end date and the random source come in; the same inputs give the same rows.
 */
import { addDays, addMonths, type Day, dayRange, daysBetween, parseDay, startOfMonth, weekday } from '../../lib';
import type { ChargeRow } from '../../model';
import { calendarFactor, retailPeaks, type RetailPeaks, thanksgiving, blackFriday, cyberMonday, WEEKLY } from './calendar';
import { ACCOUNTS, type Account, SERIES, type SeriesDef } from './company';
import { costCents, QTY_SCALE } from './money';
import { chargeRow } from './row';
import { standardNormal } from './random';
import type {
  CapacityStep,
  DemoAnomaly,
  DemoCommitment,
  DemoCredit,
  DemoDataset,
  DemoMetricSeries,
  DemoOptions,
  DemoPoolDefinition,
  DemoPoolTruth,
  DemoScope,
} from './types';

/** Underlying demand growth per year. */
export const ANNUAL_GROWTH = 0.35;
const LN_GROWTH = Math.log(1 + ANNUAL_GROWTH);
const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});
const TAX_RATES = { AWS: 0.06, 'Google Cloud': 0.05 } as const;
/** Daily peak vCPUs over the daily mean (the intraday shape of a shop fleet). */
const INTRADAY_PEAK = 1.3;
/** GKE node shape: n2-standard-16, of which 15.2 cores are allocatable to pods. */
const NODE_VCPUS = 16;
const NODE_ALLOCATABLE = 15.2;
const EC2_TARGET = 0.8;
const GKE_TARGET = 0.85;
/** The last capacity raise keeps the expected peak under target for this many days after asOf. */
const SAFE_DAYS = 75;

const isHolidaySeason = (d: Day): boolean => {
  const month = Number(d.slice(5, 7));
  const dom = Number(d.slice(8, 10));
  return (month === 11 && dom >= 15) || month === 12 || (month === 1 && dom <= 10);
};

const firstOfMonthOnOrAfter = (d: Day): Day => (d.endsWith('-01') ? d : addMonths(startOfMonth(d), 1));

interface Commitment extends DemoCommitment {
  readonly startIdx: number;
  readonly endIdx: number;
  /** Amortised cents per day. */
  readonly dailyCents: number;
  /** Usage plans: committed quantity per day in ten-thousandths. */
  readonly dailyUnits: number;
  readonly account: Account;
  readonly service: string;
  readonly sku: string;
}

interface Piece {
  readonly qtyUnits: number;
  readonly billed: number;
  readonly effective: number;
  readonly list: number;
  readonly commitment: Commitment | null;
}

export function generateDemo(options: DemoOptions): DemoDataset {
  const { asOf, random } = options;
  const from = addMonths(parseDay(asOf), -36);
  const to = asOf;
  const days = dayRange(from, to);
  const N = days.length;
  const dayAt = (i: number): Day => days[i] ?? addDays(from, i);
  const idx = (d: Day): number => daysBetween(from, d);
  const growth = (i: number): number => Math.exp((LN_GROWTH * i) / 365.25);

  // ── The migration: the recommender leaves Azure for Google Cloud on a Monday ~16 months ago ──
  let migrationDate = addMonths(asOf, -16);
  migrationDate = addDays(migrationDate, (8 - weekday(migrationDate)) % 7);
  while (isHolidaySeason(migrationDate)) migrationDate = addDays(migrationDate, 7);
  const mig = idx(migrationDate);

  const seriesById = new Map(SERIES.map((s) => [s.id, s]));
  const baseOf = (s: SeriesDef): number => {
    if (!s.migratedFrom) return s.baseQty;
    const src = seriesById.get(s.migratedFrom);
    if (!src) throw new Error(`series ${s.id} migrates from unknown ${s.migratedFrom}`);
    return (src.baseQty * src.price) / s.price;
  };
  const activeOn = (s: SeriesDef, i: number): boolean => (s.migration === 'before' ? i < mig : s.migration === 'after' ? i >= mig : true);

  // ── Demand: trend × calendar × AR(1) log-noise, per series ──────────────────────────────
  const qty: Float64Array[] = [];
  for (const s of SERIES) {
    const q = new Float64Array(N);
    const base = baseOf(s);
    const phi = 0.5;
    const innovation = s.sigma * Math.sqrt(1 - phi * phi);
    let e = 0;
    for (let i = 0; i < N; i++) {
      e = phi * e + innovation * standardNormal(random);
      if (s.nodePool || s.anomalyOnly || !activeOn(s, i)) continue;
      q[i] = base * growth(i) * calendarFactor(s.workload, dayAt(i)) * Math.exp(e);
    }
    qty.push(q);
  }
  const seriesIndex = (id: string): number => {
    const k = SERIES.findIndex((s) => s.id === id);
    if (k < 0) throw new Error(`unknown series ${id}`);
    return k;
  };
  const trendQty = (id: string, i: number): number => {
    const s = SERIES[seriesIndex(id)];
    return s ? baseOf(s) * growth(i) : 0;
  };

  // ── Capacity: EC2 vCPUs in use vs the vCPU quota; GKE CPU requests vs allocatable ─────────
  const quotaSeries = SERIES.map((s, k) => (s.ec2QuotaPool ? k : -1)).filter((k) => k >= 0);
  const ec2Peak = new Float64Array(N);
  const ec2Mean = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let vcpuHours = 0;
    for (const k of quotaSeries) vcpuHours += qty[k]?.[i] ?? 0;
    ec2Mean[i] = vcpuHours / 24;
    ec2Peak[i] = (vcpuHours / 24) * INTRADAY_PEAK * Math.exp(0.02 * standardNormal(random));
  }
  const k8sBase = 180;
  const k8sMigrated = 45;
  const k8sRequests = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const level = (k8sBase + (i >= mig ? k8sMigrated : 0)) * growth(i);
    k8sRequests[i] = level * calendarFactor('compute', dayAt(i)) * Math.exp(0.02 * standardNormal(random));
  }

  // Capacity is raised once a year, a week after Cyber Monday; the last raise (after the most
  // recent Black Friday at least two days back) follows a season in which the pools ran full.
  // Expected daily peak (trend × calendar, no noise) on any day index, past or future.
  const ec2Base = (quotaSeries.reduce((sum, k) => sum + baseOf(SERIES[k] as SeriesDef), 0) * INTRADAY_PEAK) / 24;
  const ec2Expected = (i: number): number => ec2Base * growth(i) * calendarFactor('compute', dayAt(i));
  const k8sExpected = (i: number): number => (k8sBase + (i >= mig ? k8sMigrated : 0)) * growth(i) * calendarFactor('compute', dayAt(i));
  const raises: number[] = [];
  let seasonStart = 0;
  for (let y = Number(from.slice(0, 4)); y <= Number(asOf.slice(0, 4)); y++) {
    if (blackFriday(y) < from || daysBetween(blackFriday(y), asOf) < 2) continue;
    raises.push(Math.min(idx(addDays(cyberMonday(y), 8)), N - 1));
    seasonStart = idx(addDays(thanksgiving(y), -7));
  }
  const ec2Quota = capacitySchedule({
    values: ec2Peak,
    floor: ec2Mean,
    breaks: raises,
    seasonStart,
    trendNow: ec2Expected(N) / calendarFactor('compute', dayAt(N)),
    expected: ec2Expected,
    target: EC2_TARGET,
    round: (x) => Math.ceil(x / 64) * 64,
    dayAt,
  });
  // The GKE cluster also got a node pool two weeks before the recommender moved in.
  const gke = capacitySchedule({
    values: k8sRequests,
    floor: null,
    breaks: [...raises, mig - 14].sort((x, y) => x - y),
    seasonStart,
    trendNow: k8sExpected(N) / calendarFactor('compute', dayAt(N)),
    expected: k8sExpected,
    target: GKE_TARGET,
    // The platform team sized the cluster on the trend and forgot the retail peaks.
    skipPeakSeason: true,
    round: (x) => Math.round(Math.ceil(x / NODE_ALLOCATABLE - 1e-9) * NODE_ALLOCATABLE * 10) / 10,
    dayAt,
  });
  const gkeIdx = seriesIndex('gcp/shop/us-central1/gke');
  const gkeQty = qty[gkeIdx] as Float64Array;
  for (let i = 0; i < N; i++) gkeQty[i] = (capacityAt(gke.steps, i) / NODE_ALLOCATABLE) * NODE_VCPUS * 24;

  // ── Anomalies: injected on fixed offsets from asOf, moved out of peaks and the migration ──
  interface AnomalySpec {
    readonly id: string;
    readonly description: string;
    readonly series: string;
    readonly offset: number;
    readonly days: number;
    readonly extra: (i: number) => number;
  }
  const anomalySpecs: AnomalySpec[] = [
    { id: 's3-request-storm', description: 'A replication rule loop multiplies S3 requests on the data lake ninefold for a day', series: 'aws/data/use1/s3-requests', offset: 800, days: 1, extra: (i) => 8 * trendQty('aws/data/use1/s3-requests', i) },
    { id: 'staging-gpu-load-test', description: 'Eight g5.2xlarge load-test instances left running in staging', series: 'aws/staging/use1/loadtest', offset: 400, days: 5, extra: () => 8 * 8 * 24 },
    { id: 'cdn-bot-traffic', description: 'A scraper bot drives CloudFront egress to 2.5× for two days', series: 'aws/shop/global/cloudfront', offset: 230, days: 2, extra: (i) => 1.5 * trendQty('aws/shop/global/cloudfront', i) },
    { id: 'bigquery-runaway-query', description: 'A scheduled BigQuery job without a partition filter scans 60 TiB a day', series: 'gcp/analytics/us-central1/bigquery', offset: 75, days: 3, extra: () => 60 },
    { id: 'azure-sql-scale-up', description: 'The CMS database is scaled to three times its vCores by mistake', series: 'azure/shop/eastus/sql-cms', offset: 12, days: 6, extra: (i) => 2 * trendQty('azure/shop/eastus/sql-cms', i) },
  ];
  const extra: Float64Array[] = SERIES.map(() => new Float64Array(N));
  const placed: { spec: AnomalySpec; start: number; end: number }[] = [];
  for (const spec of anomalySpecs) {
    let start = N - spec.offset;
    const clashes = (a: number): boolean => {
      if (a < 60) return false;
      for (let i = a; i < a + spec.days; i++) {
        if (isHolidaySeason(dayAt(i)) || Math.abs(i - mig) <= 21) return true;
        if (placed.some((p) => i >= p.start - 7 && i <= p.end + 7)) return true;
      }
      return false;
    };
    while (clashes(start)) start -= 7;
    if (start < 60) throw new Error(`no room for anomaly ${spec.id} in ${from}..${to}`);
    const k = seriesIndex(spec.series);
    for (let i = start; i < start + spec.days; i++) (extra[k] as Float64Array)[i] = spec.extra(i);
    placed.push({ spec, start, end: start + spec.days - 1 });
  }

  // ── Commitments ───────────────────────────────────────────────────────────────────────────
  const commitments: Commitment[] = [];
  const trendSum = (pred: (s: SeriesDef) => boolean, i: number, money: boolean): number =>
    SERIES.reduce((sum, s) => (pred(s) && activeOn(s, i) ? sum + baseOf(s) * growth(i) * (money ? s.price : 1) : sum), 0);
  const TROUGH = 0.85;

  // AWS Savings Plans: a 3-year plan at the start and a monthly ladder of 1-year plans that keeps
  // the committed spend at 80 % of the trough of eligible on-demand spend.
  const spEligible = (s: SeriesDef): boolean => s.commitment === 'aws-sp' && s.unit === 'vCPU-Hours';
  const firstMonth = firstOfMonthOnOrAfter(from);
  let firstDecemberSeen = false;
  for (let m = firstMonth; m < to; m = addMonths(m, 1)) {
    const i = idx(m);
    const troughOd = TROUGH * trendSum(spEligible, i, true);
    const plans: { term: number; discount: number; hourlyCents: number; note?: string }[] = [];
    if (m === firstMonth) plans.push({ term: 36, discount: 0.45, hourlyCents: Math.floor(((0.45 * troughOd) / 24) * (1 - 0.45) * 100) });
    const odPerDay = (hourlyCents: number, discount: number): number => ((hourlyCents / 100) * 24) / (1 - discount);
    const covered = (): number =>
      commitments.filter((c) => c.provider === 'AWS' && c.startIdx <= i && i < c.endIdx).reduce((sum, c) => sum + odPerDay(c.dailyCents / 24, c.discount), 0) +
      plans.reduce((sum, p) => sum + odPerDay(p.hourlyCents, p.discount), 0);
    let target = 0.8 * troughOd;
    let note: string | undefined;
    if (m.endsWith('-12-01') && m !== firstMonth && !firstDecemberSeen) {
      firstDecemberSeen = true;
      target *= 1.4;
      note = 'Renewal sized on Black Friday week usage: over-commits, leaving Unused rows on quiet days until growth catches up.';
    }
    const hourlyCents = Math.floor(((target - covered()) / 24) * (1 - 0.28) * 100);
    if (hourlyCents >= 50) plans.push({ term: 12, discount: 0.28, hourlyCents, ...(note ? { note } : {}) });
    for (const p of plans) {
      const end = addMonths(m, p.term);
      const id = `arn:aws:savingsplans::${ACCOUNTS.awsShop.subAccountId}:savingsplan/cw-${m.slice(0, 7)}-${p.term / 12}y`;
      commitments.push({
        id,
        provider: 'AWS',
        type: 'Savings Plan',
        category: 'Spend',
        billingAccountId: ACCOUNTS.awsShop.billingAccountId,
        subAccountId: ACCOUNTS.awsShop.subAccountId,
        region: null,
        start: m,
        end,
        termMonths: p.term,
        payment: 'recurring',
        discount: p.discount,
        hourlyCommitment: p.hourlyCents / 100,
        dailyQuantity: null,
        unit: 'USD',
        dailyAmortized: (p.hourlyCents * 24) / 100,
        totalCost: (p.hourlyCents * 24 * daysBetween(m, end)) / 100,
        covers: 'EC2 m6i/c6i instance usage in us-east-1, all accounts',
        ...(p.note ? { note: p.note } : {}),
        startIdx: i,
        endIdx: idx(end),
        dailyCents: p.hourlyCents * 24,
        dailyUnits: 0,
        account: ACCOUNTS.awsShop,
        service: 'Savings Plans for AWS Compute usage',
        sku: `ComputeSavingsPlans:${p.term / 12}yr-NoUpfront`,
      });
    }
  }

  // Usage-based plans: an Azure VM reservation (paid upfront) bought seven months before the
  // migration, and Google Cloud CUDs (billed daily) for the recommender's new home.
  const usagePlan = (p: {
    id: string;
    provider: 'Microsoft' | 'Google Cloud';
    type: string;
    account: Account;
    region: string;
    start: Day;
    eligible: (s: SeriesDef) => boolean;
    share: number;
    blockQty: number;
    listPrice: number;
    discount: number;
    payment: 'recurring' | 'upfront';
    service: string;
    sku: string;
    covers: string;
    note?: string;
  }): Commitment => {
    const i = idx(p.start);
    const end = addMonths(p.start, 12);
    const dailyQty = Math.floor((p.share * TROUGH * trendSum(p.eligible, i, false)) / p.blockQty) * p.blockQty;
    const dailyCents = Math.round(dailyQty * p.listPrice * (1 - p.discount) * 100);
    return {
      id: p.id,
      provider: p.provider,
      type: p.type,
      category: 'Usage',
      billingAccountId: p.account.billingAccountId,
      subAccountId: p.account.subAccountId,
      region: p.region,
      start: p.start,
      end,
      termMonths: 12,
      payment: p.payment,
      discount: p.discount,
      hourlyCommitment: null,
      dailyQuantity: dailyQty,
      unit: 'vCPU-Hours',
      dailyAmortized: dailyCents / 100,
      totalCost: (dailyCents * daysBetween(p.start, end)) / 100,
      covers: p.covers,
      ...(p.note ? { note: p.note } : {}),
      startIdx: i,
      endIdx: idx(end),
      dailyCents,
      dailyUnits: dailyQty * QTY_SCALE,
      account: p.account,
      service: p.service,
      sku: p.sku,
    };
  };
  const azureReservation = (n: number, start: Day, covers: string, note: string): Commitment =>
    usagePlan({
      id: `/providers/Microsoft.Capacity/reservationOrders/5e3c1a2b-cart-wheel-000${n}-d4sv5eastus01/reservations/7a9b0c1d-cart-wheel-000${n}-000000000001`,
      provider: 'Microsoft',
      type: 'Reservation',
      account: ACCOUNTS.azShop,
      region: 'eastus',
      start,
      eligible: (s) => s.commitment === 'azure-ri',
      share: 0.7,
      blockQty: 4 * 24,
      listPrice: 0.048,
      discount: 0.41,
      payment: 'upfront',
      service: 'Virtual Machines',
      sku: 'Reserved VM Instance, Standard_D4s_v5, US East, 1 Year',
      covers,
      note,
    });
  const firstRi = azureReservation(1, startOfMonth(addMonths(migrationDate, -7)), 'Dsv5 VM vCPU-hours in eastus (CMS and recommender)', 'Half of it goes unused after the recommender moves to Google Cloud.');
  commitments.push(firstRi);
  // Renewed for the CMS alone, paid upfront: its term runs past asOf, so billed exceeds amortised.
  if (firstRi.end < to) commitments.push(azureReservation(2, firstRi.end, 'Dsv5 VM vCPU-hours in eastus (CMS)', 'Renewal sized for the CMS alone; paid upfront, amortised daily.'));
  let cudStart = firstOfMonthOnOrAfter(addDays(migrationDate, 28));
  for (let n = 1; cudStart < to && n <= 2; n++) {
    const cud = usagePlan({
      id: `projects/cartwheel-analytics/regions/us-central1/commitments/cud-n2-${n}`,
      provider: 'Google Cloud',
      type: 'Committed Use Discount',
      account: ACCOUNTS.gcpAnalytics,
      region: 'us-central1',
      start: cudStart,
      eligible: (s) => s.commitment === 'gcp-cud',
      share: 0.7,
      blockQty: 24,
      listPrice: 0.0316,
      discount: 0.37,
      payment: 'recurring',
      service: 'Compute Engine',
      sku: 'Commitment v1: N2 Cpu in Americas for 1 Year',
      covers: 'N2 vCPU-hours in us-central1 (ETL and recommender)',
    });
    commitments.push(cud);
    cudStart = cud.end;
  }
  const byPool = {
    'aws-sp': commitments.filter((c) => c.provider === 'AWS'),
    'azure-ri': commitments.filter((c) => c.provider === 'Microsoft'),
    'gcp-cud': commitments.filter((c) => c.provider === 'Google Cloud'),
  } as const;

  // ── Rows ──────────────────────────────────────────────────────────────────────────────────
  const rows: ChargeRow[] = [];
  let billedCents = 0;
  let effectiveCents = 0;
  const awsMonthBilled = new Map<string, number>(); // `${sub}|${month}` → cents
  const push = (r: ChargeRow, billed: number, effective: number): void => {
    rows.push(r);
    billedCents += billed;
    effectiveCents += effective;
  };
  const usageRow = (s: SeriesDef, day: Day, p: Piece): ChargeRow =>
    chargeRow(s.account, day, {
      service: s.service,
      category: s.category,
      region: s.region,
      resource: s.resourceId,
      sku: s.sku,
      chargeCategory: 'Usage',
      frequency: 'Usage-Based',
      pricing: p.commitment ? 'Committed' : 'Standard',
      commitment: p.commitment,
      status: p.commitment ? 'Used' : null,
      billed: p.billed,
      effective: p.effective,
      list: p.list,
      qtyUnits: p.qtyUnits,
      unit: s.unit,
      tags: s.tags,
    });

  // Daily billed usage+purchases per Google Cloud project (tax base) and the recommender's
  // on-demand compute (credit base).
  const gcpDayBilled = new Map<string, number>();
  const gcpCreditStart = mig;
  const gcpCreditEnd = Math.min(mig + 180, N);
  const recommenderGce = seriesIndex('gcp/analytics/us-central1/gce-recommender');
  let gcpCreditTotal = 0;
  const anomalyNoExtraCents = new Map<string, number>(); // `${anomaly}|${i}` → cents without the anomaly
  const anomalyCents = new Map<string, number>();

  for (let i = 0; i < N; i++) {
    const day = dayAt(i);
    gcpDayBilled.clear();
    let recommenderBilled = 0;
    const pools: Record<'aws-sp' | 'azure-ri' | 'gcp-cud', { s: SeriesDef; units: number }[]> = { 'aws-sp': [], 'azure-ri': [], 'gcp-cud': [] };
    const billedTo = (a: Account, c: number): void => {
      if (a.provider === 'AWS') {
        const key = `${a.subAccountId}|${day.slice(0, 7)}`;
        awsMonthBilled.set(key, (awsMonthBilled.get(key) ?? 0) + c);
      } else if (a.provider === 'Google Cloud') gcpDayBilled.set(a.subAccountId, (gcpDayBilled.get(a.subAccountId) ?? 0) + c);
    };

    for (let k = 0; k < SERIES.length; k++) {
      const s = SERIES[k] as SeriesDef;
      const q = (qty[k]?.[i] ?? 0) + (extra[k]?.[i] ?? 0);
      const units = Math.round(q * QTY_SCALE);
      if (units <= 0) continue;
      if (s.commitment) {
        pools[s.commitment].push({ s, units });
        continue;
      }
      const c = costCents(units, s.price);
      push(usageRow(s, day, { qtyUnits: units, billed: c, effective: c, list: c, commitment: null }), c, c);
      billedTo(s.account, c);
      if ((extra[k]?.[i] ?? 0) > 0) {
        const a = placed.find((p) => p.spec.series === s.id && i >= p.start && i <= p.end);
        if (a) {
          anomalyCents.set(`${a.spec.id}|${i}`, c);
          anomalyNoExtraCents.set(`${a.spec.id}|${i}`, costCents(Math.round((qty[k]?.[i] ?? 0) * QTY_SCALE), s.price));
        }
      }
    }

    // Commitment coverage, FOCUS amortisation model: covered usage has BilledCost 0 and the
    // amortised EffectiveCost; what the commitment did not cover that day is one Unused row.
    for (const pool of ['aws-sp', 'azure-ri', 'gcp-cud'] as const) {
      const active = byPool[pool].filter((c) => c.startIdx <= i && i < c.endIdx);
      const remainingCents = active.map((c) => c.dailyCents);
      const usedUnits = active.map(() => 0);
      const usedCents = active.map(() => 0);
      for (const { s, units } of pools[pool]) {
        let left = units;
        const pieces: Piece[] = [];
        for (let j = 0; j < active.length && left > 0; j++) {
          const c = active[j] as Commitment;
          if (c.category === 'Spend') {
            const rem = remainingCents[j] ?? 0;
            if (rem <= 0) continue;
            const centsPerUnit = (s.price * (1 - c.discount) * 100) / QTY_SCALE;
            const maxUnits = Math.floor(rem / centsPerUnit);
            const take = Math.min(left, maxUnits);
            const cents = take === left ? Math.min(rem, Math.round(take * centsPerUnit)) : rem;
            remainingCents[j] = rem - cents;
            usedCents[j] = (usedCents[j] ?? 0) + cents;
            pieces.push({ qtyUnits: take, billed: 0, effective: cents, list: costCents(take, s.price), commitment: c });
            left -= take;
          } else {
            const done = usedUnits[j] ?? 0;
            const take = Math.min(left, c.dailyUnits - done);
            if (take <= 0) continue;
            const cents = Math.round((c.dailyCents * (done + take)) / c.dailyUnits) - (usedCents[j] ?? 0);
            usedUnits[j] = done + take;
            usedCents[j] = (usedCents[j] ?? 0) + cents;
            pieces.push({ qtyUnits: take, billed: 0, effective: cents, list: costCents(take, s.price), commitment: c });
            left -= take;
          }
        }
        if (left > 0) {
          const c = costCents(left, s.price);
          pieces.push({ qtyUnits: left, billed: c, effective: c, list: c, commitment: null });
          billedTo(s.account, c);
          if (s.id === SERIES[recommenderGce]?.id) recommenderBilled += c;
        }
        for (const p of pieces) push(usageRow(s, day, p), p.billed, p.effective);
      }
      active.forEach((c, j) => {
        const unused = c.dailyCents - (usedCents[j] ?? 0);
        if (unused <= 0) return;
        const r = chargeRow(c.account, day, { service: c.service, category: 'Compute', region: c.region, resource: c.id, sku: c.sku, chargeCategory: 'Usage', frequency: 'Usage-Based', pricing: 'Committed', commitment: c, status: 'Unused', billed: 0, effective: unused, list: null, qtyUnits: null, unit: null, tags: NO_TAGS });
        push(r, 0, unused);
      });
      // Purchase rows: recurring fees every day of the term; an upfront payment on its first day.
      for (const c of active) {
        const billed = c.payment === 'recurring' ? c.dailyCents : i === c.startIdx ? c.dailyCents * (c.endIdx - c.startIdx) : 0;
        if (billed === 0) continue;
        const frequency = c.payment === 'recurring' ? 'Recurring' : 'One-Time';
        const r = chargeRow(c.account, day, { service: c.service, category: 'Compute', region: c.region, resource: c.id, sku: c.sku, chargeCategory: 'Purchase', frequency, pricing: 'Standard', commitment: c, status: null, billed, effective: 0, list: billed, qtyUnits: null, unit: null, tags: NO_TAGS });
        push(r, billed, 0);
        billedTo(c.account, billed);
      }
    }

    // Google Cloud migration credits: 25 % of the recommender's on-demand compute for 180 days.
    if (i >= gcpCreditStart && i < gcpCreditEnd && recommenderBilled > 0) {
      const credit = -Math.round(recommenderBilled * 0.25);
      gcpCreditTotal += credit;
      const s = SERIES[recommenderGce] as SeriesDef;
      const r = chargeRow(s.account, day, { service: s.service, category: s.category, region: s.region, resource: null, sku: 'Promotion: Rapid Migration Program credit', chargeCategory: 'Credit', frequency: 'Usage-Based', pricing: null, commitment: null, status: null, billed: credit, effective: credit, list: null, qtyUnits: null, unit: null, tags: s.tags });
      push(r, credit, credit);
    }

    // Google Cloud tax: daily per project on billed usage and purchases.
    for (const a of [ACCOUNTS.gcpShop, ACCOUNTS.gcpAnalytics]) {
      const taxBase = gcpDayBilled.get(a.subAccountId) ?? 0;
      const tax = Math.round(taxBase * TAX_RATES['Google Cloud']);
      if (tax > 0) push(taxRow(a, day, tax, 'Usage-Based'), tax, tax);
    }
  }

  // AWS service credit after an EC2 incident.
  let awsCreditDay = N - 500;
  while (isHolidaySeason(dayAt(awsCreditDay)) || placed.some((p) => Math.abs(p.start - awsCreditDay) <= 14)) awsCreditDay -= 7;
  const awsCredit = -250_000;
  push(
    chargeRow(ACCOUNTS.awsShop, dayAt(awsCreditDay), { service: 'Amazon Elastic Compute Cloud', category: 'Compute', region: 'us-east-1', resource: null, sku: 'SLA Credit', chargeCategory: 'Credit', frequency: 'One-Time', pricing: null, commitment: null, status: null, billed: awsCredit, effective: awsCredit, list: null, qtyUnits: null, unit: null, tags: NO_TAGS }),
    awsCredit,
    awsCredit,
  );

  // AWS tax: one row per linked account per complete month, dated the first of the month.
  for (let m = firstMonth; addMonths(m, 1) <= to; m = addMonths(m, 1)) {
    for (const a of [ACCOUNTS.awsShop, ACCOUNTS.awsData, ACCOUNTS.awsStaging]) {
      const tax = Math.round((awsMonthBilled.get(`${a.subAccountId}|${m.slice(0, 7)}`) ?? 0) * TAX_RATES.AWS);
      if (tax > 0) push(taxRow(a, m, tax, 'Recurring'), tax, tax);
    }
  }

  // Stable sort by day (tax and the SLA credit were appended after the daily loop).
  const ordered = rows.map((r, n) => ({ r, n })).sort((x, y) => (x.r.ChargePeriodStart < y.r.ChargePeriodStart ? -1 : x.r.ChargePeriodStart > y.r.ChargePeriodStart ? 1 : x.n - y.n)).map((x) => x.r);

  // ── Ground truth ──────────────────────────────────────────────────────────────────────────
  const scopeOf = (s: SeriesDef): DemoScope => ({
    provider: s.account.provider,
    billing_account: s.account.billingAccountId,
    sub_account: s.account.subAccountId,
    service: s.service,
    region: s.region ?? '',
  });
  const inScope = (r: ChargeRow, sc: DemoScope): boolean =>
    r.ChargeCategory === 'Usage' && r.ProviderName === sc.provider && r.BillingAccountId === sc.billing_account && r.SubAccountId === sc.sub_account && r.ServiceName === sc.service && (r.RegionId ?? '') === sc.region;
  const anomalyDays = new Map<Day, typeof placed>();
  for (const p of placed) for (let i = p.start; i <= p.end; i++) anomalyDays.set(dayAt(i), [...(anomalyDays.get(dayAt(i)) ?? []), p]);
  const scopeActual = new Map<string, number>();
  for (const r of ordered) {
    const hits = anomalyDays.get(r.ChargePeriodStart);
    if (!hits) continue;
    for (const p of hits) {
      const s = seriesById.get(p.spec.series) as SeriesDef;
      if (inScope(r, scopeOf(s))) {
        const key = `${p.spec.id}|${idx(r.ChargePeriodStart)}`;
        scopeActual.set(key, (scopeActual.get(key) ?? 0) + Math.round(Number(r.EffectiveCost) * 100));
      }
    }
  }
  const anomalies: DemoAnomaly[] = placed.map((p) => {
    const s = seriesById.get(p.spec.series) as SeriesDef;
    let actual = 0;
    let impact = 0;
    const daily: { day: Day; impact: number }[] = [];
    for (let i = p.start; i <= p.end; i++) {
      const key = `${p.spec.id}|${i}`;
      const d = (anomalyCents.get(key) ?? 0) - (anomalyNoExtraCents.get(key) ?? 0);
      actual += scopeActual.get(key) ?? 0;
      impact += d;
      daily.push({ day: dayAt(i), impact: d / 100 });
    }
    return {
      id: p.spec.id,
      description: p.spec.description,
      start: dayAt(p.start),
      end: dayAt(p.end),
      scope: scopeOf(s),
      expected: (actual - impact) / 100,
      actual: actual / 100,
      impact: impact / 100,
      dailyImpact: daily,
    };
  });

  const recommender = SERIES[recommenderGce] as SeriesDef;
  const credits: DemoCredit[] = [
    {
      description: 'AWS SLA credit after an EC2 incident',
      start: dayAt(awsCreditDay),
      end: dayAt(awsCreditDay),
      scope: { provider: 'AWS', billing_account: ACCOUNTS.awsShop.billingAccountId, sub_account: ACCOUNTS.awsShop.subAccountId, service: 'Amazon Elastic Compute Cloud', region: 'us-east-1' },
      amount: awsCredit / 100,
    },
    {
      description: 'Google Cloud migration credits: 25 % of the recommender’s on-demand Compute Engine cost for 180 days',
      start: dayAt(gcpCreditStart),
      end: dayAt(gcpCreditEnd - 1),
      scope: scopeOf(recommender),
      amount: gcpCreditTotal / 100,
    },
  ];

  const peaks: RetailPeaks[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const p = retailPeaks(y);
    if (p.thanksgiving >= from && p.cyberMonday < to) peaks.push(p);
  }

  // ── Metrics and pools ─────────────────────────────────────────────────────────────────────
  const ts = (i: number): string => `${dayAt(i)}T00:00:00.000Z`;
  const daily = (values: ArrayLike<number>, digits: number): { ts: string; value: number }[] =>
    Array.from({ length: N }, (_, i) => ({ ts: ts(i), value: Number((values[i] ?? 0).toFixed(digits)) }));
  const stepSeries = (steps: readonly { i: number; value: number }[]): { ts: string; value: number }[] => Array.from({ length: N }, (_, i) => ({ ts: ts(i), value: capacityAt(steps, i) }));
  const ec2Labels = { account_id: ACCOUNTS.awsShop.subAccountId, region: 'us-east-1' };
  const k8sLabels = { cluster: 'shop-gke-prod', resource: 'cpu' };
  const metrics: DemoMetricSeries[] = [
    { name: 'aws_ec2_vcpus_in_use', labels: { ...ec2Labels, quota_code: 'L-1216C47A' }, unit: 'vCPU', aggregation: 'max', points: daily(ec2Quota.values.map(Math.round), 0) },
    { name: 'aws_ec2_vcpu_quota', labels: { ...ec2Labels, quota_code: 'L-1216C47A' }, unit: 'vCPU', aggregation: 'last', points: stepSeries(ec2Quota.steps) },
    { name: 'kube_pod_container_resource_requests', labels: { ...k8sLabels, unit: 'core' }, unit: 'core', aggregation: 'max', points: daily(gke.values, 2) },
    { name: 'kube_node_status_allocatable', labels: { ...k8sLabels, unit: 'core' }, unit: 'core', aggregation: 'last', points: stepSeries(gke.steps) },
  ];
  const toSteps = (steps: readonly { i: number; value: number }[]): CapacityStep[] => steps.map((s) => ({ from: dayAt(s.i), capacity: s.value }));
  const pools: DemoPoolDefinition[] = [
    {
      name: 'aws-ec2-vcpu-us-east-1',
      description: 'Running On-Demand Standard instances vCPU quota (L-1216C47A) of cartwheel-shop-prod in us-east-1',
      metric: 'aws_ec2_vcpus_in_use',
      labels: { ...ec2Labels, quota_code: 'L-1216C47A' },
      capacity: toSteps(ec2Quota.steps),
      target: EC2_TARGET,
      leadTimeDays: 14,
      unit: 'vCPU',
      currency: 'USD',
    },
    {
      name: 'gke-shop-prod-cpu',
      description: 'CPU requests of the shop-gke-prod cluster against its allocatable cores (n2-standard-16 nodes)',
      metric: 'kube_pod_container_resource_requests',
      labels: { ...k8sLabels, unit: 'core' },
      capacity: toSteps(gke.steps),
      target: GKE_TARGET,
      leadTimeDays: 21,
      unit: 'core',
      costPerUnit: Math.round((NODE_VCPUS / NODE_ALLOCATABLE) * 0.0316 * 730 * 100) / 100,
      currency: 'USD',
    },
  ];
  const poolTruth = (name: string, sched: Schedule, expected: (i: number) => number, target: number): DemoPoolTruth => {
    const cap = capacityAt(sched.steps, N);
    const firstAbove = (level: number): Day | null => {
      for (let i = N; i < N + 730; i++) if (expected(i) > level) return dayAt(i);
      return null;
    };
    return {
      pool: name,
      trendAtAsOf: Math.round(sched.trendNow * 100) / 100,
      capacityAtAsOf: cap,
      expectedTargetCrossing: firstAbove(target * cap),
      expectedExhaustion: firstAbove(cap),
      cappedDays: sched.capped.map(dayAt),
    };
  };

  const migratedList = SERIES.filter((s) => s.migration === 'before').reduce((sum, s) => sum + s.baseQty * s.price * growth(mig), 0);
  return {
    from,
    to,
    charges: ordered,
    metrics,
    pools,
    truth: {
      company: 'Cartwheel Commerce',
      from,
      to,
      annualGrowth: ANNUAL_GROWTH,
      weeklyProfiles: WEEKLY,
      peaks,
      migration: {
        date: migrationDate,
        workload: 'recommender',
        from: { provider: 'Microsoft', sub_account: ACCOUNTS.azAnalytics.subAccountId },
        to: { provider: 'Google Cloud', sub_account: ACCOUNTS.gcpAnalytics.subAccountId },
        dailyListCostMoved: Math.round(migratedList * 100) / 100,
      },
      commitments: commitments.map(publicCommitment),
      credits,
      anomalies,
      pools: [poolTruth('aws-ec2-vcpu-us-east-1', ec2Quota, ec2Expected, EC2_TARGET), poolTruth('gke-shop-prod-cpu', gke, k8sExpected, GKE_TARGET)],
      taxRates: TAX_RATES,
    },
    totals: { currency: 'USD', billedCents, effectiveCents, rows: ordered.length },
  };
}

function publicCommitment(c: Commitment): DemoCommitment {
  const { startIdx: _s, endIdx: _e, dailyCents: _d, dailyUnits: _u, account: _a, service: _v, sku: _k, ...rest } = c;
  return rest;
}

function taxRow(a: Account, day: Day, cents: number, frequency: 'Recurring' | 'Usage-Based'): ChargeRow {
  return chargeRow(a, day, { service: null, category: null, region: null, resource: null, sku: null, chargeCategory: 'Tax', frequency, pricing: null, commitment: null, status: null, billed: cents, effective: cents, list: null, qtyUnits: null, unit: null, tags: NO_TAGS });
}

interface Schedule {
  readonly steps: readonly { i: number; value: number }[];
  /** The metric after capping at the capacity in force. */
  readonly values: number[];
  readonly capped: number[];
  readonly trendNow: number;
}

const capacityAt = (steps: readonly { i: number; value: number }[], i: number): number => {
  let v = steps[0]?.value ?? 0;
  for (const s of steps) if (s.i <= i) v = s.value;
  return v;
};

/**
 * The capacity story both pools share. Capacity steps up at each break; each period gets ~5 %
 * headroom over its own peak, except the one holding the last retail season: it falls 15 % short
 * of that season's peak, so the Black Friday/Cyber Monday peak is capped at it (`capped`). The last step is sized to 78 % utilisation at the trend of `asOf` (or 95 % of any
 * later peak), so that on trend the pool runs out within about a year.
 */
function capacitySchedule(o: {
  values: Float64Array;
  /** A lower bound the capacity must respect (EC2: the daily mean vCPUs, which cannot exceed the quota). */
  floor: Float64Array | null;
  /** Days (indices, ascending) on which capacity is raised; the last is the raise after the last season. */
  breaks: readonly number[];
  seasonStart: number;
  trendNow: number;
  /** Expected peak (trend × calendar) on a day index, including days after the data. */
  expected: (i: number) => number;
  target: number;
  /** Size the last raise without the Thanksgiving–Cyber Monday days ahead (a planning miss). */
  skipPeakSeason?: boolean;
  round: (x: number) => number;
  dayAt: (i: number) => Day;
}): Schedule {
  const N = o.values.length;
  const maxOf = (arr: Float64Array, a: number, b: number): number => {
    let m = 0;
    for (let i = Math.max(0, a); i < Math.min(b, N); i++) m = Math.max(m, arr[i] ?? 0);
    return m;
  };
  const starts = [0, ...o.breaks.filter((b) => b > 0 && b < N)];
  const values = Array.from(o.values);
  const capped: number[] = [];
  const steps: { i: number; value: number }[] = [];
  let prev = 0;
  starts.forEach((start, j) => {
    const end = starts[j + 1] ?? N;
    let value: number;
    if (j === starts.length - 1) {
      let ahead = 0;
      for (let i = N; i < N + SAFE_DAYS; i++) {
        const day = o.dayAt(i);
        const d = daysBetween(thanksgiving(Number(day.slice(0, 4))), day);
        if (o.skipPeakSeason && d >= -7 && d <= 5) continue;
        ahead = Math.max(ahead, o.expected(i));
      }
      value = Math.max(o.round(ahead / o.target), o.round(maxOf(o.values, start, N) / 0.95));
    } else if (j === starts.length - 2 && start < o.seasonStart) {
      value = o.round(0.85 * maxOf(o.values, o.seasonStart, end));
      if (o.floor) value = Math.max(value, o.round(maxOf(o.floor, start, end)));
    } else {
      value = o.round(maxOf(o.values, start, end) / 0.95);
    }
    value = Math.max(value, prev);
    for (let i = start; i < end; i++) {
      if ((values[i] ?? 0) > value) {
        values[i] = value;
        capped.push(i);
      }
    }
    if (value > prev) steps.push({ i: start, value });
    prev = value;
  });
  return { steps, values, capped, trendNow: o.trendNow };
}
