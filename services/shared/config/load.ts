/**
 * The one loader of the configuration: every component declares its variables in a fragment
 * (runtime, database, kafka, …), this module combines them into one schema, validates the
 * environment once, fills defaults, checks the rules that span variables, and returns a frozen
 * object with one part per component. It is the only reader of process.env; nothing here runs
 * at import time.
 */
import { z } from 'zod';
import { BellyfedError } from '../errors.js';
import { kafkaSecurityFromEnv, type KafkaSecurityEnv } from '../kafka/security-config.js';
import { ANALYTICS_ENV, type AnalyticsConfig } from './analytics.js';
import { CONNECT_ENV, type ConnectConfig } from './connect.js';
import { DATABASE_ENV, databaseUrlFromParts, type DatabaseConfig } from './database.js';
import { DYNAMODB_ENV, type DynamoDbConfig } from './dynamodb.js';
import { KAFKA_ENV, type KafkaConfig } from './kafka.js';
import { LOCAL_PLATFORM_ENV, type LocalPlatformSettings } from './local-platform.js';
import { MONITOR_ENV, MONITOR_THRESHOLD_PAIRS, type MonitorConfig } from './monitor.js';
import { READ_ROUTER_ENV, type ReadRouterConfig } from './read-router.js';
import { RUNTIME_ENV, type HttpConfig, type LogLevel } from './runtime.js';
import { SINK_ENV, type SinkConfig } from './sink.js';

export const ENV_SCHEMA = z.object({
  ...DATABASE_ENV,
  ...RUNTIME_ENV,
  ...KAFKA_ENV,
  ...ANALYTICS_ENV,
  ...CONNECT_ENV,
  ...SINK_ENV,
  ...DYNAMODB_ENV,
  ...READ_ROUTER_ENV,
  ...MONITOR_ENV,
  ...LOCAL_PLATFORM_ENV,
});

type Env = z.infer<typeof ENV_SCHEMA>;

export interface Config {
  readonly database: DatabaseConfig;
  readonly http: HttpConfig;
  readonly logLevel: LogLevel;
  readonly shutdownTimeoutMs: number;
  /** Terminal output: colour unless NO_COLOR; stack traces of unexpected errors with BELLYFED_DEBUG. */
  readonly terminal: { readonly color: boolean; readonly debug: boolean };
  readonly kafka: KafkaConfig;
  readonly schemaRegistryUrl: string;
  readonly cdcTopicPrefix: string;
  readonly dynamodb: DynamoDbConfig;
  readonly readRouter: ReadRouterConfig;
  readonly sink: SinkConfig;
  readonly connect: ConnectConfig;
  readonly queryUrl: string | undefined;
  readonly monitor: MonitorConfig;
  readonly analytics: AnalyticsConfig;
  readonly local: LocalPlatformSettings;
}

/** What each service receives: its own part and the shared parts it uses, nothing else. */
export type QueryServiceConfig = Pick<Config, 'database' | 'http' | 'logLevel' | 'shutdownTimeoutMs' | 'kafka' | 'schemaRegistryUrl' | 'dynamodb' | 'readRouter' | 'analytics'>;
export type SinkServiceConfig = Pick<Config, 'http' | 'kafka' | 'schemaRegistryUrl' | 'cdcTopicPrefix' | 'dynamodb' | 'sink'>;
export type MonitorServiceConfig = Pick<Config, 'database' | 'http' | 'shutdownTimeoutMs' | 'kafka' | 'cdcTopicPrefix' | 'dynamodb' | 'connect' | 'queryUrl' | 'monitor' | 'sink'>;

function invalid(problems: readonly string[], variables?: readonly unknown[]): BellyfedError {
  return new BellyfedError('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`, variables ? { details: { variables } } : undefined);
}

/** The rules that span variables, each naming the variables involved. */
function crossFieldProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.ANALYTICS_BATCH_SIZE > e.ANALYTICS_BUFFER_LIMIT) {
    problems.push(`ANALYTICS_BATCH_SIZE: must not exceed ANALYTICS_BUFFER_LIMIT (${e.ANALYTICS_BATCH_SIZE} > ${e.ANALYTICS_BUFFER_LIMIT})`);
  }
  if ((e.CONNECT_USERNAME === undefined) !== (e.CONNECT_PASSWORD === undefined)) {
    problems.push('CONNECT_USERNAME, CONNECT_PASSWORD: set both for basic auth, or neither');
  }
  for (const [warning, critical] of MONITOR_THRESHOLD_PAIRS) {
    if (e[warning] > e[critical]) problems.push(`${warning}: must not exceed ${critical} (${e[warning]} > ${e[critical]})`);
  }
  const ports = Object.entries(e).filter(([name]) => /^BELLYFED_.*_PORT$/.test(name));
  for (const [name, value] of ports) {
    const first = ports.find(([, other]) => other === value);
    if (first && first[0] !== name) problems.push(`${name}: port ${value} is given to ${first[0]} too; set distinct BELLYFED_*_PORT values`);
  }
  return problems;
}

function monitorConfig(e: Env): MonitorConfig {
  return {
    port: e.MONITOR_PORT,
    intervalMs: e.MONITOR_INTERVAL_MS,
    historySamples: e.MONITOR_HISTORY_SAMPLES,
    sourceTimeoutMs: e.MONITOR_SOURCE_TIMEOUT_MS,
    groups: e.MONITOR_GROUPS ?? [e.SINK_GROUP_ID],
    // A CDC_TOPIC_PREFIX holds only letters, digits, _ and -: nothing to escape.
    topicPattern: e.MONITOR_TOPIC_PATTERN ?? `^${e.CDC_TOPIC_PREFIX}\\.public\\.`,
    slotName: e.MONITOR_SLOT_NAME,
    connectors: e.MONITOR_CONNECTORS,
    autoRestart: e.MONITOR_AUTO_RESTART,
    cloudWatch: e.METRICS_NAMESPACE === undefined ? undefined : { namespace: e.METRICS_NAMESPACE, region: e.AWS_REGION ?? e.DYNAMODB_REGION },
    thresholds: {
      lagWarningMessages: e.MONITOR_LAG_WARNING_MESSAGES,
      lagCriticalMessages: e.MONITOR_LAG_CRITICAL_MESSAGES,
      lagWarningSeconds: e.MONITOR_LAG_WARNING_SECONDS,
      lagCriticalSeconds: e.MONITOR_LAG_CRITICAL_SECONDS,
      watermarkWarningSeconds: e.MONITOR_WATERMARK_WARNING_SECONDS,
      watermarkCriticalSeconds: e.MONITOR_WATERMARK_CRITICAL_SECONDS,
      walWarningBytes: e.MONITOR_WAL_WARNING_BYTES,
      walCriticalBytes: e.MONITOR_WAL_CRITICAL_BYTES,
      slotInactiveCriticalSeconds: e.MONITOR_SLOT_INACTIVE_CRITICAL_SECONDS,
      dlqWarningMessages: e.MONITOR_DLQ_WARNING_MESSAGES,
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Validates the environment, fills defaults, checks cross-field rules; throws CONFIG_INVALID naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Only declared variables are read; an empty value counts as unset (compose files often pass "").
  const declared: Record<string, string> = {};
  for (const name of Object.keys(ENV_SCHEMA.shape)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') declared[name] = value.trim();
  }
  const parsed = ENV_SCHEMA.safeParse(declared);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name}: ${issue.message} (got ${JSON.stringify(redactValue(name, declared[name]))})`;
    });
    throw invalid(problems, parsed.error.issues.map((i) => i.path[0]));
  }
  const e = parsed.data;
  const problems = crossFieldProblems(e);
  const kafkaSecurity = kafkaSecurityFromEnv(e satisfies KafkaSecurityEnv);
  if (!kafkaSecurity.ok) problems.push(...kafkaSecurity.problems);
  if (problems.length > 0 || !kafkaSecurity.ok) throw invalid(problems);
  const builtUrl = declared.DATABASE_URL === undefined ? databaseUrlFromParts(e.DATABASE_HOST, e) : undefined;
  return deepFreeze({
    database: {
      url: builtUrl ?? e.DATABASE_URL,
      urlIsExplicit: declared.DATABASE_URL !== undefined || builtUrl !== undefined,
      readUrl: e.DATABASE_READ_URL ?? databaseUrlFromParts(e.DATABASE_READ_HOST, e),
      poolSize: e.DATABASE_POOL_SIZE,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    terminal: { color: e.NO_COLOR === undefined, debug: e.BELLYFED_DEBUG },
    kafka: { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, security: kafkaSecurity.security },
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL,
    cdcTopicPrefix: e.CDC_TOPIC_PREFIX,
    dynamodb: { endpoint: e.DYNAMODB_ENDPOINT, region: e.DYNAMODB_REGION, table: e.DYNAMODB_TABLE },
    readRouter: {
      phase2: e.PHASE2 === 'on',
      routes: e.READ_ROUTES ?? {},
      freshnessBoundMs: e.FRESHNESS_BOUND_MS,
      watermarkCacheMs: e.WATERMARK_CACHE_MS,
      dynamodbTimeoutMs: e.DYNAMODB_TIMEOUT_MS,
      circuitFailureThreshold: e.CIRCUIT_FAILURE_THRESHOLD,
      circuitOpenMs: e.CIRCUIT_OPEN_MS,
      shadowConcurrency: e.SHADOW_CONCURRENCY,
      adminToken: e.ADMIN_TOKEN,
    },
    sink: {
      groupId: e.SINK_GROUP_ID,
      dlqTopic: e.SINK_DLQ_TOPIC,
      concurrency: e.SINK_CONCURRENCY,
      maxWaitMs: e.SINK_MAX_WAIT_MS,
      port: e.SINK_PORT,
      batchWrites: e.SINK_BATCH_WRITES,
    },
    connect: { url: e.CONNECT_URL.replace(/\/+$/, ''), username: e.CONNECT_USERNAME, password: e.CONNECT_PASSWORD },
    queryUrl: e.QUERY_URL?.replace(/\/+$/, ''),
    monitor: monitorConfig(e),
    analytics: {
      enabled: e.ANALYTICS_ENABLED,
      topic: e.ANALYTICS_TOPIC,
      bufferLimit: e.ANALYTICS_BUFFER_LIMIT,
      batchSize: e.ANALYTICS_BATCH_SIZE,
      flushIntervalMs: e.ANALYTICS_FLUSH_INTERVAL_MS,
    },
    local: {
      homeDir: e.BELLYFED_HOME,
      platformDir: e.BELLYFED_PLATFORM_DIR,
      stateDir: e.BELLYFED_STATE_DIR,
      javaHome: e.JAVA_HOME,
      javaBin: e.BELLYFED_JAVA,
      mvnBin: e.BELLYFED_MVN,
      pgBinDir: e.BELLYFED_PG_BIN,
      ports: {
        postgres: e.BELLYFED_POSTGRES_PORT,
        kafka: e.BELLYFED_KAFKA_PORT,
        kafkaController: e.BELLYFED_KAFKA_CONTROLLER_PORT,
        kafkaScram: e.BELLYFED_KAFKA_SCRAM_PORT,
        registry: e.BELLYFED_REGISTRY_PORT,
        connect: e.BELLYFED_CONNECT_PORT,
        dynamodb: e.BELLYFED_DYNAMODB_PORT,
      },
    },
  });
}

/** Whether BELLYFED_DEBUG asks for stack traces; readable when the rest of the configuration is not. */
export function debugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['1', 'true', 'on', 'yes'].includes(env.BELLYFED_DEBUG?.trim() ?? '');
}

/**
 * The process environment as it is, for what must pass it on rather than interpret it: child
 * processes (which inherit it) and `${env:NAME}` placeholders of connector files. Declared
 * settings are read through loadConfig, never from here.
 */
export function processEnvironment(): Readonly<NodeJS.ProcessEnv> {
  return process.env;
}

/** A URL with its password replaced, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

function redactValue(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (name.endsWith('_PASSWORD') || name.endsWith('_TOKEN')) return '***';
  if (name.endsWith('_URL')) return redactUrl(value);
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

/** The declared variables with description and default, for docs and `--help`. */
export function describeEnv(): Array<{ name: string; description: string; defaultValue: string | undefined }> {
  return Object.entries(ENV_SCHEMA.shape).map(([name, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    const defaultValue = parsed.success && parsed.data !== undefined ? formatDefault(parsed.data) : undefined;
    return { name, description: (schema as z.ZodType).description ?? '', defaultValue };
  });
}

function formatDefault(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
