import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, reportToHtmlText } from '../report';
import { sampleInputInCurrency, sampleInputWithSections } from '../report/testing';
import { tempDir } from '../store/testing/fixtures';
import { findChromium, htmlToPdf } from './pdf';

const hasChromium = ((): boolean => {
  try {
    findChromium();
    return true;
  } catch {
    return false;
  }
})();

describe('report PDF', () => {
  it.skipIf(!hasChromium)('prints every section, page numbers on each page and the appendix on its own page (read back with pdftotext)', async () => {
    const r = buildReport(sampleInputWithSections());
    const pdf = await htmlToPdf(reportToHtmlText(r), r.title);
    const { dir, cleanup } = tempDir('headroom-pdf-');
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      // Sections fill three to four A4 pages here, and the appendix starts a new page.
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(pages).toBeLessThanOrEqual(6);
      const byPage = text.split('\f').filter((p) => p.trim() !== '');
      expect(byPage).toHaveLength(pages);
      byPage.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages}`));
      expect(text).toContain('Quarterly forecast');
      expect(text).toMatch(/2026-03\s+0\.00\s+26\s+5,210\.40\s+5,252\.00\s+5,293\.60/);
      expect(text).toMatch(/web-cpu\s+100 vCPU\s+80 %\s+2026-03-01\s+2026-04-01\s+none\s+60 %\s+2026-02-15\s+130/);
      expect(text).toMatch(/Horizon total\s+8,080\.00\s+8,278\.00\s+198\.00/);
      const heads = ['Monthly cost', 'Actuals by service', 'Capacity', 'Commitments', 'Budgets', 'Anomalies', 'Scenarios', 'Model', 'Assumptions'];
      let at = -1;
      for (const h of heads) {
        // A heading is a line of its own (it may open a page, after a form feed).
        const m = new RegExp(`[\\n\\f] *${h}\\n`, 'g');
        m.lastIndex = at + 1;
        const k = m.exec(text)?.index ?? -1;
        expect(k, h).toBeGreaterThan(at);
        at = k;
      }
      const appendix = byPage.findIndex((p) => p.includes('Appendix: methodology'));
      expect(appendix).toBeGreaterThan(0);
      expect(byPage[appendix]!.trimStart().startsWith('Appendix: methodology')).toBe(true);
      expect(byPage[appendix]).toContain('Commitment sizing');
      expect(text.replace(/\s+/g, '')).toContain(r.stamp);
      // Charts stay vector: the PDF embeds no raster image.
      expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
    } finally {
      cleanup();
    }
  }, 60_000);

  it.skipIf(!hasChromium)('prints yen amounts without decimals and dinar amounts with three (read back with pdftotext)', async () => {
    const { dir, cleanup } = tempDir('headroom-pdf-');
    try {
      const text = async (currency: string): Promise<string> => {
        const r = buildReport(sampleInputInCurrency(currency));
        const file = join(dir, `${currency}.pdf`);
        writeFileSync(file, await htmlToPdf(reportToHtmlText(r), r.title));
        return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      };
      const jpy = await text('JPY');
      // USD prints 2026-03 0.00 26 5,210.40 5,252.00 5,293.60 (above).
      expect(jpy).toMatch(/2026-03\s+0\s+26\s+5,210\s+5,252\s+5,294\n/);
      expect(jpy).toMatch(/2026-02\s+2,079\s+14\s+4,885\s+4,907\s+4,929\n/);
      expect(jpy).toMatch(/Horizon total\s+8,080\s+8,278\s+198\s+8,200 – 8,356/);
      expect(jpy).not.toMatch(/\d\.\d\d\s+per month|5,210\.40|8,080\.00/);
      const kwd = await text('KWD');
      expect(kwd).toMatch(/2026-03\s+0\.000\s+26\s+5,210\.400\s+5,252\.000\s+5,293\.600/);
      expect(kwd).toMatch(/Horizon total\s+8,080\.000\s+8,278\.000\s+198\.000/);
    } finally {
      cleanup();
    }
  }, 60_000);

  it('names what to do when the configured browser is missing', () => {
    expect(() => findChromium({ HEADROOM_CHROMIUM: '/nonexistent/chrome' })).toThrow(/HEADROOM_CHROMIUM points to \/nonexistent\/chrome/);
    expect(() => findChromium({}, ['/nonexistent/chromium', '/nonexistent/google-chrome'])).toThrow(
      'PDF needs Chrome, Chromium or Edge and none was found (looked in /nonexistent/chromium, /nonexistent/google-chrome). Install one (Debian: apt install chromium), set HEADROOM_CHROMIUM to its path, or use --format html.',
    );
  });
});
