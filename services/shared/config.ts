/**
 * The platform's configuration, one module: the fragments of each component (config/*.ts)
 * combined by one loader (config/load.ts), the only reader of process.env.
 */
export {
  debugRequested, describeEnv, ENV_SCHEMA, loadConfig, processEnvironment, redactUrl,
  type Config, type MonitorServiceConfig, type QueryServiceConfig, type SinkServiceConfig,
} from './config/load.js';
export type { MonitorConfig, MonitorThresholds } from './config/monitor.js';
