/** core/plan: pure planning math over forecast sample paths (see README.md). */
export { quantile, quantiles, quantileSorted } from './quantile';
export { capacitySchedule, constantCapacity, capacityOn, parseCapacity, CONSTANT_FROM, type CapacitySchedule, type CapacityStep } from './capacity/schedule';
export { exhaustionDate, neededCapacity, type Exhaustion, type DateQuantiles } from './capacity/exhaustion';
export { nonNegativePaths } from './capacity/support';
export { capacityPlan, type CapacityPlan, type CapacityPlanInput, type CapacityRecommendation } from './capacity/plan';
export { scalingRecommendation, type ScalingInput, type ScalingRecommendation, type ScheduledAction } from './scaling/recommend';
export { scalingToTfvars } from './scaling/scaling-to-tfvars';
export { scalingToHpaPatch } from './scaling/scaling-to-hpa-patch';
export {
  commitmentRecommendation,
  commitmentUsage,
  existingCoverage,
  expiryCliffs,
  termSavings,
  type Band,
  type CommitmentInput,
  type CommitmentRecommendation,
  type ExistingCommitment,
  type ExpiryCliff,
} from './commitments/recommend';
export { budgetPeriodOf, budgetStatus, type BudgetPeriod, type BudgetPeriodKind, type BudgetStatus, type BudgetStatusInput } from './budgets/status';
export { budgetBurn, type BudgetBurn } from './budgets/burn';
export { periodForecast, type PeriodForecast, type PeriodForecastInput } from './budgets/period-forecast';
export { applyDrivers, checkDrivers, describeDriver, driverEffect, workloadCost, workloadFactors, horizonTotal, monthlyTotals, parseDriver, DRIVER_KINDS, type Driver, type MonthTotal } from './scenarios/drivers';
export { budgetOverHorizon, budgetPeriodsWithin, type HorizonBudgetInput, type HorizonBudgetPeriod } from './budgets/horizon';
export { detectAnomalies, flagRuns, thinAlerts, robustZ, median, severityOf, rankDrivers, weekdayBaseline, periodImpact, type DetectOptions, type DetectedAnomaly, type Detection, type Severity, type AnomalyDriver, type DriverOptions, type DriverSeries, type PeriodImpact, type PeriodImpactInput, classifyAnomalies, type AnomalyKind, type ClassifiedAnomaly, type Classification, type ClassifyOptions, type DropReason, DEFAULT_HOLIDAY_CALENDAR, easterSunday, HOLIDAY_PRESET_IDS, HOLIDAY_PRESETS, holidayOccurrences, holidayTest, inHolidayWindow, MAX_WINDOW_DAYS, MAX_WINDOWS, thanksgivingDay, validateHolidayCalendar, type HolidayCalendar, type HolidayOccurrence, type HolidayPreset, type HolidayWindowSpec, NAB_PROFILES, nabFileScore, nabNormalized, type NabFileScore, type NabProfile, type NabWindow } from './anomalies';
export { cadenceOf, projectRecurring, recurringTotal, type RecurringCadence, type RecurringStreamInput, type RecurringStreamProjection } from './costbasis/recurring';
