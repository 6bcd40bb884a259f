/** The shape every API connector (AWS, Azure, GCP) gives the sync engine in core/service. */
import type { Day, ProgressSink } from '../../lib';
import type { ChargeRow, KnownProvider } from '../../model';
import type { Sleep } from './retry';

/** A half-open day range [from, to), like the providers' own APIs. */
export interface DayRange {
  readonly from: Day;
  readonly to: Day;
}

/** What a call costs on the provider's meter. */
export interface CostEstimate {
  /** Dollars billed by the provider for the API calls (AWS Cost Explorer: $0.01 per request/page). */
  readonly usd?: number;
  /** Azure Cost Management query processing units. */
  readonly qpu?: number;
  /** BigQuery bytes scanned (billed on demand). */
  readonly bytes?: number;
}

/** The plan for one range: calls it will make and what they cost. */
export interface RangePlan extends DayRange {
  readonly requests: number;
  readonly pages: number;
  readonly estimated_cost: CostEstimate;
}

/** A connector's plan for a sync: the calls made while planning (if any) plus each range's plan. */
export interface ConnectorPlan {
  /** Requests made to build the plan (AWS GetDimensionValues, GCP dry run); already spent. */
  readonly planning: { readonly requests: number; readonly pages: number; readonly estimated_cost: CostEstimate };
  readonly ranges: readonly RangePlan[];
}

/** What fetching one range returned. */
export interface RangeFetch extends DayRange {
  readonly rows: readonly ChargeRow[];
  /** Days in the range the provider still reports as estimated/open: they are re-fetched next time. */
  readonly openDays: readonly Day[];
  readonly requests: number;
  readonly pages: number;
  readonly cost: CostEstimate;
}

/** One point of the provider's own forecast, kept beside Headroom's for comparison. */
export interface ProviderForecastPoint {
  readonly from: Day;
  readonly to: Day;
  readonly mean: number;
  readonly lo?: number;
  readonly hi?: number;
}

export interface ProviderForecast {
  readonly provider: KnownProvider;
  /** Which cost the provider forecast (`AmortizedCost`, `ActualCost` …). */
  readonly metric: string;
  readonly currency: string;
  /** Prediction interval level in percent, when the provider gives one. */
  readonly level?: number;
  readonly points: readonly ProviderForecastPoint[];
}

/** Effects a connector call receives. */
export interface CallContext {
  readonly signal?: AbortSignal;
  readonly sleep: Sleep;
  readonly progress?: ProgressSink;
  /** Reported on every retry: the reason and the delay the provider asked for. */
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** The common face of the AWS, Azure and GCP connectors. */
export interface Connector {
  readonly provider: KnownProvider;
  /** Plans the calls for these ranges (may call the provider's free or cheap planning APIs). */
  plan(ranges: readonly DayRange[], ctx: CallContext): Promise<ConnectorPlan>;
  /** Fetches every page of one range and normalises it; nothing is written here. */
  fetchRange(range: DayRange, ctx: CallContext): Promise<RangeFetch>;
  /** The provider's own cost forecast for [from, to), when it has one. */
  forecast?(range: DayRange, ctx: CallContext): Promise<ProviderForecast | undefined>;
  /** What `forecast` costs, for the plan. */
  forecastPlan?(range: DayRange): { readonly requests: number; readonly pages: number; readonly estimated_cost: CostEstimate };
}
