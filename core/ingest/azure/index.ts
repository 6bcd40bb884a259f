export { AzureConnector, AZURE_CLOUDS, RATELIMIT_PREFIX, retryAfterFromHeaders, type AzureCloud, type AzureConnectorOptions, type AzureSettings } from './connector';
export { COST_TYPES, expectedPages, groupingFor, monthsSpanned, parseScope, planRange, type AzureLearned, type CostType, type ParsedScope, type ScopeKind } from './plan';
export { queryCellsToCharges, readQueryTable, type QueryCell, type QueryTable } from './query-to-charges';
