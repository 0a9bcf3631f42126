/**
 * The monitor's sources on real clients: one Kafka admin (plus the offset-timestamp reader), a
 * small PostgreSQL pool, the Connect REST client, a DynamoDB client and, with QUERY_URL, a
 * scrape of the query service. Clients connect lazily and reconnect at the next sample after a
 * failure, so the monitor starts (and reports) with any part of the platform down.
 */
import type { Admin } from 'kafkajs';
import { ConnectClient } from '../shared/connect/client.js';
import { CAPTURED_TABLES } from '../model/captured-tables.js';
import type { MonitorServiceConfig } from '../shared/config.js';
import { createPool } from '../shared/database.js';
import { createDynamoClient } from '../shared/dynamodb/client.js';
import { createKafka } from '../shared/kafka/client.js';
import type { Logger } from '../shared/logger.js';
import { readWithin, type PipelineSources } from './sampler.js';
import { readConnectors } from './sources/connectors.js';
import { readConsumerLag } from './sources/consumer-lag.js';
import { readDeadLetters } from './sources/dead-letters.js';
import { createOffsetTimestampReader } from './sources/oldest-message.js';
import { readReplicationSlot } from './sources/replication-slot.js';
import { readRouterCounts } from './sources/read-router.js';
import { readWatermarks } from './sources/watermarks.js';

export interface LiveSources extends PipelineSources {
  close(): Promise<void>;
}

export function changeTopic(prefix: string, table: string): string {
  return `${prefix}.public.${table}`;
}

export function createLiveSources(config: MonitorServiceConfig, logger: Logger): LiveSources {
  const m = config.monitor;
  const log = logger.child({ component: 'monitor-sources' });
  const kafka = createKafka({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-monitor`,
    logger,
    security: config.kafka.security,
    connectionTimeoutMs: Math.min(3000, m.sourceTimeoutMs),
    requestTimeoutMs: m.sourceTimeoutMs,
    retries: 1,
  });
  const admin = kafka.admin();
  let adminReady: Promise<Admin> | undefined;
  const connectedAdmin = () => {
    adminReady ??= admin.connect().then(
      () => admin,
      (err: unknown) => {
        adminReady = undefined;
        throw err;
      },
    );
    return adminReady;
  };
  const timestamps = createOffsetTimestampReader(kafka);
  const pool = createPool(config.database.url, { max: 2, statementTimeoutMs: m.sourceTimeoutMs, applicationName: 'bellyfed-monitor', logger });
  const connect = new ConnectClient({ ...config.connect, timeoutMs: m.sourceTimeoutMs });
  const dynamodb = createDynamoClient(config, { requestTimeoutMs: m.sourceTimeoutMs, maxAttempts: 1 });
  const topicPattern = new RegExp(m.topicPattern);
  // The change topics' partitions, remembered so watermarks stay readable while Kafka is not.
  let knownPartitions = new Map<string, readonly number[]>(CAPTURED_TABLES.map((t) => [t, [0]]));

  const discoverPartitions = async () => {
    const a = await connectedAdmin();
    const existing = new Set(await a.listTopics());
    const topics = CAPTURED_TABLES.map((t) => changeTopic(config.cdcTopicPrefix, t)).filter((t) => existing.has(t));
    const metadata = topics.length === 0 ? { topics: [] } : await a.fetchTopicMetadata({ topics });
    knownPartitions = new Map(CAPTURED_TABLES.map((table) => {
      const topic = metadata.topics.find((t) => t.name === changeTopic(config.cdcTopicPrefix, table));
      return [table, topic === undefined ? [] : topic.partitions.map((p) => p.partitionId).sort((x, y) => x - y)];
    }));
  };
  const changeTopicPartitions = async (): Promise<ReadonlyMap<string, readonly number[]>> => {
    // Half the source's time at most: a down Kafka must not also cost the watermarks their deadline.
    const found = await readWithin('change topic partitions', Math.floor(m.sourceTimeoutMs / 2), discoverPartitions);
    if (found.status === 'unavailable') log.debug({ error: found.error }, 'change topic partitions unknown; using the last known');
    return knownPartitions;
  };

  return {
    consumers: async () =>
      readConsumerLag({
        admin: await connectedAdmin(),
        timestamps,
        groups: m.groups,
        topicPattern,
        now: Date.now,
        onTimestampError: (err) => log.warn({ err: { message: (err as Error).message } }, 'cannot read the oldest unconsumed messages; time lag unknown'),
      }),
    slot: (previous) => readReplicationSlot(pool, m.slotName, new Date(), previous),
    connectors: () => readConnectors(connect, m.connectors),
    watermarks: async () =>
      readWatermarks({ dynamodb, table: config.dynamodb.table, partitions: await changeTopicPartitions(), nowMs: Date.now() }),
    deadLetters: async () => readDeadLetters(await connectedAdmin(), config.sink.dlqTopic),
    router: config.queryUrl === undefined ? undefined : () => readRouterCounts(config.queryUrl!, m.sourceTimeoutMs),
    async close() {
      await Promise.allSettled([
        timestamps.close(),
        adminReady?.then((a) => a.disconnect()),
        pool.end(),
      ]);
      dynamodb.destroy();
    },
  };
}
