/**
 * PDF reports in the desktop app (issue 8): the worker (core/service) has no windows, so main asks
 * it for the report's self-contained HTML and prints that with Electron's own Chromium —
 * `webContents.printToPDF` on a hidden, script-less, sandboxed window whose session cancels every
 * request but the report file itself. Same A4 layout and page-number footer as the CLI's headless
 * Chromium (core/report/pdf-layout.ts).
 */
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDF_HEADER_TEMPLATE, PDF_MARGINS_MM, htmlTitle, pdfFooterTemplate } from '../../core/report';
import type { WorkerLink } from './ipc';

/** Session partition of the print window (in memory: no cache or storage on disk). */
export const PRINT_PARTITION = 'headroom-print';

const INCH_MM = 25.4;

/** Prints self-contained HTML to PDF bytes in a hidden window. */
export async function printHtmlToPdf(html: string, title: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-print-'));
  const file = join(dir, 'report.html');
  const url = pathToFileURL(file).toString();
  await writeFile(file, html, 'utf8');
  const ses = session.fromPartition(PRINT_PARTITION);
  // The report needs nothing but itself: any other request (a URL smuggled into a name) is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== url }));
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: { partition: PRINT_PARTITION, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  try {
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      margins: {
        top: PDF_MARGINS_MM.top / INCH_MM,
        bottom: PDF_MARGINS_MM.bottom / INCH_MM,
        left: PDF_MARGINS_MM.left / INCH_MM,
        right: PDF_MARGINS_MM.right / INCH_MM,
      },
      displayHeaderFooter: true,
      headerTemplate: PDF_HEADER_TEMPLATE,
      footerTemplate: pdfFooterTemplate(title),
    });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export type PrintPdf = (html: string, title: string) => Promise<Uint8Array>;

/**
 * Wraps the worker link: `reports.build` with format `pdf` is built as HTML by the worker, then
 * printed here; the reply has the same shape as the worker's (format, mime, base64, bytes…).
 * Every other call passes through untouched.
 */
export function withPdfPrinting(worker: WorkerLink, print: PrintPdf = printHtmlToPdf): WorkerLink {
  return {
    cancel: (id) => worker.cancel(id),
    call: async (id, method, req, onProgress) => {
      const r = req as { format?: unknown } | null;
      if (method !== 'reports.build' || r === null || typeof r !== 'object' || r.format !== 'pdf') return worker.call(id, method, req, onProgress);
      let last = { done: 0, total: 1 as number | undefined };
      const res = await worker.call(id, method, { ...r, format: 'html' }, (p) => {
        last = { done: p.done, total: p.total };
        onProgress(p);
      });
      if (!res.ok) return res;
      const value = res.value as Record<string, unknown> & { base64: string };
      const html = Buffer.from(value.base64, 'base64').toString('utf8');
      onProgress({ phase: 'report', done: last.done, ...(last.total !== undefined ? { total: last.total } : {}), message: 'printing PDF' });
      try {
        const pdf = await print(html, htmlTitle(html));
        return { ok: true, value: { ...value, format: 'pdf', mime: 'application/pdf', base64: Buffer.from(pdf).toString('base64'), bytes: pdf.length } };
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `Printing the report to PDF failed: ${e instanceof Error ? e.message : String(e)}. Export HTML instead and print it from a browser.` } };
      }
    },
  };
}
