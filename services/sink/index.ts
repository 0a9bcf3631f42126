/**
 * `bellyfed serve sink`: the composition root of the sink. It builds the stages of the
 * change-event path (pipeline.ts: source → decode → transform → write → commit) and what runs
 * beside it — topic supervision (supervisor.ts), freshness tracking and watermark flushing,
 * background maintenance (copy jobs, truncate sweeps), the /metrics, /healthz, /readyz
 * endpoints — and shuts them down in order. A bug in a batch stops the process (status 70).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SinkServiceConfig } from '../shared/config.js';
import { createDynamoClient } from '../shared/dynamodb/client.js';
import { describeError, isBellyfedError } from '../shared/errors.js';
import { createKafka } from '../shared/kafka/client.js';
import type { Logger } from '../shared/logger.js';
import { DeadLetterProducer } from './dlq/producer.js';
import { startSinkHttp } from './http.js';
import { SinkMetrics } from './metrics.js';
import { WireDecoder } from './decode/wire-decoder.js';
import { ensureTable } from '../model/table-setup.js';
import { FreshnessTracker } from './freshness/freshness.js';
import { ChangePipeline, type BatchObserver } from './pipeline.js';
import { KafkaSourceAdmin } from './source/kafka-admin.js';
import { KafkaChangeSource } from './source/kafka-source.js';
import { appTableOf } from './source/topics.js';
import { TopicSupervisor } from './supervisor.js';
import { WriteStage } from './writer/write-stage.js';
import { BatchWriter } from './writer/batch-writer.js';
import { DynamoCalls } from '../shared/dynamodb/calls.js';
import type { DynamoPort } from '../shared/dynamodb/port.js';
import { FenceCache } from './writer/fence-cache.js';
import { DEFAULT_LEASE_TIMING, type LeaseTiming } from './writer/lease/protocol.js';
import { WriteLeases } from './writer/lease/write-leases.js';
import { MaintenanceRunner } from './writer/maintenance.js';
import { Watermarks } from './freshness/watermarks.js';
import { RETRY_POLICIES } from '../shared/retry-policies.js';

export { type AppliedBatch, type BatchObserver } from './pipeline.js';

/** The exit status of a sink stopped by a bug (EX_SOFTWARE): its orchestrator restarts it, and it stops again until the bug is fixed. */
export const SINK_BUG_EXIT_CODE = 70;

/** Tunables that are not deployment settings (tests shorten them). */
export interface SinkTuning {
  /** Requests in flight per partition batch. */
  inFlightPerBatch: number;
  topicRefreshMs: number;
  watermarkFlushMs: number;
  maintenanceIntervalMs: number;
  copySettleMs: number;
  fenceRefreshMs: number;
  /** Writer retries of one request before the batch is retried in place. */
  maxAttempts: number;
  /** BatchWriteItem requests in flight per partition batch (25 items each; dynalite is single-threaded). */
  blindInFlightPerBatch: number;
  lease: LeaseTiming;
}

export const DEFAULT_TUNING: SinkTuning = {
  inFlightPerBatch: 32,
  topicRefreshMs: 10_000,
  watermarkFlushMs: 1000,
  maintenanceIntervalMs: 250,
  copySettleMs: 3000,
  fenceRefreshMs: 2000,
  maxAttempts: 8,
  blindInFlightPerBatch: 4,
  lease: DEFAULT_LEASE_TIMING,
};

export interface RunningSink {
  url: string;
  supervisor: TopicSupervisor;
  metrics: SinkMetrics;
  maintenance: MaintenanceRunner;
  close(): Promise<void>;
}

export interface SinkOverrides {
  tuning?: Partial<SinkTuning>;
  /** The DynamoDB seam (tests inject a fault here); default: a client from the configuration. */
  dynamo?: DynamoPort;
  /** Told about every applied batch (the latency benchmark). */
  observer?: BatchObserver;
  /** A bug stopped the change-event path; default: log at fatal and exit with SINK_BUG_EXIT_CODE. */
  onBug?: (error: unknown) => void;
}

export async function startSink(config: SinkServiceConfig, logger: Logger, overrides: SinkOverrides = {}): Promise<RunningSink> {
  const tuning = { ...DEFAULT_TUNING, ...overrides.tuning };
  const client: DynamoDBClient | undefined = overrides.dynamo ? undefined : createDynamoClient(config, { maxAttempts: 1 });
  const port: DynamoPort = overrides.dynamo ?? client!;
  if (client) await ensureTable(client, config.dynamodb.table);

  const watermarks = new Watermarks();
  let maintenance: MaintenanceRunner | undefined;
  const metrics = new SinkMetrics(() => watermarks.latestByTable, () => maintenance?.pendingJobs ?? 0);
  const calls = new DynamoCalls(port, config.dynamodb.table, { policy: { ...RETRY_POLICIES.dynamodb, maxAttempts: tuning.maxAttempts } }, metrics);
  maintenance = new MaintenanceRunner(calls, {
    intervalMs: tuning.maintenanceIntervalMs, copySettleMs: tuning.copySettleMs,
    truncateSecondPassMs: tuning.fenceRefreshMs * 2, inFlight: tuning.inFlightPerBatch,
  }, logger.child({ component: 'maintenance' }));
  const kafka = createKafka({ brokers: config.kafka.brokers, clientId: `${config.kafka.clientId}-sink`, logger, security: config.kafka.security });
  await ensureDeadLetterTopic(kafka, config.sink.dlqTopic, logger);
  const deadLetters = new DeadLetterProducer(kafka, config.sink.dlqTopic);
  const leases = config.sink.batchWrites
    ? new WriteLeases(`${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`, calls, tuning.lease, logger.child({ component: 'leases' }))
    : undefined;
  const admin = new KafkaSourceAdmin(kafka);
  let supervisor: TopicSupervisor | undefined;
  const freshness = new FreshnessTracker(watermarks, admin, () => supervisor?.topics ?? [], {
    topicPrefix: config.cdcTopicPrefix, groupId: config.sink.groupId,
  }, logger);
  const pipeline = new ChangePipeline({
    decoder: new WireDecoder(config.schemaRegistryUrl),
    write: new WriteStage(
      new BatchWriter(new FenceCache(tuning.fenceRefreshMs), { inFlight: tuning.inFlightPerBatch, blindInFlight: tuning.blindInFlightPerBatch }),
      leases, metrics, logger,
    ),
    deadLetters, freshness, calls, metrics, logger, leases, observer: overrides.observer,
  });
  const onBug = overrides.onBug ?? ((error: unknown) => {
    logger.fatal({ err: describeError(error) }, 'a bug stopped the sink (SINK_PROGRAMMER_ERROR); nothing of the batch was committed');
    process.exit(SINK_BUG_EXIT_CODE);
  });
  supervisor = new TopicSupervisor(
    (topics, listener) => new KafkaChangeSource({
      kafka, groupId: config.sink.groupId, topics: [...topics], logger, concurrency: config.sink.concurrency,
      maxWaitTimeMs: config.sink.maxWaitMs, fromBeginning: true, listener,
    }),
    admin,
    pipeline.handle,
    {
      assigned: (assignment) => {
        const owned = Object.entries(assignment);
        leases?.keepOnly(new Map(owned.map(([topic, partitions]) => [topic, new Set(partitions)])));
        leases?.prepare(owned
          .filter(([topic]) => appTableOf(topic, config.cdcTopicPrefix) !== undefined)
          .flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition }))));
      },
      batchFailed: () => metrics.batchFailures.inc(),
      fatal: (batch, error) => {
        logger.fatal({ topic: batch.topic, partition: batch.partition, firstOffset: batch.messages[0]?.offset }, 'a batch hit a bug');
        onBug(error);
      },
    },
    { topicPrefix: config.cdcTopicPrefix, groupId: config.sink.groupId, topicRefreshMs: tuning.topicRefreshMs },
    logger,
  );
  const worker = supervisor;
  const http = await startSinkHttp(config.http.host, config.sink.port, metrics.registry, { live: () => true, ready: () => worker.ready });

  let flushing: Promise<void> | undefined;
  const flushWatermarks = () => {
    flushing ??= watermarks.flush(calls)
      .catch((err: unknown) => logger.warn({ err: describeError(err) }, 'watermark flush failed; retrying'))
      .finally(() => {
        flushing = undefined;
      });
    return flushing;
  };
  const flushTimer = setInterval(() => void flushWatermarks(), tuning.watermarkFlushMs);
  maintenance.start();
  worker.start();
  logger.info({ table: config.dynamodb.table, group: config.sink.groupId, prefix: config.cdcTopicPrefix, metrics: `${http.url}/metrics` }, 'sink started');

  const runner = maintenance;
  return {
    url: http.url,
    supervisor: worker,
    metrics,
    maintenance: runner,
    async close() {
      await worker.stop();
      // Every batch has ended: the next holder of these partitions need not wait out the leases.
      await leases?.releaseAll();
      await freshness.settled();
      await admin.close();
      clearInterval(flushTimer);
      await flushing;
      await flushWatermarks();
      await runner.stop();
      await deadLetters.close();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      client?.destroy();
    },
  };
}

async function ensureDeadLetterTopic(kafka: ReturnType<typeof createKafka>, topic: string, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      logger.info({ topic }, 'created the dead-letter topic');
    }
  } catch (err) {
    // Refused credentials will not get better: stop at start with the one clear message.
    if (isBellyfedError(err, 'KAFKA_AUTH_FAILED')) throw err;
    // The producer may still create it (auto-creation) or it exists under another owner's policy.
    logger.warn({ topic, err: describeError(err) }, 'could not check or create the dead-letter topic');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
