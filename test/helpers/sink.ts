/**
 * Sink integration helpers on the running platform: a seeded, CDC-captured database of its own
 * (test/helpers/cdc.ts: random database, publication, slot, topic prefix and connector), random
 * DynamoDB tables, the sink's configuration pointed at them, and the checker waited on until
 * DynamoDB is exactly what PostgreSQL implies.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig, type Config } from '../../services/shared/config.js';
import { checkProjection, summarize, type CheckReport } from '../../services/model/checker/index.js';
import { ensureTable } from '../../services/model/table-setup.js';
import { startCdcSource } from './cdc.js';
import { assertLocalUrl } from './local-only.js';
import type { TestDatabase } from './postgres.js';
import { waitFor } from './wait.js';
import { requirePlatform } from './platform-env.js';

export interface SeededSource {
  readonly db: TestDatabase;
  readonly topicPrefix: string;
  readonly connector: string;
  topic(table: string): string;
  stop(): Promise<void>;
}

/** A database seeded with `restaurants` restaurants, then captured: the connector snapshots the seed, then streams. */
export async function startSeededSource(restaurants: number): Promise<SeededSource> {
  // Heartbeats every second: watermark tests need not wait ten.
  return startCdcSource({ idPrefix: 'bfsink', seedRestaurants: restaurants, connectorOverrides: { 'heartbeat.interval.ms': '1000' } });
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

export interface SeededSuite {
  /** The file's seeded, captured database (set by the suite's before hook). */
  readonly source: SeededSource;
  readonly dynamo: DynamoDBClient;
  /** Run after the file's tests, last registered first, before the source is stopped. */
  readonly cleanups: Array<() => Promise<unknown>>;
}

/**
 * The hooks every sink-fed test file needs: skip without the local platform, a seeded source and
 * a DynamoDB client before the tests, and afterwards the file's cleanups, then the source.
 */
export function useSeededSource(restaurants: number): SeededSuite {
  let source: SeededSource | undefined;
  let dynamo: DynamoDBClient | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  before(async function () {
    requirePlatform('CONNECT_URL');
    source = await startSeededSource(restaurants);
    dynamo = testDynamo();
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    dynamo?.destroy();
    await source?.stop();
  });
  return {
    get source() {
      if (!source) throw new Error('the seeded source is set up in before()');
      return source;
    },
    get dynamo() {
      if (!dynamo) throw new Error('the DynamoDB client is set up in before()');
      return dynamo;
    },
    cleanups,
  };
}
