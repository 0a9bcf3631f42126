/**
 * Sink integration helpers on the running platform: a seeded, CDC-captured database of its own
 * (random database, publication, slot, topic prefix and connector, snapshot of the seed), random
 * DynamoDB tables, the sink's configuration pointed at them, and the checker waited on until DynamoDB is exactly what PostgreSQL implies.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CAPTURED_TABLES, CDC_ROLE, HEARTBEAT_TABLE, SIGNAL_TABLE } from '../../services/connectors/captured-tables.js';
import { loadConnectorDefinitions } from '../../services/connectors/definitions.js';
import { CONNECTORS_DIR } from '../../services/connectors/paths.js';
import { resolvePlaceholders } from '../../services/connectors/placeholders.js';
import { prepareSourceDatabase } from '../../services/connectors/source-database.js';
import type { ConnectorConfig, ConnectorStatus } from '../../services/connectors/types.js';
import { loadMigrations, migrate } from '../../services/db/migrate.js';
import { seedDatabase } from '../../services/db/seed/seed.js';
import { loadConfig, type Config } from '../../services/shared/config.js';
import { checkProjection, summarize, type CheckReport } from '../../services/sink/checker/index.js';
import { ensureTable } from '../../services/sink/table-setup.js';
import { connectClient } from './cdc.js';
import { deleteSubjects, deleteTopics } from './kafka.js';
import { assertLocalUrl } from './local-only.js';
import { createDatabase, type TestDatabase } from './postgres.js';
import { waitFor } from './wait.js';

export interface SeededSource {
  readonly db: TestDatabase;
  readonly topicPrefix: string;
  readonly connector: string;
  topic(table: string): string;
  stop(): Promise<void>;
}

const allRunning = (s: ConnectorStatus) => s.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
const failure = (s: ConnectorStatus) => (s.connector.state === 'FAILED' ? s.connector.trace ?? 'FAILED' : s.tasks.find((t) => t.state === 'FAILED')?.trace);

/** A database seeded with `restaurants` restaurants, then captured: the connector snapshots the seed, then streams. */
export async function startSeededSource(restaurants: number): Promise<SeededSource> {
  const id = `bfsink_${randomBytes(4).toString('hex')}`;
  const connector = id.replaceAll('_', '-');
  const client = connectClient();
  const db = await createDatabase({ prefix: id });
  const cleanups: Array<() => Promise<unknown>> = [() => db.drop()];
  const stop = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => failures.push(err));
    cleanups.length = 0;
    if (failures.length > 0) throw new Error(`sink source cleanup failed: ${failures.map(String).join('; ')}`);
  };
  try {
    await migrate(db.pool, await loadMigrations());
    await seedDatabase(db.pool, { restaurants, seed: 11, reset: false });
    await prepareSourceDatabase(db.pool);
    const tables = [...CAPTURED_TABLES.map((t) => `public.${t}`), HEARTBEAT_TABLE, SIGNAL_TABLE];
    await db.pool.query(`CREATE PUBLICATION ${id} FOR TABLE ${tables.join(', ')}`);
    cleanups.push(() => dropSlot(db, id));
    cleanups.push(() => deleteTopics((t) => t.startsWith(`${id}.`) || t === `__debezium-heartbeat.${id}`));
    cleanups.push(() => deleteSubjects((s) => s.startsWith(`${id}.`) || s.startsWith(`__debezium-heartbeat.${id}-`)));
    const [definition] = await loadConnectorDefinitions(CONNECTORS_DIR, ['bellyfed-postgres-source']);
    const url = new URL(db.url);
    const registry = new URL(loadConfig(process.env).schemaRegistryUrl);
    const resolved = resolvePlaceholders(definition!, {
      CDC_DATABASE_HOST: url.hostname, CDC_DATABASE_PORT: url.port || '5432', CDC_DATABASE_NAME: db.name, CDC_DATABASE_USER: CDC_ROLE,
      CDC_DATABASE_PASSWORD: process.env.CDC_DATABASE_PASSWORD || 'unused-with-trust-auth', CDC_DATABASE_SSLMODE: 'disable',
      CDC_TOPIC_PREFIX: id, APICURIO_REGISTRY_URL: `${registry.origin}/apis/registry/v2`,
    });
    const config: ConnectorConfig = {
      ...resolved.config, name: connector, 'slot.name': id, 'publication.name': id,
      // Heartbeats every second: watermark tests need not wait ten.
      'heartbeat.interval.ms': '1000',
    };
    cleanups.push(async () => {
      if ((await client.findConfig(connector)) !== undefined) await client.delete(connector);
      await waitFor(async () => (await client.findConfig(connector)) === undefined, `connector ${connector} to be deleted`);
    });
    await client.putConfig(connector, config);
    const status = await waitFor(async () => {
      const current = await client.status(connector);
      return allRunning(current) || failure(current) !== undefined ? current : undefined;
    }, `connector ${connector} to be RUNNING`, { timeoutMs: 60_000, intervalMs: 250 });
    const trace = failure(status);
    if (trace) throw new Error(`connector ${connector} failed: ${trace.split('\n').slice(0, 3).join(' | ')}`);
    await waitFor(async () => {
      const { rows } = await db.pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [id]);
      return rows[0]?.active === true;
    }, `slot ${id} to be streaming`, { timeoutMs: 90_000, intervalMs: 200 });
    return { db, topicPrefix: id, connector, topic: (table) => `${id}.public.${table}`, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

async function dropSlot(db: TestDatabase, slot: string): Promise<void> {
  await waitFor(async () => {
    const { rows } = await db.pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    if (rows.length === 0) return true;
    if (rows[0]!.active) return false;
    await db.pool.query('SELECT pg_drop_replication_slot($1)', [slot]);
    return true;
  }, `slot ${slot} to be dropped`, { timeoutMs: 30_000, intervalMs: 200 });
}

/** The sink's configuration for one test: its own table, group, DLQ topic; metrics on a free port. */
export function sinkConfig(source: SeededSource, overrides: Record<string, string> = {}): Config & { env: NodeJS.ProcessEnv } {
  const suffix = randomBytes(4).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDC_TOPIC_PREFIX: source.topicPrefix,
    DYNAMODB_TABLE: `sinktest_${suffix}`,
    SINK_GROUP_ID: `sinktest-${suffix}`,
    SINK_DLQ_TOPIC: `sinktest.${suffix}.dlq`,
    SINK_PORT: '0',
    SINK_CONCURRENCY: '4',
    ...overrides,
  };
  const config = loadConfig(env);
  if (config.dynamodb.endpoint) assertLocalUrl(config.dynamodb.endpoint, 'DYNAMODB_ENDPOINT');
  return Object.assign(Object.create(null) as object, config, { env }) as Config & { env: NodeJS.ProcessEnv };
}

export function testDynamo(endpoint?: string): DynamoDBClient {
  const config = loadConfig(process.env);
  const target = endpoint ?? config.dynamodb.endpoint;
  if (!target) throw new Error('DYNAMODB_ENDPOINT is unset: run with eval "$(bellyfed local env)"');
  assertLocalUrl(target, 'DYNAMODB_ENDPOINT');
  return new DynamoDBClient({ region: config.dynamodb.region, endpoint: target, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

export async function createTestTable(client: DynamoDBClient, name: string): Promise<() => Promise<void>> {
  await ensureTable(client, name);
  return async () => {
    await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  };
}

/** Waits until the checker finds DynamoDB exactly equal to what PostgreSQL implies; fails with the differences. */
export async function waitUntilExact(source: SeededSource, client: DynamoDBClient, table: string, timeoutMs = 120_000): Promise<CheckReport> {
  let last: CheckReport | undefined;
  try {
    return await waitFor(async () => {
      last = await checkProjection(source.db.pool, client, table);
      return last.equal ? last : undefined;
    }, `DynamoDB table ${table} to equal what PostgreSQL implies`, { timeoutMs, intervalMs: 500 });
  } catch (err) {
    throw new Error(`${(err as Error).message}\nlast check: ${last ? summarize(last) : 'none'}`);
  }
}
