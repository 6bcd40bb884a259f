export { openService, type Service, type ServiceOptions } from './service';
export { resolveDataDir, PRODUCT_NAME, type DataDirInputs } from './data-dir';
export { dispatch, toApiError } from './dispatch';
export { createHandlers } from './handlers';
export type { ServiceDeps } from './context';
export { runSync, addCloudSource, resolveCloudSource, rangesToSync, monthRanges, forecastRange, type SyncDeps } from './sync';
export { defaultConnectorFactory, type ConnectorFactory, type ConnectorInputs, type SyncConnector } from './connectors';
export { loadDemo, loadDemoIfEmpty, demoPoolToPool, DEMO_SOURCE, type LoadDemoOptions } from './demo';
export { findChromium } from './pdf';
