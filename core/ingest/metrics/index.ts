export { metricCsvToPoints, parseTimestamp, parseLabels, restoreClampedRuns, type ParsedMetricCsv, type ParsedMetricSeries } from './metric-csv-to-points';
