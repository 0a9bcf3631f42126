/** The sink worker: its consumer group, dead-letter topic, parallelism and write path. */
import { z } from 'zod';
import { bool, int, topicName } from './fields.js';

export const SINK_ENV = {
  SINK_GROUP_ID: z.string().min(1).max(200).default('bellyfed-sink').describe('Consumer group of the sink workers.'),
  SINK_DLQ_TOPIC: topicName
    .default('bellyfed.sink.dlq')
    .describe('Dead-letter topic: events the sink cannot decode or map, with the reason in headers.'),
  SINK_CONCURRENCY: int(1, 256).default(4).describe('Partitions a sink worker processes at once (each in order).'),
  SINK_MAX_WAIT_MS: int(0, 10_000).default(50).describe('Longest the broker holds a fetch to fill it: low means low latency.'),
  SINK_PORT: int(0, 65535).default(8090).describe("Port of the sink worker's /metrics, /healthz and /readyz."),
  SINK_BATCH_WRITES: bool.default(true)
    .describe('Write puts and deletes as BatchWriteItem under a per-partition write lease (docs/SINK.md); false: every write is a guarded single-item request.'),
};

export interface SinkConfig {
  readonly groupId: string;
  readonly dlqTopic: string;
  readonly concurrency: number;
  readonly maxWaitMs: number;
  readonly port: number;
  readonly batchWrites: boolean;
}
