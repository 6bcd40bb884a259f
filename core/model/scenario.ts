/**
 * The kinds of scenario driver (`growth:rate=0.2,from=…`, core/plan/scenarios parses and applies
 * them): the same list for the planner, the API and the scenario editor.
 */
export const DRIVER_KINDS = ['growth', 'step', 'window', 'price', 'workload'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];
