/** core/ingest/files — billing export files to charges rows (see README.md). */
export { planFileImport, releaseFileImport, fileSha256, type FileImportPlan, type FileTotal, type PlanOptions } from './plan';
export { CONVERTERS } from './detect';
export { ISO_4217_CODES, isCurrencyCode } from './currencies';
