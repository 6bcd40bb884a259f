// @ts-expect-error jsdom ships no types, and core's tsconfig has no DOM lib: the few members used are typed below.
import { JSDOM as JSDOMUntyped } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildReport } from './model';
import { reportToHtml } from './report-to-html';
import { sampleInput } from './testing';

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
    expect(svg.querySelectorAll('line.range')).toHaveLength(2);
    expect(doc.getElementById('stamp')!.textContent).toBe(r.stamp);
    expect(doc.querySelector('#coverage td')!.textContent).toBe('aws-cur');
    expect(doc.title).toBe('Quarterly forecast');
  });
});
