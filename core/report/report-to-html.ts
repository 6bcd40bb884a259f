/**
 * Self-contained HTML rendering of a report (issue 8): inline CSS and an inline SVG chart
 * (monthly actuals as bars, forecast P50 as bars with the P10–P90 range as whiskers), no scripts,
 * no external requests. All text is HTML-escaped (names come from cloud accounts: hostile).
 */
import { scopeText, type Report } from './model';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const money = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '—');
const fix = (x: number): string => (Math.round(x * 10) / 10).toString();

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;margin:32px auto;max-width:980px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d5dde6;padding-bottom:4px}
.meta{color:#52606d}table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;border-bottom:1px solid #e4e9ef;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eef2f6}.stamp{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
svg text{font-size:11px;fill:#52606d}svg{max-width:100%;height:auto}.legend{color:#52606d;font-size:12px;margin:2px 0}.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}@media print{body{margin:0}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}`;

/** The monthly chart as inline SVG: actual bars, forecast P50 bars, P10–P90 whiskers. */
export function monthlyChartSvg(r: Report, width = 900, height = 260): string {
  const bars: { label: string; value: number; lo?: number; hi?: number; kind: 'actual' | 'forecast' }[] = [];
  const fcMonths = new Set(r.forecast.months.map((m) => m.month));
  for (const m of r.actuals.months) if (!fcMonths.has(m.month)) bars.push({ label: m.month.slice(0, 7), value: m.cost, kind: 'actual' });
  for (const m of r.forecast.months) bars.push({ label: m.month.slice(0, 7), value: m.p50, lo: m.p10, hi: m.p90, kind: 'forecast' });
  if (bars.length === 0) return '';
  const pad = { l: 70, r: 10, t: 10, b: 30 };
  const max = Math.max(...bars.map((b) => b.hi ?? b.value), 1);
  const w = (width - pad.l - pad.r) / bars.length;
  const y = (v: number): number => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  const parts: string[] = [`<svg role="img" aria-label="Monthly cost, actual and forecast" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    parts.push(`<line x1="${pad.l}" x2="${width - pad.r}" y1="${fix(y(v))}" y2="${fix(y(v))}" stroke="#e4e9ef"/><text x="${pad.l - 6}" y="${fix(y(v) + 4)}" text-anchor="end">${esc(money(v))}</text>`);
  }
  bars.forEach((b, i) => {
    const x = pad.l + i * w + w * 0.15;
    const bw = w * 0.7;
    const fill = b.kind === 'actual' ? '#4a7bb7' : '#a9c4e4';
    parts.push(`<rect class="${b.kind}" x="${fix(x)}" y="${fix(y(b.value))}" width="${fix(bw)}" height="${fix(y(0) - y(b.value))}" fill="${fill}"><title>${esc(`${b.label}: ${money(b.value)}`)}</title></rect>`);
    if (b.lo !== undefined && b.hi !== undefined) {
      const cx = fix(x + bw / 2);
      parts.push(`<line class="range" x1="${cx}" x2="${cx}" y1="${fix(y(b.hi))}" y2="${fix(y(b.lo))}" stroke="#1d2733" stroke-width="1.5"/>`);
    }
    parts.push(`<text x="${fix(x + bw / 2)}" y="${height - 10}" text-anchor="middle">${esc(b.label)}</text>`);
  });
  parts.push('</svg>');
  const legend = '<p class="legend"><span style="background:#4a7bb7"></span>actual <span style="background:#a9c4e4"></span>forecast P50 <b>|</b> P10–P90 range</p>';
  return parts.join('') + legend;
}

export function reportToHtmlText(r: Report): string {
  const row = (cells: string[], nums: boolean[]): string => `<tr>${cells.map((c, i) => `<td${nums[i] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`;
  const fc = r.forecast.months
    .map((m) => row([esc(m.month.slice(0, 7)), money(m.actual), String(m.forecastDays), money(m.p10), money(m.p50), money(m.p90)], [false, true, true, true, true, true]))
    .join('');
  const months = r.actuals.months;
  const svcHead = `<tr><th>Service</th>${months.map((m) => `<th class="n">${esc(m.month.slice(0, 7))}</th>`).join('')}<th class="n">Total</th></tr>`;
  const svc = r.actuals.services.map((s) => row([esc(s.name), ...months.map((_, j) => money(s.byMonth[j] ?? 0)), money(s.total)], [false, ...months.map(() => true), true])).join('');
  const totalRow = row(['<strong>Total</strong>', ...months.map((m) => money(m.cost)), money(r.actuals.total)], [false, ...months.map(() => true), true]);
  const cov = r.assumptions.coverage
    .map((c) => row([esc(c.name), esc(c.kind), String(c.rows), esc(c.firstDay ?? '—'), esc(c.lastDay ?? '—'), esc(c.lastImportAt ?? 'never')], [false, false, true, false, false, false]))
    .join('');
  const params = Object.entries(r.model.params).map(([k, v]) => `${esc(k)} = ${esc(String(v))}`).join(', ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(r.title)}</title><style>${CSS}</style></head><body>
<h1>${esc(r.title)}</h1>
<p class="meta">Scope: ${esc(scopeText(r.scope))} · ${esc(r.currency)} · ${r.view === 'effective' ? 'EffectiveCost (amortized)' : 'BilledCost'} · actuals ${esc(r.period.start)} to ${esc(r.period.end)} (exclusive) · forecast to ${esc(r.period.forecastEnd)} (exclusive) · generated ${esc(r.generatedAt)}</p>
<h2>Monthly cost</h2>
${monthlyChartSvg(r)}
<h2>Forecast by month</h2>
<table id="forecast"><thead><tr><th>Month</th><th class="n">Actual to date</th><th class="n">Forecast days</th><th class="n">P10</th><th class="n">P50</th><th class="n">P90</th></tr></thead><tbody>${fc}</tbody></table>
<h2>Actuals by service</h2>
<table id="actuals"><thead>${svcHead}</thead><tbody>${svc}${totalRow}</tbody></table>
<h2>Model</h2>
<p>${esc(r.model.spec)} (family ${esc(r.model.family)}, requested ${esc(r.model.requested)}), ${r.model.trainingDays} training days, season ${r.model.period} days, ${r.forecast.paths} sample paths, seed ${r.model.seed}${params ? `; parameters ${params}` : ''}.${r.model.backtest ? ` Backtest MASE ${r.model.backtest.mase.toFixed(3)}.` : ''}</p>
${r.model.warnings.length > 0 ? `<ul>${r.model.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
<h2>Assumptions</h2>
<table id="coverage"><thead><tr><th>Source</th><th>Kind</th><th class="n">Rows</th><th>First day</th><th>Last day</th><th>Last import</th></tr></thead><tbody>${cov}</tbody></table>
<ul>${r.assumptions.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
<h2>Reproducibility</h2>
<p>sha256 stamp of the input data slice and model specification: <span class="stamp" id="stamp">${esc(r.stamp)}</span></p>
</body></html>
`;
}

export function reportToHtml(r: Report): Uint8Array {
  return new TextEncoder().encode(reportToHtmlText(r));
}
