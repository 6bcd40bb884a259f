/**
 * Self-contained HTML rendering of a report (issue 8): inline CSS and inline SVG charts, no
 * scripts, no external requests. All text is HTML-escaped (names come from cloud accounts:
 * hostile). The same document is printed to PDF (A4, print CSS below): sections keep their
 * charts with their headings, and the methodology appendix starts on a new page.
 */
import { COLORS, bandChartSvg, esc, hbarsSvg, legend, monthBarsSvg, type MonthBar } from './charts';
import { methodology } from './methodology';
import { scopeText, type Report } from './model';
import { formatAmount, formatRate, type Day } from '../lib';
import { orderByStatus, type ReportSections } from './sections';

/** An amount in its currency's minor unit (ISO 4217): `1,234.57` USD, `1,235` JPY, `12.346` KWD. */
const money = (x: number, currency: string): string => formatAmount(x, currency);
/** An hourly commitment rate: the minor unit and one digit more when it has one (7.125 USD/h). */
const rate = (x: number, currency: string): string => formatRate(x, currency);
const whole = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '—');
const qty = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) >= 100 ? 0 : 2 }) : '—');
const pct = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(0)} %`);
const day = (d: string | null): string => esc(d ?? 'none');

/** Months of per-service actuals the HTML table shows (the XLSX and CSV carry every month). */
const SERVICE_MONTHS = 6;

const CSS = `*{box-sizing:border-box}body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2733;margin:24px auto;max-width:760px;padding:0 16px}
header.cover{border-bottom:3px solid #2f5d95;padding-bottom:10px;margin-bottom:6px}.brand{color:#2f5d95;font-weight:600;letter-spacing:.04em;text-transform:uppercase;font-size:11px}
h1{font-size:23px;margin:2px 0 4px}h2{font-size:16px;margin:22px 0 6px;padding-bottom:3px;border-bottom:1px solid #d5dde6;color:#1d2733}h3{font-size:13.5px;margin:14px 0 4px}
.meta{color:#5b6876;font-size:12px;margin:2px 0}.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:8px;margin:12px 0 4px}
.kpi{border:1px solid #d5dde6;border-radius:6px;padding:7px 9px;background:#f6f8fb}.kpi b{display:block;font-size:16px;margin-top:2px}.kpi span{color:#5b6876;font-size:11px}.kpi small{display:block;color:#5b6876;font-size:10.5px}
table{border-collapse:collapse;width:100%;margin:4px 0 6px;font-size:12px}th,td{padding:3px 6px;border-bottom:1px solid #e4e9ef;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#eef2f6;font-weight:600}tr.total td{font-weight:700;border-top:1px solid #9aa8b6}
.stamp{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:11px;word-break:break-all}.note{color:#5b6876;font-style:italic}
svg{max-width:100%;height:auto;display:block;margin:4px 0}svg text{font-size:10.5px;fill:#5b6876;font-family:inherit}
.legend{color:#5b6876;font-size:11px;margin:0 0 6px}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:-1px}.legend i:first-child{margin-left:0}
table.compact{font-size:10.5px}.id{word-break:break-all;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:9.5px}table.compact td:nth-child(3),#budgets td:nth-child(2){white-space:nowrap}#commitments td:first-child,#budgets td:first-child{min-width:170px}#budgets td:last-child,#anomalies td:first-child,#excluded td:first-child{white-space:nowrap}.sev-high{color:#c0392b;font-weight:600}.sev-medium{color:#d68910}.pos{color:#c0392b}.neg{color:#2e8b57}.pool{margin-top:10px}.facts{color:#1d2733;font-size:12px;margin:2px 0}
ul{margin:4px 0;padding-left:20px}li{margin:2px 0}.appendix h3{margin-top:10px}.appendix p{margin:4px 0 6px}
@media print{body{margin:0;max-width:none;padding:0}h2,h3{break-after:avoid}.keep,tr,.kpi{break-inside:avoid}section.appendix{break-before:page;font-size:11.5px}.appendix h3{margin-top:7px}.appendix p{margin:2px 0 4px}thead{display:table-header-group}}`;

const th = (names: readonly string[], numeric: readonly boolean[]): string => `<thead><tr>${names.map((n, i) => `<th${numeric[i] ? ' class="n"' : ''}>${n}</th>`).join('')}</tr></thead>`;
const tr = (cells: readonly string[], numeric: readonly boolean[], cls = ''): string => `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c, i) => `<td${numeric[i] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`;
const note = (n: string | null): string => (n ? `<p class="note">${esc(n)}</p>` : '');

/** The monthly chart: actual months not covered by the forecast, then forecast months. */
export function monthlyChartSvg(r: Report): string {
  const fcMonths = new Set(r.forecast.months.map((m) => m.month));
  const bars: MonthBar[] = [];
  for (const m of r.actuals.months) if (!fcMonths.has(m.month)) bars.push({ label: m.month.slice(0, 7), value: m.cost, kind: 'actual' });
  for (const m of r.forecast.months) bars.push({ label: m.month.slice(0, 7), value: m.p50, lo: m.p10, hi: m.p90, kind: 'forecast' });
  return monthBarsSvg(bars);
}

function kpis(r: Report): string {
  const tiles: string[] = [];
  const tile = (label: string, value: string, sub: string): string => `<div class="kpi"><span>${esc(label)}</span><b>${value}</b><small>${sub}</small></div>`;
  const fcMonths = new Set(r.forecast.months.map((m) => m.month));
  const lastFull = [...r.actuals.months].reverse().find((m) => !fcMonths.has(m.month));
  if (lastFull) tiles.push(tile(`Actual ${lastFull.month.slice(0, 7)}`, `${esc(r.currency)} ${whole(lastFull.cost)}`, `${lastFull.days} days`));
  const next = r.forecast.months.find((m) => m.actualDays === 0) ?? r.forecast.months[0];
  if (next) tiles.push(tile(`Forecast ${next.month.slice(0, 7)} (P50)`, `${esc(r.currency)} ${whole(next.p50)}`, `P10–P90 ${whole(next.p10)} – ${whole(next.p90)}`));
  const s = r.sections;
  if (s.budgets && s.budgets.items.length > 0) {
    const over = s.budgets.items.filter((b) => b.probabilityOver >= 0.5).length;
    tiles.push(tile('Budgets likely over', `${over} of ${s.budgets.items.length}`, `highest P(over) ${pct(s.budgets.items[0]?.probabilityOver ?? null)}`));
  }
  if (s.capacity && s.capacity.pools.length > 0) {
    const ordering = s.capacity.pools.filter((p) => p.orderBy !== null).sort((a, b) => (a.orderBy! < b.orderBy! ? -1 : a.orderBy! > b.orderBy! ? 1 : 0));
    const first = ordering[0];
    tiles.push(tile('Capacity: earliest order-by', first ? orderByText(first.orderBy, first.asOf) : 'none', `${ordering.length} of ${s.capacity.pools.length} pools need an order`));
  }
  // Savings in the report's currency only; scopes billed in another currency are in the section.
  const inCur = (s.commitments?.recommendations ?? []).filter((c) => c.currency === r.currency);
  if (inCur.length > 0) {
    const p50 = inCur.reduce((a, c) => a + c.savings.p50, 0);
    const terms = [...new Set(inCur.map((c) => c.term))].join(', ');
    tiles.push(tile('Commitment savings (P50)', `${esc(r.currency)} ${whole(p50)}`, `${inCur.length} recommendation(s), ${esc(terms)} term`));
  }
  if (s.anomalies && s.anomalies.total > 0) {
    tiles.push(tile('Anomalies found', String(s.anomalies.total), `largest impact ${esc(r.currency)} ${whole(s.anomalies.top[0]?.impact ?? NaN)}`));
  }
  return `<div class="kpis">${tiles.slice(0, 4).join('')}</div>`;
}

/**
 * An order-by date as HTML: on or before the pool's last day of data it has already passed, and
 * says so (as `headroom capacity` does) — a reader must not take it for a date still ahead.
 */
function orderByText(orderBy: Day | null, asOf: Day): string {
  if (orderBy === null) return day(null);
  return orderByStatus({ orderBy, asOf }) === 'overdue' ? `${esc(orderBy)} (overdue)` : esc(orderBy);
}

/**
 * A pool's monthly cost is in the pool's own currency, named beside the amount (it need not be the
 * report's); `currency`, the report's, only stands in for an item that names none.
 */
function capacitySection(c: NonNullable<ReportSections['capacity']>, currency: string): string {
  const numeric = [false, true, true, false, false, false, true, false, true];
  const rows = c.pools.map((p) =>
    tr([esc(p.name), `${qty(p.capacity)} ${esc(p.unit)}`, pct(p.target), day(p.exhaustion.p10), day(p.exhaustion.p50), day(p.exhaustion.p90), pct(p.exhaustionProbability), orderByText(p.orderBy, p.asOf), qty(p.neededCapacity)], numeric),
  );
  const table = c.pools.length > 0 ? `<table id="capacity">${th(['Pool', 'Capacity', 'Target', 'Exhaustion P10', 'P50', 'P90', 'P(cross)', 'Order by', 'Needed'], numeric)}<tbody>${rows.join('')}</tbody></table>` : '';
  const pools = c.pools.map((p) => {
    const recs = p.recommendations.map((x) =>
      x.kind === 'add_capacity'
        ? `<li>Add ${qty(x.add)} ${esc(p.unit)}${x.orderBy ? `, order by ${orderByText(x.orderBy, p.asOf)}` : ''}${x.monthlyCost !== null ? ` (${esc(x.currency ?? currency)} ${money(x.monthlyCost, x.currency ?? currency)} per month)` : ''}: ${esc(x.reason)}.</li>`
        : `<li>Scaling (${esc(x.target.toUpperCase())} ${esc(x.resource)}): min ${qty(x.min)}, max ${qty(x.max)}${x.scheduled > 0 ? `, ${x.scheduled} scheduled action(s)` : ''}.</li>`,
    );
    const chart = bandChartSvg(
      {
        historyStart: p.historyStart,
        history: p.history,
        forecastStart: p.forecastStart,
        p10: p.p10,
        p50: p.p50,
        p90: p.p90,
        steps: [
          { name: 'capacity', color: COLORS.muted, points: p.capacitySchedule.map((s) => ({ from: s.from, value: s.capacity })) },
          { name: `target ${pct(p.target)}`, color: COLORS.bad, points: p.capacitySchedule.map((s) => ({ from: s.from, value: s.capacity * p.target })) },
        ],
      },
      `Daily peak of ${p.name}: history, forecast P10–P90 and capacity`,
    );
    return `<div class="pool keep"><h3>${esc(p.name)}</h3><p class="facts">Capacity ${qty(p.capacity)} ${esc(p.unit)} at ${pct(p.target)} target, lead time ${p.leadTimeDays} days, horizon ${p.horizonDays} days, service level ${pct(p.serviceLevel)}; model ${esc(p.model)}. Exhaustion P10 ${day(p.exhaustion.p10)}, P50 ${day(p.exhaustion.p50)}, P90 ${day(p.exhaustion.p90)} (${pct(p.exhaustionProbability)} of futures cross); needed capacity ${qty(p.neededCapacity)} ${esc(p.unit)}.</p>${chart}${legend([[COLORS.actual, 'daily peak'], [COLORS.band, 'forecast P10–P90'], [COLORS.forecast, 'P50'], [COLORS.muted, 'capacity'], [COLORS.bad, 'target']])}${recs.length > 0 ? `<ul>${recs.join('')}</ul>` : '<p class="facts">No capacity to add within the horizon.</p>'}${p.warnings.map((w) => `<p class="note">${esc(w)}</p>`).join('')}</div>`;
  });
  return `<section id="s-capacity"><h2>Capacity</h2>${note(c.note)}${table}${pools.join('')}</section>`;
}

/** `AWS 2109… Compute (USD)` → `AWS 2109…` for chart labels (the table has the full scope). */
const shortScope = (scope: string): string => scope.replace(/ Compute \([A-Z]{3}\)$/, '');

/** Items by currency, in the order each currency first appears: each currency gets a chart of its own. */
function byCurrency<T extends { readonly currency: string }>(items: readonly T[]): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const list = m.get(x.currency);
    if (list) list.push(x);
    else m.set(x.currency, [x]);
  }
  return [...m.entries()];
}

/** A chart's currency above it, when a section draws several (one currency's charts need no caption). */
const chartCaption = (charts: number, text: string): string => (charts > 1 ? `<p class="facts chart-currency">${esc(text)}</p>` : '');

function commitmentsSection(c: NonNullable<ReportSections['commitments']>, currency: string): string {
  const numeric = [false, true, true, true, true, true, true, true];
  const rows = c.recommendations.map((x) =>
    tr([`${esc(x.scope)}<br><span class="note">${esc(x.term)} term, ${pct(x.discount)} discount</span>`, rate(x.hourlyCommitment, x.currency), money(x.savings.p10, x.currency), money(x.savings.p50, x.currency), money(x.savings.p90, x.currency), rate(x.trailing30dCommitment, x.currency), money(x.trailing30dSavings.p50, x.currency), pct(x.expectedUtilization)], numeric),
  );
  const table =
    c.recommendations.length > 0
      ? `<table id="commitments">${th(['Scope', 'Commit / h', 'Savings P10', 'P50', 'P90', 'Trailing-30d / h', 'Its savings P50', 'Exp. util.'], numeric)}<tbody>${rows.join('')}</tbody></table>`
      : '';
  // One chart per currency: savings in yen and in dollars never share an axis.
  const groups = byCurrency(c.recommendations);
  const chart = groups
    .map(([cur, recs]) => {
      const chartRows = recs.flatMap((x) => [
        { label: `${shortScope(x.scope)}: forecast`, value: x.savings.p50, lo: x.savings.p10, hi: x.savings.p90, color: COLORS.actual },
        { label: `${shortScope(x.scope)}: trailing 30 d`, value: x.trailing30dSavings.p50, lo: x.trailing30dSavings.p10, hi: x.trailing30dSavings.p90, color: COLORS.warn },
      ]);
      return `<div class="keep" data-currency="${esc(cur)}">${chartCaption(groups.length, `Savings over the term in ${cur}`)}${hbarsSvg('commitments', `Savings over the term (${cur}): forecast-sized vs trailing-30-day commitment`, chartRows, 680, 260)}${legend([[COLORS.actual, 'savings P50, forecast-sized'], [COLORS.warn, 'savings P50, trailing-30-day method'], [COLORS.band, 'P10–P90']])}</div>`;
    })
    .join('');
  const expiring =
    c.expiring.length > 0
      ? `<h3>Expiring commitments</h3><table id="expiring" class="compact">${th(['Commitment', 'Type', 'Expires', 'Covers / h', 'Added cost / h'], [false, false, false, true, true])}<tbody>${c.expiring
          .map((e) => tr([`<span class="id">${esc(e.id)}</span><br><span class="note">${esc(e.scope)}</span>`, esc(e.type), esc(e.expires), rate(e.coveredPerHour, e.currency), rate(e.addedCostPerHour, e.currency)], [false, false, false, true, true]))
          .join('')}</tbody></table>`
      : '';
  const notes = c.notes.length > 0 ? `<ul>${c.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<section id="s-commitments"><h2>Commitments</h2>${note(c.note)}${c.recommendations.length > 0 ? `<p class="facts">Recommended hourly commitments (${esc(currency)} unless the scope says otherwise) and their savings over the term versus on-demand, beside the trailing-30-day method on the same forecast.</p>` : ''}${table}${chart}${expiring}${notes}</section>`;
}

function budgetsSection(b: NonNullable<ReportSections['budgets']>): string {
  const numeric = [false, false, true, true, true, true, true, true, false];
  const rows = b.items.map((x) =>
    tr([`${esc(x.name)}<br><span class="note">${esc(x.scope)}</span>`, `${esc(x.period)}<br><span class="note">from ${esc(x.periodStart)}</span>`, `${esc(x.currency)} ${money(x.amount, x.currency)}`, money(x.actual, x.currency), money(x.forecast.p10, x.currency), money(x.forecast.p50, x.currency), money(x.forecast.p90, x.currency), pct(x.probabilityOver), day(x.likelyBreachDate)], numeric),
  );
  const table = b.items.length > 0 ? `<table id="budgets">${th(['Budget', 'Period', 'Amount', 'Actual', 'Forecast P10', 'P50', 'P90', 'P(over)', 'Likely breach'], numeric)}<tbody>${rows.join('')}</tbody></table>` : '';
  // One chart per currency: a euro budget is never drawn on the dollar axis.
  const groups = byCurrency(b.items);
  const chart = groups
    .map(([cur, items]) => `<div class="keep" data-currency="${esc(cur)}">${chartCaption(groups.length, `Budgets in ${cur}`)}${hbarsSvg('budgets', `Budgets (${cur}): actual to date, period forecast and amount`, items.map((x) => ({ label: x.name, value: x.actual, lo: x.forecast.p10, hi: x.forecast.p90, tick: x.forecast.p50, limit: x.amount })))}${legend([[COLORS.actual, 'actual to date'], [COLORS.band, 'period total P10–P90'], [COLORS.ink, 'P50'], [COLORS.bad, 'budget']])}</div>`)
    .join('');
  return `<section id="s-budgets"><h2>Budgets</h2>${note(b.note)}${table}${chart}</section>`;
}

function anomaliesSection(a: NonNullable<ReportSections['anomalies']>, currency: string): string {
  const numeric = [false, false, true, true, true, false, false];
  const rows = a.top.map((x) =>
    tr(
      [
        `${esc(x.start)}${x.end !== x.start ? `<br>– ${esc(x.end)}` : ''}`,
        `${esc(x.scope)}${x.drivers.length > 0 ? `<br><span class="note">drivers: ${x.drivers.map((d) => `${esc(d.name)} ${money(d.impact, x.currency)}`).join('; ')}</span>` : ''}${x.periodImpact ? `<br><span class="note">month-end ${esc(x.periodImpact.period)}${x.periodImpact.open ? ' (forecast)' : ''}: ${money(x.periodImpact.delta, x.currency)}</span>` : ''}`,
        money(x.expected, x.currency),
        money(x.actual, x.currency),
        `<span class="${x.impact >= 0 ? 'pos' : 'neg'}">${money(x.impact, x.currency)}</span>`,
        `<span class="sev-${x.severity}">${esc(x.severity)}</span>`,
        esc(x.label ?? '—'),
      ],
      numeric,
    ),
  );
  const table = a.top.length > 0 ? `<p class="facts">The ${a.top.length} largest of ${a.total} anomalies by absolute impact (${esc(currency)}).</p><table id="anomalies">${th(['Days', 'Series', 'Expected', 'Actual', 'Impact', 'Severity', 'Label'], numeric)}<tbody>${rows.join('')}</tbody></table>` : '';
  const chart =
    a.top.length > 0
      ? `<div class="keep">${hbarsSvg('anomalies', 'Anomaly impact (actual − expected)', a.top.map((x) => ({ label: `${x.start} ${x.scope.split(', ').at(-1) ?? x.scope}`, value: x.impact, color: x.impact >= 0 ? COLORS.bad : COLORS.good })), 680, 300)}${legend([[COLORS.bad, 'cost above expected'], [COLORS.good, 'cost below expected']])}</div>`
      : '';
  return `<section id="s-anomalies"><h2>Anomalies</h2>${note(a.note)}${table}${chart}</section>`;
}

function scenariosSection(s: NonNullable<ReportSections['scenarios']>): string {
  const numeric = [false, true, true, true, true];
  const items = s.items.map((x) => {
    const cur = x.currency;
    const rows = x.months.map((m) => tr([esc(m.month), money(m.baseline.p50, cur), money(m.scenario.p50, cur), money(m.scenario.p50 - m.baseline.p50, cur), `${money(m.scenario.p10, cur)} – ${money(m.scenario.p90, cur)}`], numeric));
    rows.push(tr(['Horizon total', money(x.total.baseline.p50, cur), money(x.total.scenario.p50, cur), money(x.total.scenario.p50 - x.total.baseline.p50, cur), `${money(x.total.scenario.p10, cur)} – ${money(x.total.scenario.p90, cur)}`], numeric, 'total'));
    const chart = hbarsSvg(
      'scenario',
      `Scenario ${x.name} vs baseline by month`,
      x.months.flatMap((m) => [
        { label: `${m.month} baseline`, value: m.baseline.p50, lo: m.baseline.p10, hi: m.baseline.p90, color: COLORS.forecast },
        { label: `${m.month} scenario`, value: m.scenario.p50, lo: m.scenario.p10, hi: m.scenario.p90, color: COLORS.scenario },
      ]),
      680,
      140,
    );
    return `<div><h3>${esc(x.name)}</h3><p class="facts">Scope ${esc(x.scope)} (${esc(x.currency)}), ${esc(x.start)} to ${esc(x.end)}; drivers: ${x.drivers.map((d) => `<code>${esc(d)}</code>`).join(', ')}.</p><table class="scenario">${th(['Month', 'Baseline P50', 'Scenario P50', 'Difference', 'Scenario P10 – P90'], numeric)}<tbody>${rows.join('')}</tbody></table><div class="keep">${chart}${legend([[COLORS.forecast, 'baseline P50'], [COLORS.scenario, 'scenario P50'], [COLORS.band, 'P10–P90']])}</div></div>`;
  });
  return `<section id="s-scenarios"><h2>Scenarios</h2>${note(s.note)}${items.join('')}</section>`;
}

export function reportToHtmlText(r: Report): string {
  const fcNum = [false, true, true, true, true, true];
  const fc = r.forecast.months.map((m) => tr([esc(m.month.slice(0, 7)), money(m.actual, r.currency), String(m.forecastDays), money(m.p10, r.currency), money(m.p50, r.currency), money(m.p90, r.currency)], fcNum)).join('');
  const shown = r.actuals.months.slice(-SERVICE_MONTHS);
  const off = r.actuals.months.length - shown.length;
  const svcNum = [false, ...shown.map(() => true), true];
  const svcHead = th(['Service', ...shown.map((m) => esc(m.month.slice(0, 7))), off > 0 ? 'Whole period' : 'Total'], svcNum);
  const svc = r.actuals.services.map((s) => tr([esc(s.name), ...shown.map((_, j) => money(s.byMonth[off + j] ?? 0, r.currency)), money(s.total, r.currency)], svcNum)).join('');
  const totalRow = tr(['Total', ...shown.map((m) => money(m.cost, r.currency)), money(r.actuals.total, r.currency)], svcNum, 'total');
  const covNum = [false, false, true, false, false, true, false];
  const cov = r.assumptions.coverage.map((c) => tr([esc(c.name), esc(c.kind), c.rows.toLocaleString('en-US'), esc(c.firstDay ?? '—'), esc(c.lastDay ?? '—'), c.lagDays === null ? '—' : String(c.lagDays), esc(c.lastImportAt ?? 'never')], covNum)).join('');
  const params = Object.entries(r.model.params).map(([k, v]) => `${esc(k)} = ${esc(String(Math.round(v * 1e4) / 1e4))}`).join(', ');
  const s = r.sections;
  const excluded = r.assumptions.excludedAnomalies;
  const exclNum = [false, false, false, true];
  const exclTable =
    excluded.length > 0
      ? `<h3>Excluded anomalies</h3><p class="facts">Labelled anomalies are one-off events: their days were left out of the forecast's training.</p><table id="excluded">${th(['Days', 'Series', 'Label', 'Impact'], exclNum)}<tbody>${excluded
          .map((a) => tr([`${esc(a.start)}${a.end !== a.start ? `<br>– ${esc(a.end)}` : ''}`, esc(a.scope), esc(a.label ?? ''), money(a.impact, a.currency)], exclNum))
          .join('')}</tbody></table>`
      : '<p class="facts">No labelled anomaly lies in the data window: no day was excluded as an anomaly.</p>';
  const drivers = r.assumptions.scenarioDrivers;
  const driverList = drivers.length > 0 ? `<h3>Scenario drivers</h3><ul id="drivers">${drivers.map((d) => `<li>${esc(d.scenario)}: <code>${esc(d.driver)}</code></li>`).join('')}</ul>` : '';
  const appendix = methodology(r)
    .map((t) => `<h3>${esc(t.title)}</h3>${t.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(r.title)}</title><style>${CSS}</style></head><body>
<header class="cover"><div class="brand">Headroom · cost and capacity report</div>
<h1>${esc(r.title)}</h1>
<p class="meta">Scope: ${esc(scopeText(r.scope))} · ${esc(r.currency)} · ${r.view === 'effective' ? 'EffectiveCost (amortized)' : 'BilledCost'} · actuals ${esc(r.period.start)} to ${esc(r.period.end)} (exclusive) · forecast to ${esc(r.period.forecastEnd)} (exclusive)</p>
<p class="meta">Generated ${esc(r.generatedAt)} · model ${esc(r.model.spec)} · stamp <span class="stamp">${esc(r.stamp.slice(0, 16))}…</span></p>
${kpis(r)}</header>
<section id="s-monthly"><h2>Monthly cost</h2><div class="keep">${monthlyChartSvg(r)}${legend([[COLORS.actual, 'actual'], [COLORS.forecast, 'forecast P50'], [COLORS.ink, 'P10–P90 range']])}</div>
<h3>Forecast by month</h3>
<table id="forecast">${th(['Month', 'Actual to date', 'Forecast days', 'P10', 'P50', 'P90'], fcNum)}<tbody>${fc}</tbody></table></section>
<section id="s-services"><h2>Actuals by service</h2>${off > 0 ? `<p class="facts">The last ${shown.length} months and the whole period from ${esc(r.period.start)}; the XLSX and CSV list every month.</p>` : ''}
<table id="actuals">${svcHead}<tbody>${svc}${totalRow}</tbody></table></section>
${s.capacity ? capacitySection(s.capacity, r.currency) : ''}
${s.commitments ? commitmentsSection(s.commitments, r.currency) : ''}
${s.budgets ? budgetsSection(s.budgets) : ''}
${s.anomalies ? anomaliesSection(s.anomalies, r.currency) : ''}
${s.scenarios ? scenariosSection(s.scenarios) : ''}
<section id="s-model"><h2>Model</h2>
<p>${esc(r.model.spec)} (family ${esc(r.model.family)}, requested ${esc(r.model.requested)}), ${r.model.trainingDays} training days, season ${r.model.period} days, ${r.forecast.paths} sample paths, seed ${r.model.seed}${params ? `; parameters ${params}` : ''}.${r.model.backtest ? ` Backtest MASE ${r.model.backtest.mase.toFixed(3)}.` : ''}</p>
${r.model.warnings.length > 0 ? `<ul>${r.model.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}</section>
<section id="s-assumptions"><h2>Assumptions</h2>
<h3>Data coverage and freshness</h3>
<table id="coverage">${th(['Source', 'Kind', 'Rows', 'First day', 'Last day', 'Days behind', 'Last import'], covNum)}<tbody>${cov}</tbody></table>
${exclTable}
${driverList}
<h3>Notes</h3>
<ul id="notes">${r.assumptions.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
<h3>Reproducibility</h3>
<p>SHA-256 stamp of the input data slice, plan inputs and model specification: <span class="stamp" id="stamp">${esc(r.stamp)}</span></p></section>
<section class="appendix" id="s-methodology"><h2>Appendix: methodology</h2>${appendix}</section>
</body></html>
`;
}

export function reportToHtml(r: Report): Uint8Array {
  return new TextEncoder().encode(reportToHtmlText(r));
}
