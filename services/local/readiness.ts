import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

import { DYNALITE_CREDENTIALS } from './config.js';
import { LocalPlatformError } from './errors.js';

/**
 * One probe per part, each proving the part does real work rather than that a port is open.
 * A probe resolves when ready and rejects with a short reason otherwise; callers poll it.
 */

const PROBE_TIMEOUT_MS = 5_000;

export async function probePostgres(databaseUrl: string, database = 'postgres'): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined); // a server going away mid-probe must not crash the CLI
  await client.connect();
  try {
    const { rows } = await client.query<{ wal_level: string }>('SHOW wal_level');
    const walLevel = rows[0]?.wal_level;
    if (walLevel !== 'logical') {
      throw new LocalPlatformError(
        'LOCAL_POSTGRES_NOT_LOGICAL',
        `PostgreSQL at ${url.host} has wal_level=${walLevel}; Debezium needs logical. ` +
          `Run ALTER SYSTEM SET wal_level = logical and restart that server, or unset DATABASE_URL to use the private cluster.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

const READINESS_TOPIC = '_bellyfed-local-readiness';

/** The broker is ready when it accepts a produce (metadata alone answers before partitions have leaders). */
export async function probeKafka(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bellyfed-local-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: PROBE_TIMEOUT_MS,
    requestTimeout: PROBE_TIMEOUT_MS,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(READINESS_TOPIC)) {
      await admin.createTopics({ topics: [{ topic: READINESS_TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    }
    await producer.connect();
    await producer.send({ topic: READINESS_TOPIC, acks: -1, messages: [{ value: new Date().toISOString() }] });
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

export const DEBEZIUM_POSTGRES_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';
export const APICURIO_AVRO_CONVERTER = 'io.apicurio.registry.utils.converter.AvroConverter';

/** Connect is ready when its REST API lists the Debezium connector and the Avro converter. */
export async function probeConnect(connectUrl: string): Promise<void> {
  const plugins = await getJson<{ class: string }[]>(`${connectUrl}/connector-plugins?connectorsOnly=false`);
  const classes = new Set(plugins.map((plugin) => plugin.class));
  for (const required of [DEBEZIUM_POSTGRES_CONNECTOR, APICURIO_AVRO_CONVERTER]) {
    if (!classes.has(required)) throw new Error(`Connect does not list ${required} (plugin.path wrong or plugin not fetched)`);
  }
}

export async function probeRegistry(schemaRegistryUrl: string): Promise<void> {
  const subjects = await getJson<unknown>(`${schemaRegistryUrl}/subjects`);
  if (!Array.isArray(subjects)) throw new Error(`GET ${schemaRegistryUrl}/subjects did not answer a JSON array`);
}

export async function probeDynamodb(endpoint: string, region: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region, credentials: DYNALITE_CREDENTIALS, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } finally {
    client.destroy();
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}
