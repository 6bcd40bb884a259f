export { queryRange, chunkRange, kubePoolQueries, type PrometheusAuth, type QueryRangeRequest, type QueryRangeResult, type PromSeries } from './query-range';
