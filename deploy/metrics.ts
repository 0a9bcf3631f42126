/** The custom CloudWatch metrics: defined once with the services (the monitor publishes them). */
export { CLOUDWATCH_METRICS as METRICS, metricsNamespace } from '../services/shared/cloudwatch-metrics.js';
