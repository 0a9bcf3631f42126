/**
 * The platform's configuration: the only module that reads process.env (through loadConfig's
 * argument). Every variable is declared once in ENV_SCHEMA with its default and description;
 * the README's configuration table is checked against it by a test.
 */
import { z } from 'zod';
import { BellyfedError } from './errors.js';
import { kafkaSecurityFromEnv, type KafkaSecurityEnv } from './kafka/security-config.js';
import { KAFKA_SECURITY_MODES, SCRAM_MECHANISMS, type KafkaSecurity } from './kafka/security.js';
import { parseRouteSpec, type RouteOverrides } from '../query/router/route-spec.js';

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
    message: 'must be a postgres:// or postgresql:// URL, e.g. postgres://user@127.0.0.1:5432/bellyfed',
  });

const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: 'must be an http:// or https:// URL' });

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

const bool = z.enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], {
  message: 'must be true or false',
}).transform((v) => ['true', '1', 'on', 'yes'].includes(v));

const nameList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.string()).min(1, { message: 'must list at least one name, comma-separated' }));

const regexSource = z.string().refine((v) => {
  try {
    new RegExp(v);
    return true;
  } catch {
    return false;
  }
}, { message: 'must be a valid regular expression' });

const brokerList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, { message: 'each broker must be host:port' }))
      .min(1, { message: 'must list at least one broker as host:port' }),
  );

export const ENV_SCHEMA = z.object({
  DATABASE_URL: postgresUrl
    .default('postgres://postgres@127.0.0.1:5432/bellyfed')
    .describe('PostgreSQL writer endpoint (migrations, seeding, reads when no reader is set).'),
  DATABASE_READ_URL: postgresUrl
    .optional()
    .describe('Optional reader endpoint (an Aurora reader): the query service reads from it when set.'),
  DATABASE_POOL_SIZE: int(1, 500).default(10).describe('Maximum connections per pool.'),
  DATABASE_STATEMENT_TIMEOUT_MS: int(100, 600_000)
    .default(5000)
    .describe('Server-side statement timeout for API queries, so no request waits forever.'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface the HTTP services listen on (0.0.0.0 in containers).'),
  PORT: int(0, 65535).default(8080).describe('Port of the query service (0 picks a free port).'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info')
    .describe('pino log level.'),
  SHUTDOWN_TIMEOUT_MS: int(0, 300_000)
    .default(10_000)
    .describe('How long a graceful shutdown waits for in-flight work before it gives up.'),
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']).describe('Comma-separated Kafka bootstrap brokers, host:port.'),
  KAFKA_CLIENT_ID: z.string().min(1).default('bellyfed').describe('Kafka client id prefix.'),
  KAFKA_SECURITY: z
    .enum(KAFKA_SECURITY_MODES, { message: `must be one of ${KAFKA_SECURITY_MODES.join(', ')}` })
    .default('plaintext')
    .describe('How Kafka clients authenticate: plaintext, tls, sasl-scram (user and password) or aws-iam (MSK IAM, OAUTHBEARER).'),
  KAFKA_SASL_MECHANISM: z
    .enum(SCRAM_MECHANISMS, { message: `must be one of ${SCRAM_MECHANISMS.join(', ')}` })
    .default('scram-sha-512')
    .describe('SCRAM mechanism with KAFKA_SECURITY=sasl-scram.'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SCRAM user name (KAFKA_SECURITY=sasl-scram).'),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SCRAM password (KAFKA_SECURITY=sasl-scram); never logged.'),
  KAFKA_TLS: bool
    .optional()
    .describe('TLS to the brokers with sasl-scram (default true; false for a local SASL_PLAINTEXT listener). tls and aws-iam always use TLS.'),
  KAFKA_TLS_CA_FILE: z.string().min(1).optional().describe('PEM file of the CA that signed the brokers\' certificates (default: the system trust store).'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-west-1' })
    .optional()
    .describe('AWS region of the MSK cluster, needed with KAFKA_SECURITY=aws-iam (the AWS SDK reads it too).'),
  SCHEMA_REGISTRY_URL: httpUrl
    .default('http://127.0.0.1:8081/apis/ccompat/v7')
    .describe('Confluent-compatible schema registry API (Apicurio: …/apis/ccompat/v7).'),
  ANALYTICS_ENABLED: bool.default(true).describe('Send analytics events to Kafka (false: count them as dropped).'),
  ANALYTICS_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a valid Kafka topic name' })
    .default('bellyfed.analytics.events')
    .describe('Topic the query service writes analytics events to.'),
  ANALYTICS_BUFFER_LIMIT: int(1, 1_000_000)
    .default(10_000)
    .describe('Events held in memory while Kafka is slow or down; past it, events are dropped and counted.'),
  ANALYTICS_BATCH_SIZE: int(1, 10_000).default(500).describe('Events per produce request.'),
  ANALYTICS_FLUSH_INTERVAL_MS: int(10, 60_000).default(250).describe('Longest an event waits in the buffer before a send.'),
  CONNECT_URL: httpUrl.default('http://127.0.0.1:8083').describe('Kafka Connect REST API (the connectors CLI).'),
  CONNECT_USERNAME: z.string().min(1).optional().describe('Optional basic-auth user for the Kafka Connect REST API.'),
  CONNECT_PASSWORD: z.string().min(1).optional().describe('Basic-auth password for the Kafka Connect REST API (with CONNECT_USERNAME).'),
  CDC_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { message: 'must be a topic prefix of letters, digits, _ or -' })
    .default('bellyfed')
    .describe("Debezium's topic.prefix: change topics are <prefix>.public.<table>."),
  SINK_GROUP_ID: z.string().min(1).max(200).default('bellyfed-sink').describe('Consumer group of the sink workers.'),
  SINK_DLQ_TOPIC: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, { message: 'must be a valid Kafka topic name' })
    .default('bellyfed.sink.dlq')
    .describe('Dead-letter topic: events the sink cannot decode or map, with the reason in headers.'),
  SINK_CONCURRENCY: int(1, 256).default(4).describe('Partitions a sink worker processes at once (each in order).'),
  SINK_MAX_WAIT_MS: int(0, 10_000).default(50).describe('Longest the broker holds a fetch to fill it: low means low latency.'),
  SINK_PORT: int(0, 65535).default(8090).describe("Port of the sink worker's /metrics, /healthz and /readyz."),
  SINK_BATCH_WRITES: bool.default(true)
    .describe('Write puts and deletes as BatchWriteItem under a per-partition write lease (docs/SINK.md); false: every write is a guarded single-item request.'),
  DYNAMODB_ENDPOINT: httpUrl
    .optional()
    .describe('DynamoDB endpoint override (dynalite locally); unset means the AWS endpoint of DYNAMODB_REGION.'),
  DYNAMODB_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-west-1' }).default('us-east-1')
    .describe('AWS region of the DynamoDB table.'),
  DYNAMODB_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)' })
    .default('bellyfed')
    .describe('The single DynamoDB table of the Phase 2 projection.'),
  PHASE2: z.enum(['on', 'off'], { message: 'must be on or off' })
    .default('off')
    .describe('on: the hot read endpoints are served from DynamoDB (with freshness gate and fallback) unless READ_ROUTES says otherwise.'),
  READ_ROUTES: z.string()
    .transform((text, ctx) => {
      const parsed = parseRouteSpec(text);
      if (!parsed.ok) for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
      return parsed.ok ? parsed.routes : {};
    })
    .optional()
    .describe('Per-endpoint store, overriding PHASE2: e.g. restaurants.get=dynamodb,restaurants.list=shadow (postgres, dynamodb or shadow).'),
  FRESHNESS_BOUND_MS: int(100, 3_600_000)
    .default(15_000)
    .describe("A DynamoDB route serves from PostgreSQL when the sink's watermark of a table it reads is older than this; keep it above Debezium's heartbeat interval."),
  WATERMARK_CACHE_MS: int(0, 60_000)
    .default(500)
    .describe('How long the query service reuses the watermarks it read (one DynamoDB Query per interval, not per request).'),
  DYNAMODB_TIMEOUT_MS: int(10, 60_000)
    .default(150)
    .describe('Deadline of a DynamoDB read in the query service; past it the request is aborted and served from PostgreSQL.'),
  CIRCUIT_FAILURE_THRESHOLD: int(1, 1000)
    .default(5)
    .describe('Consecutive DynamoDB failures (errors, timeouts) after which the read-router stops trying DynamoDB for a while.'),
  CIRCUIT_OPEN_MS: int(100, 600_000)
    .default(5000)
    .describe('How long the circuit stays open before one probe request tries DynamoDB again.'),
  SHADOW_CONCURRENCY: int(1, 1000)
    .default(16)
    .describe('Shadow reads of DynamoDB in flight at most; beyond it a comparison is skipped and counted, never queued.'),
  ADMIN_TOKEN: z.string()
    .regex(/^[\x21-\x7e]{16,512}$/, { message: 'must be 16 to 512 printable ASCII characters without spaces' })
    .optional()
    .describe('Bearer token of the admin endpoint (PUT /admin/routes); unset turns the endpoint off. A secret: never logged.'),
  QUERY_URL: httpUrl
    .optional()
    .describe("Base URL of the query service: the monitor scrapes its /metrics for the read-router's fallback and shadow-mismatch counts."),
  METRICS_NAMESPACE: z.string().regex(/^[A-Za-z0-9./#:_-]{1,255}$/, { message: 'must be a CloudWatch namespace such as Bellyfed/prod' })
    .optional()
    .describe('CloudWatch namespace the monitor publishes the pipeline signals to (unset: no publishing).'),
  MONITOR_PORT: int(0, 65535).default(8091).describe('Port of the monitor: dashboard at /, /status, /history, /metrics.'),
  MONITOR_INTERVAL_MS: int(100, 600_000).default(5000).describe('How often the monitor samples lag, slot, connectors, watermarks and the DLQ.'),
  MONITOR_HISTORY_SAMPLES: int(2, 100_000)
    .default(360)
    .describe('Samples the monitor keeps in memory for the dashboard charts (360 × 5 s = 30 minutes).'),
  MONITOR_SOURCE_TIMEOUT_MS: int(100, 60_000)
    .default(3000)
    .describe('Longest the monitor waits for one source (Kafka, PostgreSQL, Connect, DynamoDB, query service) per sample.'),
  MONITOR_GROUPS: nameList.optional().describe('Comma-separated consumer groups whose lag is watched (default: SINK_GROUP_ID).'),
  MONITOR_TOPIC_PATTERN: regexSource
    .optional()
    .describe('Regular expression of the topics each watched group must consume (default: the change topics, ^<CDC_TOPIC_PREFIX>\\.public\\.); topics a group has committed offsets for are watched too.'),
  MONITOR_SLOT_NAME: z.string().regex(/^[a-z0-9_]{1,63}$/, { message: 'must be a replication slot name (a-z, 0-9, _)' })
    .default('bellyfed_slot')
    .describe("The Debezium connector's replication slot, whose activity and retained WAL are watched."),
  MONITOR_CONNECTORS: nameList.default(['bellyfed-postgres-source']).describe('Comma-separated Kafka Connect connectors whose state is watched.'),
  MONITOR_AUTO_RESTART: bool.default(true)
    .describe('Restart a watched connector whose connector or task FAILED (failed parts only), backing off from 30 s to 30 min (docs/RUNBOOK.md).'),
  MONITOR_LAG_WARNING_MESSAGES: int(0, 1_000_000_000).default(1000).describe('Consumer lag of one partition, in messages, that makes the state warning.'),
  MONITOR_LAG_CRITICAL_MESSAGES: int(0, 1_000_000_000).default(10_000).describe('Consumer lag of one partition, in messages, that makes the state critical.'),
  MONITOR_LAG_WARNING_SECONDS: int(0, 604_800).default(30).describe('Age of the oldest unconsumed event of a partition that makes the state warning.'),
  MONITOR_LAG_CRITICAL_SECONDS: int(0, 604_800).default(120).describe('Age of the oldest unconsumed event of a partition that makes the state critical.'),
  MONITOR_WATERMARK_WARNING_SECONDS: int(0, 604_800).default(60).describe("Age of a table's sink watermark (end-to-end freshness) that makes the state warning."),
  MONITOR_WATERMARK_CRITICAL_SECONDS: int(0, 604_800).default(300).describe("Age of a table's sink watermark (end-to-end freshness) that makes the state critical."),
  MONITOR_WAL_WARNING_BYTES: int(0, 1_000_000_000_000_000)
    .default(1024 ** 3)
    .describe('WAL the replication slot retains (pg_current_wal_lsn() − confirmed_flush_lsn) that makes the state warning.'),
  MONITOR_WAL_CRITICAL_BYTES: int(0, 1_000_000_000_000_000)
    .default(5 * 1024 ** 3)
    .describe('WAL the replication slot retains that makes the state critical (PostgreSQL keeps it until the connector confirms).'),
  MONITOR_SLOT_INACTIVE_CRITICAL_SECONDS: int(0, 86_400)
    .default(60)
    .describe('How long the slot may stay inactive (no connector streaming from it) before its warning turns critical.'),
  MONITOR_DLQ_WARNING_MESSAGES: int(0, 1_000_000_000)
    .default(0)
    .describe('Messages held in the dead-letter topic above which the state is warning (0: any dead letter warns).'),
});

type Env = z.infer<typeof ENV_SCHEMA>;

export interface Config {
  readonly database: {
    readonly url: string;
    readonly readUrl: string | undefined;
    readonly poolSize: number;
    readonly statementTimeoutMs: number;
  };
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: Env['LOG_LEVEL'];
  readonly shutdownTimeoutMs: number;
  readonly kafka: { readonly brokers: readonly string[]; readonly clientId: string; readonly security: KafkaSecurity };
  readonly schemaRegistryUrl: string;
  readonly dynamodb: { readonly endpoint: string | undefined; readonly region: string; readonly table: string };
  readonly readRouter: {
    readonly phase2: boolean;
    readonly routes: RouteOverrides;
    readonly freshnessBoundMs: number;
    readonly watermarkCacheMs: number;
    readonly dynamodbTimeoutMs: number;
    readonly circuitFailureThreshold: number;
    readonly circuitOpenMs: number;
    readonly shadowConcurrency: number;
    readonly adminToken: string | undefined;
  };
  readonly cdcTopicPrefix: string;
  readonly sink: {
    readonly groupId: string;
    readonly dlqTopic: string;
    readonly concurrency: number;
    readonly maxWaitMs: number;
    readonly port: number;
    readonly batchWrites: boolean;
  };
  readonly connect: { readonly url: string; readonly username: string | undefined; readonly password: string | undefined };
  readonly queryUrl: string | undefined;
  readonly monitor: MonitorConfig;
  readonly analytics: {
    readonly enabled: boolean;
    readonly topic: string;
    readonly bufferLimit: number;
    readonly batchSize: number;
    readonly flushIntervalMs: number;
  };
}

export interface MonitorThresholds {
  readonly lagWarningMessages: number;
  readonly lagCriticalMessages: number;
  readonly lagWarningSeconds: number;
  readonly lagCriticalSeconds: number;
  readonly watermarkWarningSeconds: number;
  readonly watermarkCriticalSeconds: number;
  readonly walWarningBytes: number;
  readonly walCriticalBytes: number;
  readonly slotInactiveCriticalSeconds: number;
  readonly dlqWarningMessages: number;
}

export interface MonitorConfig {
  readonly port: number;
  readonly intervalMs: number;
  readonly historySamples: number;
  readonly sourceTimeoutMs: number;
  readonly groups: readonly string[];
  /** Source of a RegExp: the topics every watched group must consume. */
  readonly topicPattern: string;
  readonly slotName: string;
  readonly connectors: readonly string[];
  /** Restart failed connectors (services/monitor/auto-restart/). */
  readonly autoRestart: boolean;
  readonly thresholds: MonitorThresholds;
  /** CloudWatch namespace to publish to, with the region of the deployment; undefined: none. */
  readonly cloudWatch: { readonly namespace: string; readonly region: string } | undefined;
}

const MONITOR_THRESHOLD_PAIRS = [
  ['MONITOR_LAG_WARNING_MESSAGES', 'MONITOR_LAG_CRITICAL_MESSAGES'],
  ['MONITOR_LAG_WARNING_SECONDS', 'MONITOR_LAG_CRITICAL_SECONDS'],
  ['MONITOR_WATERMARK_WARNING_SECONDS', 'MONITOR_WATERMARK_CRITICAL_SECONDS'],
  ['MONITOR_WAL_WARNING_BYTES', 'MONITOR_WAL_CRITICAL_BYTES'],
] as const;

function monitorConfig(e: Env): MonitorConfig {
  const inverted = MONITOR_THRESHOLD_PAIRS.filter(([warning, critical]) => e[warning] > e[critical]);
  if (inverted.length > 0) {
    const problems = inverted.map(([warning, critical]) => `${warning}: must not exceed ${critical} (${e[warning]} > ${e[critical]})`);
    throw new BellyfedError('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
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
    throw new BellyfedError('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: { variables: parsed.error.issues.map((i) => i.path[0]) },
    });
  }
  const e = parsed.data;
  if (e.ANALYTICS_BATCH_SIZE > e.ANALYTICS_BUFFER_LIMIT) {
    throw new BellyfedError(
      'CONFIG_INVALID',
      `Invalid configuration:\n  ANALYTICS_BATCH_SIZE: must not exceed ANALYTICS_BUFFER_LIMIT (${e.ANALYTICS_BATCH_SIZE} > ${e.ANALYTICS_BUFFER_LIMIT})`,
    );
  }
  const kafkaSecurity = kafkaSecurityFromEnv(e satisfies KafkaSecurityEnv);
  if (!kafkaSecurity.ok) {
    throw new BellyfedError('CONFIG_INVALID', `Invalid configuration:\n  ${kafkaSecurity.problems.join('\n  ')}`);
  }
  if ((e.CONNECT_USERNAME === undefined) !== (e.CONNECT_PASSWORD === undefined)) {
    throw new BellyfedError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  CONNECT_USERNAME, CONNECT_PASSWORD: set both for basic auth, or neither',
    );
  }
  return deepFreeze({
    database: {
      url: e.DATABASE_URL,
      readUrl: e.DATABASE_READ_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    kafka: { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, security: kafkaSecurity.security },
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL,
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
    cdcTopicPrefix: e.CDC_TOPIC_PREFIX,
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
  });
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
