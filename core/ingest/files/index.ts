/** core/ingest/files — billing export files to charges rows (see README.md). */
export { assertFileUnchanged, planFileImport, releaseFileImport, fileSha256, type FileImportPlan, type FileStat, type FileTotal, type PlanOptions } from './plan';
export { CONVERTERS } from './detect';
export { ISO_4217_CODES, isCurrencyCode } from './currencies';
