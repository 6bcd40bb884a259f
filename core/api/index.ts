/**
 * core/api — the one contract between the UI, the CLI and core/service.
 * Each feature contributes `core/api/<feature>.ts`; add one line to `mergeMethods(…)` below
 * (a method name defined twice throws at load).
 */
import type { z } from 'zod';
import { mergeMethods, type FeatureHandlers } from './contract';
import { anomaliesApi } from './anomalies';
import { budgetsApi } from './budgets';
import { scenariosApi } from './scenarios';
import { reportsApi } from './report';
import { capacityApi } from './capacity';
import { costsApi } from './costs';
import { importApi } from './import';
import { demoApi } from './demo';
import { forecastApi } from './forecast';
import { metricsApi } from './metrics';
import { sourcesApi } from './sources';
import { syncApi } from './sync';

export const api = mergeMethods(
  sourcesApi,
  costsApi,
  capacityApi,
  metricsApi,
  syncApi,
  importApi,
  demoApi,
  forecastApi,
  budgetsApi,
  scenariosApi,
  anomaliesApi,
  reportsApi,
);

export type HeadroomApi = typeof api;
export type Method = keyof HeadroomApi;
export type Req<K extends Method> = z.infer<HeadroomApi[K]['req']>;
export type Res<K extends Method> = z.infer<HeadroomApi[K]['res']>;
/** Every method implemented: core/service composes this from its feature files. */
export type Handlers = FeatureHandlers<HeadroomApi>;

export const METHODS = Object.keys(api) as Method[];
export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export { defineMethods, mergeMethods, type FeatureHandlers, type HandlerContext, type MethodMap, type MethodSchema } from './contract';
export * from './common';
export { RENDERER_CSP } from './csp';
export * from './sources';
export * from './costs';
export * from './capacity';
export * from './metrics';
export * from './sync';
export * from './import';
export * from './demo';
export * from './forecast';
export * from './budgets';
export * from './scenarios';
export * from './anomalies';
export * from './report';

/**
 * The contract speaks in `Day`s and core/model types, so they are part of it: the renderer's one
 * door into core is this module (eslint.config.js), and it gets the pure day arithmetic and the
 * model types it needs from here, and `minorUnitDigits` (a currency's ISO 4217 minor unit), so the
 * UI, the reports and the CLI write money with the same digits. Only pure, dependency-free code
 * belongs in this list.
 */
export { addDays, addMonths, dayOf, daysBetween, endOfMonthExclusive, fromEpochDay, isDay, minorUnitDigits, parseDay, RATE_EXTRA_DIGITS, startOfMonth, toEpochDay, weekday, type Day, type Progress } from '../lib';
export { DIMENSIONS, DRIVER_KINDS, type CostView, type DailySeries, type Dimension, type DriverKind, type NamedSeries } from '../model';
