import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron's BrowserWindow and session, faked: what the print path asks of them is recorded. */
const rec = vi.hoisted(() => ({
  windows: [] as { options: unknown; loaded: string | null; htmlAtLoad: string | null; printOptions: unknown; destroyed: boolean }[],
  partitions: [] as string[],
  filter: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  pdf: Buffer.from('%PDF-1.7 fake'),
  fail: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly rec = { options: null as unknown, loaded: null as string | null, htmlAtLoad: null as string | null, printOptions: null as unknown, destroyed: false };
    readonly webContents = {
      printToPDF: async (o: unknown) => {
        this.rec.printOptions = o;
        if (rec.fail) throw new Error('printing failed');
        return rec.pdf;
      },
    };
    constructor(options: unknown) {
      this.rec.options = options;
      rec.windows.push(this.rec);
    }
    async loadFile(file: string): Promise<void> {
      this.rec.loaded = file;
      this.rec.htmlAtLoad = readFileSync(file, 'utf8');
    }
    destroy(): void {
      this.rec.destroyed = true;
    }
  }
  const session = {
    fromPartition: (p: string) => {
      rec.partitions.push(p);
      return { webRequest: { onBeforeRequest: (f: typeof rec.filter) => (rec.filter = f) } };
    },
  };
  return { BrowserWindow, session };
});

const { printHtmlToPdf, withPdfPrinting, PRINT_PARTITION } = await import('./report-pdf');

beforeEach(() => {
  rec.windows.length = 0;
  rec.partitions.length = 0;
  rec.filter = null;
  rec.fail = false;
});

const HTML = '<!DOCTYPE html><html><head><title>Q1 &amp; Q2 &lt;costs&gt;</title></head><body><h1>Report</h1></body></html>';

describe('Electron printToPDF path', () => {
  it('prints in a hidden, script-less, sandboxed window on its own session, A4 with the page-number footer, then cleans up', async () => {
    const bytes = await printHtmlToPdf(HTML, 'Q1 & Q2 <costs>');
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.7 fake');
    expect(rec.windows).toHaveLength(1);
    const w = rec.windows[0]!;
    expect(w.options).toMatchObject({ show: false, webPreferences: { partition: PRINT_PARTITION, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(w.htmlAtLoad).toBe(HTML);
    expect(w.printOptions).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true, margins: { top: 16 / 25.4, bottom: 18 / 25.4, left: 14 / 25.4, right: 14 / 25.4 } });
    const footer = (w.printOptions as { footerTemplate: string }).footerTemplate;
    expect(footer).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(footer).toContain('Q1 &amp; Q2 &lt;costs&gt;');
    expect(w.destroyed).toBe(true);
    expect(existsSync(w.loaded!)).toBe(false);
    expect(existsSync(dirname(w.loaded!))).toBe(false);
    // Only the report file may load: anything else is cancelled.
    expect(rec.partitions).toEqual([PRINT_PARTITION]);
    const decide = (url: string): boolean => {
      let cancel: boolean | undefined;
      rec.filter!({ url }, (r) => (cancel = r.cancel));
      return cancel!;
    };
    expect(decide(new URL(`file://${w.loaded}`).toString())).toBe(false);
    expect(decide('https://evil.example/x.png')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('destroys the window and removes the file when printing fails', async () => {
    rec.fail = true;
    await expect(printHtmlToPdf(HTML, 't')).rejects.toThrow('printing failed');
    expect(rec.windows[0]!.destroyed).toBe(true);
    expect(existsSync(rec.windows[0]!.loaded!)).toBe(false);
  });

  it('reports.build as pdf: the worker builds HTML, main prints it; the reply keeps the worker’s shape', async () => {
    const calls: { method: string; req: unknown }[] = [];
    const worker = {
      call: async (_id: string, method: string, req: unknown, onProgress: (p: { phase: string; done: number; total?: number; message?: string }) => void) => {
        calls.push({ method, req });
        onProgress({ phase: 'report', done: 7, total: 8, message: 'rendering html' });
        return { ok: true as const, value: { format: 'html', mime: 'text/html; charset=utf-8', base64: Buffer.from(HTML).toString('base64'), bytes: HTML.length, stamp: 'abc', currency: 'USD', data_through: '2026-11-25', model: 'ETS', warnings: [], sections: [], excluded_anomalies: 0 } };
      },
      cancel: vi.fn(),
    };
    const printed: { html: string; title: string }[] = [];
    const link = withPdfPrinting(worker, async (html, title) => (printed.push({ html, title }), new Uint8Array([37, 80, 68, 70])));
    const progress: unknown[] = [];
    const res = await link.call('c1', 'reports.build', { format: 'pdf', scope: [] }, (p) => progress.push(p));
    expect(calls).toEqual([{ method: 'reports.build', req: { format: 'html', scope: [] } }]);
    expect(printed).toEqual([{ html: HTML, title: 'Q1 & Q2 <costs>' }]);
    expect(res).toEqual({ ok: true, value: { format: 'pdf', mime: 'application/pdf', base64: Buffer.from('%PDF').toString('base64'), bytes: 4, stamp: 'abc', currency: 'USD', data_through: '2026-11-25', model: 'ETS', warnings: [], sections: [], excluded_anomalies: 0 } });
    expect(progress.at(-1)).toEqual({ phase: 'report', done: 7, total: 8, message: 'printing PDF' });
    // Other formats and methods pass through; cancel reaches the worker.
    await link.call('c2', 'reports.build', { format: 'csv' }, () => {});
    await link.call('c3', 'summary', {}, () => {});
    expect(calls.slice(1)).toEqual([{ method: 'reports.build', req: { format: 'csv' } }, { method: 'summary', req: {} }]);
    link.cancel('c1');
    expect(worker.cancel).toHaveBeenCalledWith('c1');
  });

  it('passes a worker error through and turns a print failure into an error reply', async () => {
    const failing = { call: async () => ({ ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'no data' } }), cancel: () => {} };
    expect(await withPdfPrinting(failing, async () => new Uint8Array()).call('c1', 'reports.build', { format: 'pdf' }, () => {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no data' } });
    const ok = { call: async () => ({ ok: true as const, value: { base64: Buffer.from(HTML).toString('base64') } }), cancel: () => {} };
    const res = await withPdfPrinting(ok, async () => {
      throw new Error('GPU process gone');
    }).call('c1', 'reports.build', { format: 'pdf' }, () => {});
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('GPU process gone') } });
  });
});
