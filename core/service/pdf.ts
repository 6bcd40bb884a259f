/**
 * PDF from the report's HTML (issue 8), printed by a headless Chromium driven by playwright-core:
 * the system's Chrome, Chromium or Edge (HEADROOM_CHROMIUM overrides). Page numbers in the footer.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { HeadroomError } from '../lib';
import { PDF_HEADER_TEMPLATE, PDF_MARGINS_MM, pdfFooterTemplate } from '../report';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'];

export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CANDIDATES): string {
  const override = env['HEADROOM_CHROMIUM'];
  if (override) {
    if (existsSync(override)) return override;
    throw new HeadroomError('UNAVAILABLE', `HEADROOM_CHROMIUM points to ${override}, which does not exist. Point it to a Chrome, Chromium or Edge executable.`);
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new HeadroomError('UNAVAILABLE', `PDF needs Chrome, Chromium or Edge and none was found (looked in ${candidates.join(', ')}). Install one (Debian: apt install chromium), set HEADROOM_CHROMIUM to its path, or use --format html.`);
  return found;
}

export async function htmlToPdf(html: string, title: string): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    // The HTML is self-contained; block any request anyway so printing never reaches the network.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const mm = (n: number): string => `${n}mm`;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: mm(PDF_MARGINS_MM.top), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left), right: mm(PDF_MARGINS_MM.right) },
      displayHeaderFooter: true,
      headerTemplate: PDF_HEADER_TEMPLATE,
      footerTemplate: pdfFooterTemplate(title),
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
