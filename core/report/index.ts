/** core/report — the report model (pure) and its renderers, which return bytes and never write files. */
export * from './model';
export { reportToCsv, reportToCsvText, neutralise, CSV_HEADER } from './report-to-csv';
export { reportToXlsx } from './report-to-xlsx';
export { reportToHtml, reportToHtmlText } from './report-to-html';
export * from './sections';
export { PDF_MARGINS_MM, PDF_HEADER_TEMPLATE, pdfFooterTemplate, htmlTitle } from './pdf-layout';
