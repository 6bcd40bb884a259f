/**
 * The printed layout every PDF host uses (headless Chromium from the CLI, Electron's printToPDF in
 * the app): A4, margins, and a footer with the title and "Page N of M" filled in by Chromium's
 * print templates (`pageNumber`, `totalPages` classes). The footer text is HTML-escaped.
 */
import { esc } from './charts';

/** Page margins in millimetres. */
export const PDF_MARGINS_MM = { top: 16, bottom: 18, left: 14, right: 14 } as const;

/** Chromium's print header (empty: the report opens with its own title block). */
export const PDF_HEADER_TEMPLATE = '<span></span>';

export function pdfFooterTemplate(title: string): string {
  return `<div style="font-size:8px;width:100%;padding:0 ${PDF_MARGINS_MM.left}mm;display:flex;justify-content:space-between;color:#5b6876;font-family:system-ui,'DejaVu Sans',sans-serif"><span>${esc(title)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

/** The report title from its HTML `<title>` (the renderers always write one), unescaped. */
export function htmlTitle(html: string): string {
  const m = /<title>([^<]*)<\/title>/i.exec(html);
  const raw = m?.[1] ?? 'Headroom report';
  return raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
