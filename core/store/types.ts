import type { Day } from '../lib';
import type { ChargeRow, CostView, CurrencyTotal, Dimension, MetricPoint } from '../model';

/** Kinds of source the app knows. Feature owners extend this list. */
export type SourceKind = 'files' | 'aws' | 'azure' | 'gcp' | 'demo' | 'prometheus' | 'metrics-file' | (string & {});

/** Settings are non-secret only (regions, bucket names, account ids); secrets live in the OS keychain. */
export type SourceSettings = Readonly<Record<string, unknown>>;

export interface SourceRecord {
  readonly id: number;
  readonly name: string;
  readonly kind: SourceKind;
  readonly provider: string | null;
  readonly settings: SourceSettings;
  /** ISO timestamp, UTC. */
  readonly createdAt: string;
}

export interface NewSource {
  readonly name: string;
  readonly kind: SourceKind;
  readonly provider?: string | null;
  readonly settings?: SourceSettings;
}

/** A half-open day range [start, end): `end` is the day after the last day. */
export interface Period {
  readonly start: Day;
  readonly end: Day;
}

export interface ImportChargesRequest {
  readonly sourceId: number;
  /** The file as the user named it (recorded for lineage and shown in messages). */
  readonly file: string;
  /** sha256 of the file's bytes, lower-case hex. Same source + same hash = the same import. */
  readonly contentSha256: string;
  /** Format id from the planner (`focus-1.2`, `aws-cur-legacy`, …). */
  readonly format: string;
  /**
   * A DuckDB SELECT yielding exactly the CHARGE_COLUMNS by name (core/model/charges-table.ts);
   * it runs on the store's connection inside the import transaction (DuckDB readers: read_csv,
   * read_parquet, read_json). Values come from `params`, never from string interpolation.
   */
  readonly selectSql: string;
  /** Named parameters for `selectSql` (`$file` → params.file). Names starting with `hr_` are reserved. */
  readonly params?: Readonly<Record<string, string | number | boolean | null>>;
  /** Aborting before the commit rolls the import back. */
  readonly signal?: AbortSignal;
  /**
   * Runs inside the transaction once the rows are written, just before the commit; throwing rolls
   * the import back (core/service checks here that the file did not change since it was planned).
   */
  readonly beforeCommit?: () => Promise<void>;
}

export interface ImportChargesResult {
  /** `unchanged`: this source already holds an import of the same content; nothing was written. */
  readonly status: 'imported' | 'unchanged';
  readonly importId: number;
  readonly rowsWritten: number;
  /** Rows of this source the import replaced (restated days of the same billing accounts). */
  readonly rowsReplaced: number;
  /** Days covered by the rows written (for `unchanged`: by the earlier import); null when no rows. */
  readonly period: Period | null;
  /** Totals per currency of the rows written (empty for `unchanged`). */
  readonly totals: readonly CurrencyTotal[];
}

/** One file of `importChargeParts`: as an ImportChargesRequest without the source, signal and hook. */
export type ImportChargesPart = Pick<ImportChargesRequest, 'file' | 'contentSha256' | 'format' | 'selectSql' | 'params'>;

export interface ImportChargePartsRequest {
  readonly sourceId: number;
  /** The files of one export, split by the provider (CUR `-00001`, `-00002` …, Azure `part_0_0001` …): stored together, in one transaction. */
  readonly parts: readonly ImportChargesPart[];
  readonly signal?: AbortSignal;
  /** As ImportChargesRequest's: runs once every part is written, just before the commit. */
  readonly beforeCommit?: () => Promise<void>;
}

export interface ImportChargePartsResult {
  /** `unchanged`: one earlier import (of these parts, or of more parts with them) holds every part; nothing was written. */
  readonly status: 'imported' | 'unchanged';
  /** One per part, in order: its import and rows (for `unchanged`: the earlier import of the same content). */
  readonly parts: readonly Omit<ImportChargesResult, 'status' | 'rowsReplaced'>[];
  /** Rows of this source's earlier imports the parts replaced together (restated days of the same billing accounts). */
  readonly rowsReplaced: number;
}

export interface ReplaceChargeRowsRequest {
  readonly sourceId: number;
  /** Replaces exactly this source's rows with ChargePeriodStart in [from, to). Every new row must fall inside. */
  readonly from: Day;
  readonly to: Day;
  readonly rows: Iterable<ChargeRow> | AsyncIterable<ChargeRow>;
  /** Recorded on the import row: `demo`, `aws-cost-explorer`, … */
  readonly format: string;
  readonly signal?: AbortSignal;
}

export interface ReplaceChargeRowsResult {
  readonly importId: number;
  readonly rowsWritten: number;
  readonly rowsReplaced: number;
  readonly totals: readonly CurrencyTotal[];
}

export interface ReplaceMetricPointsRequest {
  readonly sourceId: number;
  readonly name: string;
  readonly unit: string;
  readonly labels: Readonly<Record<string, string>>;
  /** ISO timestamps (or days); replaces exactly this series' points with ts in [from, to). */
  readonly from: string;
  readonly to: string;
  readonly points: Iterable<MetricPoint> | AsyncIterable<MetricPoint>;
  readonly signal?: AbortSignal;
}

/** A set of series written together by replaceSourceMetrics (one file import or one sync). */
export interface ReplaceSourceMetricsRequest {
  /** Created inside the same transaction when new. */
  readonly source: NewSource;
  /** Without a range the write replaces all the source's points; with one, those of the written metric names in [from, to) (points outside are refused). */
  readonly range?: { readonly from: string; readonly to: string };
  /**
   * `names`: replace only the points of the metric names written (at any time, or within `range`),
   * keeping the source's other metrics — a long-format file imported one metric at a time. Default
   * `source` (all the source's points) without a range; a range always implies `names`.
   */
  readonly replace?: 'source' | 'names';
  readonly series: readonly {
    readonly name: string;
    readonly unit: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly points: Iterable<MetricPoint> | AsyncIterable<MetricPoint>;
  }[];
  readonly signal?: AbortSignal;
}

export interface ReplaceSourceMetricsResult {
  readonly source: SourceRecord;
  readonly pointsWritten: number;
  readonly pointsReplaced: number;
}

export interface ReplaceMetricPointsResult {
  readonly pointsWritten: number;
  readonly pointsReplaced: number;
}

/** `dimension` equals one of `values` (null matches a missing value). */
export interface DimensionFilter {
  readonly dimension: Dimension;
  readonly values: readonly (string | null)[];
}

export interface ChargeQuery {
  readonly from?: Day;
  readonly to?: Day;
  readonly filters?: readonly DimensionFilter[];
  readonly sourceIds?: readonly number[];
}

export interface DailySeriesQuery extends ChargeQuery {
  readonly by?: readonly Dimension[];
  /** Effective (amortized, default) or billed (cash). */
  readonly view?: CostView;
}

/** The values of the grouping dimensions, keyed by dimension name. */
export type GroupKey = Readonly<Record<string, string | null>>;

export interface GroupDailySeries {
  readonly currency: string;
  readonly group: GroupKey;
  /** Dense: values[i] is the cost on start + i days; days without rows are 0. */
  readonly start: Day;
  readonly values: readonly number[];
  readonly total: number;
}

export interface DailySeriesResult {
  readonly view: CostView;
  /** The days the series span: the query's range, or the data's when the query left it open. Null when nothing matched. */
  readonly period: Period | null;
  readonly series: readonly GroupDailySeries[];
}

export interface GroupTotal extends CurrencyTotal {
  readonly group: GroupKey;
}

export interface SummaryResult {
  readonly period: Period | null;
  readonly totals: readonly CurrencyTotal[];
  readonly groups: readonly GroupTotal[];
}

export interface SourceCoverage {
  readonly source: SourceRecord;
  readonly charges: {
    readonly rows: number;
    readonly firstDay: Day | null;
    readonly lastDay: Day | null;
    readonly currencies: readonly string[];
  };
  readonly metrics: {
    readonly points: number;
    readonly series: number;
    readonly firstTs: string | null;
    readonly lastTs: string | null;
  };
  readonly imports: number;
  /** ISO timestamp of the last finished import or sync, null if none. */
  readonly lastImportAt: string | null;
}

export type MetricStep = 'raw' | 'hour' | 'day';
export type MetricAgg = 'mean' | 'max' | 'min' | 'p95' | 'sum';

export interface MetricQuery {
  readonly name: string;
  readonly sourceId?: number;
  /** Series whose labels include all of these. */
  readonly labels?: Readonly<Record<string, string>>;
  /** ISO timestamps or days, [from, to). */
  readonly from?: string;
  readonly to?: string;
  readonly step?: MetricStep;
  /** How points within a step are combined (ignored for `raw`). Default mean. */
  readonly agg?: MetricAgg;
}

export interface MetricSeries {
  readonly sourceId: number;
  readonly name: string;
  readonly unit: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly MetricPoint[];
}

export interface MetricCatalogEntry {
  readonly sourceId: number;
  readonly name: string;
  readonly unit: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly points: number;
  readonly firstTs: string;
  readonly lastTs: string;
}
