// @ts-expect-error jsdom ships no types, and core's tsconfig has no DOM lib: the few members used are typed below.
import { JSDOM as JSDOMUntyped } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildReport } from './model';
import { reportToHtml } from './report-to-html';
import type { SectionsInput } from './sections';
import { commitmentCurrencySections, lateOrderSections, poolCurrencySections, sampleCard, sampleInput, sampleInputInCurrency, sampleInputWithSections, sampleSections } from './testing';

interface El {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
}
interface Doc extends El {
  readonly title: string;
  getElementById(id: string): El | null;
}
const JSDOM = JSDOMUntyped as new (html: string) => { window: { document: Doc } };

describe('report HTML', () => {
  const input = sampleInput();
  const r = buildReport({ ...input, services: [...input.services, { name: '<img src="http://evil.example/x.png">', values: input.daily.values.map(() => 0) }] });
  const html = new TextDecoder().decode(reportToHtml(r));
  const doc = new JSDOM(html).window.document;

  it('is self-contained: no scripts, links, external src/href or CSS url()', () => {
    expect(doc.querySelectorAll('script, link, iframe, img, object, embed')).toHaveLength(0);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (['src', 'href', 'xlink:href', 'action'].includes(attr.name)) throw new Error(`${el.tagName} has ${attr.name}`);
        expect(attr.value).not.toMatch(/url\(|https?:/i);
      }
    }
    expect(doc.querySelector('style')!.textContent).not.toMatch(/url\(|@import/);
    // The hostile name is shown as text, not markup.
    expect(Array.from(doc.querySelectorAll('#actuals td')).some((td) => td.textContent === '<img src="http://evil.example/x.png">')).toBe(true);
  });

  it('shows the forecast table, the chart and the stamp', () => {
    const rows = Array.from(doc.querySelectorAll('#forecast tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));
    expect(rows).toEqual([
      ['2026-02', '2,079.00', '14', (4879 + 0.4 * 14).toLocaleString('en-US', { minimumFractionDigits: 2 }), '4,907.00', (4921 + 0.6 * 14).toLocaleString('en-US', { minimumFractionDigits: 2 })],
      ['2026-03', '0.00', '26', '5,210.40', '5,252.00', '5,293.60'],
    ]);
    const svg = doc.querySelector('svg')!;
    expect(svg.querySelectorAll('rect.actual')).toHaveLength(1); // January; February is in the forecast
    expect(svg.querySelectorAll('rect.forecast')).toHaveLength(2);
    expect(svg.querySelectorAll('g.range')).toHaveLength(2);
    expect(doc.getElementById('stamp')!.textContent).toBe(r.stamp);
    expect(doc.querySelector('#coverage td')!.textContent).toBe('aws-cur');
    expect(doc.title).toBe('Quarterly forecast');
  });

  describe("in each currency's own minor unit (ISO 4217)", () => {
    const cellsOf = (x: ReturnType<typeof buildReport>) => {
      const d = new JSDOM(new TextDecoder().decode(reportToHtml(x))).window.document;
      return (sel: string): (string | null)[][] => Array.from(d.querySelectorAll(`${sel} tbody tr`)).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));
    };

    it('writes yen without decimals, rounded half up (4,884.6 → 4,885)', () => {
      const cells = cellsOf(buildReport(sampleInputInCurrency('JPY')));
      // The USD test above: 2,079.00 | 4,884.60 | 4,907.00 | 4,929.40 and 0.00 | 5,210.40 | 5,252.00 | 5,293.60.
      expect(cells('#forecast')).toEqual([
        ['2026-02', '2,079', '14', '4,885', '4,907', '4,929'],
        ['2026-03', '0', '26', '5,210', '5,252', '5,294'],
      ]);
      expect(cells('#commitments')[0]?.slice(1)).toEqual(['7', '100', '200', '300', '5', '150', '90 %']);
      expect(cells('#expiring')[0]?.slice(3)).toEqual(['4', '1.2']); // hourly rates: the minor unit and one digit more (core/lib formatRate)
      expect(cells('#budgets')[1]?.slice(2, 7)).toEqual(['JPY 5,000', '2,079', '4,879', '4,907', '4,935']);
      expect(cells('#anomalies')[0]?.slice(1, 5)).toEqual(['service=S12drivers: region=us-east-1 -900; region=eu-west-1 -300month-end 2026-01: -1,100', '1,000', '-200', '-1,200']);
      expect(cells('table.scenario').at(-1)).toEqual(['Horizon total', '8,080', '8,278', '198', '8,200 – 8,356']);
      expect(cells('#excluded').map((r) => r[3])).toEqual(['300', '-1,200']);
      expect(cells('#actuals').at(-1)?.slice(1)).toEqual(['3,906', '2,079', '5,985']); // Σ (111 + i): Jan i = 0..30, Feb i = 31..44, both
      expect(cells('#capacity')[0]).toEqual(['web-cpu', '100 vCPU', '80 %', '2026-03-01', '2026-04-01', 'none', '60 %', '2026-02-15', '130']);
    });

    it('writes dinars with three decimals', () => {
      const cells = cellsOf(buildReport(sampleInputInCurrency('KWD')));
      expect(cells('#forecast')).toEqual([
        ['2026-02', '2,079.000', '14', '4,884.600', '4,907.000', '4,929.400'],
        ['2026-03', '0.000', '26', '5,210.400', '5,252.000', '5,293.600'],
      ]);
      expect(cells('#expiring')[0]?.slice(3)).toEqual(['4.000', '1.200']);
      expect(cells('#budgets')[0]?.[2]).toBe('KWD 9,000.000'); // budgets are listed by P(over), highest first;
    });

    it("writes a scope's expiring commitments in the scope's currency, not the report's (a JPY scope in a USD report)", () => {
      const cells = cellsOf(buildReport(sampleInputWithSections({ sections: commitmentCurrencySections('JPY') })));
      expect(cells('#commitments')[0]?.slice(1, 3)).toEqual(['7', '100']);
      expect(cells('#expiring')[0]?.slice(3)).toEqual(['4', '1.2']); // yen per hour to a tenth of a yen at most, not 1.20
      expect(cells('#budgets')[1]?.[2]).toBe('USD 5,000.00'); // the report's own figures stay in dollars
    });

    it('the commitment-savings tile counts only recommendations in the report currency, and is left out when there are none (no "USD 0 … 1y term")', () => {
      const tiles = (x: ReturnType<typeof buildReport>): string[] => Array.from(new JSDOM(new TextDecoder().decode(reportToHtml(x))).window.document.querySelectorAll('.kpi')).map((k) => k.textContent ?? '');
      // Without budgets, four tiles: actual, forecast, capacity and the fourth (commitments or anomalies).
      const noBudgets = ({ budgets: _budgets, ...rest }: SectionsInput): SectionsInput => rest;
      expect(tiles(buildReport(sampleInputWithSections({ sections: noBudgets(sampleSections()) }))).find((t) => t.startsWith('Commitment savings'))).toBe('Commitment savings (P50)USD 2001 recommendation(s), 1y term');
      const jpyOnly = tiles(buildReport(sampleInputWithSections({ sections: noBudgets(commitmentCurrencySections('JPY')) })));
      expect(jpyOnly.some((t) => t.startsWith('Commitment savings'))).toBe(false);
      expect(jpyOnly.some((t) => t.startsWith('Anomalies found'))).toBe(true); // the slot goes to the next tile
    });

    it('draws budgets and commitment savings one chart per currency, never two currencies on one axis', () => {
      // A USD report of a store that also has a euro budget and a yen commitment scope.
      const base = commitmentCurrencySections('JPY');
      const usdRec = sampleSections().commitments!.recommendations[0]!;
      const b = base.budgets!;
      const sections: SectionsInput = {
        ...base,
        commitments: { ...base.commitments!, recommendations: [...base.commitments!.recommendations, usdRec] },
        budgets: { ...b, items: [...b.items, { ...b.items[0]!, name: 'EU monthly', currency: 'EUR', amount: 70_000, actual: 40_000, forecast: { p10: 60_000, p50: 65_000, p90: 72_000 } }] },
      };
      const doc = new JSDOM(new TextDecoder().decode(reportToHtml(buildReport(sampleInputWithSections({ sections }))))).window.document;
      const charts = (cls: string): [string | null, number][] =>
        Array.from(doc.querySelectorAll(`div[data-currency]`))
          .filter((div) => div.querySelector(`svg.${cls}`) !== null)
          .map((div) => [Array.from(div.attributes).find((a) => a.name === 'data-currency')?.value ?? null, div.querySelectorAll('rect.bar').length]);
      // Two dollar budgets on the dollar chart, the euro one alone on its own.
      expect(charts('budgets')).toEqual([['USD', 2], ['EUR', 1]]);
      // Forecast-sized and trailing-30-day bars per scope: the yen scope's pair, then the dollar scope's.
      expect(charts('commitments')).toEqual([['JPY', 2], ['USD', 2]]);
      expect(Array.from(doc.querySelectorAll('p.chart-currency')).map((p) => p.textContent)).toEqual(['Savings over the term in JPY', 'Savings over the term in USD', 'Budgets in USD', 'Budgets in EUR']);
      // The dollar budget chart's axis ends near the dollar budgets (9,000 and 13,400), not at the euro 72,000.
      const ticks = Array.from(doc.querySelectorAll('div[data-currency="USD"] svg.budgets text'))
        .map((t) => /^(\d+(?:\.\d)?)(k?)$/.exec(t.textContent ?? ''))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]) * (m[2] === 'k' ? 1000 : 1));
      expect(Math.max(...ticks)).toBeGreaterThanOrEqual(13_400);
      expect(Math.max(...ticks)).toBeLessThan(20_000);
    });

    it('writes hourly commitment rates with one digit beyond the minor unit when they have it (7.125 USD/h)', () => {
      const s = sampleInputWithSections().sections!;
      const c = s.commitments!;
      const sections = { ...s, commitments: { ...c, recommendations: c.recommendations.map((x) => ({ ...x, hourlyCommitment: 7.125, trailing30dCommitment: 5.1 })), expiring: c.expiring.map((e) => ({ ...e, coveredPerHour: 4.0004 })) } };
      const cells = cellsOf(buildReport(sampleInputWithSections({ sections })));
      expect([cells('#commitments')[0]?.[1], cells('#commitments')[0]?.[5]]).toEqual(['7.125', '5.10']);
      expect(cells('#commitments')[0]?.[3]).toBe('200.00'); // savings: the minor unit
      expect(cells('#expiring')[0]?.slice(3)).toEqual(['4.00', '1.20']);
    });
  });

  describe('with plan sections', () => {
    const x = buildReport(sampleInputWithSections());
    const d = new JSDOM(new TextDecoder().decode(reportToHtml(x))).window.document;
    const cells = (sel: string): (string | null)[][] => Array.from(d.querySelectorAll(`${sel} tbody tr`)).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));

    it('has every section in order, each chart as inline SVG', () => {
      const heads = Array.from(d.querySelectorAll('h2')).map((h) => h.textContent);
      expect(heads).toEqual(['Monthly cost', 'Actuals by service', 'Capacity', 'Commitments', 'Budgets', 'Anomalies', 'Scenarios', 'Model', 'Assumptions', 'Appendix: methodology']);
      expect(Array.from(d.querySelectorAll('svg.chart')).map((s) => s.attributes.length > 0 && (Array.from(s.attributes).find((a) => a.name === 'class')?.value ?? ''))).toEqual([
        'chart monthly', 'chart band', 'chart commitments', 'chart budgets', 'chart anomalies', 'chart scenario',
      ]);
      // Capacity chart: the history line breaks at the missing day (two segments), one band, two step lines.
      const band = d.querySelector('svg.band')!;
      expect(band.querySelectorAll('polyline.history')).toHaveLength(2);
      expect(band.querySelectorAll('polygon.band')).toHaveLength(1);
      expect(band.querySelectorAll('polyline.step')).toHaveLength(2);
      // Budgets: one bar, band, P50 tick and limit per budget; anomalies: ten bars.
      const budgets = d.querySelector('svg.budgets')!;
      for (const m of ['rect.bar', 'rect.band', 'line.tick', 'line.limit']) expect(budgets.querySelectorAll(m)).toHaveLength(2);
      expect(d.querySelector('svg.anomalies')!.querySelectorAll('rect.bar')).toHaveLength(10);
    });

    it('tables show the plans’ figures', () => {
      expect(cells('#capacity')).toEqual([['web-cpu', '100 vCPU', '80 %', '2026-03-01', '2026-04-01', 'none', '60 %', '2026-02-15', '130']]);
      expect(cells('#commitments')[0]?.slice(1)).toEqual(['7.00', '100.00', '200.00', '300.00', '5.00', '150.00', '90 %']);
      expect(cells('#budgets').map((r) => [r[7], r[8]])).toEqual([['100 %', '2026-02-20'], ['20 %', 'none']]);
      expect(cells('#anomalies')[0]?.slice(0, 2)).toEqual(['2026-01-25', 'service=S12drivers: region=us-east-1 -900.00; region=eu-west-1 -300.00month-end 2026-01: -1,100.00']);
      expect(cells('#anomalies')).toHaveLength(10);
      expect(cells('table.scenario').at(-1)).toEqual(['Horizon total', '8,080.00', '8,278.00', '198.00', '8,200.00 – 8,356.00']);
      expect(cells('#excluded')).toEqual([
        ['2026-01-07– 2026-01-08', 'service=S3', 'planned', '300.00'],
        ['2026-01-25', 'service=S12', 'incident', '-1,200.00'],
      ]);
      expect(Array.from(d.querySelectorAll('#drivers li')).map((li) => li.textContent)).toEqual(['Growth: growth:rate=0.2,from=2026-03-01', 'Growth: step:add=10,from=2026-03-10']);
    });

    it('marks an order-by date already past the data as overdue, in the tile, the table and the recommendation', () => {
      // Order by 2026-02-10, four days before the data ends (asOf 2026-02-14).
      const html = new TextDecoder().decode(reportToHtml(buildReport(sampleInputWithSections({ sections: lateOrderSections() }))));
      const doc = new JSDOM(html).window.document;
      const row = Array.from(doc.querySelectorAll('#capacity tbody td')).map((td) => td.textContent);
      expect(row[7]).toBe('2026-02-10 (overdue)');
      const tileText = Array.from(doc.querySelectorAll('.kpi')).map((k) => k.textContent ?? '').find((t) => t.startsWith('Capacity: earliest order-by'));
      expect(tileText).toContain('2026-02-10 (overdue)');
      expect(doc.getElementById('s-capacity')?.textContent ?? html).toContain('order by 2026-02-10 (overdue)');
      // The sample's own pool orders the day after its data: still ahead, no mark.
      expect(cells('#capacity')[0]?.[7]).toBe('2026-02-15');
    });

    it('prices a pool in its own currency, named beside the amount, in a report in another', () => {
      const recs = (currency: string): string[] => {
        const html = new TextDecoder().decode(reportToHtml(buildReport(sampleInputWithSections({ sections: poolCurrencySections(currency) }))));
        return Array.from(new JSDOM(html).window.document.querySelectorAll('#s-capacity li')).map((li) => li.textContent ?? '');
      };
      // The report is in USD; the pool's 1,234.5 a month is in the pool's currency and its minor unit.
      expect(recs('EUR')[0]).toBe('Add 30 vCPU, order by 2026-02-15 (EUR 1,234.50 per month): the 95th percentile needs 130.');
      expect(recs('JPY')[0]).toContain('(JPY 1,235 per month)');
      expect(recs('KWD')[0]).toContain('(KWD 1,234.500 per month)');
      // The sample's own pool is in USD, as its report.
      expect(Array.from(d.querySelectorAll('#s-capacity li')).map((li) => li.textContent)[0]).toContain('(USD 300.00 per month)');
    });

    it('the methodology appendix states this report’s model, calibration and backtest', () => {
      const text = d.getElementById('s-methodology')!.textContent ?? '';
      expect(text).toContain('Chosen: ETS(A,N,A)');
      expect(text).toContain('of 5 simulated daily sample paths');
      expect(text).toContain('too short for a rolling-origin backtest');
      for (const t of ['Forecast model', 'Intervals and monthly quantiles', 'Backtest scores', 'Data coverage', 'Budget breach probability', 'Capacity exhaustion', 'Commitment sizing', 'Anomalies', 'Scenarios', 'Reproducibility']) {
        expect(Array.from(d.querySelectorAll('#s-methodology h3')).map((h) => h.textContent)).toContain(t);
      }
      expect(text).toContain('aws-cur (files, 135 rows, 2026-01-01 to 2026-02-14)');
      expect(text).not.toContain('Forecast basis');
    });

    it('states the forecast basis in the appendix and the assumptions when the service gives it', () => {
      const basis = ['Usage-based charges (1,000.00 over 45 days) are forecast by ETS(A,N,A).', 'No recurring fee is projected.', 'One-time charges (0.00 on 0 day(s)) are excluded from training and not projected.'];
      const y = buildReport(sampleInputWithSections({ basisNotes: basis }));
      const dy = new JSDOM(new TextDecoder().decode(reportToHtml(y))).window.document;
      expect(dy.getElementById('s-methodology')!.textContent).toContain(`Forecast basis (charges split by FOCUS ChargeFrequency): ${basis.join(' ')}`);
      const notes = Array.from(dy.querySelectorAll('#notes li')).map((li) => li.textContent ?? '');
      for (const b of basis) expect(notes).toContain(b);
      expect(notes.some((n) => n.includes('days of daily usage-based cost (recurring fees projected from their terms are added to every path'))).toBe(true);
    });

    it('the appendix quotes the backtest scores, candidate scores and calibration factors of the card', () => {
      const card = sampleCard({
        backtest: { windows: 3, horizon: 40, step: 40, mae: 12.345, rmse: 15.5, smape: 4.2, mase: 0.8123, coverage: [{ level: 0.8, rate: 0.74 }, { level: 0.95, rate: 0.9 }] },
        calibration: [{ level: 0.8, factor: 1.25 }, { level: 0.95, factor: 1.5 }],
        candidates: [{ model: 'ets', spec: 'ETS(A,N,A)', score: 0.8123 }, { model: 'snaive', spec: 'SNaive[7]', score: 1.1 }, { model: 'arima', spec: 'ARIMA', score: NaN }],
      });
      const y = buildReport(sampleInputWithSections({ card }));
      const t = new JSDOM(new TextDecoder().decode(reportToHtml(y))).window.document.getElementById('s-methodology')!.textContent ?? '';
      expect(t).toContain('Scores here: ETS(A,N,A) 0.812; SNaive[7] 1.100; ARIMA failed.');
      expect(t).toContain('factors 80.0 %: ×1.25, 95.0 %: ×1.50');
      expect(t).toContain('3 window(s) of 40 days (step 40): MAE 12.35, RMSE 15.50, sMAPE 4.20 %, MASE 0.812');
      expect(t).toContain('80.0 % interval 74.0 %, 95.0 % interval 90.0 %');
    });
  });
});
