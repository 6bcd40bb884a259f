export { generateDemo, ANNUAL_GROWTH } from './generate';
export { seededRandom, standardNormal, type Random } from './random';
export { thanksgiving, blackFriday, cyberMonday, retailFactor, calendarFactor, WEEKLY, type Workload, type RetailPeaks } from './calendar';
export { ACCOUNTS, SERIES, type Account, type SeriesDef } from './company';
export type * from './types';

/** The seed the app and `headroom demo` use, so every install shows the same company. */
export const DEMO_SEED = 20_241_129;
