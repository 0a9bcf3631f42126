/**
 * The platform's configuration: the only module that reads process.env (through loadConfig's
 * argument). Every variable is declared once in ENV_SCHEMA with its default and description;
 * the README's configuration table is checked against it by a test.
 */
import { z } from 'zod';
import { BellyfedError } from './errors.js';
import { kafkaSecurityFromEnv, type KafkaSecurityEnv } from './kafka/security-config.js';
import { KAFKA_SECURITY_MODES, SCRAM_MECHANISMS, type KafkaSecurity } from './kafka/security.js';

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
  DYNAMODB_ENDPOINT: httpUrl
    .optional()
    .describe('DynamoDB endpoint override (dynalite locally); unset means the AWS endpoint of DYNAMODB_REGION.'),
  DYNAMODB_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-west-1' }).default('us-east-1')
    .describe('AWS region of the DynamoDB table.'),
  DYNAMODB_TABLE: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)' })
    .default('bellyfed')
    .describe('The single DynamoDB table of the Phase 2 projection.'),
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
  readonly cdcTopicPrefix: string;
  readonly sink: {
    readonly groupId: string;
    readonly dlqTopic: string;
    readonly concurrency: number;
    readonly maxWaitMs: number;
    readonly port: number;
  };
  readonly connect: { readonly url: string; readonly username: string | undefined; readonly password: string | undefined };
  readonly analytics: {
    readonly enabled: boolean;
    readonly topic: string;
    readonly bufferLimit: number;
    readonly batchSize: number;
    readonly flushIntervalMs: number;
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
    cdcTopicPrefix: e.CDC_TOPIC_PREFIX,
    sink: {
      groupId: e.SINK_GROUP_ID,
      dlqTopic: e.SINK_DLQ_TOPIC,
      concurrency: e.SINK_CONCURRENCY,
      maxWaitMs: e.SINK_MAX_WAIT_MS,
      port: e.SINK_PORT,
    },
    connect: { url: e.CONNECT_URL.replace(/\/+$/, ''), username: e.CONNECT_USERNAME, password: e.CONNECT_PASSWORD },
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
  if (name.endsWith('_PASSWORD')) return '***';
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
