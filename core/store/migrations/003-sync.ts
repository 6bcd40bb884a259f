import type { Migration } from './types';

/**
 * State of cloud syncs. `sync_days`: one row per (source, day) a sync has committed, with whether
 * the provider called that day final (AWS `Estimated: false`, a closed Azure/GCP month); the next
 * sync re-fetches only days that are missing or not final. `provider_forecasts`: the provider's own
 * forecast (AWS GetCostForecast, Azure Forecast API), kept beside Headroom's for comparison.
 */
export const sync: Migration = {
  version: 3,
  name: 'sync',
  async up(tx) {
    await tx.run(`CREATE TABLE sync_days (
      source_id INTEGER NOT NULL,
      day DATE NOT NULL,
      final BOOLEAN NOT NULL,
      synced_at TIMESTAMP NOT NULL,
      import_id INTEGER NOT NULL,
      PRIMARY KEY (source_id, day)
    )`);
    await tx.run(`CREATE TABLE provider_forecasts (
      source_id INTEGER NOT NULL,
      fetched_at TIMESTAMP NOT NULL,
      provider VARCHAR NOT NULL,
      metric VARCHAR NOT NULL,
      currency VARCHAR NOT NULL,
      level DOUBLE,
      period_start DATE NOT NULL,
      period_end DATE NOT NULL,
      mean DOUBLE NOT NULL,
      lo DOUBLE,
      hi DOUBLE
    )`);
  },
};
