import type { Migration } from './types';

/**
 * Sources, imports, charges (FOCUS 1.2-aligned daily rows + lineage), metrics and a generic kv.
 * The charges column list is written out literally (a migration is frozen once landed); a test
 * checks it still equals CHARGE_COLUMNS. ChargePeriodStart, BillingCurrency, BilledCost and
 * EffectiveCost are NOT NULL: a row without them would corrupt every total.
 */
export const base: Migration = {
  version: 1,
  name: 'base',
  async up(tx) {
    await tx.run(`CREATE SEQUENCE sources_id_seq START 1`);
    await tx.run(`CREATE TABLE sources (
      id INTEGER PRIMARY KEY DEFAULT nextval('sources_id_seq'),
      name VARCHAR NOT NULL UNIQUE,
      kind VARCHAR NOT NULL,
      provider VARCHAR,
      settings JSON NOT NULL,
      created_at TIMESTAMP NOT NULL
    )`);
    await tx.run(`CREATE SEQUENCE imports_id_seq START 1`);
    await tx.run(`CREATE TABLE imports (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL,
      file VARCHAR,
      content_sha256 VARCHAR,
      format VARCHAR NOT NULL,
      started_at TIMESTAMP NOT NULL,
      finished_at TIMESTAMP NOT NULL,
      rows BIGINT NOT NULL,
      period_start DATE,
      period_end DATE,
      status VARCHAR NOT NULL
    )`);
    await tx.run(`CREATE TABLE charges (
      ProviderName VARCHAR,
      BillingAccountId VARCHAR,
      BillingAccountName VARCHAR,
      SubAccountId VARCHAR,
      SubAccountName VARCHAR,
      ChargePeriodStart DATE NOT NULL,
      ServiceName VARCHAR,
      ServiceCategory VARCHAR,
      RegionId VARCHAR,
      ResourceId VARCHAR,
      SkuId VARCHAR,
      ChargeCategory VARCHAR,
      ChargeClass VARCHAR,
      ChargeFrequency VARCHAR,
      PricingCategory VARCHAR,
      CommitmentDiscountId VARCHAR,
      CommitmentDiscountType VARCHAR,
      CommitmentDiscountStatus VARCHAR,
      BilledCost DECIMAL(38,12) NOT NULL,
      EffectiveCost DECIMAL(38,12) NOT NULL,
      ListCost DECIMAL(38,12),
      BillingCurrency VARCHAR NOT NULL,
      ConsumedQuantity DECIMAL(38,12),
      ConsumedUnit VARCHAR,
      Tags MAP(VARCHAR, VARCHAR),
      source_id INTEGER NOT NULL,
      import_id INTEGER NOT NULL
    )`);
    await tx.run(`CREATE TABLE metrics (
      source_id INTEGER NOT NULL,
      name VARCHAR NOT NULL,
      series_key VARCHAR NOT NULL,
      labels MAP(VARCHAR, VARCHAR) NOT NULL,
      ts TIMESTAMP NOT NULL,
      value DOUBLE NOT NULL,
      unit VARCHAR NOT NULL
    )`);
    await tx.run(`CREATE TABLE kv (
      namespace VARCHAR NOT NULL,
      key VARCHAR NOT NULL,
      value JSON NOT NULL,
      updated_at TIMESTAMP NOT NULL,
      PRIMARY KEY (namespace, key)
    )`);
  },
};
