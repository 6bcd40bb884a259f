export { openStore, Store, DB_FILE, DEFAULT_MEMORY_LIMIT, STORAGE_VERSION, type StoreOptions } from './store';
export { memoryLimitBytes } from './memory-size';
export type { Sql, SqlParams, SqlRow } from './db';
export { MIGRATIONS, type Migration } from './migrations';
export { DIMENSION_COLUMNS, isDimension, parseDimension } from './dimensions';
export * from './types';
export { listPools, putPool, deletePool, type StoredPool } from './capacity-pools';
export { usageQuantityDaily, eligibleUsageDaily, commitmentFacts, type CommitmentFacts } from './capacity-queries';
export type { CommitSyncRangeRequest, SyncDayState, ProviderForecastRecord, StoredProviderForecast } from './sync-state';
