/**
 * A monitor of its own per test, on the real platform, watching only what the test created: a
 * random consumer group that stands in for the sink, a random topic, a random (absent) DLQ topic,
 * CDC prefix and DynamoDB table (so no shared lag, watermark or dead letter leaks in). Samples every 200 ms.
 */
import { randomBytes } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { startMonitorService, type RunningMonitor } from '../../../services/monitor/index.js';
import type { PipelineStatus } from '../../../services/monitor/types.js';
import { loadConfig, type Config } from '../../../services/shared/config.js';
import { assertLocalUrl } from '../../helpers/local-only.js';
import { quietLogger } from '../../helpers/postgres.js';
import { waitFor } from '../../helpers/wait.js';

export type Cleanup = () => Promise<void>;

export const SAMPLE_INTERVAL_MS = 200;

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** The test's environment plus isolation and a short interval; `overrides` win. */
export function monitorConfig(overrides: Record<string, string>): Config {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QUERY_URL: '', // the shared query service's counters are not this test's
    HOST: '127.0.0.1',
    MONITOR_PORT: '0',
    MONITOR_INTERVAL_MS: String(SAMPLE_INTERVAL_MS),
    MONITOR_SOURCE_TIMEOUT_MS: '5000',
    CDC_TOPIC_PREFIX: randomId('bfmon'),
    SINK_DLQ_TOPIC: `${randomId('bfmon')}.dlq`,
    // The platform sink's group and table are shared: their lag and watermarks age into critical
    // whenever that sink is not running (e.g. `make demo`, then `local up --skip-services`).
    SINK_GROUP_ID: randomId('bfmon_group'),
    DYNAMODB_TABLE: randomId('bfmon_table'),
    ...overrides,
  };
  const config = loadConfig(env);
  assertLocalUrl(config.database.url, 'DATABASE_URL');
  assertLocalUrl(config.connect.url, 'CONNECT_URL');
  for (const broker of config.kafka.brokers) assertLocalUrl(`kafka://${broker}`, 'KAFKA_BROKERS');
  if (config.dynamodb.endpoint !== undefined) assertLocalUrl(config.dynamodb.endpoint, 'DYNAMODB_ENDPOINT');
  return config;
}

export interface TestMonitor {
  readonly url: string;
  readonly running: RunningMonitor;
  status(): Promise<PipelineStatus>;
  /** Polls /status until `check` returns a value (not undefined/false), with a deadline. */
  until<T>(check: (status: PipelineStatus) => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
}

export async function startTestMonitor(overrides: Record<string, string>, cleanups: Cleanup[]): Promise<TestMonitor> {
  const running = await startMonitorService(monitorConfig(overrides), quietLogger);
  cleanups.push(() => running.close());
  const status = async () => {
    const response = await fetch(`${running.url}/status`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`/status answered ${response.status}`);
    return (await response.json()) as PipelineStatus;
  };
  return {
    url: running.url,
    running,
    status,
    until: (check, what, timeoutMs = 30_000) =>
      waitFor(async () => check(await status()), what, { timeoutMs, intervalMs: SAMPLE_INTERVAL_MS / 2 }),
  };
}

/** Messages to one partition, the k-th (from 0) stamped `timestampOf(k)`. */
export async function produceTo(producer: Producer, topic: string, partition: number, count: number, timestampOf: (k: number) => number = () => Date.now()): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: count }, (_, k) => ({ partition, value: `m${k}`, timestamp: String(timestampOf(k)) })),
  });
}

export async function connectedProducer(kafka: Kafka, cleanups: Cleanup[]): Promise<Producer> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  return producer;
}

/** The lag of the watched group per partition, or undefined while consumer lag cannot be read. */
export function lagByPartition(status: PipelineStatus, group: string, topic: string): Map<number, { lag: number; seconds: number | null; committed: number | null }> | undefined {
  if (status.consumers.status !== 'ok') return undefined;
  const g = status.consumers.data.find((x) => x.group === group);
  if (g === undefined) return undefined;
  return new Map(g.partitions.filter((p) => p.topic === topic).map((p) => [p.partition, { lag: p.lagMessages, seconds: p.lagSeconds, committed: p.committedOffset }]));
}

export async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => failures.push(err));
  cleanups.length = 0;
  if (failures.length > 0) throw new Error(`cleanup failed: ${failures.map(String).join('; ')}`);
}
