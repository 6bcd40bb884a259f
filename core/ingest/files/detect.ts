/**
 * Format detection from the header alone (case-insensitive; the BOM is stripped by the reader).
 * The converters are tried from the most specific header signature to the most generic.
 */
import { HeadroomError } from '../../lib';
import { awsCurToCharges } from './aws-cur-to-charges';
import { azureExportToCharges } from './azure-export-to-charges';
import { focusToCharges } from './focus-to-charges';
import { gcpBigqueryExportToCharges } from './gcp-bigquery-export-to-charges';
import { gcpFileExportToCharges } from './gcp-file-export-to-charges';
import { ociCostReportToCharges } from './oci-cost-report-to-charges';
import type { Converter, SourceColumns } from './mapping';

/** Converters in detection order. */
export const CONVERTERS: readonly Converter[] = [awsCurToCharges, azureExportToCharges, gcpBigqueryExportToCharges, gcpFileExportToCharges, ociCostReportToCharges, focusToCharges];

export function detectFormat(cols: SourceColumns, file: string): { converter: Converter; format: string } {
  for (const converter of CONVERTERS) {
    const format = converter.detect(cols);
    if (format !== undefined) return { converter, format };
  }
  const shown = cols.list.slice(0, 5).map((c) => `"${c.name}"`).join(', ');
  throw new HeadroomError(
    'UNKNOWN_FORMAT',
    `${file}, line 1: this is not a billing export Headroom knows (the header starts ${shown}${cols.list.length > 5 ? ', …' : ''}). Headroom imports FOCUS files (BilledCost, ChargePeriodStart…), AWS Cost and Usage Reports (lineItem/UnblendedCost or line_item_unblended_cost), Azure cost exports (Date + Cost/CostInBillingCurrency/PreTaxCost), GCP BigQuery billing exports (billing_account_id, cost, usage_start_time) and OCI cost reports (cost/myCost): check that you picked the export file.`,
    { location: { file, line: 1 } },
  );
}
