/** The query service's analytics events: where they go and how much may wait for Kafka. */
import { bool, int, topicName } from './fields.js';

export const ANALYTICS_ENV = {
  ANALYTICS_ENABLED: bool.default(true).describe('Send analytics events to Kafka (false: count them as dropped).'),
  ANALYTICS_TOPIC: topicName.default('bellyfed.analytics.events').describe('Topic the query service writes analytics events to.'),
  ANALYTICS_BUFFER_LIMIT: int(1, 1_000_000)
    .default(10_000)
    .describe('Events held in memory while Kafka is slow or down; past it, events are dropped and counted.'),
  ANALYTICS_BATCH_SIZE: int(1, 10_000).default(500).describe('Events per produce request.'),
  ANALYTICS_FLUSH_INTERVAL_MS: int(10, 60_000).default(250).describe('Longest an event waits in the buffer before a send.'),
};

export interface AnalyticsConfig {
  readonly enabled: boolean;
  readonly topic: string;
  readonly bufferLimit: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
}
