/** Cost anomaly detection (issue 6): robust MSTL decomposition + robust z-score of the remainder. */
export { detectAnomalies, robustZ, median, severityOf, type DetectOptions, type DetectedAnomaly, type Detection, type Severity } from './detect';
