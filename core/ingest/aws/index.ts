export { AwsConnector, type AwsConnectorOptions, type AwsSettings } from './connector';
export { CE_USD_PER_REQUEST, expectedPages, planPasses, planRange, type AwsLearned, type CePass } from './plan';
export { CE_METRICS, ceGroupToCharge } from './ce-to-charges';
