/** Cost anomaly detection (issue 6): robust MSTL decomposition + robust z-score of the remainder, drivers, period impact. */
export { detectAnomalies, flagRuns, thinAlerts, robustZ, median, severityOf, type DetectOptions, type DetectedAnomaly, type Detection, type Severity } from './detect';
export { rankDrivers, weekdayBaseline, type AnomalyDriver, type DriverOptions, type DriverSeries } from './drivers';
export { periodImpact, type PeriodImpact, type PeriodImpactInput } from './period-impact';
export { classifyAnomalies, type AnomalyKind, type ClassifiedAnomaly, type Classification, type ClassifyOptions, type DropReason } from './classify';
export { DEFAULT_HOLIDAY_CALENDAR, easterSunday, HOLIDAY_PRESET_IDS, HOLIDAY_PRESETS, holidayOccurrences, holidayTest, inHolidayWindow, MAX_WINDOW_DAYS, MAX_WINDOWS, thanksgivingDay, validateHolidayCalendar, type HolidayCalendar, type HolidayOccurrence, type HolidayPreset, type HolidayWindowSpec } from './holidays';
export { NAB_PROFILES, nabFileScore, nabNormalized, probationLength, scaledSigmoid, type NabFileScore, type NabProfile, type NabWindow } from './nab-score';
