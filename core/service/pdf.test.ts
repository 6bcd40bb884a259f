import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, reportToHtmlText } from '../report';
import { sampleInput } from '../report/testing';
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
  it.skipIf(!hasChromium)('prints the report HTML with its tables, stamp and page numbers (read back with pdftotext)', async () => {
    const r = buildReport(sampleInput());
    const pdf = await htmlToPdf(reportToHtmlText(r), r.title);
    const { dir, cleanup } = tempDir('headroom-pdf-');
    try {
      const file = join(dir, 'r.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(text).toContain('Quarterly forecast');
      expect(text).toMatch(/2026-03\s+0\.00\s+26\s+5,210\.40\s+5,252\.00\s+5,293\.60/);
      expect(text.replace(/\s+/g, '')).toContain(r.stamp);
      expect(text).toContain(`Page 1 of ${pages}`);
    } finally {
      cleanup();
    }
  }, 60_000);

  it('names what to do when the configured browser is missing', () => {
    expect(() => findChromium({ HEADROOM_CHROMIUM: '/nonexistent/chrome' })).toThrow(/HEADROOM_CHROMIUM points to \/nonexistent\/chrome/);
  });
});
